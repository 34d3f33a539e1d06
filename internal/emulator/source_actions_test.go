package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// An account aggregation is a task that completes after Config.AggregationDelay; it fails, with
// ISC's message in the task, for an unreachable host, a delimited-file source without a file and
// while another one of the source runs.
func TestLoadAccounts(t *testing.T) {
	h := newHarness(t, Config{AggregationDelay: 10 * time.Second})
	ad := h.createSource("AD", "active-directory", obj{"connectorAttributes": obj{"host": "ad.example.com"}})["id"].(string)
	answer := h.send("POST", "/sources/"+ad+"/load-accounts", "", nil).expect(http.StatusAccepted).obj()
	task := answer["task"].(map[string]any)
	if answer["success"] != true || task["name"] != "Cloud Account Aggregation" || task["completionStatus"] != nil {
		t.Fatalf("answer %v", answer)
	}
	status := func(id string) map[string]any {
		return h.do("GET", "/task-status/"+id, nil).expect(http.StatusOK).obj()
	}
	id := task["id"].(string)
	h.clock.Advance(5 * time.Second)
	if st := status(id); st["completionStatus"] != nil || st["percentComplete"] != float64(50) {
		t.Fatalf("half way: %v", st)
	}
	second := h.send("POST", "/sources/"+ad+"/load-accounts", "", nil).expect(http.StatusAccepted).obj()["task"].(map[string]any)["id"].(string)
	h.clock.Advance(10 * time.Second)
	if st := status(id); st["completionStatus"] != "SUCCESS" || len(st["messages"].([]any)) != 0 {
		t.Fatalf("done: %v", st)
	}
	failed := func(id, want string) {
		t.Helper()
		st := status(id)
		msgs := st["messages"].([]any)
		if st["completionStatus"] != "ERROR" || len(msgs) != 1 || !strings.Contains(msgs[0].(map[string]any)["localizedText"].(map[string]any)["message"].(string), want) {
			t.Fatalf("want an ERROR with %q, got %v", want, st)
		}
	}
	failed(second, "the currently running aggregation must complete")

	h.patch("/sources/"+ad, []obj{{"op": "replace", "path": "/connectorAttributes/host", "value": "ad.corp.invalid:636"}}).expect(http.StatusOK)
	id = h.send("POST", "/sources/"+ad+"/load-accounts", "", nil).expect(http.StatusAccepted).obj()["task"].(map[string]any)["id"].(string)
	h.clock.Advance(10 * time.Second)
	failed(id, "Unable to connect to ad.corp.invalid")

	hr := h.createSource("HR", "delimited-file", nil)["id"].(string)
	id = h.send("POST", "/sources/"+hr+"/load-accounts", "", nil).expect(http.StatusAccepted).obj()["task"].(map[string]any)["id"].(string)
	h.clock.Advance(10 * time.Second)
	failed(id, "is a delimited file source")
	body, ct := multipartCSV(t, "id,name\n1,Ada\n")
	answer = h.send("POST", "/sources/"+hr+"/load-accounts", ct, body).expect(http.StatusAccepted).obj()
	h.clock.Advance(10 * time.Second)
	if st := status(answer["task"].(map[string]any)["id"].(string)); st["completionStatus"] != "SUCCESS" {
		t.Fatalf("with a file: %v", st)
	}
	h.send("POST", "/sources/nope/load-accounts", "", nil).expect(http.StatusNotFound)
}

// A connection test reports a failure in a 200 (trap 51).
func TestCheckConnection(t *testing.T) {
	h := newHarness(t, Config{})
	ok := h.createSource("Web", "web-services", obj{"connectorAttributes": obj{"baseUrl": "https://api.example.com/v2"}})["id"].(string)
	bad := h.createSource("Broken", "web-services", obj{"connectorAttributes": obj{"baseUrl": "https://api.example.invalid/v2"}})["id"].(string)
	if got := h.send("POST", "/sources/"+ok+"/connector/check-connection", "", nil).expect(http.StatusOK).obj(); got["status"] != "SUCCESS" || got["name"] != "Web" {
		t.Errorf("reachable: %v", got)
	}
	got := h.send("POST", "/sources/"+bad+"/connector/check-connection", "", nil).expect(http.StatusOK).obj()
	if got["status"] != "FAILURE" || !strings.Contains(got["details"].(map[string]any)["error"].(string), "Unable to connect to api.example.invalid") {
		t.Errorf("unreachable: %v", got)
	}
	h.send("POST", "/sources/nope/connector/check-connection", "", nil).expect(http.StatusNotFound)
}

// Processing a profile's identities answers 202 with no task, and the profile no longer needs a
// refresh.
func TestProcessIdentities(t *testing.T) {
	h := newHarness(t, Config{})
	hr := h.createSource("HR", "delimited-file", nil)["id"].(string)
	p := h.do("POST", "/identity-profiles", obj{"name": "Employees", "authoritativeSource": obj{"id": hr}}).expect(http.StatusCreated).obj()["id"].(string)
	h.srv.data.profiles.recs[p].obj.IdentityRefreshRequired = true
	if got := h.send("POST", "/identity-profiles/"+p+"/process-identities", "", nil).expect(http.StatusAccepted).obj(); len(got) != 0 {
		t.Errorf("answer %v, want {}", got)
	}
	if got := h.do("GET", "/identity-profiles/"+p, nil).expect(http.StatusOK).obj(); got["identityRefreshRequired"] != false {
		t.Errorf("after processing: %v", got)
	}
	h.send("POST", "/identity-profiles/"+unknownID+"/process-identities", "", nil).expect(http.StatusNotFound)
}
