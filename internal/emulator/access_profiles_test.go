package emulator

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"testing"
)

// multipartCSV is a multipart/form-data body with csv in the field "file", and its content type.
func multipartCSV(t *testing.T, csv string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	f, err := w.CreateFormFile("file", "entitlements.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte(csv)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String(), w.FormDataContentType()
}

// sourceEntitlements lists the ids of a source's entitlements, by value.
func (h *harness) sourceEntitlements(sourceID string) map[string]string {
	h.t.Helper()
	out := map[string]string{}
	for _, e := range h.srv.data.entitlements.all() {
		if e.Source.ID == sourceID {
			out[e.Value] = e.ID
		}
	}
	return out
}

// An aggregation without a file gives a source the fixture groups; one with a CSV file makes the
// source's entitlements those of the file, keeping the ids of the ones it finds again.
func TestLoadEntitlements(t *testing.T) {
	h := newHarness(t, Config{})
	ad := h.createSource("AD", "active-directory", nil)["id"].(string)
	task := h.send("POST", "/sources/"+ad+"/load-entitlements", "", nil).expect(http.StatusAccepted).obj()
	if task["uniqueName"] != "Cloud Group Aggregation" || task["id"] == "" {
		t.Fatalf("answer %v", task)
	}
	if got := h.sourceEntitlements(ad); len(got) != len(fixtureGroups) || got["CN=Finance,OU=Groups,DC=example,DC=com"] == "" {
		t.Fatalf("fixture aggregation gave %v", got)
	}
	hr := h.createSource("HR", "delimited-file", nil)["id"].(string)
	body, ct := multipartCSV(t, "value,name,description\npayroll,Payroll,Runs payroll\nbenefits,Benefits,\n")
	h.send("POST", "/sources/"+hr+"/load-entitlements", ct, body).expect(http.StatusAccepted)
	first := h.sourceEntitlements(hr)
	if len(first) != 2 {
		t.Fatalf("file aggregation gave %v", first)
	}
	body, ct = multipartCSV(t, "value,name\npayroll,Payroll (new)\ntimesheets,Timesheets\n")
	h.send("POST", "/sources/"+hr+"/load-entitlements", ct, body).expect(http.StatusAccepted)
	second := h.sourceEntitlements(hr)
	if len(second) != 2 || second["payroll"] != first["payroll"] || second["benefits"] != "" {
		t.Fatalf("second aggregation gave %v after %v", second, first)
	}
	body, ct = multipartCSV(t, "name\nx\n")
	h.send("POST", "/sources/"+hr+"/load-entitlements", ct, body).expectError(http.StatusBadRequest, "'value'")
	h.send("POST", "/sources/nope/load-entitlements", "", nil).expect(http.StatusNotFound)
}

func TestAccessProfiles(t *testing.T) {
	h := newHarness(t, Config{})
	ad := h.createSource("AD", "active-directory", nil)["id"].(string)
	h.send("POST", "/sources/"+ad+"/load-entitlements", "", nil).expect(http.StatusAccepted)
	ldap := h.createSource("LDAP", "ldap", nil)["id"].(string)
	h.send("POST", "/sources/"+ldap+"/load-entitlements", "", nil).expect(http.StatusAccepted)
	adE, ldapE := h.sourceEntitlements(ad), h.sourceEntitlements(ldap)
	finance := "CN=Finance,OU=Groups,DC=example,DC=com"
	group := h.do("POST", "/workgroups", obj{"name": "Approvers"}).expect(http.StatusOK).obj()["id"].(string)

	ap := h.do("POST", "/access-profiles", obj{"name": "Finance", "owner": obj{"id": AdminIdentityID}, "source": obj{"id": ad},
		"entitlements": []obj{{"id": adE[finance]}}, "enabled": true,
		"accessRequestConfig": obj{"approvalSchemes": []obj{{"approverType": "GOVERNANCE_GROUP", "approverId": group}}}}).
		expect(http.StatusCreated).obj()
	id := ap["id"].(string)
	if ap["requestable"] != true || ap["source"].(obj)["name"] != "AD" || ap["entitlements"].([]any)[0].(obj)["name"] != "Finance" ||
		ap["owner"].(obj)["name"] != AdminIdentityName {
		t.Fatalf("created access profile %v", ap)
	}
	base := func(extra obj) obj {
		b := obj{"name": "X", "owner": obj{"id": AdminIdentityID}, "source": obj{"id": ad}}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	for want, body := range map[string]obj{
		"'owner' is required":         {"name": "X", "source": obj{"id": ad}},
		"'source.id' is required":     {"name": "X", "owner": obj{"id": AdminIdentityID}},
		"belongs to source 'LDAP'":    base(obj{"entitlements": []obj{{"id": ldapE[finance]}}}),
		"at least one entitlement":    base(obj{"enabled": true}),
		"already exists":              base(obj{"name": "finance"}),
		"governance group 'nope'":     base(obj{"revocationRequestConfig": obj{"approvalSchemes": []obj{{"approverType": "GOVERNANCE_GROUP", "approverId": "nope"}}}}),
		"must be one of":              base(obj{"accessRequestConfig": obj{"approvalSchemes": []obj{{"approverType": "BOSS"}}}}),
		"entitlement 'gone' does not": base(obj{"entitlements": []obj{{"id": "gone"}}}),
	} {
		h.offContract().do("POST", "/access-profiles", body).expectError(http.StatusBadRequest, want)
	}
	if got := h.do("GET", "/access-profiles?filters="+urlEscape(`source.id eq "`+ad+`" and requestable eq true`), nil).list(); len(got) != 1 {
		t.Fatalf("filter by source: %v", got)
	}

	// The source changes only with the entitlements (trap 35), and only to the new source's.
	h.patch("/access-profiles/"+id, `[{"op":"replace","path":"/source","value":{"id":"`+ldap+`"}}]`).expectError(http.StatusBadRequest, "together with its entitlements")
	h.patch("/access-profiles/"+id, `[{"op":"replace","path":"/source","value":{"id":"`+ldap+`"}},{"op":"replace","path":"/entitlements","value":[{"id":"`+adE[finance]+`"}]}]`).
		expectError(http.StatusBadRequest, "belongs to source 'AD'")
	moved := h.patch("/access-profiles/"+id, `[{"op":"replace","path":"/source","value":{"id":"`+ldap+`"}},{"op":"replace","path":"/entitlements","value":[{"id":"`+ldapE[finance]+`"}]}]`).
		expect(http.StatusOK).obj()
	if moved["source"].(obj)["name"] != "LDAP" || moved["entitlements"].([]any)[0].(obj)["id"] != ldapE[finance] {
		t.Fatalf("moved %v", moved)
	}
	// A lifecycle state that grants the access profile keeps it from being deleted (NOTES.md B.14).
	profile := h.do("POST", "/identity-profiles", obj{"name": "Employees", "authoritativeSource": obj{"id": ad}}).expect(http.StatusCreated).obj()["id"].(string)
	states := "/identity-profiles/" + profile + "/lifecycle-states"
	state := h.do("POST", states, obj{"name": "Active", "technicalName": "active", "accessProfileIds": []string{id}}).expect(http.StatusCreated).obj()["id"].(string)
	h.do("DELETE", "/access-profiles/"+id, nil).expectError(http.StatusBadRequest, "used by lifecycle state 'Active'")
	h.patch(states+"/"+state, `[{"op":"replace","path":"/accessProfileIds","value":[]}]`).expect(http.StatusOK)

	h.do("DELETE", "/access-profiles/"+id, nil).expect(http.StatusNoContent)
	h.do("GET", "/access-profiles/"+id, nil).expect(http.StatusNotFound)
}
