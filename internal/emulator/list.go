package emulator

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Collection parameters shared by ISC list operations: filters, sorters and paging.

const (
	defaultLimit = 250
	maxLimit     = 250
)

// paging holds the limit, offset and count query parameters.
type paging struct {
	limit, offset int
	count         bool
}

func parsePaging(q url.Values) (paging, error) { return parsePagingUpTo(q, defaultLimit, maxLimit) }

// parsePagingUpTo reads the paging parameters of a list whose limit is at most most.
func parsePagingUpTo(q url.Values, def, most int) (paging, error) {
	p := paging{limit: def}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > most {
			return p, badRequest("query parameter 'limit' must be an integer from 0 to %d, got %q", most, v)
		}
		p.limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, badRequest("query parameter 'offset' must be a non-negative integer, got %q", v)
		}
		p.offset = n
	}
	count, err := boolParam(q, "count")
	p.count = count
	return p, err
}

// boolParam reads an optional boolean query parameter.
func boolParam(q url.Values, name string) (bool, error) {
	switch v := q.Get(name); v {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	default:
		return false, badRequest("query parameter '%s' must be true or false, got %q", name, v)
	}
}

// page cuts one page out of items and, when asked, reports the total in X-Total-Count.
func page[T any](w http.ResponseWriter, items []T, p paging) []T {
	if p.count {
		w.Header().Set("X-Total-Count", strconv.Itoa(len(items)))
	}
	start := min(p.offset, len(items))
	end := min(start+p.limit, len(items))
	return items[start:end]
}

// sortFields maps each sortable field to its value; values are strings, bools, int64 or nil.
type sortFields[T any] map[string]func(T) any

type sortKey[T any] struct {
	get  func(T) any
	desc bool
}

// sort orders items stably by a sorters parameter such as "name,-created".
func (sf sortFields[T]) sort(items []T, param string) error {
	if param == "" {
		return nil
	}
	var keys []sortKey[T]
	for _, part := range strings.Split(param, ",") {
		name := strings.TrimSpace(part)
		desc := strings.HasPrefix(name, "-")
		name = strings.TrimPrefix(name, "-")
		get, ok := sf[name]
		if !ok {
			supported := make([]string, 0, len(sf))
			for k := range sf {
				supported = append(supported, k)
			}
			slices.Sort(supported)
			return badRequest("sorting is not supported for field '%s' (supported: %s)", name, strings.Join(supported, ", "))
		}
		keys = append(keys, sortKey[T]{get, desc})
	}
	// Read every key once: accessors box values, and a sort compares each item many times.
	type keyed struct {
		item T
		keys []any
	}
	rows := make([]keyed, len(items))
	for i, it := range items {
		rows[i] = keyed{it, make([]any, len(keys))}
		for j, k := range keys {
			rows[i].keys[j] = k.get(it)
		}
	}
	slices.SortStableFunc(rows, func(a, b keyed) int {
		for j, k := range keys {
			c := compareValues(a.keys[j], b.keys[j])
			if k.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	for i, r := range rows {
		items[i] = r.item
	}
	return nil
}

// compareValues orders sort values: absent first, strings ignoring case.
func compareValues(a, b any) int {
	switch a := a.(type) {
	case string:
		b, _ := b.(string)
		if c := compareFold(a, b); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	case bool:
		b, _ := b.(bool)
		switch {
		case a == b:
			return 0
		case !a:
			return -1
		}
		return 1
	case int64:
		b, _ := b.(int64)
		return cmp.Compare(a, b)
	case nil:
		if b == nil {
			return 0
		}
		return -1
	}
	return 0
}

// listSpec is the collection behaviour of one list operation.
type listSpec[T any] struct {
	filters filterFields[T] // nil: no filters parameter
	sorters sortFields[T]   // nil: no sorters parameter
	paged   bool            // limit, offset and count
	// maxLimit is the largest (and default) limit; 0 means 250. Roles and governance-group
	// members take at most 50.
	maxLimit int

	// countOnly takes count (X-Total-Count) without limit and offset: a list ISC does not page.
	countOnly bool
}

// apply filters, sorts and pages items (in their default order) by the query of r. It never
// reorders the items slice it is given, which may be shared.
func (l listSpec[T]) apply(w http.ResponseWriter, r *http.Request, items []T) ([]T, error) {
	q := r.URL.Query()
	var p paging
	if l.paged {
		var err error
		if p, err = parsePagingUpTo(q, cmp.Or(l.maxLimit, defaultLimit), cmp.Or(l.maxLimit, maxLimit)); err != nil {
			return nil, err
		}
	}
	if f := q.Get("filters"); l.filters != nil && f != "" {
		ast, err := parseFilter(f)
		if err != nil {
			return nil, badRequest("invalid filters: %v", err)
		}
		keep, err := l.filters.compile(ast)
		if err != nil {
			return nil, badRequest("invalid filters: %v", err)
		}
		kept := make([]T, 0, len(items))
		for _, it := range items {
			if keep(it) {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	if sorters := q.Get("sorters"); l.sorters != nil && sorters != "" {
		items = slices.Clone(items)
		if err := l.sorters.sort(items, sorters); err != nil {
			return nil, err
		}
	}
	switch {
	case l.paged:
		items = page(w, items, p)
	case l.countOnly:
		count, err := boolParam(q, "count")
		if err != nil {
			return nil, err
		}
		page(w, items, paging{limit: len(items), count: count})
	}
	return items, nil
}
