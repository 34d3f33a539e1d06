package emulator

import (
	"net/http"
	"slices"
	"strings"
)

// Transform is a transform (TransformRead): a named, reusable computation of an attribute value.
type Transform struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Type       string         `json:"type"`
	Attributes map[string]any `json:"attributes"` // null when the transform has none
	Internal   bool           `json:"internal"`
}

// transformTypes is the contract's enum of transform types.
var transformTypes = []string{
	"accountAttribute", "base64Decode", "base64Encode", "concat", "conditional", "dateCompare", "dateFormat",
	"dateMath", "decomposeDiacriticalMarks", "e164phone", "firstValid", "rule", "identityAttribute", "indexOf",
	"iso3166", "lastIndexOf", "leftPad", "lookup", "lower", "normalizeNames", "randomAlphaNumeric",
	"randomNumeric", "reference", "replaceAll", "replace", "rightPad", "split", "static", "substring", "trim",
	"upper", "usernameGenerator", "uuid", "displayName", "rfc5646",
}

// transformKind: POST, GET, PUT (only attributes may change) and DELETE (204) under /transforms.
// The list takes filters on name (eq, sw) and internal (eq), and the name query parameter, an
// exact match ignoring case; it has no sorters. A transform that an identity profile's attribute
// mapping uses as a saved transform (type reference, attributes.id its name) cannot be deleted.
var transformKind = &kind[Transform]{
	noun: "transform", path: "/transforms",
	list: listSpec[*Transform]{
		filters: filterFields[*Transform]{
			"name":     {kindString, "eq sw", func(t *Transform) any { return t.Name }},
			"internal": {kindBool, "eq", func(t *Transform) any { return t.Internal }},
		},
		paged: true,
	},
	narrow: func(r *http.Request, ts []*Transform) []*Transform {
		name := r.URL.Query().Get("name")
		if name == "" {
			return ts
		}
		return slices.DeleteFunc(slices.Clone(ts), func(t *Transform) bool { return !strings.EqualFold(t.Name, name) })
	},
	update:    updatePut,
	immutable: []string{"id", "name", "type", "internal"},
	id:        func(t *Transform) *string { return &t.ID },
	normalize: func(s *Server, t, old *Transform) error {
		if err := requireName("name", t.Name, 50); err != nil {
			return err
		}
		switch {
		case t.Type == "":
			return badRequest("field 'type' is required")
		case !slices.Contains(transformTypes, t.Type):
			return badRequest("field 'type' must be one of %s, got '%s'", strings.Join(transformTypes, ", "), t.Type)
		case t.Internal && (old == nil || !old.Internal):
			return badRequest("field 'internal': only SailPoint may create internal transforms")
		}
		return checkNameUnique(s.data.transforms, t, func(t *Transform) string { return t.Name })
	},
	inUse: func(s *Server, t *Transform) error {
		for _, p := range s.data.profiles.all() {
			for _, m := range p.IdentityAttributeConfig.AttributeTransforms {
				if m.TransformDefinition.Type == "reference" && m.TransformDefinition.Attributes["id"] == t.Name {
					return badRequest("transform '%s' is used by the mapping of identity attribute '%s' in identity profile '%s' (%s); remove it from the mapping first",
						t.Name, m.IdentityAttributeName, p.Name, p.ID)
				}
			}
		}
		return nil
	},
}

func (s *Server) transformRoutes(m *http.ServeMux) {
	serveKind(s, m, transformKind, func(st *state) *collection[Transform] { return st.transforms })
}
