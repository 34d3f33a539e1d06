package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// WaitForTask polls until ISC completes the task, reporting each status; the end states ISC
// spells two ways (TEMPERROR, TEMP_ERROR) fail it with the task's messages, and WARNING succeeds.
func TestWaitForTask(t *testing.T) {
	for _, tc := range []struct {
		end, wantErr string
	}{
		{"SUCCESS", ""},
		{"WARNING", ""},
		{"TEMP_ERROR", "task t1 ended with TEMP_ERROR: the connector timed out; retry later"},
		{"TempError", "task t1 ended with TempError: the connector timed out; retry later"},
		{"ERROR", "task t1 ended with ERROR: the connector timed out; retry later"},
	} {
		t.Run(tc.end, func(t *testing.T) {
			var polls atomic.Int32
			isc := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
				if polls.Add(1) < 3 {
					writeJSON(w, http.StatusOK, `{"id":"t1","completionStatus":null,"percentComplete":40,"messages":[]}`)
					return
				}
				writeJSON(w, http.StatusOK, `{"id":"t1","completionStatus":"`+tc.end+`","percentComplete":100,"messages":[`+
					`{"type":"ERROR","localizedText":{"locale":"en-US","message":"the connector timed out"}},{"type":"WARN","key":"retry later"}]}`)
			})
			c, waits := newTestClient(t, isc.URL)
			var seen []int
			st, err := c.WaitForTask(context.Background(), "t1", func(st *TaskStatus) { seen = append(seen, st.PercentComplete) })
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || err.Error() != tc.wantErr) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			var failed *TaskFailedError
			if errors.As(err, &failed) != (tc.wantErr != "") {
				t.Errorf("error %T, want a *TaskFailedError only on failure", err)
			}
			if len(seen) != 3 || seen[0] != 40 || seen[2] != 100 || len(waits.d) != 2 {
				t.Errorf("reported %v after %d waits, want 3 statuses after 2", seen, len(waits.d))
			}
			if tc.wantErr == "" && strings.Join(st.MessagesOf("WARN"), ",") != "retry later" {
				t.Errorf("warnings %v", st.MessagesOf("WARN"))
			}
			if calls := isc.calls(); calls[0] != "GET /task-status/v1/t1" {
				t.Errorf("polled %v", calls)
			}
		})
	}
}

// A wait that its context ends says how to follow the task by hand.
func TestWaitForTaskGivesUp(t *testing.T) {
	isc := newFakeISC(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, `{"id":"t1","completionStatus":null,"messages":[]}`)
	})
	c, _ := newTestClient(t, isc.URL)
	ctx, cancel := context.WithCancel(context.Background())
	c.wait = func(context.Context, time.Duration) error { cancel(); return ctx.Err() }
	_, err := c.WaitForTask(ctx, "t1", nil)
	if err == nil || err.Error() != "interrupted while waiting for task t1: context canceled; ISC may still be running it: follow it with GET /task-status/v1/t1" {
		t.Fatalf("error %v", err)
	}
}
