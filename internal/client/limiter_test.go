package client

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// fakeClock is a clock that moves only when a test says.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestWindow(limit int) (*windowLimiter, *fakeClock) {
	clock := &fakeClock{t: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}
	return newWindowLimiter(limit, clock.now), clock
}

// admitAll takes n slots at once and fails if any has to wait.
func admitAll(t *testing.T, w *windowLimiter, clock *fakeClock, n int) []*slot {
	t.Helper()
	var out []*slot
	for i := range n {
		s, wait, _ := w.admit(clock.now(), nil, false)
		if s == nil {
			t.Fatalf("request %d of %d waits %s, want admitted at once", i+1, n, wait)
		}
		out = append(out, s)
	}
	return out
}

func wantWait(t *testing.T, w *windowLimiter, clock *fakeClock, want time.Duration) {
	t.Helper()
	if s, wait, _ := w.admit(clock.now(), nil, false); s != nil || wait != want {
		t.Fatalf("admit: slot %v, wait %s; want a wait of %s", s != nil, wait, want)
	}
}

// The window's allowance goes at once; the next request waits for the oldest slot, which frees
// RateWindow plus the margin after its answer, and no sooner while every slot is in flight.
func TestWindowBurstThenOldestSlot(t *testing.T) {
	w, clock := newTestWindow(100)
	slots := admitAll(t, w, clock, 100)
	wantWait(t, w, clock, RateWindow) // all in flight: wait for an answer, at most a window
	clock.advance(time.Second)
	slots[0].answered()
	clock.advance(time.Second)
	slots[1].answered()
	wantWait(t, w, clock, RateWindow+slotMargin-time.Second)
	clock.advance(RateWindow + slotMargin - time.Second)
	admitAll(t, w, clock, 1)
	wantWait(t, w, clock, time.Second) // the second answer's slot
	slots[2].unsent()                  // never sent: its slot frees at once
	admitAll(t, w, clock, 1)
	wantWait(t, w, clock, time.Second)
}

// A waiter hears at once when a slot it waits for is answered or given back.
func TestWindowWakesWaiters(t *testing.T) {
	w, clock := newTestWindow(1)
	s := admitAll(t, w, clock, 1)[0]
	_, _, changed := w.admit(clock.now(), nil, false)
	s.unsent()
	select {
	case <-changed:
	default:
		t.Fatal("giving a slot back did not wake the waiters")
	}
	admitAll(t, w, clock, 1)
}

// A 429 holds every request until its Retry-After, except the one that got it and waited it out
// itself; the allowance halves and comes back by a tenth per window without a 429.
func TestWindowAfter429(t *testing.T) {
	w, clock := newTestWindow(100)
	slots := admitAll(t, w, clock, 10)
	for _, s := range slots {
		s.answered()
	}
	slots[0].limited(3 * time.Second)
	wantWait(t, w, clock, 3*time.Second)
	if s, _, _ := w.admit(clock.now(), nil, true); s == nil {
		t.Fatal("the request repeated after its own 429 waits again")
	}
	clock.advance(3 * time.Second)
	admitAll(t, w, clock, 50-11) // 11 in the window, 50 allowed
	wantWait(t, w, clock, RateWindow+slotMargin-3*time.Second)

	for i, want := range []int{50, 60, 70, 100, 100} {
		at := w.lastLimited.Add(time.Duration([]int{0, 10, 20, 50, 60}[i]) * time.Second)
		if got := w.allowance(at); got != want {
			t.Errorf("allowance %s after the 429 = %d, want %d", at.Sub(w.lastLimited), got, want)
		}
	}
	// A later 429 starts the recovery again, and a shorter Retry-After never shortens a pause.
	clock.advance(25 * time.Second)
	slots[1].limited(5 * time.Second)
	slots[2].limited(time.Second)
	if got := w.allowance(clock.now()); got != 50 {
		t.Errorf("allowance after a second 429 = %d, want 50", got)
	}
	wantWait(t, w, clock, 5*time.Second)
}

// requests_per_second spaces requests evenly inside the window's allowance.
func TestWindowPerSecondCap(t *testing.T) {
	w, clock := newTestWindow(100)
	perSecond := rate.NewLimiter(2, 1)
	for i := range 4 {
		s, wait, _ := w.admit(clock.now(), perSecond, false)
		if s == nil {
			t.Fatalf("request %d waits %s, want admitted", i+1, wait)
		}
		if s, wait, _ := w.admit(clock.now(), perSecond, false); s != nil || wait != 500*time.Millisecond {
			t.Fatalf("after request %d: slot %v, wait %s; want 500ms", i+1, s != nil, wait)
		}
		clock.advance(500 * time.Millisecond)
	}
	if len(w.slots) != 4 {
		t.Errorf("%d slots taken, want one per admitted request", len(w.slots))
	}
}

// Clients of one tenant, client ID and API version share a window; other client IDs and versions
// have their own, and a negative RateLimit none.
func TestWindowShared(t *testing.T) {
	newClient := func(id string, v apiversion.Version, limit int) *Client {
		t.Helper()
		c, err := New(Config{BaseURL: "https://shared.example.com/", ClientID: id, ClientSecret: "s", APIVersion: v, RateLimit: limit, RequestsPerSecond: 5})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a, b := newClient("one", apiversion.V1, 0), newClient("one", apiversion.V1, 0)
	if a.window == nil || a.window != b.window || a.window.limit != DefaultRateLimit {
		t.Error("two clients of one client ID do not share a window of the default limit")
	}
	if a.perSecond == b.perSecond {
		t.Error("two clients share their per-second cap")
	}
	if newClient("two", apiversion.V1, 0).window == a.window {
		t.Error("two client IDs share a window")
	}
	if newClient("one", apiversion.V2025, 0).window == a.window {
		t.Error("two API versions share a window")
	}
	if newClient("one", apiversion.V1, -1).window != nil {
		t.Error("a negative RateLimit has a window")
	}
}

// Alone on its client ID, a client that makes twice ISC's allowance of calls, eight at a
// time, gets no 429.
func TestWindowAloneGetsNo429(t *testing.T) {
	t.Parallel()
	const limit, calls = 20, 40
	emu := emulator.New(emulator.Config{RateLimit: limit})
	srv := contract.NewServer(t, emu)
	c, err := New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret, RateLimit: limit, NoReadCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if errs := concurrently(8, calls, func() error { _, _, err := c.ListSources(context.Background(), ListOptions{}); return err }); len(errs) > 0 {
		t.Fatalf("%d calls failed, the first: %v", len(errs), errs[0])
	}
	stats := emu.Stats()
	if stats.RateLimited != 0 || stats.ByRoute["GET /sources/v1"] != calls {
		t.Errorf("%d answers 429 of %d requests, want none of %d", stats.RateLimited, stats.ByRoute["GET /sources/v1"], calls)
	}
}

// Two processes on one client ID, each pacing for the whole allowance, overrun ISC's window:
// some requests get 429, every call still succeeds.
func TestWindowCompetingClients(t *testing.T) {
	t.Parallel()
	const limit, calls = 20, 20
	emu := emulator.New(emulator.Config{RateLimit: limit})
	srv := contract.NewServer(t, emu)
	var clients []*Client
	for range 2 {
		c, err := New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret, RateLimit: limit, NoReadCache: true})
		if err != nil {
			t.Fatal(err)
		}
		c.window = newWindowLimiter(limit, time.Now) // as another process would have its own
		clients = append(clients, c)
	}
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Go(func() {
			got := concurrently(4, calls, func() error { _, _, err := c.ListSources(context.Background(), ListOptions{}); return err })
			mu.Lock()
			errs = append(errs, got...)
			mu.Unlock()
		})
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d calls failed, the first: %v", len(errs), errs[0])
	}
	stats := emu.Stats()
	if ok := stats.ByRoute["GET /sources/v1"] - stats.RateLimited; ok != 2*calls || stats.RateLimited == 0 {
		t.Errorf("%d requests answered, %d of them 429; want %d that succeeded and some 429s", stats.ByRoute["GET /sources/v1"], stats.RateLimited, 2*calls)
	}
	// Which of the two meets the other's requests in the window depends on scheduling: one may
	// finish before the other starts, so only one of them needs to have been refused.
	if clients[0].window.lastLimited.IsZero() && clients[1].window.lastLimited.IsZero() {
		t.Error("neither client saw a 429")
	}
}

// concurrently runs call n times, from workers goroutines, and returns the errors.
func concurrently(workers, n int, call func() error) []error {
	jobs := make(chan struct{}, n)
	for range n {
		jobs <- struct{}{}
	}
	close(jobs)
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range jobs {
				if err := call(); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return errs
}

// The next process of the same key, such as the provider Terraform starts for an apply after the
// plan, takes over the window: the answered requests' slots that have not freed, and the 429.
func TestWindowHandedOn(t *testing.T) {
	file := filepath.Join(t.TempDir(), "window.json")
	first, clock := newTestWindow(10)
	first.file = file
	slots := admitAll(t, first, clock, 4)
	for _, s := range slots[:3] {
		s.answered()
	}
	clock.advance(time.Second)
	slots[3].answered() // a 429's slot counts too: ISC may have counted it
	slots[3].limited(2 * time.Second)

	next := newWindowLimiter(10, clock.now)
	next.file = file
	next.load()
	wantWait(t, next, clock, 2*time.Second)
	clock.advance(2 * time.Second)
	if got := next.allowance(clock.now()); got != 5 {
		t.Errorf("allowance after the handed-on 429 = %d, want 5", got)
	}
	admitAll(t, next, clock, 1) // 3 answered slots and the 429's in the window, 5 allowed
	wantWait(t, next, clock, RateWindow+slotMargin-3*time.Second)

	// Once every slot has freed, the next process starts with an empty window.
	clock.advance(RateWindow)
	last := newWindowLimiter(10, clock.now)
	last.file = file
	last.load()
	if len(last.slots) != 0 {
		t.Errorf("%d slots taken over after they freed, want none", len(last.slots))
	}
}
