package emulator

import (
	"net/http"
	"testing"
	"time"
)

func TestIdentityProfiles(t *testing.T) {
	h := newHarness(t, Config{DeleteDelay: 4 * time.Second})
	hr := h.createSource("HR", "delimited-file", nil)["id"].(string)
	other := h.createSource("Other", "jdbc", nil)["id"].(string)

	p := h.do("POST", "/identity-profiles", obj{
		"name": "Employees", "priority": 10, "owner": obj{"id": FixtureIdentityID(3)},
		"authoritativeSource": obj{"id": hr},
		"identityAttributeConfig": obj{"enabled": true, "attributeTransforms": []obj{
			{"identityAttributeName": "email", "transformDefinition": obj{"type": "accountAttribute", "attributes": obj{"attributeName": "mail", "sourceName": "HR"}}},
		}},
		"identityCount": 99,
	}).expect(http.StatusCreated).obj()
	id := p["id"].(string)
	if !hex32.MatchString(id) || p["identityCount"] != float64(0) || p["identityRefreshRequired"] != false || p["hasTimeBasedAttr"] != false ||
		p["identityExceptionReportReference"] != nil || p["created"] != p["modified"] || p["description"] != nil {
		t.Fatalf("created profile %v", p)
	}
	if src := p["authoritativeSource"].(obj); src["type"] != "SOURCE" || src["name"] != "HR" {
		t.Fatalf("authoritativeSource %v", src)
	}
	if o := p["owner"].(obj); o["type"] != "IDENTITY" || o["name"] == nil || o["name"] == "" {
		t.Fatalf("owner %v", o)
	}
	if h.do("GET", "/sources/"+hr, nil).obj()["authoritative"] != true {
		t.Fatal("referenced source is not authoritative")
	}
	if h.do("GET", "/sources?filters="+urlEscape("authoritative eq true"), nil).list()[0]["id"] != hr {
		t.Fatal("authoritative filter")
	}

	for body, want := range map[string]string{
		`{"authoritativeSource":{"id":"` + other + `"}}`: "'name'",
		`{"name":"X"}`: "'authoritativeSource'",
		`{"name":"X","authoritativeSource":{"id":"nope"}}`:                                  "nope",
		`{"name":"X","authoritativeSource":{"id":"` + hr + `"}}`:                            "already the authoritative source",
		`{"name":"employees","authoritativeSource":{"id":"` + other + `"}}`:                 "already exists",
		`{"name":"X","authoritativeSource":{"id":"` + other + `"},"owner":{"id":"nobody"}}`: "'owner.id'",
	} {
		h.offContract().do("POST", "/identity-profiles", body).expectError(http.StatusBadRequest, want)
	}
	h.do("DELETE", "/sources/"+hr, nil).expectError(http.StatusBadRequest, "identity profile")

	// PATCH: immutable fields, the one-at-a-time rule, and normal edits.
	path := "/identity-profiles/" + id
	for _, f := range []string{"id", "created", "modified", "identityCount", "identityRefreshRequired"} {
		h.patch(path, []obj{{"op": "replace", "path": "/" + f, "value": 1}}).expectError(http.StatusBadRequest, "'"+f+"'")
	}
	h.patch(path, []obj{
		{"op": "replace", "path": "/authoritativeSource/id", "value": other},
		{"op": "replace", "path": "/identityAttributeConfig/enabled", "value": false},
	}).expectError(http.StatusBadRequest, "Authoritative Source and Identity Attribute Configuration cannot be modified at the same time")
	h.clock.Advance(time.Minute)
	got := h.patch(path, []obj{{"op": "replace", "path": "/authoritativeSource", "value": obj{"id": other}}}).expect(http.StatusOK).obj()
	if got["authoritativeSource"].(obj)["name"] != "Other" || got["modified"] == p["modified"] {
		t.Fatalf("patched profile %v", got)
	}
	if h.do("GET", "/sources/"+hr, nil).obj()["authoritative"] != false || h.do("GET", "/sources/"+other, nil).obj()["authoritative"] != true {
		t.Fatal("authoritative did not follow the profile")
	}
	got = h.patch(path, []obj{
		{"op": "add", "path": "/identityAttributeConfig/attributeTransforms/0", "value": obj{"identityAttributeName": "location",
			"transformDefinition": obj{"type": "accountAttribute"}}},
		{"op": "replace", "path": "/description", "value": "d"},
	}).expect(http.StatusOK).obj()
	tr := got["identityAttributeConfig"].(obj)["attributeTransforms"].([]any)
	if len(tr) != 2 || tr[0].(obj)["transformDefinition"].(obj)["attributes"] == nil || got["description"] != "d" {
		t.Fatalf("patched transforms %v", got)
	}
	h.patch(path, []obj{{"op": "replace", "path": "/authoritativeSource/id", "value": "nope"}}).expectError(http.StatusBadRequest, "nope")
	h.offContract().send("PUT", path, "application/json", obj{"name": "x"}).expect(http.StatusNotFound) // no PUT in the contract

	// Lists: paging, filters and sorters.
	second := h.do("POST", "/identity-profiles", obj{"name": "Contractors", "priority": 5, "authoritativeSource": obj{"id": hr}}).expect(http.StatusCreated).obj()
	r := h.do("GET", "/identity-profiles?count=true&sorters=name", nil).expect(http.StatusOK)
	if l := r.list(); len(l) != 2 || l[0]["name"] != "Contractors" || r.header.Get("X-Total-Count") != "2" {
		t.Fatalf("profiles %s", r.body)
	}
	if l := h.do("GET", "/identity-profiles?filters="+urlEscape(`priority eq 10`), nil).list(); len(l) != 1 || l[0]["id"] != id {
		t.Fatalf("priority filter %v", l)
	}
	if l := h.do("GET", "/identity-profiles?sorters=-priority&limit=1", nil).list(); l[0]["id"] != id {
		t.Fatalf("priority sort %v", l)
	}
	h.do("GET", "/identity-profiles?filters="+urlEscape(`priority gt 1`), nil).expectError(http.StatusBadRequest, "'gt'")
	h.do("GET", "/identity-profiles?sorters=description", nil).expectError(http.StatusBadRequest, "'description'")

	// DELETE: 202 with a TaskResultSimplified, gone after the delay, source no longer authoritative.
	del := h.do("DELETE", path, nil).expect(http.StatusAccepted).obj()
	if !hex32.MatchString(del["id"].(string)) || del["launched"] == nil || del["completionStatus"] != nil || del["name"] == "" {
		t.Fatalf("delete answer %v", del)
	}
	h.do("GET", path, nil).expect(http.StatusOK)
	h.do("GET", "/task-status/"+del["id"].(string), nil).expect(http.StatusOK)
	h.clock.Advance(4 * time.Second)
	h.do("GET", path, nil).expect(http.StatusNotFound)
	if h.do("GET", "/sources/"+other, nil).obj()["authoritative"] != false {
		t.Fatal("source still authoritative after its profile was deleted")
	}
	h.do("DELETE", "/sources/"+other, nil).expect(http.StatusAccepted)
	h.do("DELETE", "/identity-profiles/"+second["id"].(string), nil).expect(http.StatusAccepted)
}
