package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestIdentityAttributes(t *testing.T) {
	h := newHarness(t, Config{Snapshot: &Snapshot{IdentityAttributes: []IdentityAttribute{
		{Name: "cloudLifecycleState", DisplayName: "Lifecycle State", System: true},
	}}})
	a := h.do("POST", "/identity-attributes", obj{"name": "costCenter", "displayName": "Cost Center", "searchable": true,
		"system": true, "sources": []obj{{"type": "rule", "properties": obj{"ruleType": "IdentityAttribute", "ruleName": "Cloud Promote Identity Attribute"}}}}).
		expect(http.StatusCreated).obj()
	if a["system"] != false || a["standard"] != false || a["multi"] != false || a["type"] != nil || a["id"] != nil {
		t.Fatalf("created attribute %v", a)
	}
	// Defaults: the display name is the name, no sources, sources without properties get {}.
	b := h.do("POST", "/identity-attributes", obj{"name": "badge", "sources": []obj{{"type": "rule"}}}).expect(http.StatusCreated).obj()
	if b["displayName"] != "badge" || b["sources"].([]any)[0].(obj)["properties"] == nil {
		t.Fatalf("defaults %v", b)
	}

	for body, want := range map[string]string{
		`{"displayName":"X"}`:                            "'name'",
		`{"name":"  "}`:                                  "'name'",
		`{"name":"a/b"}`:                                 "'/'",
		`{"name":"costCenter"}`:                          "already exists",
		`{"name":"COSTCENTER"}`:                          "already exists",
		`{"name":"x","searchable":true,"multi":true}`:    "searchable requires",
		`{"name":"x","searchable":true,"standard":true}`: "searchable requires",
		`{"name":"x","sources":[{"properties":{}}]}`:     "'sources[0].type'",
		`{"name":"x","multi":"yes"}`:                     "'multi'",
	} {
		h.offContract().do("POST", "/identity-attributes", body).expectError(http.StatusBadRequest, want)
	}

	// The list is whole (no paging), hides system attributes unless asked, and filters searchable ones.
	r := h.do("GET", "/identity-attributes?count=true", nil).expect(http.StatusOK)
	if l := r.list(); len(l) != 2 || r.header.Get("X-Total-Count") != "2" {
		t.Fatalf("list %s %v", r.body, r.header)
	}
	if l := h.do("GET", "/identity-attributes?includeSystem=true", nil).list(); len(l) != 3 || l[0]["name"] != "cloudLifecycleState" {
		t.Fatalf("with system %v", l)
	}
	if l := h.do("GET", "/identity-attributes?searchableOnly=true&includeSilent=true", nil).list(); len(l) != 1 || l[0]["name"] != "costCenter" {
		t.Fatalf("searchable only %v", l)
	}

	// GET and PUT by name; the name cannot change, system is ISC's.
	h.do("GET", "/identity-attributes/costCenter", nil).expect(http.StatusOK)
	h.do("GET", "/identity-attributes/costcenter", nil).expectError(http.StatusNotFound, "costcenter")
	put := h.do("PUT", "/identity-attributes/costCenter", obj{"name": "costCenter", "displayName": "Cost centre", "multi": true}).expect(http.StatusOK).obj()
	if put["displayName"] != "Cost centre" || put["multi"] != true || put["searchable"] != false || len(put["sources"].([]any)) != 0 {
		t.Fatalf("after PUT %v", put)
	}
	h.offContract().do("PUT", "/identity-attributes/costCenter", obj{"displayName": "No name sent"}).expect(http.StatusOK) // name is required
	h.do("PUT", "/identity-attributes/costCenter", obj{"name": "cost"}).expectError(http.StatusBadRequest, "'name'")
	h.do("PUT", "/identity-attributes/costCenter", obj{"name": "costCenter", "system": true}).expectError(http.StatusBadRequest, "'system'")
	h.do("PUT", "/identity-attributes/nope", obj{"name": "nope"}).expectError(http.StatusNotFound, "nope")
	h.do("PUT", "/identity-attributes/cloudLifecycleState", obj{"name": "cloudLifecycleState", "displayName": "Other"}).
		expectError(http.StatusBadRequest, "not configurable")
	h.do("PUT", "/identity-attributes/cloudLifecycleState", obj{"name": "cloudLifecycleState", "displayName": "Lifecycle State", "system": true}).
		expect(http.StatusOK)

	// Deletes: not while standard or system, nor while an identity profile maps it.
	h.do("DELETE", "/identity-attributes/cloudLifecycleState", nil).expectError(http.StatusBadRequest, "system and standard")
	h.do("PUT", "/identity-attributes/badge", obj{"name": "badge", "standard": true}).expect(http.StatusOK)
	h.do("DELETE", "/identity-attributes/badge", nil).expectError(http.StatusBadRequest, "system and standard")
	h.do("PUT", "/identity-attributes/badge", obj{"name": "badge"}).expect(http.StatusOK)
	hr := h.createSource("HR", "delimited-file", nil)["id"].(string)
	p := h.do("POST", "/identity-profiles", obj{"name": "Employees", "authoritativeSource": obj{"id": hr},
		"identityAttributeConfig": obj{"attributeTransforms": []obj{{"identityAttributeName": "costCenter", "transformDefinition": obj{"type": "static"}}}}}).
		expect(http.StatusCreated).obj()
	h.do("DELETE", "/identity-attributes/costCenter", nil).expectError(http.StatusBadRequest, "identity profile 'Employees'")
	h.do("DELETE", "/identity-attributes/bulk-delete", obj{"ids": []string{"badge", "costCenter"}}).expectError(http.StatusBadRequest, "identity profile 'Employees'")
	h.do("GET", "/identity-attributes/badge", nil).expect(http.StatusOK) // all or nothing
	h.do("DELETE", "/identity-attributes/bulk-delete", obj{"ids": []string{"badge", "nope"}}).expectError(http.StatusNotFound, "nope")
	h.patch("/identity-profiles/"+p["id"].(string), `[{"op":"replace","path":"/identityAttributeConfig/attributeTransforms","value":[]}]`).expect(http.StatusOK)
	h.do("DELETE", "/identity-attributes/costCenter", nil).expect(http.StatusNoContent)
	h.do("DELETE", "/identity-attributes/costCenter", nil).expect(http.StatusNotFound)
	h.do("DELETE", "/identity-attributes/bulk-delete", obj{"ids": []string{"badge"}}).expect(http.StatusNoContent)
	h.do("GET", "/identity-attributes/badge", nil).expectError(http.StatusNotFound, "Identity attribute with id 'badge'")
}

func TestReadSnapshotOfIdentityAttributes(t *testing.T) {
	for json, want := range map[string]string{
		`{"identityAttributes": [{"name": "uid", "standard": true}, {"name": "uid"}]}`:           `identityAttributes[1] "uid": identity attribute 'uid' is already in the list`,
		`{"identityAttributes": [{"name": "x", "searchable": true, "system": true}]}`:            `identityAttributes[0] "x": Making an attribute searchable requires`,
		`{"identityAttributes": [{"name": "x", "displayName": "X", "sources": [{"type": ""}]}]}`: `identityAttributes[0] "x": field 'sources[0].type' is required`,
		`{"identityAttributes": [{"name": "x", "silent": true}]}`:                                `identityAttributes[0]: unknown field "silent"`,
	} {
		if _, err := ReadSnapshot(strings.NewReader(json)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadSnapshot(%s) = %v, want %q", json, err, want)
		}
	}
}
