package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Processing identities starts a task that completes after Config.AggregationDelay; it ends in
// ERROR, naming the identity, when one is in processing error. The ids must name identities and
// number 1 to 250, and the operation needs the experimental header.
func TestStartIdentityProcessing(t *testing.T) {
	h := newHarness(t, Config{AggregationDelay: 10 * time.Second})
	process := func(ids ...string) response {
		return h.do("POST", "/identities/process", obj{"identityIds": ids})
	}
	h.offContract().do("POST", "/identities/process", obj{"identityIds": []string{AdminIdentityID}}).expectError(http.StatusBadRequest, "X-SailPoint-Experimental")
	h.experimental = true
	answer := process(AdminIdentityID, FixtureIdentityID(1)).expect(http.StatusAccepted).obj()
	if _, named := answer["name"]; named || answer["type"] != "TASK_RESULT" {
		t.Fatalf("answer %v", answer)
	}
	status := func(id string) map[string]any {
		return h.do("GET", "/task-status/"+id, nil).expect(http.StatusOK).obj()
	}
	ok := answer["id"].(string)
	if st := status(ok); st["completionStatus"] != nil {
		t.Fatalf("at once: %v", st)
	}
	failing := process(FixtureIdentityID(2), FixtureIdentityID(13)).expect(http.StatusAccepted).obj()["id"].(string)
	h.clock.Advance(10 * time.Second)
	if st := status(ok); st["completionStatus"] != "SUCCESS" {
		t.Fatalf("done: %v", st)
	}
	st := status(failing)
	msgs := st["messages"].([]any)
	if st["completionStatus"] != "ERROR" || len(msgs) != 1 ||
		!strings.Contains(msgs[0].(map[string]any)["localizedText"].(map[string]any)["message"].(string), FixtureIdentityID(13)+"): the identity is in processing error") {
		t.Fatalf("with an identity in processing error: %v", st)
	}
	process(AdminIdentityID, unknownID).expectError(http.StatusNotFound, unknownID)
	// The contract does not require identityIds; without any, there is nothing to process.
	h.do("POST", "/identities/process", obj{}).expectError(http.StatusBadRequest, "1 to 250 identities, got 0")
}

// Synchronizing an identity's attributes answers a job, in ERROR for an identity in processing
// error; the same identity again within 10 seconds gets a 429 whose Retry-After is the seconds
// left, another identity does not.
func TestSynchronizeAttributes(t *testing.T) {
	h := newHarness(t, Config{})
	sync := func(id string) response { return h.do("POST", "/identities/"+id+"/synchronize-attributes", nil) }
	h.offContract().do("POST", "/identities/"+AdminIdentityID+"/synchronize-attributes", nil).expectError(http.StatusBadRequest, "X-SailPoint-Experimental")
	h.experimental = true
	job := sync(AdminIdentityID).expect(http.StatusAccepted).obj()
	payload := job["payload"].(map[string]any)
	if job["status"] != "QUEUED" || payload["type"] != "SYNCHRONIZE_IDENTITY_ATTRIBUTES" || payload["dataJson"] != `{"identityId":"`+AdminIdentityID+`"}` {
		t.Fatalf("job %v", job)
	}
	h.clock.Advance(3 * time.Second)
	if r := sync(AdminIdentityID).expect(http.StatusTooManyRequests); r.header.Get("Retry-After") != "7" {
		t.Errorf("Retry-After %q, want 7", r.header.Get("Retry-After"))
	}
	if job := sync(FixtureIdentityID(13)).expect(http.StatusAccepted).obj(); job["status"] != "ERROR" {
		t.Errorf("an identity in processing error: %v", job)
	}
	h.clock.Advance(7 * time.Second)
	sync(AdminIdentityID).expect(http.StatusAccepted)
	sync(unknownID).expectError(http.StatusNotFound, unknownID)
}
