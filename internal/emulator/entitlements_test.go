package emulator

import (
	"net/http"
	"testing"
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
}
