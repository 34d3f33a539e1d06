package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"
)

// An object ISC deletes in a background task is awaited until ISC no longer has it. The deletes
// of one collection that are pending at the same time share that check: one round at a time
// reads, for all of them, the collection's list filtered to their ids, and every object missing
// from the answer is gone. A round with one pending delete reads the object itself (404 is
// ISC's plainest "gone"), as does a collection whose list cannot be narrowed to some ids.
//
// Each pending delete keeps its own schedule: its first check comes PollInterval after it
// started, the next ones ever further apart (×1.5, at most maxPollInterval). A round runs when
// the earliest is due, no sooner than PollInterval after the previous one, and answers for every
// pending delete, due or not, so one that joins changes no other's schedule.
//
// A delete's task is read only while its object lingers: from the delete's second check that
// still finds it, until the task has completed or cannot be read (ISC does not promise every
// delete task is in task-status). A task that failed fails that delete alone, with ISC's
// messages. The subset of the API has no list of tasks, so lingering deletes cost one task read
// each per check; quick ones cost none.

// goneChunk bounds the ids of one `id in (...)` filter. ISC documents no bound for it; this is
// the bound of its bulk deletes, and keeps the request line short.
const goneChunk = 50

// goneList is the list that tells which of a collection's objects still exist.
type goneList struct {
	path  string
	query url.Values
	// secrets are members whose values logs of the list redact whole.
	secrets []string
	// byID says the list accepts `id in (...)`; without it the list is read whole.
	byID bool
}

// pendingDelete is one delete waiting for its object to be gone. Its schedule is the loop's
// alone: the waiting caller only receives from done.
type pendingDelete struct {
	ctx                    context.Context // the caller's; its values go with the requests
	id, taskID, what, path string
	due                    time.Time
	interval               time.Duration
	// seen counts the checks, due for this delete, that found the object still there.
	seen int
	// taskOver is set once the task has completed or cannot be read: only the object tells.
	taskOver bool
	done     chan error // receives the outcome, once; buffered
}

// deleteWatch is the pending deletes of one collection and the state of the loop checking them.
type deleteWatch struct {
	list    goneList
	pending []*pendingDelete
	running bool
	// noFilter is set when ISC refused the list's filter: each object is read instead.
	noFilter bool
	last     time.Time          // when the last round started
	wake     context.CancelFunc // ends the loop's pause early; nil when not pausing
	abort    context.CancelFunc // cancels the round in flight; nil when none
}

// deleteWatches holds a client's deleteWatch of each collection. The zero value is ready.
type deleteWatches struct {
	mu     sync.Mutex
	byList map[string]*deleteWatch
	clock  func() time.Time // time.Now when nil; tests move it with Client.wait
}

func (d *deleteWatches) now() time.Time {
	if d.clock != nil {
		return d.clock()
	}
	return time.Now()
}

// waitGone waits until the object at path, deleted in the task taskID ("" when ISC named none),
// is gone from ISC, read from ISC itself (the run's cache would answer the same every time). The
// wait is bounded by ctx only; when ctx ends first, the error says how to follow the delete by
// hand.
func (c *Client) waitGone(ctx context.Context, list goneList, id, taskID, what, path string) error {
	p := &pendingDelete{ctx: ctx, id: id, taskID: taskID, what: what, path: path,
		interval: c.cfg.PollInterval, done: make(chan error, 1)}
	c.joinWatch(list, p)
	var err error
	select {
	case err = <-p.done:
	case <-ctx.Done():
		if c.leaveWatch(list.path, p) {
			return c.deleteGaveUp(ctx, p)
		}
		err = <-p.done // the outcome came in the meantime
	}
	var failed *TaskFailedError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &failed):
		return fmt.Errorf("ISC could not delete %s: %w", what, err)
	case ctx.Err() != nil:
		return c.deleteGaveUp(ctx, p)
	}
	return fmt.Errorf("checking the deletion of %s: %w", what, err)
}

// deleteGaveUp is the error of a wait for p that ctx ended: ISC may still be deleting it.
func (c *Client) deleteGaveUp(ctx context.Context, p *pendingDelete) error {
	task, check := "", ""
	if p.taskID != "" {
		task = " (task " + p.taskID + ")"
		check = fmt.Sprintf("check the task with GET %s, or ", c.wire(taskStatusPath(p.taskID)))
	}
	return fmt.Errorf("%s for the deletion of %s%s: %w; ISC may still be deleting it: %swait until GET %s answers 404",
		gaveUp(ctx), p.what, task, ctx.Err(), check, c.wire(p.path))
}

// joinWatch adds p to its collection's pending deletes, and starts the collection's loop when
// none runs.
func (c *Client) joinWatch(list goneList, p *pendingDelete) {
	d := &c.deletes
	d.mu.Lock()
	defer d.mu.Unlock()
	p.due = d.now().Add(p.interval)
	if d.byList == nil {
		d.byList = map[string]*deleteWatch{}
	}
	w := d.byList[list.path]
	if w == nil {
		w = &deleteWatch{list: list}
		d.byList[list.path] = w
	}
	w.pending = append(w.pending, p)
	if w.wake != nil {
		w.wake() // p may be due before the loop planned to wake
	}
	if !w.running {
		w.running = true
		go c.watchLoop(w)
	}
}

// leaveWatch takes p out of the pending deletes of the collection at listPath; false when it was
// no longer there, its outcome having been sent. The last to leave stops the round in flight.
func (c *Client) leaveWatch(listPath string, p *pendingDelete) bool {
	d := &c.deletes
	d.mu.Lock()
	defer d.mu.Unlock()
	w := d.byList[listPath]
	i := slices.Index(w.pending, p)
	if i < 0 {
		return false
	}
	w.pending = slices.Delete(w.pending, i, i+1)
	if len(w.pending) == 0 {
		for _, stop := range []context.CancelFunc{w.wake, w.abort} {
			if stop != nil {
				stop()
			}
		}
	}
	return true
}

// settle sends p its outcome unless it has left the watch.
func (c *Client) settle(w *deleteWatch, p *pendingDelete, err error) {
	d := &c.deletes
	d.mu.Lock()
	defer d.mu.Unlock()
	if i := slices.Index(w.pending, p); i >= 0 {
		w.pending = slices.Delete(w.pending, i, i+1)
		p.done <- err
	}
}

// watchLoop runs the rounds of w while any delete is pending.
func (c *Client) watchLoop(w *deleteWatch) {
	d := &c.deletes
	for {
		d.mu.Lock()
		if len(w.pending) == 0 {
			w.running = false
			d.mu.Unlock()
			return
		}
		now := d.now()
		next := w.pending[0].due
		for _, p := range w.pending[1:] {
			if p.due.Before(next) {
				next = p.due
			}
		}
		if !w.last.IsZero() && next.Before(w.last.Add(c.cfg.PollInterval)) {
			next = w.last.Add(c.cfg.PollInterval)
		}
		if pause := next.Sub(now); pause > 0 {
			ctx, cancel := context.WithCancel(context.Background())
			w.wake = cancel
			d.mu.Unlock()
			_ = c.wait(ctx, pause) // a pause cut short is planned again
			cancel()
			d.mu.Lock()
			w.wake = nil
			d.mu.Unlock()
			continue
		}
		batch := slices.Clone(w.pending)
		// The round serves every pending delete, so no one caller's end may stop it: only the
		// last one leaving does (leaveWatch).
		ctx, cancel := context.WithCancel(context.WithoutCancel(batch[0].ctx))
		w.abort = cancel
		filtered := w.list.byID && !w.noFilter
		d.mu.Unlock()

		c.deleteRound(ctx, w, batch, now, filtered)
		cancel()
		d.mu.Lock()
		w.abort, w.last = nil, now
		d.mu.Unlock()
	}
}

// deleteRound checks, at now, the objects of batch: all of them through one list (in chunks of
// goneChunk ids) when the collection allows it and more than one is pending, otherwise each due
// one by itself.
func (c *Client) deleteRound(ctx context.Context, w *deleteWatch, batch []*pendingDelete, now time.Time, filtered bool) {
	var present map[string]bool
	if len(batch) > 1 && (filtered || !w.list.byID) {
		var err error
		present, err = c.stillListed(ctx, w.list, batch, filtered)
		var apiErr *Error
		switch {
		case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest && filtered:
			// ISC refused the filter (a bound it does not document, say): read objects instead.
			c.deletes.mu.Lock()
			w.noFilter = true
			c.deletes.mu.Unlock()
			present = nil
		case errors.Is(err, ErrNotFound):
			// The list's parent is gone; each object's own 404 says so for it.
			present = nil
		case err != nil:
			for _, p := range batch {
				c.settle(w, p, err)
			}
			return
		}
	}
	for _, p := range batch {
		due := !p.due.After(now)
		if present == nil {
			if !due {
				continue
			}
			_, err := c.do(p.ctx, request{method: http.MethodGet, path: p.path})
			if err != nil {
				c.settle(w, p, ignoreNotFound(err))
				continue
			}
		} else if !present[p.id] {
			c.settle(w, p, nil)
			continue
		}
		if !due {
			continue
		}
		p.seen++
		p.interval = min(p.interval*3/2, maxPollInterval)
		p.due = c.deletes.now().Add(p.interval)
		if p.seen >= 2 && p.taskID != "" && !p.taskOver {
			if err := c.checkDeleteTask(p); err != nil {
				c.settle(w, p, err)
			}
		}
	}
}

// ignoreNotFound is err, or nil when err is a 404.
func ignoreNotFound(err error) error {
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// checkDeleteTask reads the task of a delete whose object lingers: a failed task is a
// *TaskFailedError; one that completed or cannot be read leaves the object to tell.
func (c *Client) checkDeleteTask(p *pendingDelete) error {
	st, err := c.GetTaskStatus(p.ctx, p.taskID)
	switch {
	case errors.Is(err, ErrNotFound):
		p.taskOver = true // not every delete task can be read through task-status
		return nil
	case err != nil:
		return err
	}
	if st.CompletionStatus == nil {
		return nil
	}
	p.taskOver = true
	return taskOutcome(st)
}

// stillListed returns the ids of batch that the collection's list still holds.
func (c *Client) stillListed(ctx context.Context, list goneList, batch []*pendingDelete, filtered bool) (map[string]bool, error) {
	ctx = WithSecretKeys(ctx, list.secrets...)
	present := map[string]bool{}
	read := func(filters string) error {
		items, _, err := listAll[struct {
			ID string `json:"id"`
		}](ctx, c, list.path, ListOptions{Filters: filters, Query: list.query})
		for _, it := range items {
			present[it.ID] = true
		}
		return err
	}
	if !filtered {
		return present, read("")
	}
	for chunk := range slices.Chunk(batch, goneChunk) {
		ids := make([]string, len(chunk))
		for i, p := range chunk {
			ids[i] = p.id
		}
		if err := read(FilterIn("id", ids...)); err != nil {
			return nil, err
		}
	}
	return present, nil
}
