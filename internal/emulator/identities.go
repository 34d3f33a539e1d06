package emulator

import (
	"net/http"
)

func (s *Server) identityRoutes(m *http.ServeMux) {
	s.handle(m, "GET /identities", s.listIdentities)
	// The literal segment before the identity's id, as ISC routes it (trap 69).
	s.handle(m, "POST /identities/process", s.startIdentityProcessing)
	s.handle(m, "GET /identities/{id}", s.getIdentity)
	s.handle(m, "POST /identities/{identityId}/synchronize-attributes", s.synchronizeAttributes)
}

func processingState(i *Identity) any {
	if i.ProcessingState == nil {
		return nil
	}
	return *i.ProcessingState
}

var identityList = listSpec[*Identity]{
	filters: filterFields[*Identity]{
		"id":              {kindString, "eq in", func(i *Identity) any { return i.ID }},
		"name":            {kindString, "eq sw", func(i *Identity) any { return i.Name }},
		"alias":           {kindString, "eq sw", func(i *Identity) any { return i.Alias }},
		"firstname":       {kindString, "eq sw", func(i *Identity) any { return i.firstname }},
		"lastname":        {kindString, "eq sw", func(i *Identity) any { return i.lastname }},
		"email":           {kindString, "eq sw", func(i *Identity) any { return i.EmailAddress }},
		"cloudStatus":     {kindString, "eq", func(i *Identity) any { return i.IdentityStatus }},
		"processingState": {kindString, "eq", processingState},
		"correlated":      {kindBool, "eq", func(i *Identity) any { return i.correlated }},
		"protected":       {kindBool, "eq", func(i *Identity) any { return i.protected }},
	},
	sorters: sortFields[*Identity]{
		"name":        func(i *Identity) any { return i.Name },
		"alias":       func(i *Identity) any { return i.Alias },
		"cloudStatus": func(i *Identity) any { return i.IdentityStatus },
	},
	paged: true,
}

// listIdentities serves the identity fixtures. defaultFilter CORRELATED_ONLY, the default, hides
// uncorrelated identities; NONE shows them.
func (s *Server) listIdentities(w http.ResponseWriter, r *http.Request) (int, any, error) {
	items := s.fixtures.identities
	switch d := r.URL.Query().Get("defaultFilter"); d {
	case "", "CORRELATED_ONLY":
		items = make([]*Identity, 0, len(s.fixtures.identities))
		for _, i := range s.fixtures.identities {
			if i.correlated {
				items = append(items, i)
			}
		}
	case "NONE":
	default:
		return 0, nil, badRequest("query parameter 'defaultFilter' must be CORRELATED_ONLY or NONE, got %q", d)
	}
	out, err := identityList.apply(w, r, items)
	return http.StatusOK, out, err
}

func (s *Server) getIdentity(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	i, ok := s.fixtures.identity[r.PathValue("id")]
	if !ok {
		return 0, nil, notFound("Identity with id '%s' was not found", r.PathValue("id"))
	}
	return http.StatusOK, i, nil
}
