package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// deleteEnv is objects whose deletes an emulator has accepted at one moment of its clock, which
// the client's pauses move, and a client about to wait for them.
type deleteEnv struct {
	emu   *emulator.Server
	c     *Client
	w     *waits
	ids   []string
	tasks []string
	// list is where the waits check; wait waits for the i-th delete.
	list string
	wait func(ctx context.Context, i int) error
	// gate holds the client's first pause until every wait has joined, so that the rounds do
	// not depend on how the goroutines are scheduled.
	gate chan struct{}
	// pause, when set, runs before each pause of the client with the pause's number (1, 2, ...).
	pause  func(n int)
	pauses atomic.Int32
}

// newDeleteClient starts the emulator, behind wrap when not nil, with a client of it.
func newDeleteClient(t *testing.T, wrap func(http.Handler) http.Handler) *deleteEnv {
	t.Helper()
	e := &deleteEnv{w: &waits{}, gate: make(chan struct{})}
	e.emu = emulator.New(emulator.Config{Now: e.w.now})
	var h http.Handler = e.emu
	if wrap != nil {
		h = wrap(e.emu)
	}
	srv := contract.NewServer(t, h)
	c, err := New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret, RequestsPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	e.c = c
	e.w.pausing(c)
	c.wait = func(ctx context.Context, d time.Duration) error {
		<-e.gate
		if e.pause != nil {
			e.pause(int(e.pauses.Add(1)))
		}
		return e.w.record(ctx, d)
	}
	return e
}

// newDeleteEnv makes n sources and deletes them, calling made (when not nil) in between.
func newDeleteEnv(t *testing.T, n int, wrap func(http.Handler) http.Handler, made func(*deleteEnv)) *deleteEnv {
	t.Helper()
	e := newDeleteClient(t, wrap)
	c, ctx := e.c, context.Background()
	for i := range n {
		s, err := c.CreateSource(ctx, &Source{Name: fmt.Sprintf("App %02d", i), Connector: "delimited-file",
			Owner: &Reference{Type: RefIdentity, ID: emulator.AdminIdentityID}}, true)
		if err != nil {
			t.Fatal(err)
		}
		e.ids = append(e.ids, s.ID)
	}
	if made != nil {
		made(e)
	}
	for _, id := range e.ids {
		task, err := c.DeleteSource(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		e.tasks = append(e.tasks, task.ID)
	}
	e.list = "/sources"
	e.wait = func(ctx context.Context, i int) error { return c.WaitForSourceDeleted(ctx, e.ids[i], e.tasks[i]) }
	e.emu.ClearRequests()
	return e
}

// waitAll waits for every delete at once, with ctxs[i] for the i-th when given, and returns
// each wait's error and the emulator's time when it returned.
func (e *deleteEnv) waitAll(t *testing.T, ctxs map[int]context.Context) ([]error, []time.Time) {
	t.Helper()
	errs, at := make([]error, len(e.ids)), make([]time.Time, len(e.ids))
	var wg sync.WaitGroup
	for i := range e.ids {
		ctx := ctxs[i]
		if ctx == nil {
			ctx = context.Background()
		}
		wg.Go(func() {
			errs[i] = e.wait(ctx, i)
			at[i] = e.w.now()
		})
	}
	for e.pending(e.list) < len(e.ids) {
		time.Sleep(time.Millisecond)
	}
	close(e.gate)
	wg.Wait()
	return errs, at
}

// pending is the number of deletes waiting on the list at path.
func (e *deleteEnv) pending(path string) int {
	e.c.deletes.mu.Lock()
	defer e.c.deletes.mu.Unlock()
	if w := e.c.deletes.byList[path]; w != nil {
		return len(w.pending)
	}
	return 0
}

// checks returns the requests the waits made: every one must be a list of sources filtered to
// pending ids, at most goneChunk of them.
func (e *deleteEnv) checks(t *testing.T) []emulator.Request {
	t.Helper()
	reqs := e.emu.Requests()
	for _, r := range reqs {
		q, _ := url.ParseQuery(r.Query)
		if r.Route != "GET /sources/v1" || !strings.HasPrefix(q.Get("filters"), "id in (") || q.Get("includeIDNSource") != "true" {
			t.Errorf("%s %s?%s: want only lists of sources by id", r.Method, r.Path, r.Query)
		}
		if n := strings.Count(q.Get("filters"), ",") + 1; n > goneChunk {
			t.Errorf("a filter of %d ids, more than %d", n, goneChunk)
		}
	}
	return reqs
}

// Twenty deletes pending together cost one list per round, not one read per delete: the first
// round finds every source still there, the second finds them gone, and no wait returns before
// the emulator's delete has completed.
func TestConcurrentDeletesShareTheirChecks(t *testing.T) {
	e := newDeleteEnv(t, 20, nil, nil)
	errs, at := e.waitAll(t, nil)
	for i, err := range errs {
		if err != nil {
			t.Errorf("wait %d: %v", i, err)
		}
		if at[i].Before(epoch.Add(emulator.DefaultDeleteDelay)) {
			t.Errorf("wait %d returned at %s, before the emulator's delete completed", i, at[i].Sub(epoch))
		}
	}
	if reqs := e.checks(t); len(reqs) != 2 {
		t.Errorf("%d requests for 20 deletes, want 2 lists (one per round)", len(reqs))
	}
	if left, _, err := e.c.ListSources(context.Background(), ListOptions{}); err != nil || len(left) != 0 {
		t.Errorf("sources left: %d, %v", len(left), err)
	}
}

// A round asks for at most goneChunk ids per list: 60 pending deletes take two lists a round.
func TestConcurrentDeletesAreCheckedInChunks(t *testing.T) {
	e := newDeleteEnv(t, 60, nil, nil)
	errs, _ := e.waitAll(t, nil)
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if reqs := e.checks(t); len(reqs) != 4 {
		t.Errorf("%d requests for 60 deletes, want 4 lists (two rounds of two)", len(reqs))
	}
}

// A delete whose task fails, among others that succeed, fails alone with ISC's message, found
// by one read of its task once its source has outlived two checks.
func TestConcurrentDeletesWithAFailedTask(t *testing.T) {
	const message = "the accounts of the source could not be removed"
	var failing atomic.Value // the id of the source whose delete fails
	var taskReads atomic.Int32
	e := newDeleteEnv(t, 20, func(emu http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id, _ := failing.Load().(string)
			switch {
			case id != "" && r.Method == http.MethodDelete && r.URL.Path == "/sources/v1/"+id:
				// ISC accepts the delete, and its task fails: the source stays.
				writeJSON(w, http.StatusAccepted, `{"type":"TASK_RESULT","id":"failed-task"}`)
			case r.URL.Path == "/task-status/v1/failed-task":
				taskReads.Add(1)
				writeJSON(w, http.StatusOK, `{"id":"failed-task","type":"QUARTZ","uniqueName":"Source Deletion","description":"d",`+
					`"parentName":null,"launcher":"support","target":null,"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:01Z",`+
					`"launched":"2026-01-01T00:00:00Z","completed":"2026-01-01T00:00:01Z","completionStatus":"ERROR","progress":"Failed",`+
					`"percentComplete":100,"attributes":{},"returns":[],"messages":[{"type":"ERROR","key":"k","parameters":null,`+
					`"localizedText":{"locale":"en-US","message":"`+message+`"}}]}`)
			default:
				emu.ServeHTTP(w, r)
			}
		})
	}, func(e *deleteEnv) { failing.Store(e.ids[7]) })
	errs, _ := e.waitAll(t, nil)
	for i, err := range errs {
		if i != 7 && err != nil {
			t.Errorf("wait %d: %v", i, err)
		}
	}
	want := "ISC could not delete source " + e.ids[7] + ": task failed-task ended with ERROR: " + message
	var failed *TaskFailedError
	if err := errs[7]; err == nil || err.Error() != want || !errors.As(err, &failed) {
		t.Errorf("the failed delete: %v, want %q", err, want)
	}
	if reqs := e.checks(t); len(reqs) != 2 || taskReads.Load() != 1 {
		t.Errorf("%d lists and %d task reads, want 2 lists and 1 task read", len(reqs), taskReads.Load())
	}
}

// A wait whose context ends between rounds says how to follow its delete by hand, and the others
// carry on with the same rounds.
func TestCancelledDeleteWaitLeavesTheOthers(t *testing.T) {
	e := newDeleteEnv(t, 20, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	e.pause = func(n int) {
		if n == 2 { // after the first round
			cancel()
			for e.pending("/sources") != 19 {
				time.Sleep(time.Millisecond)
			}
		}
	}
	errs, _ := e.waitAll(t, map[int]context.Context{3: ctx})
	for i, err := range errs {
		if i != 3 && err != nil {
			t.Errorf("wait %d: %v", i, err)
		}
	}
	want := fmt.Sprintf("interrupted while waiting for the deletion of source %s (task %s): context canceled; ISC may still be deleting it: "+
		"check the task with GET /task-status/v1/%s, or wait until GET /sources/v1/%s answers 404", e.ids[3], e.tasks[3], e.tasks[3], e.ids[3])
	if err := errs[3]; err == nil || err.Error() != want || !errors.Is(err, context.Canceled) {
		t.Errorf("the cancelled wait: %v, want %q", err, want)
	}
	reqs := e.checks(t)
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2 lists", len(reqs))
	}
	if q, _ := url.ParseQuery(reqs[1].Query); strings.Contains(q.Get("filters"), e.ids[3]) {
		t.Errorf("the second round asked for the source whose wait ended: %s", q.Get("filters"))
	}
}

// When ISC refuses the filter, the waits read each source instead, from then on.
func TestDeleteChecksWithoutTheFilter(t *testing.T) {
	var refused atomic.Int32
	e := newDeleteEnv(t, 5, func(emu http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && r.URL.Path == "/sources/v1" && r.URL.Query().Has("filters") {
				refused.Add(1)
				writeJSON(w, http.StatusBadRequest, `{"detailCode":"400.1 Bad Request Content","trackingId":"t",`+
					`"messages":[{"locale":"en-US","localeOrigin":"DEFAULT","text":"too many values"}]}`)
				return
			}
			emu.ServeHTTP(w, r)
		})
	}, nil)
	errs, _ := e.waitAll(t, nil)
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, r := range e.emu.Requests() {
		if r.Route == "GET /sources/v1/{id}" {
			reads++
		}
	}
	if refused.Load() != 1 || reads != 10 {
		t.Errorf("%d refused lists and %d reads of a source, want 1 and 10 (5 sources, two rounds)", refused.Load(), reads)
	}
}

// The lifecycle states of a profile have no filters: deletes of several share one read of the
// profile's whole list per round.
func TestConcurrentLifecycleStateDeletesShareTheList(t *testing.T) {
	e := newDeleteClient(t, nil)
	c, ctx := e.c, context.Background()
	profile := testIdentityProfile(t, c)
	keep, err := c.CreateLifecycleState(ctx, profile, &ProfileLifecycleState{Name: "Kept", TechnicalName: "kept"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		l, err := c.CreateLifecycleState(ctx, profile, &ProfileLifecycleState{Name: "Gone", TechnicalName: fmt.Sprint("gone", i)})
		if err != nil {
			t.Fatal(err)
		}
		ref, err := c.DeleteLifecycleState(ctx, profile, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.ids, e.tasks = append(e.ids, l.ID), append(e.tasks, ref.ID)
	}
	e.list = lifecycleStatesPath(profile)
	e.wait = func(ctx context.Context, i int) error {
		return c.WaitForLifecycleStateDeleted(ctx, profile, e.ids[i], e.tasks[i])
	}
	e.emu.ClearRequests()
	errs, at := e.waitAll(t, nil)
	for i, err := range errs {
		if err != nil || at[i].Before(epoch.Add(emulator.DefaultDeleteDelay)) {
			t.Errorf("wait %d: %v at %s", i, err, at[i].Sub(epoch))
		}
	}
	var routes []string
	for _, r := range e.emu.Requests() {
		routes = append(routes, r.Route)
	}
	if want := "GET /identity-profiles/v1/{identityProfileId}/lifecycle-states"; len(routes) != 2 || routes[0] != want || routes[1] != want {
		t.Errorf("requests %v, want two reads of the list", routes)
	}
	if _, err := c.GetLifecycleState(ctx, profile, keep.ID); err != nil {
		t.Errorf("the state not deleted: %v", err)
	}
}
