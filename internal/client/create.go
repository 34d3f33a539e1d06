package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// creation is one create call for createOnce: the request, and how to find and judge the object
// it may have made when its answer is lost.
type creation[T any] struct {
	what string // the object requested, for logs: source "HR"
	sent any    // the request body, compared with what find returns
	// create sends the request; find looks the object up by its natural key, nil when there is none.
	create, find func(context.Context) (*T, error)
	// describe names a found object for a person (source "HR" (id 2c91...)); importID gives its
	// address below its parent as ISC's paths name it (SOURCE_ID/SCHEMA_ID), also its import ID.
	describe, importID func(*T) string
	// path is an object's API path.
	path func(*T) string
	// created is a found object's creation time as ISC reports it; nil for types that have none.
	created func(*T) string
	// absentBefore says the caller saw, just before the create, that no such object existed. Types
	// without a creation time can only be proven new this way.
	absentBefore bool
}

// createOnce runs a create. When its outcome is unknown (the answer was lost), it looks the
// object up by its natural key before trying again, and adopts what it finds only when this
// create provably made it: the object did not exist before the first request was sent, and every
// member the request set has the value sent. An object found that is not provably ours fails the
// create with a *NotOursError and is never touched; no object found means ISC did not act, and
// the create is tried again.
func createOnce[T any](ctx context.Context, c *Client, o creation[T]) (*T, error) {
	what := o.what
	var firstSent time.Time
	for attempt := 1; ; attempt++ {
		sent := time.Now()
		if firstSent.IsZero() {
			firstSent = sent
		}
		out, err := o.create(ctx)
		var unknown *OutcomeUnknownError
		if err == nil || !errors.As(err, &unknown) {
			if err == nil {
				c.created.add(o.path(out))
			}
			return out, err
		}
		tflog.Warn(ctx, "ISC create outcome unknown; looking for the object before trying again", map[string]any{"object": what, "error": err.Error()})
		found, ferr := o.find(ctx)
		if ferr != nil {
			return nil, fmt.Errorf("%w; looking for %s afterwards failed too: %w", err, what, ferr)
		}
		if found != nil {
			if why := notOurs(ctx, c, o, found, firstSent); why != "" {
				return nil, &NotOursError{Object: o.describe(found), ImportID: o.importID(found), Reason: why, Err: err}
			}
			tflog.Info(ctx, "Adopted the object a create with a lost answer made", map[string]any{"object": o.describe(found)})
			c.created.add(o.path(found))
			return found, nil
		}
		if attempt > c.cfg.MaxRetries {
			return nil, err
		}
		if werr := c.wait(ctx, c.backoff(attempt)); werr != nil {
			return nil, fmt.Errorf("%w; interrupted before trying again: %w", err, werr)
		}
	}
}

// notOurs says why found is not provably the object that the requests sent from the local moment
// firstSent on created, or "" when it is.
func notOurs[T any](ctx context.Context, c *Client, o creation[T], found *T, firstSent time.Time) string {
	switch {
	case o.created != nil:
		raw := o.created(found)
		at, err := time.Parse(time.RFC3339Nano, raw)
		if err != nil {
			return fmt.Sprintf("its creation time %q cannot be read", raw)
		}
		earliest, ok := c.clock.earliest(firstSent)
		if !ok {
			return "ISC's answers carried no Date header, so its creation time cannot be set against the moment the request was sent"
		}
		// ISC writes the time truncated to its precision: the object was created before the
		// truncated time plus one step of it.
		if !at.Add(createdPrecision(raw)).After(earliest) {
			return fmt.Sprintf("it was created at %s, before the request was sent (at %s or later by ISC's clock)",
				raw, earliest.UTC().Format(time.RFC3339Nano))
		}
	case !o.absentBefore:
		return "ISC records no creation time for it, and nothing showed that it did not exist before the request"
	}
	sent, err := asJSONValue(o.sent)
	if err != nil {
		return "the request cannot be compared with it: " + err.Error()
	}
	got, err := asJSONValue(found)
	if err != nil {
		return "it cannot be compared with the request: " + err.Error()
	}
	if p, differs := sentDiffers(sent, got, "", secretKeyTest(ctx)); differs {
		return fmt.Sprintf("its member %q differs from the value the request sent", p)
	}
	return ""
}

// createdHere remembers the objects this client created, by API path, so that a later create
// can know without a request that something did not exist before it: a source created in this
// run has no schedule of a type that the run has not created on it.
type createdHere struct {
	mu    sync.Mutex
	paths map[string]bool
}

func (h *createdHere) add(path string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.paths == nil {
		h.paths = map[string]bool{}
	}
	h.paths[path] = true
}

func (h *createdHere) has(path string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.paths[path]
}

// newChildOfNewSource says whether a source child at path provably did not exist before: its
// source was created by this client, which has not created the child before. ISC gives a new
// source its account schema, no schedules, and some a provisioning policy of usage type CREATE.
func (c *Client) newChildOfNewSource(sourceID, path string) bool {
	return c.created.has(sourcePath(sourceID)) && !c.created.has(path)
}

// NotOursError is a create whose answer was lost, after which an object of the same natural key
// was found that this create did not provably make: it may be someone else's, so it was left
// untouched, and ISC may or may not have created the one requested.
type NotOursError struct {
	// Object names the object found, such as source "HR" (id 2c91...).
	Object string
	// ImportID is the found object's import ID.
	ImportID string
	// Reason says why the object is not provably the one created.
	Reason string
	// Err is the lost answer.
	Err error
}

func (e *NotOursError) Error() string {
	lost := e.Err.Error()
	var unknown *OutcomeUnknownError
	if errors.As(e.Err, &unknown) {
		// Without its advice, which is about objects that are provably the caller's.
		lost = fmt.Sprintf("%s %s may or may not have been carried out by ISC: %v", unknown.Method, unknown.Path, unknown.Err)
	}
	return fmt.Sprintf("%s; afterwards ISC had %s, but it is not provably the one this request created: %s. "+
		"It was left untouched", lost, e.Object, e.Reason)
}

func (e *NotOursError) Unwrap() error { return e.Err }

// sentDiffers reports the first member of sent whose value found does not hold, as a JSON
// Pointer below at. Objects may have more members than were sent (ISC fills some in), but not
// other values; members whose name secret matches are not compared, since ISC answers them with
// cipher text.
func sentDiffers(sent, found any, at string, secret func(string) bool) (where string, differs bool) {
	switch s := sent.(type) {
	case map[string]any:
		f, ok := found.(map[string]any)
		if !ok {
			return at, true
		}
		for k, v := range s {
			if secret(k) {
				continue
			}
			if v == nil {
				if f[k] != nil {
					return at + "/" + k, true
				}
				continue
			}
			if p, d := sentDiffers(v, f[k], at+"/"+k, secret); d {
				return p, true
			}
		}
	case []any:
		f, ok := found.([]any)
		if !ok || len(f) != len(s) {
			return at, true
		}
		for i := range s {
			if p, d := sentDiffers(s[i], f[i], at+"/"+strconv.Itoa(i), secret); d {
				return p, true
			}
		}
	default:
		if sent != found {
			return at, true
		}
	}
	return "", false
}

// asJSONValue turns v into the plain values encoding/json decodes into (maps, slices, float64...).
func asJSONValue(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	err = json.Unmarshal(b, &out)
	return out, err
}

// createdPrecision is the resolution of an RFC 3339 time as written: a second without a
// fraction, a millisecond with three digits.
func createdPrecision(s string) time.Duration {
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return time.Second
	}
	digits := 0
	for _, r := range s[dot+1:] {
		if r < '0' || r > '9' {
			break
		}
		digits++
	}
	p := time.Second
	for range digits {
		p /= 10
	}
	return max(p, time.Nanosecond)
}
