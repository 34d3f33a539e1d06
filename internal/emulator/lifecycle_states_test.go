package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestLifecycleStates(t *testing.T) {
	h := newHarness(t, Config{DeleteDelay: 2 * time.Second})
	hr := h.createSource("HR", "delimited-file", nil)["id"].(string)
	ad := h.createSource("AD", "active-directory", nil)["id"].(string)
	erp := h.createSource("ERP", "jdbc", nil)["id"].(string) // no ENABLE feature
	profile := h.do("POST", "/identity-profiles", obj{"name": "Employees", "authoritativeSource": obj{"id": hr}}).expect(http.StatusCreated).obj()["id"].(string)
	other := h.do("POST", "/identity-profiles", obj{"name": "Contractors", "authoritativeSource": obj{"id": ad}}).expect(http.StatusCreated).obj()["id"].(string)
	base := "/identity-profiles/" + profile + "/lifecycle-states"

	// identityCount is read-only: sent anyway, it is ignored.
	l := h.offContract().do("POST", base, obj{"name": "Active", "technicalName": "active", "enabled": true, "identityCount": 7,
		"accountActions": []obj{{"action": "ENABLE", "sourceIds": []string{hr, ad}}}}).expect(http.StatusCreated).obj()
	id := l["id"].(string)
	if !hex32.MatchString(id) || l["identityCount"] != float64(0) || l["created"] != l["modified"] || l["priority"] != nil || l["identityState"] != nil {
		t.Fatalf("created state %v", l)
	}
	// ISC's defaults for what was not sent.
	if e := l["emailNotificationOption"].(obj); e["notifyManagers"] != false || len(e["emailAddressList"].([]any)) != 0 ||
		l["accessActionConfiguration"].(obj)["removeAllAccessEnabled"] != false || len(l["accessProfileIds"].([]any)) != 0 {
		t.Fatalf("defaults %v", l)
	}

	for body, want := range map[string]string{
		`{"technicalName":"x"}`:                                         "'name'",
		`{"name":"X"}`:                                                  "'technicalName'",
		`{"name":"X","technicalName":"ACTIVE"}`:                         "a lifecycle state with the technical name 'active' already exists",
		`{"name":"X","technicalName":"x","identityState":"GONE"}`:       "'identityState'",
		`{"name":"X","technicalName":"x","accessProfileIds":["a","a"]}`: "must not repeat 'a'",
		`{"name":"X","technicalName":"x","accountActions":[{"action":"LOCK","allSources":true}]}`:                                               "'accountActions[0].action'",
		`{"name":"X","technicalName":"x","accountActions":[{"action":"DISABLE"}]}`:                                                              "'accountActions[0].sourceIds' is required",
		`{"name":"X","technicalName":"x","accountActions":[{"action":"DISABLE","allSources":true,"sourceIds":["` + hr + `"]}]}`:                 "must not be provided if allSources is true",
		`{"name":"X","technicalName":"x","accountActions":[{"action":"DISABLE","sourceIds":["` + hr + `"],"excludeSourceIds":["` + ad + `"]}]}`: "cannot be used together",
		`{"name":"X","technicalName":"x","accountActions":[{"action":"DISABLE","sourceIds":["nope"]}]}`:                                         "source 'nope' does not exist",
		`{"name":"X","technicalName":"x","accountActions":[{"action":"DISABLE","sourceIds":["` + erp + `"]}]}`:                                  "must have the ENABLE feature",
		`{"name":"X","technicalName":"x","accountActions":[{"action":"DELETE","allSources":true,"excludeSourceIds":["nope"]}]}`:                 "'accountActions[0].excludeSourceIds': source 'nope'",
	} {
		h.offContract().do("POST", base, body).expectError(http.StatusBadRequest, want)
	}
	// Every source but the excluded one, which need not support ENABLE.
	h.do("POST", base, obj{"name": "Leaver", "technicalName": "leaver", "priority": 30,
		"accountActions": []obj{{"action": "DISABLE", "allSources": true, "excludeSourceIds": []string{erp}}}}).expect(http.StatusCreated)
	// A technical name is unique per profile only; the profile must exist.
	h.do("POST", "/identity-profiles/"+other+"/lifecycle-states", obj{"name": "Active", "technicalName": "active", "priority": 10}).expect(http.StatusCreated)
	h.do("POST", "/identity-profiles/nope/lifecycle-states", obj{"name": "Active", "technicalName": "active"}).expectError(http.StatusNotFound, "Identity profile with id 'nope'")
	h.do("GET", "/identity-profiles/nope/lifecycle-states", nil).expectError(http.StatusNotFound, "nope")

	// A state belongs to its profile: the other profile's path does not reach it.
	h.do("GET", base+"/"+id, nil).expect(http.StatusOK)
	h.do("GET", "/identity-profiles/"+other+"/lifecycle-states/"+id, nil).expectError(http.StatusNotFound, "Lifecycle state with id '"+id+"'")
	h.patch("/identity-profiles/"+other+"/lifecycle-states/"+id, []obj{{"op": "replace", "path": "/enabled", "value": false}}).expect(http.StatusNotFound)

	// Lists: the profile's states only, paged and sorted by priority (null first).
	r := h.do("GET", base+"?count=true&limit=1&sorters=-priority", nil).expect(http.StatusOK)
	if got := r.list(); len(got) != 1 || got[0]["technicalName"] != "leaver" || r.header.Get("X-Total-Count") != "2" {
		t.Fatalf("sorted page %s %v", r.body, r.header)
	}
	h.do("GET", base+"?sorters=technicalName", nil).expectError(http.StatusBadRequest, "'technicalName'")

	// PATCH: the seven updatable fields change; name, technicalName, identityState and the server's fields do not.
	for _, f := range []string{"name", "technicalName", "identityState", "identityCount", "id"} {
		h.patch(base+"/"+id, []obj{{"op": "replace", "path": "/" + f, "value": "ACTIVE"}}).expectError(http.StatusBadRequest, "'"+f+"'")
	}
	h.patch(base+"/"+id, []obj{{"op": "replace", "path": "/accountActions/0/sourceIds", "value": []string{erp}}}).expectError(http.StatusBadRequest, "ENABLE feature")
	h.clock.Advance(time.Minute)
	got := h.patch(base+"/"+id, []obj{
		{"op": "replace", "path": "/description", "value": "Working"},
		{"op": "replace", "path": "/priority", "value": 10},
		{"op": "replace", "path": "/accessProfileIds", "value": []string{"ap1"}},
		{"op": "replace", "path": "/emailNotificationOption", "value": obj{"notifySpecificUsers": true, "emailAddressList": []string{"hr@example.com"}}},
		{"op": "replace", "path": "/accessActionConfiguration/removeAllAccessEnabled", "value": true},
		{"op": "replace", "path": "/name", "value": "Active"},
	}).expect(http.StatusOK).obj()
	if got["description"] != "Working" || got["priority"] != float64(10) || got["modified"] == l["modified"] || got["created"] != l["created"] ||
		got["emailNotificationOption"].(obj)["notifyAllAdmins"] != false || got["accessActionConfiguration"].(obj)["removeAllAccessEnabled"] != true {
		t.Fatalf("patched state %v", got)
	}

	// DELETE: 202 naming the state, which stays until the delete has taken its time.
	del := h.do("DELETE", base+"/"+id, nil).expect(http.StatusAccepted).obj()
	if del["type"] != "LIFECYCLE_STATE" || del["id"] != id || del["name"] != "Active" {
		t.Fatalf("delete answer %v", del)
	}
	h.do("GET", base+"/"+id, nil).expect(http.StatusOK)
	h.do("GET", "/task-status/"+id, nil).expect(http.StatusNotFound)
	h.clock.Advance(2 * time.Second)
	h.do("GET", base+"/"+id, nil).expect(http.StatusNotFound)
	h.do("DELETE", base+"/"+id, nil).expect(http.StatusNotFound)

	// Deleting a profile deletes its states.
	h.do("DELETE", "/identity-profiles/"+other, nil).expect(http.StatusAccepted)
	if n := len(h.do("GET", "/identity-profiles/"+other+"/lifecycle-states", nil).list()); n != 1 {
		t.Fatalf("%d states while the profile is being deleted, want 1", n)
	}
	h.clock.Advance(2 * time.Second)
	h.do("GET", "/identity-profiles/"+other+"/lifecycle-states", nil).expect(http.StatusNotFound)
	if n := len(h.srv.data.lifecycleStates.recs); n != 1 {
		t.Fatalf("%d states left, want the leaver of the remaining profile", n)
	}
}

func TestReadSnapshotOfLifecycleStates(t *testing.T) {
	const profile = `{"id": "2c9180aa000000000000000000000003", "name": "Staff", "authoritativeSource": {"id": "2c9180aa000000000000000000000001"}, "lifecycleStates": [`
	snap := func(states string) string {
		return `{"sources": [` + snapSource + `}], "identityProfiles": [` + profile + states + `]}]}`
	}
	for states, want := range map[string]string{
		`{"id": "2c9180aa000000000000000000000004", "name": "Active", "technicalName": "active"}`:                                                                                        "",
		`{"id": "2c9180aa000000000000000000000004", "name": "Active", "technicalName": "active"}, {"id": "2c9180aa000000000000000000000005", "name": "Also", "technicalName": "Active"}`: `identityProfiles[0] "Staff": lifecycleStates[1] "Active": a lifecycle state with the technical name 'active' already exists in identity profile '2c9180aa000000000000000000000003'`,
		`{"id": "2c9180aa000000000000000000000003", "name": "Active", "technicalName": "active"}`:                                                                                        `lifecycleStates[0] "active": id '2c9180aa000000000000000000000003' is already the id of identityProfiles[0]`,
		`{"id": "2c9180aa000000000000000000000004", "name": "Active", "technicalName": "active", "count": 1}`:                                                                            `identityProfiles[0]: unknown field "count"`,
	} {
		s, err := ReadSnapshot(strings.NewReader(snap(states)))
		switch {
		case want == "" && err != nil:
			t.Errorf("valid snapshot refused: %v", err)
		case want == "":
			h := newHarness(t, Config{Snapshot: s})
			h.do("GET", "/identity-profiles/2c9180aa000000000000000000000003/lifecycle-states/2c9180aa000000000000000000000004", nil).expect(http.StatusOK)
		case err == nil || !strings.Contains(err.Error(), want):
			t.Errorf("ReadSnapshot with states %s = %v, want %q", states, err, want)
		}
	}
}

// The shipped tenant has an identity model: lifecycle states of both profiles, in the order of
// their priorities, and identity attributes whose system one the list hides.
func TestShippedSnapshotHoldsTheIdentityModel(t *testing.T) {
	h := newHarness(t, Config{Snapshot: readShippedSnapshot(t)})
	var names []string
	for _, l := range h.do("GET", "/identity-profiles/2c918012f4e1485ffbc284fdca14d2aa/lifecycle-states?sorters=-priority", nil).list() {
		names = append(names, l["technicalName"].(string))
	}
	if strings.Join(names, " ") != "prehire terminated inactive active" {
		t.Fatalf("Employees' states by priority, highest first: %v", names)
	}
	if n, all := len(h.do("GET", "/identity-attributes", nil).list()), len(h.do("GET", "/identity-attributes?includeSystem=true", nil).list()); n != all-1 {
		t.Fatalf("%d identity attributes listed, %d with system ones; want one system attribute", n, all)
	}
}
