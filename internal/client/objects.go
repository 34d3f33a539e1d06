package client

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// object is the plumbing of an ISC object type that lives at the top of the API, keyed by an id
// in its path, and read through the run's cache: path is its collection, such as /transforms.
type object[T any] struct {
	path string
	// noun names the type in messages ("role"), and identify gives an object's id, unique name
	// and creation time: what createNamed needs. Unset for types created otherwise.
	noun     string
	identify func(*T) (id, name, created string)
}

func (o object[T]) itemPath(id string) string { return o.path + "/" + url.PathEscape(id) }

func (o object[T]) cache(c *Client) *objectCache {
	return c.cache.objects[strings.TrimPrefix(o.path, "/")]
}

// get reads one object; errors.Is(err, ErrNotFound) when it does not exist. Within a run it is
// served from the first page of the list (see readCache).
func (o object[T]) get(ctx context.Context, c *Client, id string) (*T, error) {
	var out T
	err := c.getObject(ctx, o.cache(c), id, &out, func(ctx context.Context) (json.RawMessage, error) {
		var raw json.RawMessage
		_, err := c.do(ctx, request{method: http.MethodGet, path: o.itemPath(id), out: &raw})
		return raw, err
	})
	return &out, err
}

// list reads every object matching opts, page by page; a list ISC does not page comes in one call
// and takes only opts.Query.
func (o object[T]) list(ctx context.Context, c *Client, opts ListOptions) ([]T, int, error) {
	oc := o.cache(c)
	if oc.whole {
		return listWhole[T](ctx, c, o.path, oc.query, opts.Query)
	}
	if opts.PageSize == 0 {
		opts.PageSize = oc.pageSize
	}
	return listAll[T](ctx, c, o.path, opts)
}

// createNamed creates an object whose name ISC keeps unique and whose creation time it records,
// and keeps ISC's answer for the run's later reads. When the answer is lost, the object found
// under the name is adopted only if it was created after the request was sent and holds what
// was sent (see createOnce).
func (o object[T]) createNamed(ctx context.Context, c *Client, body *T) (*T, error) {
	_, name, _ := o.identify(body)
	out, err := createOnce(ctx, c, creation[T]{
		what: o.noun + " " + strconv.Quote(name), sent: body,
		create: func(ctx context.Context) (*T, error) { return o.write(ctx, c, http.MethodPost, "", body) },
		find: func(ctx context.Context) (*T, error) {
			found, _, err := o.list(ctx, c, ListOptions{Filters: FilterEq("name", name)})
			if err != nil {
				return nil, err
			}
			for i := range found {
				if _, n, _ := o.identify(&found[i]); n == name {
					return &found[i], nil
				}
			}
			return nil, nil
		},
		describe: func(v *T) string {
			id, n, _ := o.identify(v)
			return fmt.Sprintf("%s %q (id %s)", o.noun, n, id)
		},
		importID: func(v *T) string { id, _, _ := o.identify(v); return id },
		path:     func(v *T) string { id, _, _ := o.identify(v); return o.itemPath(id) },
		created:  func(v *T) string { _, _, at := o.identify(v); return at },
	})
	if err == nil {
		id, _, _ := o.identify(out)
		o.remember(c, id, out)
	}
	return out, err
}

// pages reads the objects matching opts a page at a time (see listPages); a list ISC does not
// page is one page.
func (o object[T]) pages(ctx context.Context, c *Client, opts ListOptions) iter.Seq2[[]T, error] {
	oc := o.cache(c)
	if oc.whole {
		return func(yield func([]T, error) bool) {
			all, _, err := listWhole[T](ctx, c, o.path, oc.query, opts.Query)
			yield(all, err)
		}
	}
	// As list: roles come in pages of 50 at most, and ISC refuses a larger limit.
	if opts.PageSize == 0 {
		opts.PageSize = oc.pageSize
	}
	return listPages[T](ctx, c, o.path, opts, nil)
}

// write sends a write of one object and keeps its answer for the run's later reads.
func (o object[T]) write(ctx context.Context, c *Client, method, id string, body any) (*T, error) {
	var out T
	path := o.path
	if id != "" {
		path = o.itemPath(id)
	}
	if _, err := c.do(ctx, request{method: method, path: path, body: body, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// remember keeps an object the run wrote, under its id.
func (o object[T]) remember(c *Client, id string, v *T) {
	c.keep(o.cache(c), id, v)
}

// delete deletes one object.
func (o object[T]) delete(ctx context.Context, c *Client, id string) error {
	_, err := c.do(ctx, request{method: http.MethodDelete, path: o.itemPath(id)})
	return err
}

// all returns every object: from the run's first page of the list when that holds them all and
// the run has written none of them, else from a list call of every page.
func (o object[T]) all(ctx context.Context, c *Client) ([]T, error) {
	oc := o.cache(c)
	if !c.cache.off {
		page, err := load(ctx, c.cache, &oc.page, func(ctx context.Context) (*objectPage, error) { return c.firstPage(ctx, oc) })
		if err != nil && ctx.Err() != nil {
			return nil, err
		}
		c.cache.mu.Lock()
		untouched := len(oc.known) == 0 && len(oc.stale) == 0 && !oc.readPast
		c.cache.mu.Unlock()
		if err == nil && page.complete && untouched {
			out := make([]T, 0, len(page.items))
			for _, raw := range page.items {
				var v T
				if err := c.decodeObject(o.path, raw, &v); err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			return out, nil
		}
	}
	out, _, err := o.list(ctx, c, ListOptions{})
	return out, err
}
