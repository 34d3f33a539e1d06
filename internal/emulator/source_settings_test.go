package emulator

import (
	"net/http"
	"testing"
)

func TestSourceSettings(t *testing.T) {
	h := newHarness(t, Config{})
	ad := h.createSource("Settings AD", "active-directory", nil)["id"].(string)
	csv := h.createSource("Settings CSV", "web-services", nil)["id"].(string)

	// A new source has its connector's correlation template, or none.
	c := h.do("GET", "/sources/"+ad+"/correlation-config", nil).expect(http.StatusOK).obj()
	if pairs := c["attributeAssignments"].([]any); len(pairs) != 2 || pairs[0].(obj)["value"] != "sAMAccountName" || c["name"] != "Settings AD Account Correlation" {
		t.Fatalf("a new AD source correlates %v", c)
	}
	if pairs := h.do("GET", "/sources/"+csv+"/correlation-config", nil).expect(http.StatusOK).obj()["attributeAssignments"].([]any); len(pairs) != 0 {
		t.Fatalf("a new web-services source correlates %v", pairs)
	}
	// A PUT replaces the pairs and keeps the config's id; pairs must be whole and EQ.
	put := h.do("PUT", "/sources/"+ad+"/correlation-config", obj{"id": "other", "attributeAssignments": []obj{{"property": "email", "value": "mail", "operation": "EQ"}}}).
		expect(http.StatusOK).obj()
	if put["id"] != c["id"] || len(put["attributeAssignments"].([]any)) != 1 {
		t.Fatalf("after PUT: %v", put)
	}
	h.offContract().do("PUT", "/sources/"+ad+"/correlation-config", obj{"attributeAssignments": []obj{{"property": "email", "value": "mail", "operation": "NE"}}}).
		expectError(http.StatusBadRequest, "'attributeAssignments[0].operation' must be EQ")
	h.do("PUT", "/sources/"+ad+"/correlation-config", obj{"attributeAssignments": []obj{{"property": "", "value": "mail", "operation": "EQ"}}}).
		expectError(http.StatusBadRequest, "'attributeAssignments[0].property'")

	// Native change detection: none until a PUT, and none again after a DELETE.
	h.do("GET", "/sources/"+ad+"/native-change-detection-config", nil).expectError(http.StatusNotFound, "no native change detection config")
	h.do("PUT", "/sources/"+ad+"/native-change-detection-config", obj{"enabled": true, "operations": []string{"ACCOUNT_CREATED"}}).expect(http.StatusOK)
	if got := h.do("GET", "/sources/"+ad+"/native-change-detection-config", nil).expect(http.StatusOK).obj(); got["enabled"] != true || got["selectedEntitlements"] == nil {
		t.Fatalf("native change detection %v", got)
	}
	h.do("DELETE", "/sources/"+ad+"/native-change-detection-config", nil).expect(http.StatusNoContent)
	h.do("DELETE", "/sources/"+ad+"/native-change-detection-config", nil).expect(http.StatusNotFound)

	// Attribute sync: the header is required, the list follows the CREATE policy (uid to
	// sAMAccountName on AD), and only enabled changes.
	h.offContract().do("GET", "/sources/"+ad+"/attribute-sync-config", nil).expectError(http.StatusBadRequest, "X-SailPoint-Experimental")
	h.experimental = true
	sync := h.do("GET", "/sources/"+ad+"/attribute-sync-config", nil).expect(http.StatusOK).obj()
	attrs := sync["attributes"].([]any)
	if len(attrs) != 1 || attrs[0].(obj)["name"] != "uid" || attrs[0].(obj)["target"] != "sAMAccountName" || attrs[0].(obj)["enabled"] != false {
		t.Fatalf("attribute sync of a new AD source: %v", sync)
	}
	source := sync["source"]
	h.do("PUT", "/sources/"+ad+"/attribute-sync-config", obj{"source": source, "attributes": []obj{{"name": "uid", "displayName": "uid", "enabled": true, "target": "sAMAccountName"}}}).
		expect(http.StatusOK)
	h.do("PUT", "/sources/"+ad+"/attribute-sync-config", obj{"source": source, "attributes": []obj{{"name": "uid", "displayName": "uid", "enabled": true, "target": "mail"}}}).
		expectError(http.StatusBadRequest, "only 'enabled' may change")
	h.do("PUT", "/sources/"+ad+"/attribute-sync-config", obj{"source": source, "attributes": []obj{{"name": "email", "displayName": "Email", "enabled": true, "target": "mail"}}}).
		expectError(http.StatusBadRequest, "'email' is not synchronizable")
	if got := h.do("GET", "/sources/"+csv+"/attribute-sync-config", nil).expect(http.StatusOK).obj()["attributes"].([]any); len(got) != 0 {
		t.Fatalf("a source without a CREATE policy syncs %v", got)
	}
	h.experimental = false

	// Entitlement request config: the contract's default, approvals checked as B.25 says.
	def := h.do("GET", "/sources/"+ad+"/entitlement-request-config", nil).expect(http.StatusOK).obj()
	if _, ok := def["revocationRequestConfig"]; ok || len(def["accessRequestConfig"].(obj)["approvalSchemes"].([]any)) != 0 {
		t.Fatalf("a new source's entitlement request config: %v", def)
	}
	for body, want := range map[string]string{
		`{"accessRequestConfig":{"approvalSchemes":[{"approverType":"WORKFLOW","approverId":"w1"},{"approverType":"MANAGER"}]}}`: "excludes every other",
		`{"accessRequestConfig":{"approvalSchemes":[{"approverType":"GOVERNANCE_GROUP"}]}}`:                                      "'accessRequestConfig.approvalSchemes[0].approverId' is required",
		`{"accessRequestConfig":{"approvalSchemes":[{"approverType":"GOVERNANCE_GROUP","approverId":"nope"}]}}`:                  "governance group 'nope' does not exist",
		`{"revocationRequestConfig":{"approvalSchemes":[{"approverType":"OWNER"}]}}`:                                             "'revocationRequestConfig.approvalSchemes[0].approverType'",
		`{"accessRequestConfig":{"maxPermittedAccessDuration":{"value":0,"timeUnit":"DAYS"}}}`:                                   "positive value",
	} {
		h.offContract().do("PUT", "/sources/"+ad+"/entitlement-request-config", body).expectError(http.StatusBadRequest, want)
	}

	// Peek: bounded accounts and the fixture groups; the connector's form.
	peek := h.do("POST", "/sources/"+ad+"/connector/peek-resource-objects", obj{"objectType": "account", "maxCount": 4}).expect(http.StatusOK).obj()
	if peek["objectCount"] != float64(4) || len(peek["resourceObjects"].([]any)) != 4 {
		t.Fatalf("peek of 4 accounts: %v", peek)
	}
	if got := h.do("POST", "/sources/"+ad+"/connector/peek-resource-objects", obj{"objectType": "group"}).expect(http.StatusOK).obj(); got["objectCount"] != float64(len(fixtureGroups)) {
		t.Fatalf("peek of groups: %v", got)
	}
	h.do("POST", "/sources/"+ad+"/connector/peek-resource-objects", obj{"maxCount": 0}).expectError(http.StatusBadRequest, "'maxCount'")
	if cfg := h.do("GET", "/sources/"+ad+"/connectors/source-config", nil).expect(http.StatusOK).obj(); cfg["scriptName"] != "active-directory" || cfg["directConnect"] != true {
		t.Fatalf("source config: %v", cfg)
	}
}
