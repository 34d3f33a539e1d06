package emulator

import (
	"net/http"
	"slices"
	"strings"
)

// IdentityAttribute is an identity attribute (IdentityAttribute-2). It has no id: its technical
// name is its key.
type IdentityAttribute struct {
	Name        string  `json:"name"`
	DisplayName string  `json:"displayName,omitempty"` // not nullable in the contract
	Standard    bool    `json:"standard"`
	Type        *string `json:"type"`
	Multi       bool    `json:"multi"`
	Searchable  bool    `json:"searchable"`
	System      bool    `json:"system"`
	// Sources say how the attribute's value is derived, such as by a rule.
	Sources []IdentityAttributeSource `json:"sources"`
}

// IdentityAttributeSource is one rule of an identity attribute's value (Source-2).
type IdentityAttributeSource struct {
	Type       string         `json:"type"`
	Properties map[string]any `json:"properties"`
}

// identityAttributeKind: POST, GET, PUT (a whole replacement under the same name) and DELETE
// (204) under /identity-attributes/{name}, plus the bulk delete. The list is not paged; it
// leaves out system attributes unless includeSystem=true, and keeps only searchable ones with
// searchableOnly=true.
var identityAttributeKind = &kind[IdentityAttribute]{
	noun: "identity attribute", path: "/identity-attributes",
	list: listSpec[*IdentityAttribute]{countOnly: true},
	narrow: func(r *http.Request, attrs []*IdentityAttribute) []*IdentityAttribute {
		q := r.URL.Query()
		system, _ := boolParam(q, "includeSystem")
		searchable, _ := boolParam(q, "searchableOnly")
		return slices.DeleteFunc(slices.Clone(attrs), func(a *IdentityAttribute) bool {
			return a.System && !system || !a.Searchable && searchable
		})
	},
	update:    updatePut,
	immutable: []string{"name", "system"},
	id:        func(a *IdentityAttribute) *string { return &a.Name },
	namedKey:  true,
	// Only ISC makes system attributes (a snapshot holds them): a create's value is ignored.
	serverOwned: func(a, old *IdentityAttribute) {
		a.System = old != nil && old.System
	},
	normalize: func(s *Server, a, old *IdentityAttribute) error {
		if err := requireName("name", a.Name, 0); err != nil {
			return err
		}
		if strings.Contains(a.Name, "/") {
			return badRequest("field 'name' must not contain '/': it is the attribute's key in the path, got '%s'", a.Name)
		}
		if a.DisplayName == "" {
			a.DisplayName = a.Name
		}
		if a.Sources == nil {
			a.Sources = []IdentityAttributeSource{}
		}
		for i := range a.Sources {
			src := &a.Sources[i]
			if strings.TrimSpace(src.Type) == "" {
				return badRequest("field 'sources[%d].type' is required", i)
			}
			if src.Properties == nil {
				src.Properties = map[string]any{}
			}
		}
		switch {
		case old != nil && old.System && !sameJSON(a, old):
			return badRequest("identity attribute '%s' is a system attribute, which is not configurable", old.Name)
		case a.Searchable && (a.System || a.Standard || a.Multi):
			return badRequest("Making an attribute searchable requires that the system, standard, and multi properties be set to false")
		}
		return checkNameUnique(s.data.identityAttributes, a, func(a *IdentityAttribute) string { return a.Name })
	},
	inUse: func(s *Server, a *IdentityAttribute) error {
		if a.System || a.Standard {
			return badRequest("The system and standard properties must be set to false before you can delete an identity attribute ('%s')", a.Name)
		}
		for _, p := range s.data.profiles.all() {
			for _, m := range p.IdentityAttributeConfig.AttributeTransforms {
				if m.IdentityAttributeName == a.Name {
					return badRequest("identity attribute '%s' is mapped in identity profile '%s' (%s); attributes that are currently mapped in an identity profile cannot be deleted",
						a.Name, p.Name, p.ID)
				}
			}
		}
		return nil
	},
}

func (s *Server) identityAttributeRoutes(m *http.ServeMux) {
	// The literal path goes before serveKind's {id}, as ISC routes it (trap 33).
	s.handle(m, "DELETE /identity-attributes/bulk-delete", s.bulkDeleteIdentityAttributes)
	serveKind(s, m, identityAttributeKind, func(st *state) *collection[IdentityAttribute] { return st.identityAttributes })
}

// bulkDeleteIdentityAttributes deletes the attributes named in the body, all or none: a name that
// does not exist is a 404, and one the single delete refuses refuses the whole request.
func (s *Server) bulkDeleteIdentityAttributes(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	var body struct {
		IDs []string `json:"ids"`
	}
	if err := decodeJSON(readBody(r), &body); err != nil {
		return 0, nil, err
	}
	c := s.data.identityAttributes
	for _, name := range body.IDs {
		a, err := c.get(name)
		if err != nil {
			return 0, nil, err
		}
		if err := identityAttributeKind.inUse(s, a); err != nil {
			return 0, nil, err
		}
	}
	for _, name := range body.IDs {
		delete(c.recs, name)
	}
	return http.StatusNoContent, nil, nil
}
