package client

import (
	"net/http"
	"sync"
	"time"
)

// serverClock bounds the offset between ISC's clock and the local one from the Date headers of
// ISC's answers, so that a time ISC reports (an object's created) can be set against a moment
// measured here. A Date has whole seconds, and was written at some moment between sending the
// request and receiving the answer, so each answer bounds the offset from both sides; the
// bounds of all answers are intersected.
type serverClock struct {
	mu     sync.Mutex
	lo, hi time.Duration // ISC's clock minus the local one lies in [lo, hi]
	known  bool
}

// observe records an answer's Date, sent between the local moments sent and received.
func (c *serverClock) observe(date string, sent, received time.Time) {
	d, err := http.ParseTime(date)
	if err != nil {
		return
	}
	lo, hi := d.Sub(received), d.Add(time.Second).Sub(sent)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.known && lo <= c.hi && hi >= c.lo {
		c.lo, c.hi = max(c.lo, lo), min(c.hi, hi)
		return
	}
	// The first answer, or one that contradicts the earlier ones: a clock was set. The latest
	// answer is the one to believe.
	c.lo, c.hi, c.known = lo, hi, true
}

// earliest returns the earliest moment that ISC's clock may have shown at the local moment t;
// ok is false before any answer with a Date.
func (c *serverClock) earliest(t time.Time) (at time.Time, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return t.Add(c.lo), c.known
}
