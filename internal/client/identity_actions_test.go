package client

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Processing sends the ids with the experimental header and reads the task, with ISC's name
// absent or null; it refuses an empty batch and one larger than ISC takes, before sending.
func TestStartIdentityProcessing(t *testing.T) {
	for _, answer := range []string{`{"type":"TASK_RESULT","id":"t1"}`, `{"type":"TASK_RESULT","id":"t1","name":null}`} {
		var got []string
		f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			got = append(got, r.Method+" "+r.URL.EscapedPath()+" "+r.Header.Get("X-SailPoint-Experimental")+" "+string(body))
			writeJSON(w, http.StatusAccepted, answer)
		})
		c, _ := newTestClient(t, f.URL)
		task, err := c.StartIdentityProcessing(context.Background(), []string{"i1", "i2"})
		if err != nil || task.ID != "t1" || task.Name != "" {
			t.Fatalf("answer %s: task %+v, error %v", answer, task, err)
		}
		if want := `POST /identities/v1/process true {"identityIds":["i1","i2"]}`; len(got) != 1 || got[0] != want {
			t.Errorf("sent %q, want %q", got, want)
		}
	}
	c, _ := newTestClient(t, "https://isc.example.invalid")
	for _, n := range []int{0, MaxProcessIdentities + 1} {
		ids := make([]string, n)
		if _, err := c.StartIdentityProcessing(context.Background(), ids); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("1 to 250 identities per request, got %d", n)) {
			t.Errorf("%d ids: %v", n, err)
		}
	}
}

// Synchronizing an identity's attributes sends the experimental header and reads the job with
// its JSON-in-a-string payload; a 429 from ISC's once-per-10-seconds rule is waited out for its
// Retry-After and the request sent again.
func TestSynchronizeIdentityAttributes(t *testing.T) {
	var got []string
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.URL.EscapedPath()+" "+r.Header.Get("X-SailPoint-Experimental"))
		if len(got) == 1 {
			w.Header().Set("Retry-After", "7")
			writeJSON(w, http.StatusTooManyRequests, `{"message":" Rate Limit Exceeded "}`)
			return
		}
		writeJSON(w, http.StatusAccepted, `{"id":"j1","status":"QUEUED","payload":{"type":"SYNCHRONIZE_IDENTITY_ATTRIBUTES","dataJson":"{\"identityId\":\"i1\"}"}}`)
	})
	c, waits := newTestClient(t, f.URL)
	job, err := c.SynchronizeIdentityAttributes(context.Background(), "i1")
	if err != nil || job.ID != "j1" || job.Status != SyncJobQueued || job.Payload.DataJSON != `{"identityId":"i1"}` {
		t.Fatalf("job %+v, error %v", job, err)
	}
	want := "POST /identities/v1/i1/synchronize-attributes true"
	if len(got) != 2 || got[0] != want || got[1] != want {
		t.Errorf("sent %q, want twice %q", got, want)
	}
	if len(waits.d) != 1 || waits.d[0] != 7*time.Second {
		t.Errorf("waited %v, want 7s as Retry-After said", waits.d)
	}
}
