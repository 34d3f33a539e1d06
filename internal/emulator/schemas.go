package emulator

import (
	"net/http"
	"slices"
	"strings"
)

func (s *Server) schemaRoutes(m *http.ServeMux) {
	s.handle(m, "GET /sources/{sourceId}/schemas", s.listSchemas)
	s.handle(m, "POST /sources/{sourceId}/schemas", s.createSchema)
	s.handle(m, "GET /sources/{sourceId}/schemas/{schemaId}", s.getSchema)
	s.handle(m, "PUT /sources/{sourceId}/schemas/{schemaId}", s.putSchema)
	s.handle(m, "PATCH /sources/{sourceId}/schemas/{schemaId}", s.patchSchema)
	s.handle(m, "DELETE /sources/{sourceId}/schemas/{schemaId}", s.deleteSchema)
}

// schemaImmutable are the schema fields neither PUT nor PATCH may change.
var schemaImmutable = []string{"id", "name", "created", "modified"}

// attributeTypes is the AttributeDefinitionType enum.
var attributeTypes = setOf("STRING", "LONG", "INT", "BOOLEAN", "DATE")

// isGroupSchema tells the schemas group entitlements can point at: anything but the account
// schema that is named "group" or describes native groups.
func isGroupSchema(sc *Schema) bool {
	return sc.Name != accountSchema && (strings.EqualFold(sc.Name, "group") || strings.EqualFold(sc.NativeObjectType, "group"))
}

// schemaOf finds a schema of a live source, answering 404 for either.
func (s *Server) schemaOf(r *http.Request) (*sourceRecord, int, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return nil, 0, err
	}
	id := r.PathValue("schemaId")
	i := slices.IndexFunc(rec.schemas, func(sc *Schema) bool { return sc.ID == id })
	if i < 0 {
		return nil, 0, notFound("Schema with id '%s' was not found on source '%s'", id, rec.src.ID)
	}
	return rec, i, nil
}

func (s *Server) listSchemas(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return 0, nil, err
	}
	q := r.URL.Query()
	keep := func(*Schema) bool { return true }
	switch t := q.Get("include-types"); {
	case t == "group": // the only value ISC recognises; include-names is then ignored
		keep = isGroupSchema
	case t != "" && t != "user":
		return 0, nil, badRequest("query parameter 'include-types' must be group or user, got %q", t)
	case q.Get("include-names") != "":
		names := strings.Split(q.Get("include-names"), ",")
		for i := range names {
			names[i] = strings.TrimSpace(names[i])
		}
		keep = func(sc *Schema) bool { return slices.Contains(names, sc.Name) }
	}
	out := []*Schema{}
	for _, sc := range rec.schemas {
		if keep(sc) {
			out = append(out, sc)
		}
	}
	return http.StatusOK, out, nil
}

func (s *Server) getSchema(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.schemaOf(r)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, rec.schemas[i], nil
}

func (s *Server) createSchema(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return 0, nil, err
	}
	var sc Schema
	if err := decodeJSON(readBody(r), &sc); err != nil {
		return 0, nil, err
	}
	sc.Name = strings.TrimSpace(sc.Name)
	if sc.Name == "" {
		return 0, nil, badRequest("field 'name' is required")
	}
	for _, other := range rec.schemas {
		if strings.EqualFold(other.Name, sc.Name) {
			return 0, nil, badRequest("source '%s' already has a schema named '%s' (id %s)", rec.src.ID, other.Name, other.ID)
		}
	}
	sc.ID = newID()
	sc.Created = formatTime(s.now())
	sc.Modified = sc.Created
	if err := normalizeSchema(rec, &sc); err != nil {
		return 0, nil, err
	}
	rec.schemas = append(rec.schemas, &sc)
	return http.StatusCreated, &sc, nil
}

func (s *Server) putSchema(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.schemaOf(r)
	if err != nil {
		return 0, nil, err
	}
	body := readBody(r)
	present, err := presentFields(body)
	if err != nil {
		return 0, nil, err
	}
	if !present["id"] {
		return 0, nil, badRequest("field 'id' is required in the request body and must equal the schema id")
	}
	var sc Schema
	if err := decodeJSON(body, &sc); err != nil {
		return 0, nil, err
	}
	old := rec.schemas[i]
	changed := map[string]bool{
		"id":       !unchanged("id", old.ID, sc.ID),
		"name":     present["name"] && !unchanged("name", old.Name, sc.Name),
		"created":  present["created"] && !unchanged("created", old.Created, sc.Created),
		"modified": present["modified"] && !unchanged("modified", old.Modified, sc.Modified),
	}
	for _, f := range schemaImmutable {
		if changed[f] {
			return 0, nil, badRequest("field '%s' is immutable and cannot be changed", f)
		}
	}
	sc.Name, sc.Created = old.Name, old.Created
	if err := normalizeSchema(rec, &sc); err != nil {
		return 0, nil, err
	}
	sc.Modified = formatTime(s.now())
	rec.schemas[i] = &sc
	return http.StatusOK, &sc, nil
}

func (s *Server) patchSchema(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.schemaOf(r)
	if err != nil {
		return 0, nil, err
	}
	p, err := decodePatch(mediaType(r), readBody(r))
	if err != nil {
		return 0, nil, err
	}
	old := rec.schemas[i]
	if p, err = p.immutable(old, schemaImmutable...); err != nil {
		return 0, nil, err
	}
	var sc Schema
	if err := p.apply(old, &sc); err != nil {
		return 0, nil, err
	}
	sc.ID, sc.Name, sc.Created, sc.Modified = old.ID, old.Name, old.Created, old.Modified
	if err := normalizeSchema(rec, &sc); err != nil {
		return 0, nil, err
	}
	if !sameJSON(&sc, old) {
		sc.Modified = formatTime(s.now())
	}
	rec.schemas[i] = &sc
	return http.StatusOK, &sc, nil
}

func (s *Server) deleteSchema(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.schemaOf(r)
	if err != nil {
		return 0, nil, err
	}
	rec.schemas = slices.Delete(rec.schemas, i, i+1)
	return http.StatusNoContent, nil, nil
}

// normalizeSchema validates a schema of rec and fills defaults: empty lists and objects, attribute
// types and the references of attributes to other schemas of the source.
func normalizeSchema(rec *sourceRecord, sc *Schema) error {
	if sc.Features == nil {
		sc.Features = []string{}
	}
	for _, f := range sc.Features {
		if !sourceFeatures[f] {
			return badRequest("field 'features' has an unknown value '%s'", f)
		}
	}
	if sc.Configuration == nil {
		sc.Configuration = map[string]any{}
	}
	if sc.Attributes == nil {
		sc.Attributes = []AttributeDefinition{}
	}
	hasGroupSchema := slices.ContainsFunc(rec.schemas, func(other *Schema) bool { return other.ID != sc.ID && isGroupSchema(other) })
	seen := map[string]bool{}
	for i := range sc.Attributes {
		a := &sc.Attributes[i]
		switch {
		case a.Name == "":
			return badRequest("field 'attributes[%d].name' is required", i)
		case seen[strings.ToLower(a.Name)]:
			return badRequest("field 'attributes[%d].name': attribute '%s' is defined twice", i, a.Name)
		}
		seen[strings.ToLower(a.Name)] = true
		if a.Type == "" {
			a.Type = "STRING"
		}
		if !attributeTypes[a.Type] {
			return badRequest("field 'attributes[%d].type' must be one of STRING, LONG, INT, BOOLEAN, DATE, got '%s'", i, a.Type)
		}
		if a.IsGroup && !a.IsEntitlement {
			return badRequest("attribute '%s': isGroup can only be true when isEntitlement is also true", a.Name)
		}
		if a.IsGroup && !hasGroupSchema {
			return badRequest("attribute '%s': isGroup requires a group schema on the source; create the group schema first", a.Name)
		}
		if a.Schema != nil {
			j := slices.IndexFunc(rec.schemas, func(other *Schema) bool { return other.ID == a.Schema.ID })
			if j < 0 {
				return badRequest("field 'attributes[%d].schema.id': schema '%s' does not exist on the source", i, a.Schema.ID)
			}
			a.Schema.Type, a.Schema.Name = refConnectorSchema, rec.schemas[j].Name
		}
	}
	return nil
}
