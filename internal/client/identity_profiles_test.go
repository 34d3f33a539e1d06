package client

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

func testProfile() *IdentityProfile {
	desc, prio := "people", int64(10)
	return &IdentityProfile{
		ID: "p1", Name: "Employees", Description: &desc, Priority: &prio,
		Owner:               &Reference{Type: RefIdentity, ID: "o1", Name: "Ann"},
		AuthoritativeSource: &Reference{Type: RefSource, ID: "hr", Name: "HR"},
		IdentityAttributeConfig: &IdentityAttributeConfig{Enabled: true, AttributeTransforms: []IdentityAttributeTransform{{
			IdentityAttributeName: "email",
			TransformDefinition:   TransformDefinition{Type: "accountAttribute", Attributes: map[string]any{"attributeName": "mail", "sourceName": "HR"}},
		}}},
		IdentityCount: 3, Created: "2026-01-01T00:00:00Z", Modified: "2026-01-01T00:00:00Z",
	}
}

func TestIdentityProfilePatches(t *testing.T) {
	cases := []struct {
		name   string
		change func(p *IdentityProfile)
		want   []string
	}{
		{"nothing a client may change", func(p *IdentityProfile) {
			p.Modified, p.IdentityCount, p.IdentityRefreshRequired, p.HasTimeBasedAttr = "2027-01-01T00:00:00Z", 9, true, true
			p.IdentityExceptionReportReference = &IdentityExceptionReportReference{TaskResultID: "t", ReportName: "r"}
			p.Owner = &Reference{Type: RefIdentity, ID: "o1", Name: "Ann Smith"}
		}, nil},
		{"description, priority and owner", func(p *IdentityProfile) {
			prio := int64(20)
			p.Description, p.Priority = nil, &prio
			p.Owner = &Reference{Type: RefIdentity, ID: "o2", Name: "Bob"}
		}, []string{`[
			{"op":"remove","path":"/description"},
			{"op":"replace","path":"/owner/id","value":"o2"},
			{"op":"replace","path":"/priority","value":20}]`}},
		{"authoritative source and description in one patch", func(p *IdentityProfile) {
			desc := "staff"
			p.Description = &desc
			p.AuthoritativeSource = &Reference{Type: RefSource, ID: "ad", Name: "AD"}
		}, []string{`[
			{"op":"replace","path":"/authoritativeSource/id","value":"ad"},
			{"op":"replace","path":"/description","value":"staff"}]`}},
		{"attribute config only", func(p *IdentityProfile) {
			p.IdentityAttributeConfig.Enabled = false
			p.IdentityAttributeConfig.AttributeTransforms[0].TransformDefinition.Attributes["attributeName"] = "email"
		}, []string{`[
			{"op":"replace","path":"/identityAttributeConfig/enabled","value":false},
			{"op":"replace","path":"/identityAttributeConfig/attributeTransforms/0/transformDefinition/attributes/attributeName","value":"email"}]`}},
		{"transform added first: at the end", func(p *IdentityProfile) {
			p.IdentityAttributeConfig.AttributeTransforms = append([]IdentityAttributeTransform{{IdentityAttributeName: "uid",
				TransformDefinition: TransformDefinition{Type: "static"}}}, p.IdentityAttributeConfig.AttributeTransforms...)
		}, []string{`[{"op":"add","path":"/identityAttributeConfig/attributeTransforms/1","value":{"identityAttributeName":"uid","transformDefinition":{"type":"static","attributes":null}}}]`}},
		{"authoritative source and attribute config: source first, alone", func(p *IdentityProfile) {
			desc := "staff"
			p.Description = &desc
			p.AuthoritativeSource = &Reference{Type: RefSource, ID: "ad"}
			p.IdentityAttributeConfig.AttributeTransforms = append(p.IdentityAttributeConfig.AttributeTransforms, IdentityAttributeTransform{
				IdentityAttributeName: "uid", TransformDefinition: TransformDefinition{Type: "accountAttribute", Attributes: map[string]any{"attributeName": "sAMAccountName"}},
			})
		}, []string{
			`[{"op":"replace","path":"/authoritativeSource/id","value":"ad"}]`,
			`[
			{"op":"replace","path":"/description","value":"staff"},
			{"op":"add","path":"/identityAttributeConfig/attributeTransforms/1","value":{"identityAttributeName":"uid","transformDefinition":{"type":"accountAttribute","attributes":{"attributeName":"sAMAccountName"}}}}]`,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			from, to := testProfile(), testProfile()
			tc.change(to)
			patches, err := IdentityProfilePatches(from, to)
			if err != nil {
				t.Fatal(err)
			}
			if len(patches) != len(tc.want) {
				t.Fatalf("IdentityProfilePatches = %v, want %d patches", patches, len(tc.want))
			}
			for i, want := range tc.want {
				if !sameOps(t, patches[i], want) {
					t.Fatalf("patch %d = %s,\nwant %s", i, patches[i], want)
				}
			}
			// Sent in order, the patches turn the profile into the wanted one.
			doc, _ := json.Marshal(from.withoutRefNames())
			for _, p := range patches {
				if doc, err = p.Apply(doc); err != nil {
					t.Fatal(err)
				}
			}
			var got IdentityProfile
			if err := json.Unmarshal(doc, &got); err != nil {
				t.Fatal(err)
			}
			got.ID, got.Created, got.Modified, got.IdentityCount = to.ID, to.Created, to.Modified, to.IdentityCount
			got.IdentityRefreshRequired, got.HasTimeBasedAttr, got.IdentityExceptionReportReference = to.IdentityRefreshRequired, to.HasTimeBasedAttr, to.IdentityExceptionReportReference
			// Transforms are keyed by name: their order is not compared.
			for _, p := range []*IdentityProfile{&got, to} {
				slices.SortFunc(p.IdentityAttributeConfig.AttributeTransforms, func(a, b IdentityAttributeTransform) int {
					return strings.Compare(a.IdentityAttributeName, b.IdentityAttributeName)
				})
			}
			want, _ := json.Marshal(to.withoutRefNames())
			if gotDoc, _ := json.Marshal(&got); !JSONEqual(gotDoc, want) {
				t.Fatalf("patched profile %s,\nwant %s", gotDoc, want)
			}
		})
	}
}

// IdentityProfileChanges reads ISC's order of the transforms only when they change, and patches
// them at ISC's indexes whatever the order the caller's profile has.
func TestIdentityProfileChangesFollowISCOrder(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `[{"id":"p1","name":"Employees","authoritativeSource":{"type":"SOURCE","id":"hr","name":"HR"},
			"identityAttributeConfig":{"enabled":true,"attributeTransforms":[
				{"identityAttributeName":"uid","transformDefinition":{"type":"static","attributes":{}}},
				{"identityAttributeName":"email","transformDefinition":{"type":"static","attributes":{}}}]}}]`)
	})
	c, _ := newTestClient(t, f.URL)
	transforms := func(names ...string) *IdentityAttributeConfig {
		config := &IdentityAttributeConfig{Enabled: true}
		for _, n := range names {
			config.AttributeTransforms = append(config.AttributeTransforms, IdentityAttributeTransform{IdentityAttributeName: n,
				TransformDefinition: TransformDefinition{Type: "static", Attributes: map[string]any{}}})
		}
		return config
	}
	profile := func(description string, config *IdentityAttributeConfig) *IdentityProfile {
		return &IdentityProfile{ID: "p1", Name: "Employees", Description: &description,
			AuthoritativeSource: &Reference{Type: RefSource, ID: "hr"}, IdentityAttributeConfig: config}
	}
	// The state's transforms have no order: sorted by name, as the provider builds them.
	from := profile("people", transforms("email", "uid"))
	changedEmail := transforms("uid", "email", "mail")
	changedEmail.AttributeTransforms[1].TransformDefinition.Type = "lower"
	cases := []struct {
		name  string
		to    *IdentityProfile
		want  string
		reads int
	}{
		{"no transform changes", profile("staff", transforms("uid", "email")), `[{"op":"replace","path":"/description","value":"staff"}]`, 0},
		{"one changed, one added", profile("people", changedEmail), `[
			{"op":"replace","path":"/identityAttributeConfig/attributeTransforms/1/transformDefinition/type","value":"lower"},
			{"op":"add","path":"/identityAttributeConfig/attributeTransforms/2","value":{"identityAttributeName":"mail","transformDefinition":{"type":"static","attributes":{}}}}]`, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := len(f.calls())
			patches, err := c.IdentityProfileChanges(context.Background(), from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			if len(patches) != 1 || !sameOps(t, patches[0], tc.want) {
				t.Fatalf("IdentityProfileChanges = %v,\nwant %s", patches, tc.want)
			}
			if reads := len(f.calls()) - before; reads != tc.reads {
				t.Fatalf("%d reads, want %d", reads, tc.reads)
			}
		})
	}
}

func TestUpdateIdentityProfileStopsAtTheFirstFailure(t *testing.T) {
	var bodies []string
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(body))
		if r.Header.Get("Content-Type") != JSONPatchContentType {
			t.Errorf("Content-Type = %q", r.Header.Get("Content-Type"))
		}
		if len(bodies) == 1 {
			writeJSON(w, 200, `{"id":"p1","name":"Employees","authoritativeSource":{"type":"SOURCE","id":"ad","name":"AD"}}`)
			return
		}
		writeJSON(w, 400, `{"detailCode":"400.1 Bad Request Content","messages":[{"text":"bad transform"}]}`)
	})
	c, _ := newTestClient(t, f.URL)
	patches := []Patch{
		{{Op: "replace", Path: "/authoritativeSource/id", Value: json.RawMessage(`"ad"`)}},
		{{Op: "replace", Path: "/identityAttributeConfig/enabled", Value: json.RawMessage(`true`)}},
		{{Op: "replace", Path: "/description", Value: json.RawMessage(`"never sent"`)}},
	}
	out, err := c.UpdateIdentityProfile(context.Background(), "p1", patches)
	if err == nil || !strings.Contains(err.Error(), "bad transform") {
		t.Fatalf("err = %v", err)
	}
	if out == nil || out.AuthoritativeSource.ID != "ad" {
		t.Fatalf("profile after the first patch = %+v", out)
	}
	if len(bodies) != 2 || bodies[0] != patches[0].String() || bodies[1] != patches[1].String() {
		t.Fatalf("bodies sent = %q", bodies)
	}
}

func TestWaitForIdentityProfileDeleted(t *testing.T) {
	gets := 0
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/task-status/v1/"):
			// ISC does not promise the delete task is readable there; the profile's 404 decides.
			writeJSON(w, 404, `{"messages":[{"text":"not found"}]}`)
		case gets < 2:
			gets++
			writeJSON(w, 200, `{"id":"p1"}`)
		default:
			writeJSON(w, 404, `{"messages":[{"text":"not found"}]}`)
		}
	})
	c, w := newTestClient(t, f.URL)
	if err := c.WaitForIdentityProfileDeleted(context.Background(), "p1", "t1"); err != nil {
		t.Fatal(err)
	}
	want := "GET /identity-profiles/v1/p1,GET /identity-profiles/v1/p1,GET /task-status/v1/t1,GET /identity-profiles/v1/p1"
	if got := strings.Join(f.calls(), ","); got != want {
		t.Fatalf("calls = %s, want %s", got, want)
	}
	if len(w.d) != 3 {
		t.Fatalf("waits = %v, want three", w.d)
	}
}

// A wait cut short by its deadline names the task and says how to follow the delete, whether
// the deadline strikes during a pause or during a request.
func TestWaitForIdentityProfileDeletedTimesOut(t *testing.T) {
	for name, hang := range map[string]bool{"in a pause": false, "in a request": true} {
		t.Run(name, func(t *testing.T) {
			f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
				if hang {
					<-r.Context().Done()
					return
				}
				writeJSON(w, 200, `{"id":"t1","completionStatus":null,"messages":[]}`)
			})
			c, _ := newTestClient(t, f.URL)
			c.wait, c.deletes.clock, c.cfg.PollInterval = sleep, nil, 10*time.Millisecond
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			err := c.WaitForIdentityProfileDeleted(ctx, "p1", "t1")
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v, want a deadline error", err)
			}
			for _, want := range []string{"gave up waiting for the deletion of identity profile p1 (task t1)", "GET /task-status/v1/t1", "GET /identity-profiles/v1/p1 answers 404"} {
				if !strings.Contains(err.Error(), want) {
					t.Fatalf("err = %v, want it to contain %q", err, want)
				}
			}
		})
	}
}

func TestDeleteIdentityProfileReadsTheTaskResult(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodDelete || r.URL.Path != "/identity-profiles/v1/p1" {
			t.Errorf("%s %s", r.Method, r.URL.Path)
		}
		writeJSON(w, 202, `{"id":"t1","name":"Background Object Terminator p1","description":"d","launcher":"support","launched":"Mon Aug 21 14:55:39 CDT 2023"}`)
	})
	c, _ := newTestClient(t, f.URL)
	task, err := c.DeleteIdentityProfile(context.Background(), "p1")
	if err != nil || task.ID != "t1" {
		t.Fatalf("DeleteIdentityProfile = %+v, %v", task, err)
	}
}

// A preview sends the configuration, decodes what ISC computed, and leaves the run's read cache
// of profiles alone.
func TestPreviewIdentity(t *testing.T) {
	emu := emulator.New(emulator.Config{})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret, RequestsPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	config := &IdentityAttributeConfig{Enabled: true, AttributeTransforms: []IdentityAttributeTransform{
		{IdentityAttributeName: "uid", TransformDefinition: TransformDefinition{Type: "upper", Attributes: map[string]any{
			"input": map[string]any{"type": "identityAttribute", "attributes": map[string]any{"name": "uid"}}}}},
		{IdentityAttributeName: "email", TransformDefinition: TransformDefinition{Type: "accountAttribute", Attributes: map[string]any{
			"sourceName": "Nowhere", "attributeName": "mail"}}},
	}}
	p, err := c.PreviewIdentity(ctx, emulator.AdminIdentityID, config)
	if err != nil {
		t.Fatal(err)
	}
	if p.Identity.ID != emulator.AdminIdentityID || p.Identity.Name != emulator.AdminIdentityName {
		t.Errorf("identity %+v", p.Identity)
	}
	byName := map[string]IdentityAttributePreview{}
	for _, a := range p.PreviewAttributes {
		byName[a.Name] = a
	}
	if uid := byName["uid"]; uid.Value == nil || *uid.Value != "ISC.ADMIN" || uid.PreviousValue == nil || *uid.PreviousValue != "isc.admin" {
		t.Errorf("uid %+v", uid)
	}
	if email := byName["email"]; email.Value != nil || len(email.ErrorMessages) != 1 || !strings.Contains(email.ErrorMessages[0].Text, "Nowhere") {
		t.Errorf("email %+v", email)
	}
	// The preview is a read: it does not make the run read its profiles again.
	if _, err := c.IdentityProfilesUsingSource(ctx, "hr"); err != nil {
		t.Fatal(err)
	}
	emu.ClearRequests()
	if _, err := c.PreviewIdentity(ctx, emulator.AdminIdentityID, config); err != nil {
		t.Fatal(err)
	}
	if _, err := c.IdentityProfilesUsingSource(ctx, "hr"); err != nil || len(emu.Requests()) != 1 {
		t.Errorf("after a preview, listing profiles took %d requests (%v), want only the preview's", len(emu.Requests()), err)
	}
	if _, err := c.PreviewIdentity(ctx, "nope", config); err == nil || !strings.Contains(err.Error(), "400") {
		t.Errorf("preview of no identity: %v, want ISC's 400", err)
	}
}
