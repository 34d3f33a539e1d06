package client

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestSchemaPatch(t *testing.T) {
	attr := func(name string) AttributeDefinition { return AttributeDefinition{Name: name, Type: "STRING"} }
	group := &Reference{Type: RefConnectorSchema, ID: "g1", Name: "group"}
	base := func() *Schema {
		return &Schema{
			ID: "sc1", Name: "account", NativeObjectType: "User", IdentityAttribute: "id", DisplayAttribute: "name",
			Features: []string{"PROVISIONING", "ENABLE"}, Configuration: map[string]any{"k": "v"},
			Attributes: []AttributeDefinition{attr("id"), attr("name"), {Name: "groups", Type: "STRING", Schema: group, IsMulti: true, IsEntitlement: true, IsGroup: true}},
			Created:    "2026-01-01T00:00:00Z", Modified: "2026-01-01T00:00:00Z",
		}
	}
	cases := []struct {
		name string
		edit func(*Schema)
		want string
	}{
		{"unchanged but for server fields and ordering", func(s *Schema) {
			s.ID, s.Modified, s.Created = "", "2027-01-01T00:00:00Z", ""
			s.Features = []string{"ENABLE", "PROVISIONING"}
			// ISC fills in reference names; a reference known only by id is the same reference.
			s.Attributes[2].Schema = &Reference{Type: RefConnectorSchema, ID: "g1"}
		}, `[]`},
		// Attributes are keyed by name: a new one goes at the end, wherever to has it.
		{"attribute added", func(s *Schema) {
			s.Attributes = append([]AttributeDefinition{s.Attributes[0], {Name: "mail", Type: "STRING", Description: "Email"}}, s.Attributes[1:]...)
		}, `[{"op":"add","path":"/attributes/3","value":{"name":"mail","type":"STRING","description":"Email","isMulti":false,"isEntitlement":false,"isGroup":false}}]`},
		{"attributes in another order", func(s *Schema) { slices.Reverse(s.Attributes) }, `[]`},
		{"attribute removed", func(s *Schema) { s.Attributes = append(s.Attributes[:1], s.Attributes[2:]...) },
			`[{"op":"remove","path":"/attributes/1"}]`},
		{"attribute renamed", func(s *Schema) { s.Attributes[1].Name = "displayName" },
			`[{"op":"remove","path":"/attributes/1"},{"op":"add","path":"/attributes/2","value":{"name":"displayName","type":"STRING","isMulti":false,"isEntitlement":false,"isGroup":false}}]`},
		{"attribute fields", func(s *Schema) {
			s.Attributes[1].Description = "Full name"
			s.Attributes[1].IsMulti = true
		}, `[{"op":"add","path":"/attributes/1/description","value":"Full name"},{"op":"replace","path":"/attributes/1/isMulti","value":true}]`},
		{"scalars", func(s *Schema) {
			s.DisplayAttribute, s.HierarchyAttribute, s.IncludePermissions = "mail", "parent", true
		}, `[{"op":"replace","path":"/displayAttribute","value":"mail"},{"op":"add","path":"/hierarchyAttribute","value":"parent"},{"op":"replace","path":"/includePermissions","value":true}]`},
		{"configuration key by key", func(s *Schema) { s.Configuration = map[string]any{"k": "w", "n": 1} },
			`[{"op":"replace","path":"/configuration/k","value":"w"},{"op":"add","path":"/configuration/n","value":1}]`},
		{"features replaced whole", func(s *Schema) { s.Features = []string{"ENABLE"} },
			`[{"op":"replace","path":"/features","value":["ENABLE"]}]`},
		{"absent lists and objects are empty ones", func(s *Schema) { s.Features, s.Configuration, s.Attributes = nil, nil, nil },
			`[{"op":"remove","path":"/configuration/k"},{"op":"remove","path":"/attributes/0"},{"op":"remove","path":"/attributes/0"},{"op":"remove","path":"/attributes/0"},{"op":"replace","path":"/features","value":[]}]`},
		{"name is never patched", func(s *Schema) { s.Name = "other" }, `[]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			to := base()
			tc.edit(to)
			p, err := SchemaPatch(base(), to)
			if err != nil {
				t.Fatal(err)
			}
			if !sameOps(t, p, tc.want) {
				t.Fatalf("SchemaPatch = %s,\nwant %s", p, tc.want)
			}
		})
	}
}

// SchemaChanges reads ISC's order of the attributes only when they change, and patches them at
// ISC's indexes whatever the order the caller's schema has.
func TestSchemaChangesFollowISCOrder(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `[{"id":"a1","name":"account","displayAttribute":"cn","attributes":[
			{"name":"mail","type":"STRING"},{"name":"uid","type":"STRING"},{"name":"cn","type":"STRING"}]}]`)
	})
	c, _ := newTestClient(t, f.URL)
	attrs := func(names ...string) []AttributeDefinition {
		out := make([]AttributeDefinition, len(names))
		for i, n := range names {
			out[i] = AttributeDefinition{Name: n, Type: "STRING"}
		}
		return out
	}
	// The state's attributes have no order: sorted by name, as the provider builds them.
	from := &Schema{ID: "a1", Name: "account", DisplayAttribute: "cn", Attributes: attrs("cn", "mail", "uid")}
	cases := []struct {
		name  string
		to    *Schema
		want  string
		reads int
	}{
		{"no attribute changes", &Schema{ID: "a1", Name: "account", DisplayAttribute: "uid", Attributes: attrs("uid", "cn", "mail")},
			`[{"op":"replace","path":"/displayAttribute","value":"uid"}]`, 0},
		{"one changed, one removed, one added", &Schema{ID: "a1", Name: "account", DisplayAttribute: "cn", Attributes: append(attrs("cn", "uid", "employeeId"),
			AttributeDefinition{Name: "mail", Type: "STRING", IsMulti: true})[1:]},
			// ISC's cn (last) makes way for employeeId: the smallest patch renames it in place.
			`[{"op":"replace","path":"/attributes/0/isMulti","value":true},{"op":"replace","path":"/attributes/2/name","value":"employeeId"}]`, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := len(f.calls())
			p, err := c.SchemaChanges(context.Background(), "s1", from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			if !sameOps(t, p, tc.want) {
				t.Fatalf("SchemaChanges = %s,\nwant %s", p, tc.want)
			}
			if reads := len(f.calls()) - before; reads != tc.reads {
				t.Fatalf("%d reads, want %d", reads, tc.reads)
			}
		})
	}
}

// FindSchema, SchemaIDByName and GetSchema of one source share one list call, and match names exactly.
func TestSchemaReadsShareTheListAndMatchExactly(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/sources/v1/s1/schemas":
			// Another schema whose name differs only in case must not look like the one asked for.
			writeJSON(w, 200, `[{"id":"x","name":"Account"},{"id":"a1","name":"account","attributes":[{"name":"id","type":"STRING","isMulti":false}]}]`)
		case "/sources/v1/s2/schemas":
			writeJSON(w, 200, `[]`)
		default:
			writeJSON(w, 404, `{"detailCode":"404 Not found","messages":[{"text":"no such source"}]}`)
		}
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	s, err := c.FindSchema(ctx, "s1", "account")
	if err != nil || s == nil || s.ID != "a1" || len(s.Attributes) != 1 || s.Attributes[0].Name != "id" {
		t.Fatalf("FindSchema = %+v, %v", s, err)
	}
	if s, err := c.FindSchema(ctx, "s2", "account"); s != nil || err != nil {
		t.Fatalf("FindSchema on a source without it = %+v, %v", s, err)
	}
	if _, err := c.FindSchema(ctx, "gone", "account"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("FindSchema on a missing source: %v", err)
	}
	if id, err := c.SchemaIDByName(ctx, "s1", "Account"); err != nil || id != "x" {
		t.Fatalf("SchemaIDByName = %q, %v", id, err)
	}
	if s, err := c.GetSchema(ctx, "s1", "a1"); err != nil || s.Name != "account" {
		t.Fatalf("GetSchema = %+v, %v", s, err)
	}
	if _, err := c.GetSchema(ctx, "s1", "zz"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetSchema of a missing schema: %v", err)
	}
	want := "GET /sources/v1/s1/schemas,GET /sources/v1/s2/schemas,GET /sources/v1/gone/schemas"
	if got := strings.Join(f.calls(), ","); got != want {
		t.Fatalf("calls = %s, want %s", got, want)
	}
}

// The schema references of a source the run knows tell whether a schema exists, without a request.
func TestSchemaIDByNameUsesTheSourceTheRunKnows(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		}
		writeJSON(w, 201, `{"id":"s1","name":"HR","schemas":[{"type":"CONNECTOR_SCHEMA","id":"a1","name":"account"}]}`)
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	if _, err := c.CreateSource(ctx, &Source{Name: "HR"}, false); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"account": "a1", "group": ""} {
		if id, err := c.SchemaIDByName(ctx, "s1", name); err != nil || id != want {
			t.Fatalf("SchemaIDByName(%s) = %q, %v; want %q", name, id, err, want)
		}
	}
	if n := len(f.calls()); n != 1 {
		t.Fatalf("calls = %v, want the create only", f.calls())
	}
}

// A PUT carries the schema's id in its body, as ISC requires.
func TestPutSchemaSendsTheID(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPut || r.URL.Path != "/sources/v1/s1/schemas/a1" {
			t.Errorf("%s %s", r.Method, r.URL.Path)
		}
		writeJSON(w, 200, string(body))
	})
	c, _ := newTestClient(t, f.URL)
	s, err := c.PutSchema(context.Background(), "s1", &Schema{ID: "a1", Name: "account", IdentityAttribute: "id"})
	if err != nil || s.ID != "a1" || s.IdentityAttribute != "id" || s.Attributes == nil {
		t.Fatalf("PutSchema = %+v, %v", s, err)
	}
}

func TestCreateSchemaSendsEmptyListsNotNull(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var got map[string]json.RawMessage
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		for k, want := range map[string]string{"name": `"group"`, "features": `[]`, "configuration": `{}`, "attributes": `[]`} {
			if string(got[k]) != want {
				t.Errorf("%s = %s, want %s (body %s)", k, got[k], want, body)
			}
		}
		if _, ok := got["id"]; ok {
			t.Errorf("the body carries an id: %s", body)
		}
		writeJSON(w, 201, `{"id":"g1","name":"group","features":[],"configuration":{},"attributes":[]}`)
	})
	c, _ := newTestClient(t, f.URL)
	s, err := c.CreateSchema(context.Background(), "s1", &Schema{Name: "group"})
	if err != nil || s.ID != "g1" {
		t.Fatalf("CreateSchema = %+v, %v", s, err)
	}
	if got := f.calls(); len(got) != 1 || got[0] != "POST /sources/v1/s1/schemas" {
		t.Fatalf("calls = %v", got)
	}
}

// An overlay sets exactly the named members, whatever ISC holds; it never sends null.
func TestSchemaOverlay(t *testing.T) {
	s := &Schema{ID: "a1", Name: "account", IdentityAttribute: "id", HierarchyAttribute: "memberOf",
		Attributes: []AttributeDefinition{{Name: "id", Type: "STRING"}}}
	p, err := schemaOverlay(s, "identityAttribute", "attributes", "includePermissions", "hierarchyAttribute")
	if err != nil {
		t.Fatal(err)
	}
	if !sameOps(t, p, `[
		{"op":"add","path":"/identityAttribute","value":"id"},
		{"op":"add","path":"/attributes","value":[{"name":"id","type":"STRING","isMulti":false,"isEntitlement":false,"isGroup":false}]},
		{"op":"add","path":"/includePermissions","value":false},
		{"op":"add","path":"/hierarchyAttribute","value":"memberOf"}]`) {
		t.Fatalf("overlay = %s", p)
	}
	s.HierarchyAttribute = ""
	if p, err := schemaOverlay(s, "hierarchyAttribute"); err == nil {
		t.Fatalf("overlay of an unset member = %s, want an error", p)
	}
}

// A takeover sends one request: a PUT when every member is defined, else a patch of the defined
// ones; a hierarchy attribute left unset goes in a second patch, only when ISC's answer has one.
func TestTakeOverSchema(t *testing.T) {
	want := &Schema{Name: "account", IdentityAttribute: "id", Attributes: []AttributeDefinition{{Name: "id", Type: "STRING"}}}
	attrs := `[{"name":"id","type":"STRING","isMulti":false,"isEntitlement":false,"isGroup":false}]`
	cases := map[string]struct {
		defined   SchemaFields
		hierarchy string // of want
		held      string // ISC's hierarchy attribute before the takeover
		requests  []string
	}{
		"every member": {defined: everySchemaField, held: "memberOf", requests: []string{
			`PUT {"id":"a1","name":"account","identityAttribute":"id","includePermissions":false,"features":[],"configuration":{},"attributes":` + attrs + `}`}},
		"some, ISC has no hierarchy": {defined: SchemaFields{IdentityAttribute: true, Attributes: true}, requests: []string{
			`PATCH [{"op":"add","path":"/includePermissions","value":false},{"op":"add","path":"/identityAttribute","value":"id"},{"op":"add","path":"/attributes","value":` + attrs + `}]`}},
		"some, ISC's hierarchy removed": {defined: SchemaFields{IdentityAttribute: true}, held: "memberOf", requests: []string{
			`PATCH [{"op":"add","path":"/includePermissions","value":false},{"op":"add","path":"/identityAttribute","value":"id"}]`,
			`PATCH [{"op":"remove","path":"/hierarchyAttribute"}]`}},
		"some, hierarchy set": {defined: SchemaFields{IdentityAttribute: true}, hierarchy: "parent", held: "memberOf", requests: []string{
			`PATCH [{"op":"add","path":"/includePermissions","value":false},{"op":"add","path":"/identityAttribute","value":"id"},{"op":"add","path":"/hierarchyAttribute","value":"parent"}]`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var got []string
			f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				if r.URL.Path != "/sources/v1/s1/schemas/a1" {
					t.Errorf("%s %s", r.Method, r.URL.Path)
				}
				got = append(got, r.Method+" "+string(body))
				held := tc.held
				if strings.Contains(string(body), `"path":"/hierarchyAttribute"`) {
					held = tc.hierarchy
				}
				writeJSON(w, 200, `{"id":"a1","name":"account","hierarchyAttribute":`+strconv.Quote(held)+`}`)
			})
			c, _ := newTestClient(t, f.URL)
			w := *want
			w.HierarchyAttribute = tc.hierarchy
			s, err := c.TakeOverSchema(context.Background(), "s1", "a1", &w, tc.defined)
			if err != nil || s.ID != "a1" || w.ID != "" {
				t.Fatalf("TakeOverSchema = %+v, %v (want changed: %+v)", s, err, w)
			}
			if len(got) != len(tc.requests) {
				t.Fatalf("requests = %q, want %q", got, tc.requests)
			}
			for i, r := range got {
				method, body, _ := strings.Cut(r, " ")
				wantMethod, wantBody, _ := strings.Cut(tc.requests[i], " ")
				if method != wantMethod || !JSONEqual([]byte(body), []byte(wantBody)) {
					t.Errorf("request %d = %s, want %s", i+1, r, tc.requests[i])
				}
			}
		})
	}
}
