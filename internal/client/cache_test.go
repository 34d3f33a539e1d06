package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// count returns how many of the calls are exactly this "METHOD path".
func count(calls []string, call string) int {
	n := 0
	for _, c := range calls {
		if c == call {
			n++
		}
	}
	return n
}

// Concurrent readers of one source's schedules wait for one list call and each get their own copy.
func TestConcurrentReadersShareOneListCall(t *testing.T) {
	release := make(chan struct{})
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		writeJSON(w, 200, `[{"type":"ACCOUNT_AGGREGATION","cronExpression":"0 0 5 * * ?"},{"type":"GROUP_AGGREGATION","cronExpression":"0 0 6 * * ?"}]`)
	})
	c, _ := newTestClient(t, f.URL)
	const n = 20
	got := make([]*Schedule, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = c.GetSchedule(context.Background(), "s1", ScheduleTypes[i%2])
		}()
	}
	time.Sleep(50 * time.Millisecond) // let every reader join the call in flight
	close(release)
	wg.Wait()
	for i := range n {
		if errs[i] != nil || got[i].Type != ScheduleTypes[i%2] {
			t.Fatalf("reader %d: %+v, %v", i, got[i], errs[i])
		}
	}
	if got[0] == got[2] {
		t.Fatal("two readers share one decoded schedule")
	}
	if calls := f.calls(); len(calls) != 1 || calls[0] != "GET /sources/v1/s1/schedules" {
		t.Fatalf("calls = %v, want one list call", calls)
	}
}

// Every write below a list, whatever its outcome, makes the next read list again; other
// sources and other kinds keep theirs.
func TestWritesInvalidateTheirList(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet:
			writeJSON(w, 200, `[{"type":"ACCOUNT_AGGREGATION","cronExpression":"0 0 5 * * ?","name":"p","usageType":"ACCOUNT_AGGREGATION"}]`)
		case r.Method == http.MethodPatch:
			writeJSON(w, 502, `{}`) // outcome unknown
		default:
			writeJSON(w, 200, `{"type":"ACCOUNT_AGGREGATION"}`)
		}
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	read := func() {
		t.Helper()
		if _, err := c.GetSchedule(ctx, "s1", ScheduleAccountAggregation); err != nil {
			t.Fatal(err)
		}
		if _, err := c.FindSchedule(ctx, "s2", ScheduleAccountAggregation); err != nil {
			t.Fatal(err)
		}
		if _, err := c.FindProvisioningPolicy(ctx, "s1", "CREATE"); err != nil {
			t.Fatal(err)
		}
	}
	read()
	read()
	writes := []func() error{
		func() error {
			_, err := c.CreateSchedule(ctx, "s1", &Schedule{Type: ScheduleAccountAggregation})
			return err
		},
		func() error {
			_, err := c.PatchSchedule(ctx, "s1", ScheduleAccountAggregation, Patch{{Op: "remove", Path: "/x"}})
			return err
		},
		func() error { return c.DeleteSchedule(ctx, "s1", ScheduleAccountAggregation) },
	}
	for i, write := range writes {
		_ = write()
		read()
		calls := f.calls()
		if got := count(calls, "GET /sources/v1/s1/schedules"); got != i+2 {
			t.Fatalf("after write %d: %d schedule lists of s1, want %d (calls %v)", i+1, got, i+2, calls)
		}
		if count(calls, "GET /sources/v1/s2/schedules") != 1 || count(calls, "GET /sources/v1/s1/provisioning-policies") != 1 {
			t.Fatalf("after write %d, another list was read again: %v", i+1, calls)
		}
	}
}

// A list that was in flight when a write finished does not fill the cache with what it read.
func TestListInFlightDuringAWriteIsNotKept(t *testing.T) {
	listing := make(chan struct{})
	release := make(chan struct{})
	var lists atomic.Int32
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			if lists.Add(1) == 1 {
				close(listing)
				<-release
				writeJSON(w, 200, `[{"type":"ACCOUNT_AGGREGATION","cronExpression":"old"}]`)
				return
			}
			writeJSON(w, 200, `[{"type":"ACCOUNT_AGGREGATION","cronExpression":"new"}]`)
		default:
			writeJSON(w, 200, `{"type":"ACCOUNT_AGGREGATION","cronExpression":"new"}`)
		}
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	done := make(chan *Schedule)
	go func() {
		s, _ := c.GetSchedule(ctx, "s1", ScheduleAccountAggregation)
		done <- s
	}()
	<-listing
	if _, err := c.PatchSchedule(ctx, "s1", ScheduleAccountAggregation, Patch{{Op: "replace", Path: "/cronExpression", Value: []byte(`"new"`)}}); err != nil {
		t.Fatal(err)
	}
	close(release)
	if s := <-done; s == nil || s.CronExpression != "old" {
		t.Fatalf("the reader that started before the write got %+v", s)
	}
	s, err := c.GetSchedule(ctx, "s1", ScheduleAccountAggregation)
	if err != nil || s.CronExpression != "new" {
		t.Fatalf("read after the write = %+v, %v; want the new cron", s, err)
	}
	if n := lists.Load(); n != 2 {
		t.Fatalf("%d list calls, want 2", n)
	}
}

// A failed list is not kept: the next read asks again.
func TestListErrorsAreNotKept(t *testing.T) {
	var lists atomic.Int32
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if lists.Add(1) == 1 {
			writeJSON(w, 500, `{"messages":[{"text":"boom"}]}`)
			return
		}
		writeJSON(w, 200, `[{"type":"ACCOUNT_AGGREGATION","cronExpression":"0 0 5 * * ?"}]`)
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	if _, err := c.GetSchedule(ctx, "s1", ScheduleAccountAggregation); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("first read: %v, want ISC's error", err)
	}
	for range 2 {
		if _, err := c.GetSchedule(ctx, "s1", ScheduleAccountAggregation); err != nil {
			t.Fatal(err)
		}
	}
	if n := lists.Load(); n != 2 {
		t.Fatalf("%d list calls, want 2", n)
	}
}

// A reader whose own context ends returns at once, without waiting for the list in flight; the
// reader that made the call is not disturbed.
func TestCancelledWaiterReturnsPromptly(t *testing.T) {
	release := make(chan struct{})
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		writeJSON(w, 200, `[{"type":"ACCOUNT_AGGREGATION","cronExpression":"0 0 5 * * ?"}]`)
	})
	defer close(release)
	c, _ := newTestClient(t, f.URL)
	leader := make(chan error, 1)
	go func() {
		_, err := c.GetSchedule(context.Background(), "s1", ScheduleAccountAggregation)
		leader <- err
	}()
	time.Sleep(30 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetSchedule(ctx, "s1", ScheduleAccountAggregation)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Fatalf("waiter: %v after %s, want its deadline at once", err, time.Since(start))
	}
	select {
	case err := <-leader:
		t.Fatalf("the leader returned early: %v", err)
	default:
	}
}

// When the reader making the call gives up, those waiting for it call again rather than fail.
func TestWaitersOutliveACancelledLeader(t *testing.T) {
	var lists atomic.Int32
	first := make(chan struct{})
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if lists.Add(1) == 1 {
			close(first)
			<-r.Context().Done()
			return
		}
		writeJSON(w, 200, `[{"type":"ACCOUNT_AGGREGATION","cronExpression":"0 0 5 * * ?"}]`)
	})
	c, _ := newTestClient(t, f.URL)
	ctx, cancel := context.WithCancel(context.Background())
	leader := make(chan error, 1)
	go func() {
		_, err := c.GetSchedule(ctx, "s1", ScheduleAccountAggregation)
		leader <- err
	}()
	<-first
	waiter := make(chan error, 1)
	go func() {
		_, err := c.GetSchedule(context.Background(), "s1", ScheduleAccountAggregation)
		waiter <- err
	}()
	time.Sleep(30 * time.Millisecond)
	cancel()
	if err := <-leader; !errors.Is(err, context.Canceled) {
		t.Fatalf("leader: %v, want its cancellation", err)
	}
	if err := <-waiter; err != nil {
		t.Fatalf("waiter: %v, want the schedule", err)
	}
	if n := lists.Load(); n != 2 {
		t.Fatalf("%d list calls, want 2", n)
	}
}

// sourcesISC serves n sources, pageSize at most per list call, and each source on its own.
func sourcesISC(t *testing.T, n int) *fakeISC {
	return newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/sources/v1" {
			q := r.URL.Query()
			if q.Get("limit") != "250" || q.Get("count") != "true" || q.Get("includeIDNSource") != "true" {
				t.Errorf("list query %s", r.URL.RawQuery)
			}
			w.Header().Set("X-Total-Count", fmt.Sprint(n))
			var items []string
			for i := range min(n, pageSize) {
				items = append(items, fmt.Sprintf(`{"id":"s%d","name":"source %d"}`, i, i))
			}
			writeJSON(w, 200, "["+strings.Join(items, ",")+"]")
			return
		}
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/sources/v1/s%d", &i); err != nil || i >= n {
			writeJSON(w, 404, `{"messages":[{"text":"no such source"}]}`)
			return
		}
		writeJSON(w, 200, fmt.Sprintf(`{"id":"s%d","name":"source %d"}`, i, i))
	})
}

// Many sources are read with one list call; an id the complete list lacks does not exist.
func TestGetSourceFromTheList(t *testing.T) {
	f := sourcesISC(t, 30)
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	for i := range 30 {
		s, err := c.GetSource(ctx, fmt.Sprintf("s%d", i))
		if err != nil || s.Name != fmt.Sprintf("source %d", i) {
			t.Fatalf("GetSource(s%d) = %+v, %v", i, s, err)
		}
	}
	if _, err := c.GetSource(ctx, "gone"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetSource of a source not in the list: %v, want ErrNotFound", err)
	}
	if calls := f.calls(); len(calls) != 1 || calls[0] != "GET /sources/v1" {
		t.Fatalf("calls = %v, want one list call", calls)
	}
}

// With more sources than one page holds, a source beyond the page is read on its own, once.
func TestGetSourceBeyondTheFirstPage(t *testing.T) {
	f := sourcesISC(t, pageSize+10)
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	for range 2 {
		for _, id := range []string{"s3", fmt.Sprintf("s%d", pageSize+5)} {
			if s, err := c.GetSource(ctx, id); err != nil || s.ID != id {
				t.Fatalf("GetSource(%s) = %+v, %v", id, s, err)
			}
		}
	}
	if _, err := c.GetSource(ctx, "gone"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetSource of a missing source: %v, want ErrNotFound", err)
	}
	want := fmt.Sprintf("GET /sources/v1,GET /sources/v1/s%d,GET /sources/v1/gone", pageSize+5)
	if got := strings.Join(f.calls(), ","); got != want {
		t.Fatalf("calls = %s, want %s", got, want)
	}
}

// A source patched in the run is read as the patch left it; one whose password policies or
// schemas changed is read again on its own.
func TestSourceWritesUpdateOrInvalidateTheirEntry(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/sources/v1":
			writeJSON(w, 200, `[{"id":"a","name":"listed"},{"id":"b","name":"listed"}]`)
		case r.Method == http.MethodGet:
			writeJSON(w, 200, `{"id":"b","name":"read again"}`)
		case r.Method == http.MethodPatch && r.URL.Path == "/sources/v1/a":
			writeJSON(w, 200, `{"id":"a","name":"patched"}`)
		default:
			writeJSON(w, 200, `[]`)
		}
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	if _, err := c.GetSource(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PatchSource(ctx, "a", Patch{{Op: "replace", Path: "/name", Value: []byte(`"patched"`)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SetPasswordPolicies(ctx, "b", nil); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"a": "patched", "b": "read again"} {
		for range 2 {
			if s, err := c.GetSource(ctx, id); err != nil || s.Name != want {
				t.Fatalf("GetSource(%s) = %+v, %v; want name %q", id, s, err, want)
			}
		}
	}
	want := "GET /sources/v1,PATCH /sources/v1/a,PATCH /sources/v1/b/password-policies,GET /sources/v1/b"
	if got := strings.Join(f.calls(), ","); got != want {
		t.Fatalf("calls = %s, want %s", got, want)
	}
}

// A delete wait polls ISC itself, though the run has the source in its cache.
func TestDeleteWaitPollsPastTheCache(t *testing.T) {
	var gets atomic.Int32
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/sources/v1":
			writeJSON(w, 200, `[{"id":"s1","name":"HR"}]`)
		case r.Method == http.MethodDelete:
			writeJSON(w, 202, `{"type":"TASK_RESULT","id":"t1"}`)
		case strings.HasPrefix(r.URL.Path, "/task-status/v1/"):
			writeJSON(w, 404, `{}`)
		case gets.Add(1) < 3:
			writeJSON(w, 200, `{"id":"s1","name":"HR"}`)
		default:
			writeJSON(w, 404, `{"messages":[{"text":"gone"}]}`)
		}
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	if _, err := c.GetSource(ctx, "s1"); err != nil {
		t.Fatal(err)
	}
	task, err := c.DeleteSource(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.WaitForSourceDeleted(ctx, "s1", task.ID); err != nil {
		t.Fatal(err)
	}
	if n := gets.Load(); n != 3 {
		t.Fatalf("%d polls of the source, want 3", n)
	}
}

// Identity profiles come from one list too; a write to one reads it again, and sources, whose
// authoritative flag follows the profiles, are read from ISC again, while their schema
// references still answer from what the run knows.
func TestGetIdentityProfileFromTheList(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/identity-profiles/v1":
			writeJSON(w, 200, `[{"id":"p1","name":"one"},{"id":"p2","name":"two"}]`)
		case "/sources/v1":
			writeJSON(w, 200, `[{"id":"s1","name":"HR","schemas":[{"id":"a1","name":"account"}]}]`)
		case "/sources/v1/s1":
			writeJSON(w, 200, `{"id":"s1","name":"HR","authoritative":true}`)
		default:
			writeJSON(w, 200, `{"id":"p1","name":"patched"}`)
		}
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	for _, id := range []string{"p1", "p2", "p1"} {
		if _, err := c.GetIdentityProfile(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.GetSource(ctx, "s1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteIdentityProfile(ctx, "p2"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if s, err := c.GetSource(ctx, "s1"); err != nil || !s.Authoritative {
			t.Fatalf("GetSource after a profile write = %+v, %v; want it read again", s, err)
		}
	}
	if id, err := c.SchemaIDByName(ctx, "s1", "account"); err != nil || id != "a1" {
		t.Fatalf("SchemaIDByName = %q, %v", id, err)
	}
	if p, err := c.GetIdentityProfile(ctx, "p2"); err != nil || p.Name != "patched" {
		t.Fatalf("GetIdentityProfile after a delete = %+v, %v; want it read again", p, err)
	}
	want := "GET /identity-profiles/v1,GET /sources/v1,DELETE /identity-profiles/v1/p2," +
		"GET /sources/v1/s1,GET /sources/v1/s1,GET /identity-profiles/v1/p2"
	if got := strings.Join(f.calls(), ","); got != want {
		t.Fatalf("calls = %s, want %s", got, want)
	}
}

// A refused list (a sub-admin without for-subadmin gets 403) is not asked again in the run.
func TestRefusedSourceListFallsBackToSingleReads(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/sources/v1" {
			writeJSON(w, 403, `{"messages":[{"text":"for-subadmin is required"}]}`)
			return
		}
		writeJSON(w, 200, `{"id":"x","name":"HR"}`)
	})
	c, _ := newTestClient(t, f.URL)
	for _, id := range []string{"a", "b"} {
		if _, err := c.GetSource(context.Background(), id); err != nil {
			t.Fatal(err)
		}
	}
	want := "GET /sources/v1,GET /sources/v1/a,GET /sources/v1/b"
	if got := strings.Join(f.calls(), ","); got != want {
		t.Fatalf("calls = %s, want %s", got, want)
	}
}

// With NoReadCache, every read asks ISC, and a source is read on its own.
func TestNoReadCache(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/schedules") {
			writeJSON(w, 200, `[{"type":"ACCOUNT_AGGREGATION","cronExpression":"0 0 5 * * ?"}]`)
			return
		}
		writeJSON(w, 200, `{"id":"s1","name":"HR"}`)
	})
	c, err := New(Config{BaseURL: f.URL, ClientID: "id", ClientSecret: "s3cret", RequestsPerSecond: 1000, NoReadCache: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range 2 {
		if _, err := c.GetSchedule(ctx, "s1", ScheduleAccountAggregation); err != nil {
			t.Fatal(err)
		}
		if _, err := c.GetSource(ctx, "s1"); err != nil {
			t.Fatal(err)
		}
	}
	want := "GET /sources/v1/s1/schedules,GET /sources/v1/s1,GET /sources/v1/s1/schedules,GET /sources/v1/s1"
	if got := strings.Join(f.calls(), ","); got != want {
		t.Fatalf("calls = %s, want %s", got, want)
	}
}

// The run-wide source list carries every source's connector attributes, including write-only
// ones under names only their own source's calls know: its logs redact them whole.
func TestSourceListLogsNoConnectorAttributes(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `[{"id":"a","name":"HR","connectorAttributes":{"host":"h"}},`+
			`{"id":"b","name":"CRM","connectorAttributes":{"hookAddress":"plain-value-of-b"}}]`)
	})
	c, _ := newTestClient(t, f.URL)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	if _, err := c.GetSource(WithSecretKeys(ctx, "apiKey"), "a"); err != nil {
		t.Fatal(err)
	}
	logs := buf.String()
	if !strings.Contains(logs, "ISC API response body") || !strings.Contains(logs, "CRM") {
		t.Fatalf("no trace of the list's body:\n%s", logs)
	}
	if strings.Contains(logs, "plain-value-of-b") {
		t.Fatalf("the list's log shows another source's connector attribute:\n%s", logs)
	}
}

// The profiles using a source come from the run's one list of profiles, with the profiles the run
// created in place; a write whose outcome the run does not know makes it list them all again.
func TestIdentityProfilesUsingSource(t *testing.T) {
	var lists atomic.Int32
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/identity-profiles/v1":
			if lists.Add(1) == 1 {
				writeJSON(w, 200, `[{"id":"p2","name":"two","authoritativeSource":{"id":"hr"}},{"id":"p1","name":"one","authoritativeSource":{"id":"ad"}}]`)
				return
			}
			writeJSON(w, 200, `[{"id":"p1","name":"one","authoritativeSource":{"id":"ad"}},{"id":"p3","name":"three","authoritativeSource":{"id":"hr"}}]`)
		case r.Method == http.MethodPost:
			writeJSON(w, 201, `{"id":"p0","name":"new","authoritativeSource":{"id":"hr"}}`)
		case r.Method == http.MethodDelete:
			writeJSON(w, 202, `{"type":"TASK_RESULT","id":"t1"}`)
		}
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	names := func(source string) string {
		t.Helper()
		profiles, err := c.IdentityProfilesUsingSource(ctx, source)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range profiles {
			out = append(out, p.Name)
		}
		return strings.Join(out, ",")
	}
	if got := names("hr") + "|" + names("ad") + "|" + names("none"); got != "two|one|" {
		t.Fatalf("profiles by source = %q", got)
	}
	if _, err := c.CreateIdentityProfile(ctx, &IdentityProfile{Name: "new", AuthoritativeSource: &Reference{ID: "hr"}}); err != nil {
		t.Fatal(err)
	}
	if got := names("hr"); got != "new,two" {
		t.Fatalf("after a create: %q", got)
	}
	if _, err := c.DeleteIdentityProfile(ctx, "p2"); err != nil {
		t.Fatal(err)
	}
	if got := names("hr"); got != "three" {
		t.Fatalf("after a delete: %q", got)
	}
	want := "GET /identity-profiles/v1,POST /identity-profiles/v1,DELETE /identity-profiles/v1/p2,GET /identity-profiles/v1"
	if got := strings.Join(f.calls(), ","); got != want {
		t.Fatalf("calls = %s, want %s", got, want)
	}
}

// The source of a schema is found in the run's one list of sources.
func TestSourceOfSchema(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `[{"id":"s1","name":"HR","schemas":[{"id":"a1","name":"account"}]},`+
			`{"id":"s2","name":"AD","schemas":[{"id":"a2","name":"account"},{"id":"g2","name":"group"}]}]`)
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	for schema, want := range map[string]string{"a1": "HR", "g2": "AD", "s1": "", "x": ""} {
		src, err := c.SourceOfSchema(ctx, schema)
		got := ""
		if src != nil {
			got = src.Name
		}
		if err != nil || got != want {
			t.Errorf("SourceOfSchema(%s) = %q, %v; want %q", schema, got, err, want)
		}
	}
	if _, err := c.GetSource(ctx, "s2"); err != nil {
		t.Fatal(err)
	}
	if calls := f.calls(); len(calls) != 1 || calls[0] != "GET /sources/v1" {
		t.Fatalf("calls = %v, want one list call", calls)
	}
}
