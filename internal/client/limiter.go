package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

// ISC's rate limit: DefaultRateLimit requests per client ID and API version in any RateWindow,
// whatever the tokens they carry.
const (
	RateWindow       = 10 * time.Second
	DefaultRateLimit = 100
)

const (
	// slotMargin keeps a request's slot this long beyond RateWindow after its answer arrived.
	// ISC counted the request at some moment between its sending and its answer; the margin
	// covers clocks that run at slightly different rates and a window that ISC closes late.
	slotMargin = 250 * time.Millisecond
)

// RateLimitPatience bounds how long one call waits for ISC's 429 answers in all: 429s do not
// count against MaxRetries, since another process on the same client causes them, not the call.
const RateLimitPatience = 15 * time.Minute

// windowLimiter paces the requests of every client of one ISC client ID, API version and tenant
// in the process as ISC counts them: it admits a request while fewer than its allowance were
// admitted in the last RateWindow, so a small run goes at once and a large one at the sustained
// rate. A 429, which says another process spends the same allowance, pauses every request until
// its Retry-After and halves the allowance, the share of one of two processes; each window
// without a 429 gives a tenth of the limit back. More processes than two get 429s now and then,
// which the pauses keep in order and the calls repeat. The process hands the window on to the
// next one through a file (see file).
type windowLimiter struct {
	limit int
	now   func() time.Time // the clock; tests set their own

	mu sync.Mutex
	// slots are the admitted requests that still count: in flight, or answered less than
	// RateWindow plus slotMargin ago.
	slots []*slot
	// changed is closed, and replaced, when a slot is answered or given back or a pause begins,
	// so that waiters look again.
	changed     chan struct{}
	pausedUntil time.Time
	lastLimited time.Time // the latest 429; zero before any

	// file, when not empty, hands the window on to the next process of the same key: Terraform
	// starts the provider anew for a plan and for the apply after it, and ISC counts across them.
	// saving serializes its writes.
	file   string
	saving sync.Mutex
}

// slot is one admitted request. A nil slot belongs to no window and its methods do nothing.
type slot struct {
	w      *windowLimiter
	freeAt time.Time // zero while the request is in flight
}

func newWindowLimiter(limit int, now func() time.Time) *windowLimiter {
	return &windowLimiter{limit: limit, now: now, changed: make(chan struct{})}
}

// limiterKey is what ISC counts requests by; the base URL stands for the tenant.
type limiterKey struct {
	baseURL, clientID string
	version           apiversion.Version
	limit             int
}

// limiters holds one windowLimiter per key for the whole process: the provider's configurations
// (aliases) that use the same client share ISC's allowance, so they share its limiter.
var limiters = struct {
	sync.Mutex
	m map[limiterKey]*windowLimiter
}{m: map[limiterKey]*windowLimiter{}}

func sharedLimiter(key limiterKey) *windowLimiter {
	limiters.Lock()
	defer limiters.Unlock()
	w := limiters.m[key]
	if w == nil {
		w = newWindowLimiter(key.limit, time.Now)
		w.file = windowFile(key)
		w.load()
		limiters.m[key] = w
	}
	return w
}

// windowDir holds the windows handed on between processes, one small file per key named by a
// hash of it: times only, no names or credentials.
func windowDir() string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("terraform-provider-sailpoint-%d", os.Getuid()))
}

// windowFile is the key's hand-over file, or "" when there is nowhere to keep it.
func windowFile(key limiterKey) string {
	dir := windowDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return ""
	}
	pruneWindowFiles.Do(func() {
		// Files of tenants and clients not used for a day only take room.
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
				_ = os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	})
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%s\x00%d", key.baseURL, key.clientID, key.version, key.limit))
	return filepath.Join(dir, hex.EncodeToString(sum[:16])+".json")
}

var pruneWindowFiles sync.Once

// windowState is what a hand-over file holds: when the answered requests' slots free, and the
// 429 state.
type windowState struct {
	FreeAt      []time.Time `json:"free_at"`
	PausedUntil time.Time   `json:"paused_until"`
	LastLimited time.Time   `json:"last_limited"`
}

// load takes over the window an earlier process handed on. A missing or unreadable file is an
// empty window.
func (w *windowLimiter) load() {
	if w.file == "" {
		return
	}
	b, err := os.ReadFile(w.file)
	if err != nil {
		return
	}
	var st windowState
	if json.Unmarshal(b, &st) != nil {
		return
	}
	now := w.now()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, t := range st.FreeAt {
		if t.After(now) {
			// No slot outlasts a window from now, even if the clock was set back since.
			w.slots = append(w.slots, &slot{w: w, freeAt: minTime(t, now.Add(RateWindow+slotMargin))})
		}
	}
	w.pausedUntil, w.lastLimited = st.PausedUntil, st.LastLimited
}

// save hands the window on, replacing the file whole so that a reader never sees half of it.
// Processes running side by side overwrite each other's; their 429s still pace them.
func (w *windowLimiter) save() {
	if w.file == "" {
		return
	}
	w.saving.Lock()
	defer w.saving.Unlock()
	w.mu.Lock()
	now := w.now()
	st := windowState{PausedUntil: w.pausedUntil, LastLimited: w.lastLimited}
	for _, s := range w.slots {
		if s.freeAt.After(now) {
			st.FreeAt = append(st.FreeAt, s.freeAt)
		}
	}
	w.mu.Unlock()
	b, err := json.Marshal(st)
	if err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(w.file), filepath.Base(w.file)+".*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), w.file) != nil {
		_ = os.Remove(tmp.Name())
	}
}

// allowance is how many requests the limiter admits per window at now.
func (w *windowLimiter) allowance(now time.Time) int {
	if w.lastLimited.IsZero() {
		return w.limit
	}
	clean := int(now.Sub(w.lastLimited) / RateWindow)
	return min(w.limit, max(1, w.limit/2)+clean*max(1, w.limit/10))
}

// admit takes a slot at now, or says how long to wait before asking again (at the latest; also
// when changed is closed). perSecond, when not nil, caps the rate on top of the window. A request
// repeated after the 429 that paused the limiter has waited already, and is not paused again.
func (w *windowLimiter) admit(now time.Time, perSecond *rate.Limiter, afterPause bool) (s *slot, wait time.Duration, changed <-chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !afterPause && now.Before(w.pausedUntil) {
		return nil, w.pausedUntil.Sub(now), w.changed
	}
	live := w.slots[:0]
	var earliest time.Time // the first moment an answered slot frees
	for _, s := range w.slots {
		if s.freeAt.IsZero() || s.freeAt.After(now) {
			live = append(live, s)
			if !s.freeAt.IsZero() && (earliest.IsZero() || s.freeAt.Before(earliest)) {
				earliest = s.freeAt
			}
		}
	}
	clear(w.slots[len(live):])
	w.slots = live
	if len(w.slots) >= w.allowance(now) {
		if earliest.IsZero() { // every slot is in flight: one frees RateWindow after its answer
			return nil, RateWindow, w.changed
		}
		return nil, earliest.Sub(now), w.changed
	}
	if perSecond != nil {
		if tokens := perSecond.TokensAt(now); tokens < 1 {
			return nil, time.Duration(math.Ceil((1 - tokens) / float64(perSecond.Limit()) * float64(time.Second))), w.changed
		}
		perSecond.AllowN(now, 1)
	}
	s = &slot{w: w}
	w.slots = append(w.slots, s)
	return s, 0, nil
}

// acquire waits for a slot, or for ctx to end.
func (w *windowLimiter) acquire(ctx context.Context, perSecond *rate.Limiter, afterPause bool) (*slot, error) {
	for {
		s, wait, changed := w.admit(w.now(), perSecond, afterPause)
		if s != nil {
			return s, nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-changed:
		case <-t.C:
		}
		t.Stop()
	}
}

// broadcast wakes every waiter; w.mu is held.
func (w *windowLimiter) broadcast() {
	close(w.changed)
	w.changed = make(chan struct{})
}

// answered starts the end of the slot's time in the window: the request's answer, or its
// failure, arrived now.
func (s *slot) answered() {
	if s == nil {
		return
	}
	w := s.w
	w.mu.Lock()
	s.freeAt = w.now().Add(RateWindow + slotMargin)
	w.broadcast()
	w.mu.Unlock()
	w.save()
}

// unsent gives the slot back: its request never left.
func (s *slot) unsent() {
	if s == nil {
		return
	}
	w := s.w
	w.mu.Lock()
	defer w.mu.Unlock()
	for i, other := range w.slots {
		if other == s {
			w.slots = append(w.slots[:i], w.slots[i+1:]...)
			break
		}
	}
	w.broadcast()
}

// limited records that ISC answered the slot's request 429 with this Retry-After: ISC refuses
// the client's every request until then, so all wait, and the client shares the allowance with
// someone, so the limiter claims less of it.
func (s *slot) limited(retryAfter time.Duration) {
	if s == nil {
		return
	}
	w := s.w
	w.mu.Lock()
	now := w.now()
	if until := now.Add(retryAfter); until.After(w.pausedUntil) {
		w.pausedUntil = until
	}
	w.lastLimited = now
	w.broadcast()
	w.mu.Unlock()
	w.save()
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
