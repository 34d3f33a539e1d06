package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
)

// Roles check what they reference and ISC's membership limits (trap 39); a role keeps its access
// profiles from being deleted; the list serves 50 at most.
func TestRoles(t *testing.T) {
	h := newHarness(t, Config{Identities: 600})
	ad := h.createSource("AD", "active-directory", nil)["id"].(string)
	h.send("POST", "/sources/"+ad+"/load-entitlements", "", nil).expect(http.StatusAccepted)
	finance := h.sourceEntitlements(ad)["CN=Finance,OU=Groups,DC=example,DC=com"]
	ap := h.do("POST", "/access-profiles", obj{"name": "Finance", "owner": obj{"id": AdminIdentityID}, "source": obj{"id": ad}}).
		expect(http.StatusCreated).obj()["id"].(string)

	leaf := func(op, value string) obj {
		return obj{"operation": op, "key": obj{"type": "IDENTITY", "property": "attribute.department"}, "stringValue": value}
	}
	standard := func(c obj) obj { return obj{"type": "STANDARD", "criteria": c} }
	role := h.do("POST", "/roles", obj{"name": "Finance", "owner": obj{"id": AdminIdentityID}, "accessProfiles": []obj{{"id": ap}},
		"entitlements": []obj{{"id": finance}},
		"membership":   standard(obj{"operation": "OR", "children": []obj{leaf("EQUALS", "Finance"), {"operation": "AND", "children": []obj{leaf("STARTS_WITH", "Fin")}}}}),
	}).expect(http.StatusCreated).obj()
	id := role["id"].(string)
	if role["accessProfiles"].([]any)[0].(obj)["name"] != "Finance" || role["entitlements"].([]any)[0].(obj)["type"] != "ENTITLEMENT" ||
		role["dimensional"] != false || role["requestable"] != false || role["accessRequestConfig"] != nil {
		t.Fatalf("created role %v", role)
	}
	base := func(extra obj) obj {
		b := obj{"name": "X", "owner": obj{"id": AdminIdentityID}}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	deep := obj{"operation": "OR", "children": []obj{{"operation": "AND", "children": []obj{{"operation": "OR", "children": []obj{leaf("EQUALS", "x")}}}}}}
	for want, body := range map[string]obj{
		"'owner' is required":                     {"name": "X"},
		"already exists":                          base(obj{"name": "finance"}),
		"access profile 'gone' does not exist":    base(obj{"accessProfiles": []obj{{"id": "gone"}}}),
		"entitlement 'gone' does not exist":       base(obj{"entitlements": []obj{{"id": "gone"}}}),
		"at most three levels":                    base(obj{"membership": standard(deep)}),
		"AND and OR alternate":                    base(obj{"membership": standard(obj{"operation": "AND", "children": []obj{{"operation": "AND", "children": []obj{leaf("EQUALS", "x")}}}})}),
		"'membership.criteria.stringValue' is":    base(obj{"membership": standard(obj{"operation": "EQUALS", "key": obj{"type": "IDENTITY", "property": "p"}})}),
		"'membership.criteria.key.sourceId' is":   base(obj{"membership": standard(obj{"operation": "EQUALS", "key": obj{"type": "ACCOUNT", "property": "p"}, "stringValue": "x"})}),
		"identity 'nobody' does not exist":        base(obj{"membership": obj{"type": "IDENTITY_LIST", "identities": []obj{{"id": "nobody"}}}}),
		"'membership.criteria' is required":       base(obj{"membership": obj{"type": "STANDARD"}}),
		"must be left null or empty":              base(obj{"accessModelMetadata": obj{"attributes": []obj{{"key": "k"}}}}),
		"'accessRequestConfig.approvalSchemes[0]": base(obj{"accessRequestConfig": obj{"approvalSchemes": []obj{{"approverType": "SOURCE_OWNER"}}}}),
	} {
		h.offContract().do("POST", "/roles", body).expectError(http.StatusBadRequest, want)
	}

	// An access profile a role grants cannot be deleted.
	h.do("DELETE", "/access-profiles/"+ap, nil).expectError(http.StatusBadRequest, "used by role 'Finance'")

	// A patch changes at most 500 listed identities.
	ids := func(from, to int) []obj {
		var out []obj
		for i := from; i < to; i++ {
			out = append(out, obj{"id": FixtureIdentityID(i)})
		}
		return out
	}
	list := func(ids []obj) string {
		return fmt.Sprintf(`[{"op":"replace","path":"/membership","value":{"type":"IDENTITY_LIST","identities":%s}}]`, mustJSON(t, ids))
	}
	got := h.patch("/roles/"+id, list(ids(1, 501))).expect(http.StatusOK).obj()
	if first := got["membership"].(obj)["identities"].([]any)[0].(obj); first["name"] == nil || first["type"] != "IDENTITY" {
		t.Fatalf("listed identity %v", first)
	}
	h.patch("/roles/"+id, list(ids(2, 503))).expect(http.StatusOK) // 1 removed, 2 added
	h.patch("/roles/"+id, list(ids(503, 600))).expectError(http.StatusBadRequest, "at most 500 membership identities")
	h.patch("/roles/"+id, `[{"op":"replace","path":"/dimensional","value":true}]`).expectError(http.StatusBadRequest, "dimensional")

	// Pages of 50 at most.
	for i := range 55 {
		h.do("POST", "/roles", base(obj{"name": fmt.Sprintf("R%02d", i)})).expect(http.StatusCreated)
	}
	if got := h.do("GET", "/roles", nil).list(); len(got) != 50 {
		t.Fatalf("the default page holds %d roles, want 50", len(got))
	}
	h.offContract().do("GET", "/roles?limit=51", nil).expectError(http.StatusBadRequest, "'limit'")

	h.do("DELETE", "/roles/"+id, nil).expect(http.StatusNoContent)
	h.do("DELETE", "/access-profiles/"+ap, nil).expect(http.StatusNoContent)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
