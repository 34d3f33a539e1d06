package client

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestProvisioningPolicyPatch(t *testing.T) {
	uid := map[string]any{"type": "identityAttribute", "attributes": map[string]any{"name": "uid"}}
	from := &ProvisioningPolicy{
		Name: "Account", Description: "Default account create policy", UsageType: "CREATE",
		Fields: []FieldDetails{
			{Name: "id", Type: "string", Transform: uid, Attributes: map[string]any{"cloudRequired": "true"}, IsRequired: true},
			{Name: "name", Type: "string", Transform: map[string]any{}, Attributes: map[string]any{}},
		},
	}
	cases := []struct {
		name string
		to   ProvisioningPolicy
		want string
	}{
		{
			// isRequired is ISC's: a copy without it, and with nil standing for ISC's {} defaults,
			// is the same policy.
			name: "read-only and defaults",
			to: ProvisioningPolicy{Name: "Account", Description: "Default account create policy", Fields: []FieldDetails{
				{Name: "id", Type: "string", Transform: uid, Attributes: map[string]any{"cloudRequired": "true"}},
				{Name: "name", Type: "string"},
			}},
			want: `[]`,
		},
		{
			name: "one field changed, one added, description removed",
			to: ProvisioningPolicy{Name: "Account", UsageType: "CREATE", Fields: []FieldDetails{
				{Name: "id", Type: "string", Transform: uid, Attributes: map[string]any{"cloudRequired": "true"}},
				{Name: "name", Type: "string", Transform: map[string]any{"type": "static", "attributes": map[string]any{"value": "x"}}},
				{Name: "mail", Type: "string", IsMultiValued: true, IsRequired: true},
			}},
			want: `[
				{"op":"remove","path":"/description"},
				{"op":"add","path":"/fields/1/transform/type","value":"static"},
				{"op":"add","path":"/fields/1/transform/attributes","value":{"value":"x"}},
				{"op":"add","path":"/fields/2","value":{"name":"mail","type":"string","isMultiValued":true,"transform":{},"attributes":{}}}]`,
		},
		{
			name: "usage type never patched",
			to:   ProvisioningPolicy{Name: "Account", Description: "Default account create policy", UsageType: "UPDATE", Fields: from.Fields[:1]},
			want: `[{"op":"remove","path":"/fields/1"}]`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ProvisioningPolicyPatch(from, &tc.to)
			if err != nil {
				t.Fatal(err)
			}
			if !sameOps(t, p, tc.want) {
				t.Fatalf("ProvisioningPolicyPatch = %s,\nwant %s", p, tc.want)
			}
			if strings.Contains(p.String(), "isRequired") || strings.Contains(p.String(), "usageType") {
				t.Fatalf("the patch touches a field ISC owns: %s", p)
			}
		})
	}
	if !from.Fields[0].IsRequired {
		t.Fatal("ProvisioningPolicyPatch changed its argument")
	}
}

func TestProvisioningPolicyCalls(t *testing.T) {
	var bodies []string
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		bodies = append(bodies, r.Header.Get("Content-Type")+" "+string(body))
		switch r.Method {
		case http.MethodPost:
			writeJSON(w, 201, `{"name":"Account","usageType":"CREATE","fields":[{"name":"id","transform":{},"attributes":{"cloudRequired":"true"},"isRequired":true}]}`)
		case http.MethodPatch:
			writeJSON(w, 200, `{"name":"Renamed","usageType":"CREATE","fields":[]}`)
		case http.MethodPut:
			writeJSON(w, 200, string(body))
		case http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		default:
			writeJSON(w, 200, `[{"name":"Account","usageType":"CREATE","fields":[]}]`)
		}
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()

	created, err := c.CreateProvisioningPolicy(ctx, "s 1", &ProvisioningPolicy{Name: "Account", UsageType: "CREATE", Fields: []FieldDetails{
		{Name: "id", Attributes: map[string]any{"cloudRequired": "true"}, IsRequired: true},
	}})
	if err != nil || !created.Fields[0].IsRequired {
		t.Fatalf("CreateProvisioningPolicy = %+v, %v", created, err)
	}
	if _, err := c.GetProvisioningPolicy(ctx, "s 1", "UPDATE"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetProvisioningPolicy of a missing policy: %v", err)
	}
	if p, err := c.GetProvisioningPolicy(ctx, "s 1", "CREATE"); err != nil || p.Name != "Account" {
		t.Fatalf("GetProvisioningPolicy = %+v, %v", p, err)
	}
	put, err := c.PutProvisioningPolicy(ctx, "s 1", &ProvisioningPolicy{Name: "Whole", UsageType: "CREATE", Fields: []FieldDetails{{Name: "id", IsRequired: true}}})
	if err != nil || put.Name != "Whole" {
		t.Fatalf("PutProvisioningPolicy = %+v, %v", put, err)
	}
	patched, err := c.PatchProvisioningPolicy(ctx, "s 1", "CREATE", Patch{{Op: "replace", Path: "/name", Value: json.RawMessage(`"Renamed"`)}})
	if err != nil || patched.Name != "Renamed" {
		t.Fatalf("PatchProvisioningPolicy = %+v, %v", patched, err)
	}
	if err := c.DeleteProvisioningPolicy(ctx, "s 1", "CREATE"); err != nil {
		t.Fatal(err)
	}

	wantCalls := []string{
		"POST /sources/v1/s 1/provisioning-policies",
		"GET /sources/v1/s 1/provisioning-policies",
		"PUT /sources/v1/s 1/provisioning-policies/CREATE",
		"PATCH /sources/v1/s 1/provisioning-policies/CREATE",
		"DELETE /sources/v1/s 1/provisioning-policies/CREATE",
	}
	if got := f.calls(); strings.Join(got, "\n") != strings.Join(wantCalls, "\n") {
		t.Fatalf("calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantCalls, "\n"))
	}
	// The read-only isRequired is never sent; the patch goes as a JSON Patch.
	wantPost := `application/json {"name":"Account","usageType":"CREATE","fields":[{"name":"id","isMultiValued":false,"transform":{},"attributes":{"cloudRequired":"true"}}]}`
	if bodies[0] != wantPost {
		t.Fatalf("POST body:\n%s\nwant:\n%s", bodies[0], wantPost)
	}
	// Both reads came from one list; the PUT carries the whole policy, without isRequired.
	wantPut := `application/json {"name":"Whole","usageType":"CREATE","fields":[{"name":"id","isMultiValued":false,"transform":{},"attributes":{}}]}`
	if bodies[2] != wantPut {
		t.Fatalf("PUT body:\n%s\nwant:\n%s", bodies[2], wantPut)
	}
	if !strings.HasPrefix(bodies[3], JSONPatchContentType+" ") {
		t.Fatalf("PATCH sent as %q", bodies[3])
	}
}
