package client

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	pathpkg "path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// readCache serves the reads of one run (one client, so one provider process) from list calls:
// ISC allows 100 requests per 10 s, and a plan reads every resource it manages.
//
//   - The children of a source (schemas, schedules, provisioning policies) and of an identity
//     profile (lifecycle states) come from one list per parent and kind, shared by every caller.
//     Any write below that list forgets it.
//   - Sources and identity profiles come from the first page of their list, read once. An object
//     written in the run is kept from the write's answer, or, when the answer does not carry it,
//     marked stale and read on its own again.
//
// Items are kept as raw JSON and decoded by each caller, so callers never share maps or slices.
// Errors are never kept.
type readCache struct {
	// off makes every read ask ISC (Config.NoReadCache).
	off      bool
	mu       sync.Mutex
	children map[string]*shared[[]json.RawMessage] // by list path, e.g. /sources/{id}/schedules
	sources  objectCache
	profiles objectCache
	// objects holds the other top-level types, by the first segment of their path.
	objects map[string]*objectCache
}

func newReadCache(off bool) *readCache {
	return &readCache{
		off:      off,
		children: map[string]*shared[[]json.RawMessage]{},
		// ISC leaves its own IdentityNow source out of the list unless asked; GET /sources/{id}
		// does not, so neither may the cache.
		sources: objectCache{path: "/sources", query: url.Values{"includeIDNSource": {"true"}},
			// The list holds every source's connector attributes, and the names of a source's
			// write-only ones are known only to the calls made for that source.
			logSecrets: []string{"connectorAttributes"}},
		profiles: objectCache{path: "/identity-profiles"},
		objects: map[string]*objectCache{
			"transforms":      {path: transformsPath},
			"workgroups":      {path: governanceGroupsPath},
			"access-profiles": {path: accessProfilesPath},
			// Tenants hold many entitlements: those the first page lacks are read one by one.
			"entitlements": {path: entitlementsPath},
			"roles":        {path: rolesPath, pageSize: rolesPageSize},
			// Keyed by name and never paged; the list hides system attributes unless asked.
			"identity-attributes": {path: identityAttributesPath, key: "name", whole: true,
				query: url.Values{"includeSystem": {"true"}, "includeSilent": {"true"}}},
		},
	}
}

// shared is a value loaded by at most one call at a time and kept until invalidated.
type shared[V any] struct {
	// gen counts invalidations, so a load that started before one is not kept.
	gen    uint64
	val    V
	loaded bool
	flight *flight[V]
}

// flight is a load in progress; done is closed when val and err are set.
type flight[V any] struct {
	done chan struct{}
	val  V
	err  error
	// abandoned says the loading caller's own context ended: its error is not the others'.
	abandoned bool
}

// load returns s's value, loading it with fetch when it is not loaded. Concurrent callers wait for
// one fetch. A waiter whose context ends returns at once; when the fetching caller's context
// ends, the waiters try again. rc.mu guards s.
func load[V any](ctx context.Context, rc *readCache, s *shared[V], fetch func(context.Context) (V, error)) (V, error) {
	if rc.off {
		return fetch(ctx)
	}
	mu := &rc.mu
	for {
		mu.Lock()
		if s.loaded {
			v := s.val
			mu.Unlock()
			return v, nil
		}
		if f := s.flight; f != nil {
			mu.Unlock()
			select {
			case <-ctx.Done():
				var zero V
				return zero, fmt.Errorf("interrupted while waiting for a list call: %w", ctx.Err())
			case <-f.done:
			}
			if f.abandoned {
				continue
			}
			return f.val, f.err
		}
		f := &flight[V]{done: make(chan struct{})}
		s.flight = f
		gen := s.gen
		mu.Unlock()

		v, err := fetch(ctx)

		mu.Lock()
		if s.flight == f {
			s.flight = nil
		}
		if err == nil && s.gen == gen {
			s.val, s.loaded = v, true
		}
		f.val, f.err, f.abandoned = v, err, err != nil && ctx.Err() != nil
		mu.Unlock()
		close(f.done)
		return v, err
	}
}

// invalidate forgets s's value; a load in flight is left to its callers and not kept. mu guards s.
func (s *shared[V]) invalidate() {
	var zero V
	s.gen++
	s.val, s.loaded, s.flight = zero, false, nil
}

// pagedChildLists are the lists of children that ISC pages, by their last path segment: they are
// read page by page. ISC does not page the others.
var pagedChildLists = map[string]bool{"lifecycle-states": true}

// childList returns the items of the list of an object's children at path, such as
// /sources/{id}/schedules or /identity-profiles/{id}/lifecycle-states, from one read per run.
func (c *Client) childList(ctx context.Context, path string) ([]json.RawMessage, error) {
	c.cache.mu.Lock()
	s := c.cache.children[path]
	if s == nil {
		s = &shared[[]json.RawMessage]{}
		c.cache.children[path] = s
	}
	c.cache.mu.Unlock()
	return load(ctx, c.cache, s, func(ctx context.Context) ([]json.RawMessage, error) {
		var items []json.RawMessage
		var err error
		if pagedChildLists[pathpkg.Base(path)] {
			items, _, err = listAll[json.RawMessage](ctx, c, path, ListOptions{})
		} else {
			_, err = c.do(ctx, request{method: http.MethodGet, path: path, out: &items})
		}
		if err != nil {
			return nil, err
		}
		tflog.Debug(ctx, "ISC read cache filled from a list", map[string]any{"path": c.wire(path), "items": len(items)})
		return items, nil
	})
}

// findChild returns the first item of the list at path for which match holds, decoded for this
// caller; nil when there is none.
func findChild[T any](ctx context.Context, c *Client, path string, match func(*T) bool) (*T, error) {
	all, err := children[T](ctx, c, path)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if match(&all[i]) {
			return &all[i], nil
		}
	}
	return nil, nil
}

// children returns every item of the list of an object's children at path, decoded, from the
// list read once per run.
func children[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	items, err := c.childList(ctx, path)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(items))
	for i, raw := range items {
		if err := json.Unmarshal(raw, &out[i]); err != nil {
			return nil, fmt.Errorf("decoding the answer to GET %s: %w", c.wire(path), err)
		}
	}
	return out, nil
}

// getChild is findChild for a Get method: no match is an error that errors.Is ErrNotFound.
func getChild[T any](ctx context.Context, c *Client, listPath, itemPath, what string, match func(*T) bool) (*T, error) {
	v, err := findChild(ctx, c, listPath, match)
	if err == nil && v == nil {
		return nil, &Error{Method: http.MethodGet, Path: c.wire(itemPath), StatusCode: http.StatusNotFound,
			Messages: []string{what + " is not in the list of GET " + c.wire(listPath)}}
	}
	return v, err
}

// objectCache holds the sources or the identity profiles a run has seen. mu of the readCache
// guards it.
type objectCache struct {
	path  string
	query url.Values
	// key is the member that names an object in the list and in its path; "" is "id".
	key string
	// whole says ISC answers the list in one piece, without limit and offset.
	whole bool
	// pageSize is the largest page ISC serves of the list; 0 means pageSize. The run's first read
	// covers as many objects as one page of pageSize does, in as many pages as that takes.
	pageSize int
	// logSecrets are members whose values the logs of the list call redact whole.
	logSecrets []string
	// page is the first page of the list, read once per run.
	page shared[*objectPage]
	// known are objects as the run last wrote or read them one by one: newer than the page.
	known map[string]json.RawMessage
	// stale are objects written in the run whose new state is not known: read one by one.
	stale map[string]bool
	// writes counts changes to known and stale, so a read that raced a write is not kept.
	writes uint64
	// readPast makes every read ask ISC, after a write elsewhere changed a field of any object.
	// What the run knows still answers peeks of the other fields.
	readPast bool
}

// objectPage is the first page of a list, by id. complete says it holds every object.
type objectPage struct {
	items    map[string]json.RawMessage
	complete bool
}

// getObject reads the object of this id into out: from what the run knows, from the first page
// of the list, or with get, which reads it on its own.
func (c *Client) getObject(ctx context.Context, oc *objectCache, id string, out any, get func(context.Context) (json.RawMessage, error)) error {
	mu := &c.cache.mu
	mu.Lock()
	raw, ok := oc.known[id]
	stale := oc.stale[id] || oc.readPast || c.cache.off
	mu.Unlock()
	if ok && !stale {
		return c.decodeObject(oc.path, raw, out)
	}
	if !stale {
		page, err := load(ctx, c.cache, &oc.page, func(ctx context.Context) (*objectPage, error) { return c.firstPage(ctx, oc) })
		switch {
		case err != nil && ctx.Err() != nil:
			return err
		case err != nil:
			// The object's own read decides, and says what is wrong if anything is.
			tflog.Debug(ctx, "ISC list call failed; reading the object on its own", map[string]any{"path": c.wire(oc.path), "error": err.Error()})
		default:
			mu.Lock()
			raw, ok = page.items[id]
			stale = oc.stale[id]
			mu.Unlock()
			if ok && !stale {
				return c.decodeObject(oc.path, raw, out)
			}
			if page.complete && !stale {
				return &Error{Method: http.MethodGet, Path: c.wire(oc.path + "/" + url.PathEscape(id)), StatusCode: http.StatusNotFound,
					Messages: []string{"no object of id " + strconv.Quote(id) + " in the list of GET " + c.wire(oc.path)}}
			}
		}
	}
	mu.Lock()
	writes := oc.writes
	mu.Unlock()
	raw, err := get(ctx)
	if err != nil {
		return err
	}
	mu.Lock()
	if oc.writes == writes && !oc.readPast {
		oc.setKnown(id, raw)
	}
	mu.Unlock()
	return c.decodeObject(oc.path, raw, out)
}

func (c *Client) decodeObject(path string, raw json.RawMessage, out any) error {
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("decoding an object of GET %s: %w", c.wire(path), err)
	}
	return nil
}

// firstPage reads the start of oc's list, the first pageSize objects (250) with the total: one
// page, or, for a list ISC serves in smaller pages (roles, 50), as many pages as that takes.
func (c *Client) firstPage(ctx context.Context, oc *objectCache) (*objectPage, error) {
	var items []json.RawMessage
	var resp *response
	var err error
	short := false // a page came back shorter than asked: the list ends there
	for offset := 0; ; {
		q := url.Values{"count": {"true"}}
		limit := cmp.Or(oc.pageSize, pageSize)
		if !oc.whole {
			q.Set("limit", strconv.Itoa(limit))
			q.Set("offset", strconv.Itoa(offset))
		}
		for k, v := range oc.query {
			q[k] = v
		}
		var page []json.RawMessage
		resp, err = c.do(WithSecretKeys(ctx, oc.logSecrets...), request{method: http.MethodGet, path: oc.path, query: q, out: &page})
		if err != nil {
			break
		}
		items = append(items, page...)
		offset += len(page)
		short = len(page) < limit
		total, terr := strconv.Atoi(resp.header.Get("X-Total-Count"))
		if oc.whole || short || offset >= pageSize || terr == nil && offset >= total {
			break
		}
	}
	var apiErr *Error
	if errors.As(err, &apiErr) && apiErr.StatusCode >= 400 && apiErr.StatusCode < 500 {
		// ISC may refuse the list where it allows a read of one object (a sub-admin needs
		// for-subadmin): an empty page, kept for the run, sends every read to the object itself.
		tflog.Debug(ctx, "ISC refused a list call; objects are read one by one", map[string]any{"path": c.wire(oc.path), "error": err.Error()})
		return &objectPage{}, nil
	}
	if err != nil {
		return nil, err
	}
	page := &objectPage{items: make(map[string]json.RawMessage, len(items))}
	key := cmp.Or(oc.key, "id")
	for _, raw := range items {
		var doc map[string]json.RawMessage
		var id string
		if err := json.Unmarshal(raw, &doc); err != nil {
			return nil, fmt.Errorf("decoding the answer to GET %s: %w", c.wire(oc.path), err)
		}
		if err := json.Unmarshal(doc[key], &id); err != nil {
			return nil, fmt.Errorf("decoding the %s of an object in the answer to GET %s: %w", key, c.wire(oc.path), err)
		}
		page.items[id] = raw
	}
	if total, err := strconv.Atoi(resp.header.Get("X-Total-Count")); err == nil {
		page.complete = total <= len(items)
	} else {
		page.complete = oc.whole || short
	}
	tflog.Debug(ctx, "ISC read cache filled from a list", map[string]any{"path": c.wire(oc.path), "items": len(items), "complete": page.complete})
	return page, nil
}

// peekObject returns what the run knows of an object without a request; false when it knows
// nothing current.
func (c *Client) peekObject(oc *objectCache, id string) (json.RawMessage, bool) {
	c.cache.mu.Lock()
	defer c.cache.mu.Unlock()
	if c.cache.off {
		return nil, false
	}
	if raw, ok := oc.known[id]; ok {
		return raw, true
	}
	if oc.stale[id] || !oc.page.loaded {
		return nil, false
	}
	raw, ok := oc.page.val.items[id]
	return raw, ok
}

// keep records an object as a write's answer carries it. mu must not be held.
func (c *Client) keep(oc *objectCache, id string, v any) {
	raw, err := json.Marshal(v)
	if err != nil || id == "" {
		return
	}
	c.cache.mu.Lock()
	defer c.cache.mu.Unlock()
	oc.setKnown(id, raw)
}

func (oc *objectCache) setKnown(id string, raw json.RawMessage) {
	if oc.known == nil {
		oc.known = map[string]json.RawMessage{}
	}
	oc.known[id] = raw
	delete(oc.stale, id)
	oc.writes++
}

func (oc *objectCache) markStale(id string) {
	if oc.stale == nil {
		oc.stale = map[string]bool{}
	}
	delete(oc.known, id)
	oc.stale[id] = true
	oc.writes++
}

// wrote forgets what a write to path (below the API base) may have changed, whatever its
// outcome. Write methods that get the object back record it afterwards with keep.
func (rc *readCache) wrote(path string) {
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	rc.mu.Lock()
	defer rc.mu.Unlock()
	switch {
	case parts[0] == "sources" && len(parts) >= 2:
		if len(parts) >= 3 {
			if s := rc.children["/sources/"+parts[1]+"/"+parts[2]]; s != nil {
				s.invalidate()
			}
			// Schema writes change the source's schema references; password policies its own.
			if parts[2] != "schemas" && parts[2] != "password-policies" {
				return
			}
		}
		rc.sources.markStale(unescape(parts[1]))
	case parts[0] == "identity-profiles" && len(parts) >= 3:
		// A profile's child (a lifecycle state) changes its list only.
		if s := rc.children["/identity-profiles/"+parts[1]+"/"+parts[2]]; s != nil {
			s.invalidate()
		}
	case parts[0] == "identity-profiles":
		if len(parts) >= 2 {
			rc.profiles.markStale(unescape(parts[1]))
			// A deleted profile takes its lifecycle states with it.
			if s := rc.children["/identity-profiles/"+parts[1]+"/lifecycle-states"]; s != nil {
				s.invalidate()
			}
		}
		// A profile makes its authoritative source authoritative, and a deleted one no longer
		// does; the sources' other fields, such as their schema references, stay as they are.
		rc.sources.readPast = true
	default:
		if oc := rc.objects[parts[0]]; oc != nil && len(parts) >= 2 {
			oc.markStale(unescape(parts[1]))
		}
	}
}

// unescape undoes the url.PathEscape of a path segment built by this package.
func unescape(segment string) string {
	if s, err := url.PathUnescape(segment); err == nil {
		return s
	}
	return segment
}

// listed returns every object of oc's list, decoded: from the first page the run reads once,
// with the objects it has read or written one by one since in place of the page's, sorted by id.
// When that view may miss objects or hold outdated ones (the page is not complete or was
// refused, or the run wrote an object whose new state it does not know), it asks ISC for the
// whole list with listAll instead.
func listed[T any](ctx context.Context, c *Client, oc *objectCache, listAll func(context.Context) ([]T, error)) ([]T, error) {
	page, err := load(ctx, c.cache, &oc.page, func(ctx context.Context) (*objectPage, error) { return c.firstPage(ctx, oc) })
	if err != nil {
		return nil, err
	}
	c.cache.mu.Lock()
	usable := page.complete && len(oc.stale) == 0 && !oc.readPast
	items := make(map[string]json.RawMessage, len(page.items)+len(oc.known))
	if usable {
		for id, raw := range page.items {
			items[id] = raw
		}
		if !c.cache.off {
			for id, raw := range oc.known {
				items[id] = raw
			}
		}
	}
	c.cache.mu.Unlock()
	if !usable {
		return listAll(ctx)
	}
	out := make([]T, 0, len(items))
	for _, id := range slices.Sorted(maps.Keys(items)) {
		var v T
		if err := c.decodeObject(oc.path, items[id], &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
