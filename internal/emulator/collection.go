package emulator

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// updateMode is how ISC changes an object of a kind in place.
type updateMode int

const (
	updateNone  updateMode = iota
	updatePut              // PUT replaces the whole document
	updatePatch            // PATCH with an RFC 6902 JSON Patch
)

// kind is the table of rules of an ISC object type that lives at the top of the API (keyed by
// an id in its path) and that the generic collection operations serve: list, create, get, update
// and delete. What is truly special about a type goes in its hooks.
type kind[T any] struct {
	// noun names the type in messages ("transform"); path is its collection as a resource path
	// ("/transforms"), served in every API version.
	noun, path string
	list       listSpec[*T]
	// narrow applies the list operation's own query parameters; nil when it has none.
	narrow func(r *http.Request, items []*T) []*T
	update updateMode
	// createStatus is the status of a create; 0 means 201 (governance groups answer 200).
	createStatus int
	// immutable names the top-level members a write may not change; sending them unchanged is fine.
	immutable []string
	// id points at the object's id; created and modified at its timestamps (nil when it has none).
	id, created, modified func(*T) *string
	// serverOwned sets the members only ISC writes, besides id and the timestamps: their initial
	// values on a create (old nil), the stored ones on an update. Nil when there are none.
	serverOwned func(obj, old *T)
	// normalize checks an object sent by a create (old nil), an update or a snapshot, and fills
	// in what ISC derives. It runs with the state lock held.
	normalize func(s *Server, obj, old *T) error
	// checkPatch refuses a patch ISC refuses as a whole, before it is applied; nil when none.
	checkPatch func(p jsonPatch) error
	// inUse refuses the delete of an object another one refers to; nil when nothing can.
	inUse func(s *Server, obj *T) error
	// deleteTask makes deletes asynchronous: ISC answers 202 with deleteAnswer of the task it
	// returns, and the object stays until the task completes (Config.DeleteDelay). Nil: a delete
	// answers 204 at once.
	deleteTask   func(s *Server, obj *T, now time.Time) *task
	deleteAnswer func(t *task, now time.Time) any
	// namedKey says the key in the path is a name the client sends in the object (identity
	// attributes), not an id ISC assigns: a create of a key that exists is refused.
	namedKey bool
	// parent is set for objects that live below another one (lifecycle states below an identity
	// profile); nil for top-level objects.
	parent *parentRule[T]
}

// parentRule ties the objects of a kind to the object above them in their path.
type parentRule[T any] struct {
	// param is the path parameter of the parent's id, such as identityProfileId in k.path.
	param string
	// check answers the error for a parent that does not exist (a 404, as for the object itself).
	check func(s *Server, id string) error
	// of points at the parent's id an object keeps; it is not part of the object's document.
	of func(*T) *string
}

// collection holds the objects of one kind in a state.
type collection[T any] struct {
	kind *kind[T]
	recs map[string]*record[T]
}

type record[T any] struct {
	seq      int
	obj      T
	deleting *task // the pending asynchronous delete, if any
}

func newCollection[T any](k *kind[T]) *collection[T] {
	return &collection[T]{kind: k, recs: map[string]*record[T]{}}
}

// all returns the objects in creation order.
func (c *collection[T]) all() []*T {
	recs := make([]*record[T], 0, len(c.recs))
	for _, r := range c.recs {
		recs = append(recs, r)
	}
	sortBySeq(recs, func(r *record[T]) int { return r.seq })
	out := make([]*T, len(recs))
	for i, r := range recs {
		out[i] = &r.obj
	}
	return out
}

func (c *collection[T]) get(id string) (*T, error) {
	r, ok := c.recs[id]
	if !ok {
		return nil, notFound("%s with id '%s' was not found", titleCase(c.kind.noun), id)
	}
	return &r.obj, nil
}

// sweep removes the objects whose asynchronous delete has completed by now.
func (c *collection[T]) sweep(now time.Time) {
	for id, r := range c.recs {
		if r.deleting != nil && r.deleting.done(now) {
			delete(c.recs, id)
		}
	}
}

// add stores a checked object; seq orders it.
func (c *collection[T]) add(st *state, obj *T) {
	c.recs[*c.kind.id(obj)] = &record[T]{seq: st.nextSeq(), obj: *obj}
}

// serveKind registers the operations of a kind, whose collection in the current state coll
// returns.
func serveKind[T any](s *Server, m *http.ServeMux, k *kind[T], coll func(*state) *collection[T]) {
	s.handle(m, "GET "+k.path, func(w http.ResponseWriter, r *http.Request) (int, any, error) {
		items := coll(s.data).all()
		if p := k.parent; p != nil {
			parent := r.PathValue(p.param)
			if err := p.check(s, parent); err != nil {
				return 0, nil, err
			}
			items = slices.DeleteFunc(items, func(obj *T) bool { return *p.of(obj) != parent })
		}
		if k.narrow != nil {
			items = k.narrow(r, items)
		}
		out, err := k.list.apply(w, r, items)
		return http.StatusOK, out, err
	})
	s.handle(m, "POST "+k.path, func(_ http.ResponseWriter, r *http.Request) (int, any, error) {
		var obj T
		if err := decodeJSON(readBody(r), &obj); err != nil {
			return 0, nil, err
		}
		if !k.namedKey {
			*k.id(&obj) = newID()
		} else if _, exists := coll(s.data).recs[*k.id(&obj)]; exists {
			return 0, nil, badRequest("%s '%s' already exists", titleCase(k.noun), *k.id(&obj))
		}
		if p := k.parent; p != nil {
			*p.of(&obj) = r.PathValue(p.param)
			if err := p.check(s, *p.of(&obj)); err != nil {
				return 0, nil, err
			}
		}
		if k.created != nil {
			now := formatTime(s.now())
			*k.created(&obj), *k.modified(&obj) = now, now
		}
		if k.serverOwned != nil {
			k.serverOwned(&obj, nil)
		}
		if err := k.normalize(s, &obj, nil); err != nil {
			return 0, nil, err
		}
		coll(s.data).add(s.data, &obj)
		return cmp.Or(k.createStatus, http.StatusCreated), &obj, nil
	})
	// find reads the object the path names, below the parent the path names.
	find := func(r *http.Request) (*T, error) {
		obj, err := coll(s.data).get(r.PathValue("id"))
		if p := k.parent; err == nil && p != nil && *p.of(obj) != r.PathValue(p.param) {
			if err := p.check(s, r.PathValue(p.param)); err != nil {
				return nil, err
			}
			return nil, notFound("%s with id '%s' was not found", titleCase(k.noun), r.PathValue("id"))
		}
		return obj, err
	}
	s.handle(m, "GET "+k.path+"/{id}", func(_ http.ResponseWriter, r *http.Request) (int, any, error) {
		obj, err := find(r)
		return http.StatusOK, obj, err
	})
	if k.update != updateNone {
		method := map[updateMode]string{updatePut: "PUT", updatePatch: "PATCH"}[k.update]
		s.handle(m, method+" "+k.path+"/{id}", func(_ http.ResponseWriter, r *http.Request) (int, any, error) {
			old, err := find(r)
			if err != nil {
				return 0, nil, err
			}
			obj, err := k.updateOne(s, r, old)
			return http.StatusOK, obj, err
		})
	}
	s.handle(m, "DELETE "+k.path+"/{id}", func(_ http.ResponseWriter, r *http.Request) (int, any, error) {
		c := coll(s.data)
		obj, err := find(r)
		if err != nil {
			return 0, nil, err
		}
		if k.inUse != nil {
			if err := k.inUse(s, obj); err != nil {
				return 0, nil, err
			}
		}
		id := *k.id(obj)
		if k.deleteTask == nil {
			delete(c.recs, id)
			return http.StatusNoContent, nil, nil
		}
		now := s.now()
		rec := c.recs[id]
		if rec.deleting == nil {
			rec.deleting = k.deleteTask(s, obj, now)
		}
		return http.StatusAccepted, k.deleteAnswer(rec.deleting, now), nil
	})
}

// updateOne applies the update request r (a PUT or a JSON Patch, by the kind's mode) to old, the
// stored object, and returns it as stored afterwards.
func (k *kind[T]) updateOne(s *Server, r *http.Request, old *T) (*T, error) {
	var obj *T
	switch k.update {
	case updatePut:
		put, err := k.put(readBody(r), old)
		if err != nil {
			return nil, err
		}
		obj = put
	default:
		patch, err := decodePatch(mediaType(r), readBody(r))
		if err != nil {
			return nil, err
		}
		if patch, err = patch.immutable(old, k.immutable...); err != nil {
			return nil, err
		}
		if k.checkPatch != nil {
			if err := k.checkPatch(patch); err != nil {
				return nil, err
			}
		}
		obj = new(T)
		if err := patch.apply(old, obj); err != nil {
			return nil, err
		}
	}
	*k.id(obj) = *k.id(old)
	if p := k.parent; p != nil {
		*p.of(obj) = *p.of(old)
	}
	if k.created != nil {
		*k.created(obj), *k.modified(obj) = *k.created(old), *k.modified(old)
	}
	if k.serverOwned != nil {
		k.serverOwned(obj, old)
	}
	if err := k.normalize(s, obj, old); err != nil {
		return nil, err
	}
	if k.modified != nil && !sameJSON(obj, old) {
		*k.modified(obj) = formatTime(s.now())
	}
	*old = *obj
	return old, nil
}

// put decodes a full replacement of old. A member listed immutable may be sent unchanged or left
// out; any other value is refused, as ISC refuses it.
func (k *kind[T]) put(body []byte, old *T) (*T, error) {
	var obj T
	if err := decodeJSON(body, &obj); err != nil {
		return nil, err
	}
	var sent, was map[string]json.RawMessage
	_ = json.Unmarshal(body, &sent)
	oldJSON, err := json.Marshal(old)
	if err != nil {
		return nil, err
	}
	_ = json.Unmarshal(oldJSON, &was)
	for _, f := range k.immutable {
		v, ok := sent[f]
		if ok && string(v) != "null" && !unchanged(f, was[f], v) {
			return nil, badRequest("field '%s' of a %s cannot be changed", f, k.noun)
		}
	}
	return &obj, nil
}

// titleCase capitalises the first letter of a noun for the start of a message.
func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// checkNameUnique refuses a name that another object of the collection has, ignoring case.
func checkNameUnique[T any](c *collection[T], obj *T, name func(*T) string) error {
	for id, r := range c.recs {
		if id != *c.kind.id(obj) && strings.EqualFold(name(&r.obj), name(obj)) {
			return badRequest("a %s named '%s' already exists (id %s)", c.kind.noun, name(obj), id)
		}
	}
	return nil
}

// requireName checks a required name and its length.
func requireName(field, name string, maxLen int) error {
	switch {
	case strings.TrimSpace(name) == "":
		return badRequest("field '%s' is required", field)
	case maxLen > 0 && len([]rune(name)) > maxLen:
		return badRequest("field '%s' must be at most %d characters, got %d", field, maxLen, len([]rune(name)))
	}
	return nil
}
