package emulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

// A patch changes only the fields ISC lists as patchable; a description marked manually updated
// survives the next aggregation, an unmarked one does not.
func TestPatchEntitlement(t *testing.T) {
	h := newHarness(t, Config{})
	hr := h.createSource("HR", "delimited-file", nil)["id"].(string)
	body, ct := multipartCSV(t, "value,description\npayroll,From the file\nbenefits,From the file\n")
	h.send("POST", "/sources/"+hr+"/load-entitlements", ct, body).expect(http.StatusAccepted)
	ids := h.sourceEntitlements(hr)

	e := h.patch("/entitlements/"+ids["payroll"], []map[string]any{
		{"op": "replace", "path": "/requestable", "value": true},
		{"op": "add", "path": "/owner", "value": map[string]any{"type": "IDENTITY", "id": AdminIdentityID}},
		{"op": "replace", "path": "/description", "value": "Ours"},
		{"op": "replace", "path": "/manuallyUpdatedFields", "value": map[string]any{"DISPLAY_NAME": false, "DESCRIPTION": true}},
	}).expect(http.StatusOK).obj()
	if e["requestable"] != true || e["owner"].(map[string]any)["name"] != AdminIdentityName || e["description"] != "Ours" {
		t.Fatalf("patched entitlement %v", e)
	}
	h.patch("/entitlements/"+ids["payroll"], []map[string]any{{"op": "replace", "path": "/value", "value": "other"}}).
		expectError(http.StatusBadRequest, "'value'", "cannot be patched")
	h.patch("/entitlements/"+ids["payroll"], []map[string]any{{"op": "replace", "path": "/owner", "value": map[string]any{"type": "IDENTITY", "id": "nobody"}}}).
		expectError(http.StatusBadRequest, "'owner.id'")
	h.patch("/entitlements/nope", []map[string]any{{"op": "replace", "path": "/requestable", "value": true}}).expect(http.StatusNotFound)
	h.patch("/entitlements/"+ids["benefits"], []map[string]any{{"op": "replace", "path": "/description", "value": "Unmarked"}}).expect(http.StatusOK)

	h.send("POST", "/sources/"+hr+"/load-entitlements", ct, body).expect(http.StatusAccepted)
	if got := h.do("GET", "/entitlements/"+ids["payroll"], nil).expect(http.StatusOK).obj(); got["description"] != "Ours" || got["requestable"] != true {
		t.Errorf("after an aggregation the manually described entitlement is %v", got)
	}
	if got := h.do("GET", "/entitlements/"+ids["benefits"], nil).expect(http.StatusOK).obj(); got["description"] != "From the file" {
		t.Errorf("after an aggregation the other entitlement is %v", got)
	}
}

// An entitlement's request config is the default until put; a put replaces it whole and checks
// its approvers.
func TestEntitlementRequestConfig(t *testing.T) {
	h := newHarness(t, Config{})
	hr := h.createSource("HR", "delimited-file", nil)["id"].(string)
	body, ct := multipartCSV(t, "value\npayroll\n")
	h.send("POST", "/sources/"+hr+"/load-entitlements", ct, body).expect(http.StatusAccepted)
	path := "/entitlements/" + h.sourceEntitlements(hr)["payroll"] + "/entitlement-request-config"

	c := h.do("GET", path, nil).expect(http.StatusOK).obj()
	if a := c["accessRequestConfig"].(map[string]any); a["requestCommentRequired"] != false || len(a["approvalSchemes"].([]any)) != 0 {
		t.Fatalf("default config %v", c)
	}
	h.do("PUT", path, map[string]any{"accessRequestConfig": map[string]any{"requestCommentRequired": true,
		"approvalSchemes": []map[string]any{{"approverType": "MANAGER"}}}}).expect(http.StatusOK)
	c = h.do("GET", path, nil).expect(http.StatusOK).obj()
	if a := c["accessRequestConfig"].(map[string]any); a["requestCommentRequired"] != true || len(a["approvalSchemes"].([]any)) != 1 ||
		len(c["revocationRequestConfig"].(map[string]any)["approvalSchemes"].([]any)) != 0 {
		t.Fatalf("config after a put %v", c)
	}
	h.do("PUT", path, map[string]any{"accessRequestConfig": map[string]any{"approvalSchemes": []map[string]any{{"approverType": "GOVERNANCE_GROUP", "approverId": "nope"}}}}).
		expectError(http.StatusBadRequest, "governance group 'nope' does not exist")
	h.do("PUT", path, map[string]any{"accessRequestConfig": map[string]any{"approvalSchemes": []map[string]any{
		{"approverType": "WORKFLOW", "approverId": "wf1"}, {"approverType": "MANAGER"}}}}).expectError(http.StatusBadRequest, "WORKFLOW approval excludes every other approval")
	h.do("GET", "/entitlements/nope/entitlement-request-config", nil).expect(http.StatusNotFound)

	// v1's custom form: v2025 neither shows it nor clears it.
	h.do("PUT", path, map[string]any{"accessRequestConfig": map[string]any{"formDefinitionId": "f1", "approvalSchemes": []any{}}}).expect(http.StatusOK)
	put := `{"accessRequestConfig":{"requestCommentRequired":true,"approvalSchemes":[]}}`
	if a := h.raw("PUT", apiversion.V2025.Path(path), "application/json", put, h.token).expect(http.StatusOK).obj()["accessRequestConfig"].(map[string]any); a["formDefinitionId"] != nil {
		t.Errorf("v2025 shows the form: %v", a)
	}
	if a := h.do("GET", path, nil).expect(http.StatusOK).obj()["accessRequestConfig"].(map[string]any); a["formDefinitionId"] != "f1" || a["requestCommentRequired"] != true {
		t.Errorf("after a v2025 put, v1 shows %v", a)
	}
}

// Each API version serves its own entitlement shape (trap 46) over one privilege: v1 the
// privilegeLevel object, set by a patch of /privilegeOverride/level as an override, and v2025
// privileged, true when the effective level is HIGH; a patch of the other version's path is a 400.
func TestEntitlementPrivilegeByVersion(t *testing.T) {
	h := newHarness(t, Config{})
	hr := h.createSource("HR", "delimited-file", nil)["id"].(string)
	body, ct := multipartCSV(t, "value\npayroll\n")
	h.send("POST", "/sources/"+hr+"/load-entitlements", ct, body).expect(http.StatusAccepted)
	path := "/entitlements/" + h.sourceEntitlements(hr)["payroll"]
	v2025 := func(method string, ops any) response {
		t.Helper()
		j, err := json.Marshal(ops)
		if err != nil {
			t.Fatal(err)
		}
		ct := jsonPatchMediaType
		if ops == nil {
			j, ct = nil, ""
		}
		return h.raw(method, apiversion.V2025.Path(path), ct, string(j), h.token)
	}
	level := func(e map[string]any) map[string]any {
		t.Helper()
		l, ok := e["privilegeLevel"].(map[string]any)
		if !ok || e["privileged"] != nil {
			t.Fatalf("the v1 entitlement %v has no privilegeLevel or has privileged", e)
		}
		return l
	}

	if l := level(h.do("GET", path, nil).expect(http.StatusOK).obj()); l["direct"] != "NONE" || l["effective"] != "NONE" || l["setByType"] != nil {
		t.Fatalf("an aggregated entitlement's level is %v", l)
	}
	if e := v2025("GET", nil).expect(http.StatusOK).obj(); e["privileged"] != false || e["privilegeLevel"] != nil {
		t.Fatalf("the v2025 entitlement is %v", e)
	}

	l := level(h.patch(path, []map[string]any{{"op": "replace", "path": "/privilegeOverride/level", "value": "MEDIUM"}}).expect(http.StatusOK).obj())
	if l["direct"] != "MEDIUM" || l["effective"] != "MEDIUM" || l["setByType"] != "OVERRIDE" || l["setBy"] != AdminIdentityID {
		t.Fatalf("after an override the level is %v", l)
	}
	if e := v2025("GET", nil).expect(http.StatusOK).obj(); e["privileged"] != false {
		t.Errorf("a MEDIUM entitlement is privileged in v2025: %v", e)
	}
	if e := v2025("PATCH", []map[string]any{{"op": "replace", "path": "/privileged", "value": true}}).expect(http.StatusOK).obj(); e["privileged"] != true {
		t.Fatalf("after a v2025 patch the entitlement is %v", e)
	}
	if l := level(h.do("GET", path, nil).expect(http.StatusOK).obj()); l["direct"] != "HIGH" || l["effective"] != "HIGH" {
		t.Errorf("privileged in v2025 is the level %v in v1", l)
	}
	if got := h.do("GET", "/entitlements?filters="+url.QueryEscape(`privilegeLevel.direct eq "HIGH"`), nil).expect(http.StatusOK).list(); len(got) != 1 {
		t.Errorf("the v1 list by direct level has %d entitlements", len(got))
	}

	h.patch(path, []map[string]any{{"op": "replace", "path": "/privileged", "value": false}}).
		expectError(http.StatusBadRequest, "field 'privileged' of an entitlement cannot be patched", "privilegeOverride/level")
	h.patch(path, []map[string]any{{"op": "replace", "path": "/privilegeOverride/level", "value": "SEVERE"}}).
		expectError(http.StatusBadRequest, "'SEVERE' is not a privilege level")
	v2025("PATCH", []map[string]any{{"op": "replace", "path": "/privilegeOverride/level", "value": "LOW"}}).
		expectError(http.StatusBadRequest, "field 'privilegeOverride/level' of an entitlement cannot be patched", "privileged")
	h.raw("GET", apiversion.V2025.Path("/entitlements?filters="+url.QueryEscape(`privilegeLevel.direct eq "HIGH"`)), "", "", h.token).expect(http.StatusBadRequest)
}
