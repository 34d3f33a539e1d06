package client

import (
	"cmp"
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// ListOptions narrows and orders a list call. Filters and Sorters use ISC's syntax.
type ListOptions struct {
	Filters string
	Sorters string
	// Max bounds how many items are read in all; 0 reads everything.
	Max int
	// Query carries operation-specific parameters.
	Query url.Values
	// PageSize is the largest page the operation serves; 0 means pageSize. Roles and
	// governance-group members serve at most 50.
	PageSize int
}

// pageSize is the largest page ISC serves.
const pageSize = 250

// listAll follows limit/offset pages until a short page, or until opts.Max items. The total is
// ISC's X-Total-Count, or the number read when ISC did not send one.
func listAll[T any](ctx context.Context, c *Client, path string, opts ListOptions) ([]T, int, error) {
	var all []T
	total := -1
	for page, err := range listPages[T](ctx, c, path, opts, &total) {
		if err != nil {
			return nil, 0, err
		}
		all = append(all, page...)
	}
	if total < 0 {
		total = len(all)
	}
	return all, total, nil
}

// listPages yields the pages of a list one at a time, as ISC answers them, so that a caller can
// pass each on before the next is read; it stops after a yielded error. *total, when total is
// not nil, receives ISC's X-Total-Count once the first page is read.
func listPages[T any](ctx context.Context, c *Client, path string, opts ListOptions, total *int) iter.Seq2[[]T, error] {
	return func(yield func([]T, error) bool) {
		count, read := -1, 0
		for offset := 0; ; {
			limit := cmp.Or(opts.PageSize, pageSize)
			if opts.Max > 0 && opts.Max-read < limit {
				limit = opts.Max - read
			}
			q := url.Values{}
			for k, v := range opts.Query {
				q[k] = v
			}
			q.Set("limit", strconv.Itoa(limit))
			q.Set("offset", strconv.Itoa(offset))
			if offset == 0 {
				q.Set("count", "true")
			}
			if opts.Filters != "" {
				q.Set("filters", opts.Filters)
			}
			if opts.Sorters != "" {
				q.Set("sorters", opts.Sorters)
			}
			var page []T
			resp, err := c.do(ctx, request{method: http.MethodGet, path: path, query: q, out: &page})
			if err != nil {
				yield(nil, err)
				return
			}
			if n, err := strconv.Atoi(resp.header.Get("X-Total-Count")); err == nil && offset == 0 {
				count = n
				if total != nil {
					*total = n
				}
			}
			read += len(page)
			offset += len(page)
			if !yield(page, nil) {
				return
			}
			if len(page) < limit || (opts.Max > 0 && read >= opts.Max) || (count >= 0 && offset >= count) {
				return
			}
		}
	}
}

// listWhole reads a list that ISC answers in one piece (no limit, offset or filters), with the
// query parameters of base and then extra.
func listWhole[T any](ctx context.Context, c *Client, path string, base, extra url.Values) ([]T, int, error) {
	q := url.Values{}
	for _, vs := range []url.Values{base, extra} {
		for k, v := range vs {
			q[k] = v
		}
	}
	var all []T
	if _, err := c.do(ctx, request{method: http.MethodGet, path: path, query: q, out: &all}); err != nil {
		return nil, 0, err
	}
	return all, len(all), nil
}
