package emulator

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

func TestCreateSourceFillsServerFields(t *testing.T) {
	h := newHarness(t, Config{})
	src := h.createSource("Corporate AD", "active-directory", obj{
		"owner":                  obj{"id": AdminIdentityID, "name": "someone else"},
		"cluster":                obj{"type": "CLUSTER", "id": CorporateClusterID, "name": "stale name"},
		"accountCorrelationRule": obj{"id": CorrelationRuleID, "type": "RULE"},
		"managementWorkgroup":    obj{"id": "ffffffffffffffffffffffffffffffff"},
	})
	if !hex32.MatchString(src["id"].(string)) {
		t.Fatalf("id %v", src["id"])
	}
	want := obj{
		"connectorName": "Active Directory - Direct", "connectorId": "active-directory", "connectionType": "direct",
		"connectorImplementationId": "active-directory", "type": "Active Directory - Direct",
		"connectorClass": "sailpoint.connector.ADLDAPConnector", "healthy": true, "status": "SOURCE_STATE_HEALTHY",
		"authoritative": false, "credentialProviderEnabled": false, "passwordPolicies": nil, "description": "",
	}
	for k, v := range want {
		if src[k] != v {
			t.Errorf("%s = %v, want %v", k, src[k], v)
		}
	}
	if _, err := time.Parse(time.RFC3339, src["created"].(string)); err != nil || src["modified"] != src["created"] {
		t.Errorf("created %v modified %v", src["created"], src["modified"])
	}
	if o := src["owner"].(obj); o["type"] != "IDENTITY" || o["name"] != AdminIdentityName {
		t.Errorf("owner %v", o)
	}
	if c := src["cluster"].(obj); c["type"] != "CLUSTER" || c["name"] != "Corporate Cluster" {
		t.Errorf("cluster %v", c)
	}
	if c := src["accountCorrelationRule"].(obj); c["name"] != "Correlation - Employee Number" {
		t.Errorf("rule %v", c)
	}
	if g := src["managementWorkgroup"].(obj); g["type"] != "GOVERNANCE_GROUP" || g["name"] != nil {
		t.Errorf("unknown workgroup kept as sent, got %v", g)
	}
	if !strings.Contains(fmt.Sprint(src["features"]), "PASSWORD") {
		t.Errorf("AD features %v lack PASSWORD", src["features"])
	}
	schemas := src["schemas"].([]any)
	if len(schemas) != 1 || schemas[0].(obj)["name"] != "account" || schemas[0].(obj)["type"] != "CONNECTOR_SCHEMA" {
		t.Fatalf("schemas %v", schemas)
	}
	h.do("GET", "/sources/"+src["id"].(string), nil).expect(http.StatusOK)
}

func TestCreateSourceValidation(t *testing.T) {
	h := newHarness(t, Config{})
	owner := obj{"id": AdminIdentityID}
	for _, tc := range []struct {
		body obj
		want string
	}{
		{obj{"connector": "jdbc", "owner": owner}, "'name'"},
		{obj{"name": "x", "connector": "jdbc"}, "'owner'"},
		{obj{"name": "x", "connector": "jdbc", "owner": obj{}}, "'owner.id'"},
		{obj{"name": "x", "owner": owner}, "'connector'"},
		{obj{"name": "x", "connector": "jdbc", "owner": obj{"id": "nobody"}}, "'owner.id'"},
		{obj{"name": "x", "connector": "jdbc", "owner": owner, "cluster": obj{"id": CorporateClusterID, "type": "RULE"}}, "'cluster.type'"},
		{obj{"name": "x", "connector": "jdbc", "owner": owner, "features": []string{"FLY"}}, "'features'"},
		{obj{"name": 5, "connector": "jdbc", "owner": owner}, "'name'"},
	} {
		h.offContract().do("POST", "/sources", tc.body).expectError(http.StatusBadRequest, tc.want)
	}
	h.offContract().do("POST", "/sources", "{").expectError(http.StatusBadRequest, "JSON")
	h.createSource("HR", "jdbc", nil)
	h.do("POST", "/sources", obj{"name": "hr", "connector": "jdbc", "owner": owner}).expectError(http.StatusBadRequest, "already exists")
}

func TestCreateDelimitedFileSource(t *testing.T) {
	h := newHarness(t, Config{})
	src := h.send("POST", "/sources?provisionAsCsv=true", "application/json",
		obj{"name": "HR CSV", "connector": "anything", "owner": obj{"id": AdminIdentityID}}).expect(http.StatusCreated).obj()
	if src["type"] != "DelimitedFile" || src["connector"] != "delimited-file" || src["connectionType"] != "file" ||
		src["connectorName"] != "Delimited File" || src["healthy"] != true {
		t.Fatalf("csv source %v", src)
	}
	if strings.Contains(fmt.Sprint(src["features"]), "PASSWORD") {
		t.Fatalf("delimited file features %v", src["features"])
	}
	h.offContract().send("POST", "/sources?provisionAsCsv=maybe", "application/json", obj{}).expectError(http.StatusBadRequest, "provisionAsCsv")
}

func TestSecretsAreReturnedAsCipherText(t *testing.T) {
	h := newHarness(t, Config{})
	src := h.createSource("LDAP", "ldap", obj{"connectorAttributes": obj{
		"host": "ldap.example.com", "password": "hunter2", "api_Token": "t0k",
		"nested": obj{"clientSecret": "s", "list": []any{obj{"Private Key": "k", "port": 636}}},
	}})
	ca := src["connectorAttributes"].(obj)
	if ca["host"] != "ldap.example.com" {
		t.Fatalf("host changed: %v", ca)
	}
	nested := ca["nested"].(obj)
	item := nested["list"].([]any)[0].(obj)
	for name, v := range map[string]any{"password": ca["password"], "api_Token": ca["api_Token"], "clientSecret": nested["clientSecret"], "Private Key": item["Private Key"]} {
		s, _ := v.(string)
		if !strings.HasPrefix(s, cipherPrefix) {
			t.Errorf("%s = %v, want cipher text", name, v)
		}
	}
	if item["port"] != float64(636) {
		t.Errorf("port changed: %v", item)
	}
	if strings.Contains(string(h.do("GET", "/sources/"+src["id"].(string), nil).body), "hunter2") {
		t.Fatal("plain text secret returned")
	}
	// Sending back the cipher text keeps it; a new value is encrypted anew.
	id := src["id"].(string)
	p := h.patch("/sources/"+id, []obj{{"op": "replace", "path": "/description", "value": "d"}}).expect(http.StatusOK).obj()
	if p["connectorAttributes"].(obj)["password"] != ca["password"] {
		t.Fatal("cipher text changed by an unrelated patch")
	}
	p = h.patch("/sources/"+id, []obj{{"op": "replace", "path": "/connectorAttributes/password", "value": "new"}}).expect(http.StatusOK).obj()
	if pw := p["connectorAttributes"].(obj)["password"].(string); pw == ca["password"] || !strings.HasPrefix(pw, cipherPrefix) {
		t.Fatalf("new password stored as %q", pw)
	}
	// The request log keeps what was sent.
	found := false
	for _, r := range h.srv.Requests() {
		found = found || strings.Contains(r.Body, "hunter2")
	}
	if !found {
		t.Fatal("request log lacks the sent body")
	}
}

func TestListSourcesPagingFiltersSorters(t *testing.T) {
	h := newHarness(t, Config{})
	for _, n := range []string{"Charlie", "alpha", "Bravo", "Alpha Two", `Quote "q" \ back`} {
		h.createSource(n, "jdbc", nil)
		h.clock.Advance(time.Second)
	}
	names := func(r response) string {
		var out []string
		for _, s := range r.list() {
			out = append(out, s["name"].(string))
		}
		return strings.Join(out, ",")
	}
	list := func(q string) response { return h.do("GET", "/sources"+q, nil).expect(http.StatusOK) }

	if got := names(list("")); got != `Charlie,alpha,Bravo,Alpha Two,Quote "q" \ back` {
		t.Errorf("default order %s", got)
	}
	r := list("?limit=2&offset=1&count=true")
	if got := names(r); got != "alpha,Bravo" || r.header.Get("X-Total-Count") != "5" {
		t.Errorf("page %s total %q", got, r.header.Get("X-Total-Count"))
	}
	if r := list("?limit=2"); r.header.Get("X-Total-Count") != "" {
		t.Error("X-Total-Count without count=true")
	}
	if got := names(list("?offset=10")); got != "" {
		t.Errorf("past the end: %s", got)
	}
	for q, want := range map[string]string{
		`name eq "ALPHA"`:                                        "alpha",
		`name sw "al"`:                                           "alpha,Alpha Two",
		`name in ("bravo","charlie")`:                            "Charlie,Bravo",
		`name eq "Quote \"q\" \\ back"`:                          `Quote "q" \ back`,
		`name sw "a" and not name eq "alpha"`:                    "Alpha Two",
		`name eq "Bravo" or name eq "alpha" and name sw "x"`:     "Bravo",
		`(name eq "Bravo" or name eq "alpha") and name sw "a"`:   "alpha",
		`features co "PROVISIONING" and connectorName eq "JDBC"`: `Charlie,alpha,Bravo,Alpha Two,Quote "q" \ back`,
		`created gt 2025-06-01T12:00:02Z`:                        `Alpha Two,Quote "q" \ back`,
	} {
		if got := names(list("?filters=" + urlEscape(q))); got != want {
			t.Errorf("filters %s: got %s, want %s", q, got, want)
		}
	}
	if got := names(list("?sorters=name")); got != `alpha,Alpha Two,Bravo,Charlie,Quote "q" \ back` {
		t.Errorf("sorted by name: %s", got)
	}
	if got := names(list("?sorters=-created&limit=2")); got != `Quote "q" \ back,Alpha Two` {
		t.Errorf("sorted by -created: %s", got)
	}
	for q, want := range map[string]string{
		"?limit=251":                                    "'limit'",
		"?limit=-1":                                     "'limit'",
		"?offset=-3":                                    "'offset'",
		"?count=yes":                                    "'count'",
		"?sorters=color":                                "'color'",
		"?filters=" + urlEscape(`color eq "x"`):         "'color'",
		"?filters=" + urlEscape(`name lt "x"`):          "'lt'",
		"?filters=" + urlEscape(`name EQ "x"`):          "lower case",
		"?filters=" + urlEscape(`name eq x`):            "double-quoted",
		"?filters=" + urlEscape(`(name eq "x"`):         "')'",
		"?filters=" + urlEscape(`authoritative eq "x"`): "true or false",
	} {
		h.offContract().do("GET", "/sources"+q, nil).expectError(http.StatusBadRequest, want)
	}
}

func TestGetUnknownSource(t *testing.T) {
	h := newHarness(t, Config{})
	r := h.do("GET", "/sources/0123456789abcdef0123456789abcdef", nil).expectError(http.StatusNotFound, "0123456789abcdef0123456789abcdef")
	m := r.obj()
	if m["detailCode"] != "404 Not found" || !hex32.MatchString(m["trackingId"].(string)) {
		t.Fatalf("404 body %s", r.body)
	}
	if r.header.Get("Content-Encoding") != "UTF-8" {
		t.Fatal("error without Content-Encoding: UTF-8")
	}
	h.offContract().do("GET", "/nothing-here", nil).expect(http.StatusNotFound)
}

func TestErrorContentEncodingSwitch(t *testing.T) {
	h := newHarness(t, Config{NoErrorContentEncoding: true})
	r := h.do("GET", "/sources/x", nil).expect(http.StatusNotFound)
	if r.header.Get("Content-Encoding") != "" {
		t.Fatal("Content-Encoding sent although switched off")
	}
	if h.do("GET", "/sources", nil).header.Get("Content-Encoding") != "" {
		t.Fatal("Content-Encoding on a success")
	}
}

func TestPutSource(t *testing.T) {
	h := newHarness(t, Config{})
	src := h.createSource("Web", "web-services", obj{"description": "old", "cluster": obj{"type": "CLUSTER", "id": DMZClusterID, "name": "DMZ Cluster"}})
	id := src["id"].(string)
	h.clock.Advance(time.Minute)

	full := obj{}
	for k, v := range src {
		full[k] = v
	}
	delete(full, "cluster")
	delete(full, "id") // readOnly: a request does not send it
	full["description"] = "new"
	full["schemas"] = []any{}
	got := h.do("PUT", "/sources/"+id, full).expect(http.StatusOK).obj()
	if got["description"] != "new" || got["cluster"] != nil || got["modified"] == src["modified"] || got["created"] != src["created"] {
		t.Fatalf("after put %v", got)
	}
	if len(got["schemas"].([]any)) != 1 {
		t.Fatal("put replaced the server-owned schemas")
	}
	for field, value := range map[string]any{
		"id": "ffffffffffffffffffffffffffffffff", "type": "Other", "authoritative": true, "connector": "jdbc",
		"connectorClass": "x.Y", "passwordPolicies": []obj{{"id": CorporatePasswordPolicyID}},
	} {
		body := obj{}
		for k, v := range full {
			body[k] = v
		}
		body[field] = value
		c := h
		if field == "id" {
			c = h.offContract() // id is readOnly in the contract
		}
		c.do("PUT", "/sources/"+id, body).expectError(http.StatusBadRequest, "'"+field+"'", "immutable")
	}
	// Omitting server-owned fields is not changing them.
	h.do("PUT", "/sources/"+id, obj{"name": "Web", "connector": "web-services", "owner": obj{"id": AdminIdentityID}}).expect(http.StatusOK)
	h.offContract().do("PUT", "/sources/"+id, obj{"name": "Web", "owner": obj{"id": AdminIdentityID}}).expectError(http.StatusBadRequest, "'connector'")
	h.do("PUT", "/sources/ffffffffffffffffffffffffffffffff", full).expect(http.StatusNotFound)
}

func TestPatchSource(t *testing.T) {
	h := newHarness(t, Config{})
	src := h.createSource("AD", "active-directory", obj{"connectorAttributes": obj{"connectionParameters": []any{obj{"a": 1}, obj{"a": 2}}}})
	id := src["id"].(string)
	path := "/sources/" + id
	h.clock.Advance(time.Minute)

	got := h.patch(path, []obj{
		{"op": "replace", "path": "/description", "value": "new description"},
		{"op": "add", "path": "/cluster", "value": obj{"id": CorporateClusterID}},
		{"op": "add", "path": "/connectorAttributes/filterString", "value": "x"},
		{"op": "replace", "path": "/connectorAttributes/connectionParameters/1/a", "value": 3},
		{"op": "replace", "path": "/owner/name", "value": "ignored"},
		{"op": "test", "path": "/id", "value": id},
	}).expect(http.StatusOK).obj()
	ca := got["connectorAttributes"].(obj)
	if got["description"] != "new description" || got["cluster"].(obj)["name"] != "Corporate Cluster" || ca["filterString"] != "x" ||
		ca["connectionParameters"].([]any)[1].(obj)["a"] != float64(3) || got["owner"].(obj)["name"] != AdminIdentityName {
		t.Fatalf("patched %v", got)
	}
	if got["modified"] == src["modified"] {
		t.Fatal("modified not bumped")
	}
	h.clock.Advance(time.Minute)
	if again := h.patch(path, []obj{}).expect(http.StatusOK).obj(); again["modified"] != got["modified"] {
		t.Fatal("an empty patch bumped modified")
	}

	for _, f := range []string{"id", "type", "authoritative", "created", "modified", "connector", "connectorClass", "passwordPolicies"} {
		h.patch(path, []obj{{"op": "replace", "path": "/" + f, "value": "x"}}).expectError(http.StatusBadRequest, "'"+f+"'", "immutable")
	}
	h.patch(path, []obj{{"op": "add", "path": "/passwordPolicies/0", "value": obj{"id": "x"}}}).expectError(http.StatusBadRequest, "passwordPolicies")
	h.patch(path, []obj{{"op": "move", "from": "/connector", "path": "/description"}}).expectError(http.StatusBadRequest, "'connector'")

	h.offContract().send("PATCH", path, "application/json", []obj{{"op": "replace", "path": "/description", "value": "x"}}).
		expectError(http.StatusBadRequest, "application/json-patch+json")
	for body, want := range map[string]string{
		`{"op":"replace"}`: "JSON array",
		`[{"op":"frobnicate","path":"/description"}]`:            "'op'",
		`[{"op":"replace","value":"x"}]`:                         "'path'",
		`[{"op":"replace","path":"description","value":1}]`:      "'path'",
		`[{"op":"replace","path":"/description"}]`:               "'value'",
		`[{"op":"copy","path":"/description"}]`:                  "'from'",
		`[{"op":"remove","path":"/nothere"}]`:                    "could not be applied",
		`[{"op":"replace","path":"/nothere/x","value":1}]`:       "could not be applied",
		`[{"op":"test","path":"/name","value":"other"}]`:         "could not be applied",
		`[{"op":"replace","path":"/name","value":5}]`:            "'name'",
		`[{"op":"remove","path":"/owner"}]`:                      "'owner'",
		`[{"op":"replace","path":"/owner/id","value":"nobody"}]`: "'owner.id'",
	} {
		h.offContract().send("PATCH", path, jsonPatchMediaType, body).expectError(http.StatusBadRequest, want)
	}
	h.createSource("Other", "jdbc", nil)
	h.patch(path, []obj{{"op": "replace", "path": "/name", "value": "other"}}).expectError(http.StatusBadRequest, "already exists")
	h.patch("/sources/ffffffffffffffffffffffffffffffff", []obj{}).expect(http.StatusNotFound)
}

func TestDeleteSourceIsAsynchronous(t *testing.T) {
	h := newHarness(t, Config{DeleteDelay: 10 * time.Second})
	src := h.createSource("Doomed", "jdbc", nil)
	id := src["id"].(string)
	task := h.do("DELETE", "/sources/"+id, nil).expect(http.StatusAccepted).obj()
	if task["type"] != "TASK_RESULT" || task["name"] != nil || !hex32.MatchString(task["id"].(string)) {
		t.Fatalf("202 body %v", task)
	}
	taskID := task["id"].(string)
	status := func() obj { return h.do("GET", "/task-status/"+taskID, nil).expect(http.StatusOK).obj() }

	st := status()
	for _, f := range []string{"id", "type", "uniqueName", "description", "parentName", "attributes", "created", "modified",
		"launched", "launcher", "completed", "completionStatus", "messages", "progress", "percentComplete", "returns"} {
		if _, ok := st[f]; !ok {
			t.Errorf("task status lacks %s", f)
		}
	}
	if st["completionStatus"] != nil || st["completed"] != nil || st["type"] != "QUARTZ" {
		t.Fatalf("running task %v", st)
	}
	h.clock.Advance(5 * time.Second)
	if st = status(); st["percentComplete"] != float64(50) || st["completionStatus"] != nil {
		t.Fatalf("half-way task %v", st)
	}
	h.do("GET", "/sources/"+id, nil).expect(http.StatusOK)
	// Deleting again while it runs returns the same task.
	if again := h.do("DELETE", "/sources/"+id, nil).expect(http.StatusAccepted).obj(); again["id"] != taskID {
		t.Fatalf("second delete started task %v", again["id"])
	}
	h.clock.Advance(5 * time.Second)
	if st = status(); st["completionStatus"] != "SUCCESS" || st["completed"] == nil || st["percentComplete"] != float64(100) {
		t.Fatalf("finished task %v", st)
	}
	h.do("GET", "/sources/"+id, nil).expect(http.StatusNotFound)
	h.do("GET", "/sources/"+id+"/password-policies", nil).expect(http.StatusNotFound)
	h.do("DELETE", "/sources/"+id, nil).expect(http.StatusNotFound)
	h.do("GET", "/task-status/ffffffffffffffffffffffffffffffff", nil).expect(http.StatusNotFound)
	// The name is free again.
	h.createSource("Doomed", "jdbc", nil)
}

func TestImmediateDelete(t *testing.T) {
	h := newHarness(t, Config{DeleteDelay: -1})
	id := h.createSource("Gone", "jdbc", nil)["id"].(string)
	h.do("DELETE", "/sources/"+id, nil).expect(http.StatusAccepted)
	h.do("GET", "/sources/"+id, nil).expect(http.StatusNotFound)
}

func TestPasswordPolicies(t *testing.T) {
	h := newHarness(t, Config{})
	ad := h.createSource("AD", "active-directory", nil)["id"].(string)
	csv := h.send("POST", "/sources?provisionAsCsv=true", "application/json",
		obj{"name": "CSV", "connector": "delimited-file", "owner": obj{"id": AdminIdentityID}}).expect(http.StatusCreated).obj()["id"].(string)
	path := "/sources/" + ad + "/password-policies"

	if l := h.do("GET", path, nil).expect(http.StatusOK).list(); len(l) != 0 {
		t.Fatalf("initial holders %v", l)
	}
	got := h.do("PATCH", path, []obj{
		{"policyId": CorporatePasswordPolicyID},
		{"policyId": VendorPasswordPolicyID, "policyName": "wrong", "selectors": obj{"identityAttr": []obj{{"name": "department", "value": "Sales"}}}},
	}).expect(http.StatusOK).list()
	if got[0]["policyName"] != "Corporate Password Policy" || got[1]["policyName"] != "Vendor Password Policy" {
		t.Fatalf("holders %v", got)
	}
	if sel := got[0]["selectors"].(obj)["identityAttr"].([]any); len(sel) != 0 {
		t.Fatalf("default selectors %v", got[0]["selectors"])
	}
	src := h.do("GET", "/sources/"+ad, nil).obj()
	pp := src["passwordPolicies"].([]any)
	if len(pp) != 2 || pp[0].(obj)["type"] != "PASSWORD_POLICY" || pp[1].(obj)["name"] != "Vendor Password Policy" {
		t.Fatalf("source passwordPolicies %v", pp)
	}
	r := h.do("GET", path+"?limit=1&offset=1&count=true", nil).expect(http.StatusOK)
	if l := r.list(); len(l) != 1 || l[0]["policyId"] != VendorPasswordPolicyID || r.header.Get("X-Total-Count") != "2" {
		t.Fatalf("paged holders %s (%s)", r.body, r.header.Get("X-Total-Count"))
	}

	h.do("PATCH", path, []obj{{"policyId": "nope"}}).expectError(http.StatusBadRequest, "nope")
	h.offContract().do("PATCH", path, []obj{{"selectors": nil}}).expectError(http.StatusBadRequest, "'policyId'")
	h.offContract().patch(path, []obj{{"op": "add", "path": "/0", "value": obj{}}}).expectError(http.StatusBadRequest, "application/json")
	h.do("PATCH", "/sources/"+csv+"/password-policies", []obj{{"policyId": CorporatePasswordPolicyID}}).expectError(http.StatusBadRequest, "PASSWORD feature")
	h.do("GET", "/sources/"+csv+"/password-policies", nil).expectError(http.StatusBadRequest, "PASSWORD feature")

	h.do("PATCH", path, []obj{}).expect(http.StatusOK)
	if src := h.do("GET", "/sources/"+ad, nil).obj(); src["passwordPolicies"] != nil {
		t.Fatalf("cleared passwordPolicies %v", src["passwordPolicies"])
	}
}
