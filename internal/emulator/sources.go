package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

func (s *Server) sourceRoutes(m *http.ServeMux) {
	s.handle(m, "GET /sources", s.listSources)
	s.handle(m, "POST /sources", s.createSource)
	s.handle(m, "GET /sources/{id}", s.getSource)
	s.handle(m, "PUT /sources/{id}", s.putSource)
	s.handle(m, "PATCH /sources/{id}", s.patchSource)
	s.handle(m, "DELETE /sources/{id}", s.deleteSource)
	s.handle(m, "GET /sources/{sourceId}/password-policies", s.listPasswordPolicyHolders)
	s.handle(m, "PATCH /sources/{sourceId}/password-policies", s.updatePasswordPolicyHolders)
}

// sourceImmutable are the fields a PUT may not change; a PATCH may not change them nor created
// and modified.
var sourceImmutable = []string{"id", "type", "authoritative", "connector", "connectorClass", "passwordPolicies"}

// sourceRefFields are the references a source may hold besides owner: their type is fixed and their
// name is filled from the fixtures when the id is known; unknown ids are kept as sent.
var sourceRefFields = []struct {
	name, typ string
	ref       func(*Source) *Ref
}{
	{"cluster", refCluster, func(s *Source) *Ref { return s.Cluster }},
	{"accountCorrelationConfig", refCorrelationConfig, func(s *Source) *Ref { return s.AccountCorrelationConfig }},
	{"accountCorrelationRule", refRule, func(s *Source) *Ref { return s.AccountCorrelationRule }},
	{"managerCorrelationRule", refRule, func(s *Source) *Ref { return s.ManagerCorrelationRule }},
	{"beforeProvisioningRule", refRule, func(s *Source) *Ref { return s.BeforeProvisioningRule }},
	{"managementWorkgroup", refGovernanceGroup, func(s *Source) *Ref { return s.ManagementWorkgroup }},
}

func refID(r *Ref) any {
	if r == nil {
		return nil
	}
	return r.ID
}

func refName(r *Ref) any {
	if r == nil {
		return nil
	}
	return r.Name
}

var sourceList = listSpec[*Source]{
	filters: filterFields[*Source]{
		"id":                     {kindString, "eq in ge gt le lt ne isnull sw", func(s *Source) any { return s.ID }},
		"name":                   {kindString, "co eq in sw ge gt ne isnull", func(s *Source) any { return s.Name }},
		"type":                   {kindString, "eq in ge gt ne isnull sw", func(s *Source) any { return s.Type }},
		"owner.id":               {kindString, "eq in ge gt le lt ne isnull sw", func(s *Source) any { return refID(s.Owner) }},
		"features":               {kindStrings, "ca co", func(s *Source) any { return s.Features }},
		"created":                {kindTime, "eq ge gt in le lt ne isnull", func(s *Source) any { return s.Created }},
		"modified":               {kindTime, "eq ge gt in le lt ne isnull", func(s *Source) any { return s.Modified }},
		"managementWorkgroup.id": {kindString, "eq ge gt in le lt ne isnull sw", func(s *Source) any { return refID(s.ManagementWorkgroup) }},
		"description":            {kindString, "eq sw", func(s *Source) any { return s.Description }},
		"authoritative":          {kindBool, "eq ne isnull", func(s *Source) any { return s.Authoritative }},
		"healthy":                {kindBool, "isnull", func(s *Source) any { return s.Healthy }},
		"status":                 {kindString, "eq in ge gt le lt ne isnull sw", func(s *Source) any { return s.Status }},
		"connectionType":         {kindString, "eq ge gt in le lt ne isnull sw", func(s *Source) any { return s.ConnectionType }},
		"connectorName":          {kindString, "eq ge gt in ne isnull sw", func(s *Source) any { return s.ConnectorName }},
		"category": {kindString, "co eq ge gt in le lt ne sw", func(s *Source) any {
			if s.Category == nil {
				return nil
			}
			return *s.Category
		}},
	},
	sorters: sortFields[*Source]{
		"type":                          func(s *Source) any { return s.Type },
		"created":                       func(s *Source) any { return s.Created },
		"modified":                      func(s *Source) any { return s.Modified },
		"name":                          func(s *Source) any { return s.Name },
		"owner.name":                    func(s *Source) any { return refName(s.Owner) },
		"healthy":                       func(s *Source) any { return s.Healthy },
		"status":                        func(s *Source) any { return s.Status },
		"id":                            func(s *Source) any { return s.ID },
		"description":                   func(s *Source) any { return s.Description },
		"owner.id":                      func(s *Source) any { return refID(s.Owner) },
		"accountCorrelationConfig.id":   func(s *Source) any { return refID(s.AccountCorrelationConfig) },
		"accountCorrelationConfig.name": func(s *Source) any { return refName(s.AccountCorrelationConfig) },
		"managerCorrelationRule.type": func(s *Source) any {
			if s.ManagerCorrelationRule == nil {
				return nil
			}
			return s.ManagerCorrelationRule.Type
		},
		"managerCorrelationRule.id":   func(s *Source) any { return refID(s.ManagerCorrelationRule) },
		"managerCorrelationRule.name": func(s *Source) any { return refName(s.ManagerCorrelationRule) },
		"authoritative":               func(s *Source) any { return s.Authoritative },
		"managementWorkgroup.id":      func(s *Source) any { return refID(s.ManagementWorkgroup) },
		"connectorName":               func(s *Source) any { return s.ConnectorName },
		"connectionType":              func(s *Source) any { return s.ConnectionType },
	},
	paged: true,
}

// source finds a live source (one being deleted is still live) or answers 404.
func (s *Server) source(id string) (*sourceRecord, error) {
	rec, ok := s.data.sources[id]
	if !ok {
		return nil, notFound("Source with id '%s' was not found", id)
	}
	return rec, nil
}

// sourceView is the document of a source with its derived fields filled in.
func (s *Server) sourceView(rec *sourceRecord) *Source {
	v := rec.src
	v.Schemas = make([]Ref, len(rec.schemas))
	for i, sc := range rec.schemas {
		v.Schemas[i] = Ref{Type: refConnectorSchema, ID: sc.ID, Name: sc.Name}
	}
	v.PasswordPolicies = nil
	for _, h := range rec.holders {
		v.PasswordPolicies = append(v.PasswordPolicies, Ref{Type: refPasswordPolicy, ID: h.PolicyID, Name: h.PolicyName})
	}
	v.Authoritative = s.isAuthoritative(v.ID)
	return &v
}

func (s *Server) sortedSources() []*sourceRecord {
	recs := make([]*sourceRecord, 0, len(s.data.sources))
	for _, rec := range s.data.sources {
		recs = append(recs, rec)
	}
	sortBySeq(recs, func(r *sourceRecord) int { return r.seq })
	return recs
}

func (s *Server) listSources(w http.ResponseWriter, r *http.Request) (int, any, error) {
	recs := s.sortedSources()
	views := make([]*Source, len(recs))
	for i, rec := range recs {
		views[i] = s.sourceView(rec)
	}
	out, err := sourceList.apply(w, r, views)
	return http.StatusOK, out, err
}

func (s *Server) getSource(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, s.sourceView(rec), nil
}

func (s *Server) createSource(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	asCSV, err := boolParam(r.URL.Query(), "provisionAsCsv")
	if err != nil {
		return 0, nil, err
	}
	var src Source
	if err := decodeJSON(readBody(r), &src); err != nil {
		return 0, nil, err
	}
	if asCSV {
		src.Connector, src.Type = delimitedFile, delimitedFileType
	}
	src.ID = newID()
	now := formatTime(s.now())
	src.Created, src.Modified, src.Since = now, now, now
	// The contract warns that a delimited-file source made without provisionAsCsv "won't correctly
	// generate"; such a source is created unhealthy.
	src.Healthy, src.Status = true, "SOURCE_STATE_HEALTHY"
	if src.Connector == delimitedFile && !asCSV {
		src.Healthy, src.Status = false, "SOURCE_STATE_ERROR_SOURCE"
	}
	if err := s.normalizeSource(&src); err != nil {
		return 0, nil, err
	}
	rec := &sourceRecord{seq: s.data.nextSeq(), src: src, settings: newSettings(&src)}
	s.addSourceChildren(rec)
	s.data.sources[src.ID] = rec
	return http.StatusCreated, s.sourceView(rec), nil
}

// addSourceChildren gives a new source what ISC creates with it: the account schema and, for
// active-directory and delimited-file sources, a CREATE provisioning policy.
func (s *Server) addSourceChildren(rec *sourceRecord) {
	c := connectorFor(rec.src.Connector)
	if p := defaultCreatePolicy(c); p != nil {
		rec.policies = append(rec.policies, p)
	}
	rec.schemas = []*Schema{{
		ID:                newID(),
		Name:              accountSchema,
		NativeObjectType:  "User",
		IdentityAttribute: c.identityAttr,
		DisplayAttribute:  c.displayAttr,
		Features:          []string{},
		Configuration:     map[string]any{},
		Attributes:        []AttributeDefinition{},
		Created:           rec.src.Created,
		Modified:          rec.src.Created,
	}}
}

// normalizeSource validates a source document and fills what the server owns: references,
// connector information, default type, class and features, encrypted secrets. The caller sets
// id, created, modified and health. Derived fields are cleared; sourceView fills them.
func (s *Server) normalizeSource(src *Source) error {
	src.Name = strings.TrimSpace(src.Name)
	switch {
	case src.Name == "":
		return badRequest("field 'name' is required")
	case src.Owner == nil:
		return badRequest("field 'owner' is required")
	case src.Connector == "":
		return badRequest("field 'connector' is required")
	}
	if err := s.resolveIdentityRef("owner", src.Owner); err != nil {
		return err
	}
	for _, f := range sourceRefFields {
		if err := s.resolveRef(f.name, f.typ, f.ref(src)); err != nil {
			return err
		}
	}
	for id, other := range s.data.sources {
		if id != src.ID && strings.EqualFold(other.src.Name, src.Name) {
			return badRequest("a source named '%s' already exists (id %s); source names must be unique", src.Name, id)
		}
	}
	c := connectorFor(src.Connector)
	if src.Type == "" {
		src.Type = c.typ
	}
	if src.ConnectorClass == "" {
		src.ConnectorClass = c.class
	}
	src.ConnectorID, src.ConnectorName, src.ConnectionType, src.ConnectorImplementationID =
		src.Connector, c.name, c.connectionType, src.Connector
	if src.Features == nil {
		src.Features = append([]string{}, c.features...)
	}
	for _, f := range src.Features {
		if !sourceFeatures[f] {
			return badRequest("field 'features' has an unknown value '%s'", f)
		}
	}
	if src.DeleteThreshold < 0 || src.DeleteThreshold > 100 {
		return badRequest("field 'deleteThreshold' must be from 0 to 100, got %d", src.DeleteThreshold)
	}
	if src.ConnectorAttributes == nil {
		src.ConnectorAttributes = map[string]any{}
	}
	src.ConnectorAttributes = encryptSecrets(src.ConnectorAttributes).(map[string]any)
	src.Schemas, src.PasswordPolicies, src.Authoritative = nil, nil, false
	return nil
}

// resolveIdentityRef checks that ref names a known identity and fills its type and name.
func (s *Server) resolveIdentityRef(field string, ref *Ref) error {
	if ref.ID == "" {
		return badRequest("field '%s.id' is required", field)
	}
	if ref.Type != "" && ref.Type != refIdentity {
		return badRequest("field '%s.type' must be %s, got '%s'", field, refIdentity, ref.Type)
	}
	id, ok := s.fixtures.identity[ref.ID]
	if !ok {
		return badRequest("field '%s.id': identity '%s' does not exist", field, ref.ID)
	}
	ref.Type, ref.Name = refIdentity, id.Name
	return nil
}

// resolveRef fixes the type of an optional reference and fills the name of a known object.
func (s *Server) resolveRef(field, typ string, ref *Ref) error {
	if ref == nil {
		return nil
	}
	if ref.ID == "" {
		return badRequest("field '%s.id' is required", field)
	}
	if ref.Type != "" && ref.Type != typ {
		return badRequest("field '%s.type' must be %s, got '%s'", field, typ, ref.Type)
	}
	ref.Type = typ
	if name, ok := s.fixtures.name(typ, ref.ID); ok {
		ref.Name = name
	}
	return nil
}

func (s *Server) putSource(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	body := readBody(r)
	present, err := presentFields(body)
	if err != nil {
		return 0, nil, err
	}
	var src Source
	if err := decodeJSON(body, &src); err != nil {
		return 0, nil, err
	}
	if src.Connector == "" {
		return 0, nil, badRequest("field 'connector' is required")
	}
	prev := s.sourceView(rec)
	changed := map[string]bool{
		"id":               present["id"] && !unchanged("id", prev.ID, src.ID),
		"type":             present["type"] && !unchanged("type", prev.Type, src.Type),
		"authoritative":    present["authoritative"] && !unchanged("authoritative", prev.Authoritative, src.Authoritative),
		"connector":        !unchanged("connector", prev.Connector, src.Connector),
		"connectorClass":   present["connectorClass"] && !unchanged("connectorClass", prev.ConnectorClass, src.ConnectorClass),
		"passwordPolicies": present["passwordPolicies"] && !sameRefIDs(src.PasswordPolicies, prev.PasswordPolicies),
	}
	for _, f := range sourceImmutable {
		if changed[f] {
			return 0, nil, badRequest("field '%s' is immutable and cannot be changed", f)
		}
	}
	s.keepServerFields(&src, prev)
	if err := s.normalizeSource(&src); err != nil {
		return 0, nil, err
	}
	src.Modified = formatTime(s.now())
	rec.src = src
	return http.StatusOK, s.sourceView(rec), nil
}

func (s *Server) patchSource(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	p, err := decodePatch(mediaType(r), readBody(r))
	if err != nil {
		return 0, nil, err
	}
	prev := s.sourceView(rec)
	if p, err = p.immutable(prev, append(sourceImmutable, "created", "modified")...); err != nil {
		return 0, nil, err
	}
	var src Source
	if err := p.apply(prev, &src); err != nil {
		return 0, nil, err
	}
	s.keepServerFields(&src, prev)
	if err := s.normalizeSource(&src); err != nil {
		return 0, nil, err
	}
	if !sameJSON(src, rec.src) {
		src.Modified = formatTime(s.now())
	}
	rec.src = src
	return http.StatusOK, s.sourceView(rec), nil
}

// keepServerFields carries the fields a client cannot set from the stored source into an update.
func (s *Server) keepServerFields(src, prev *Source) {
	src.ID, src.Type, src.Connector, src.ConnectorClass = prev.ID, prev.Type, prev.Connector, prev.ConnectorClass
	src.Created, src.Modified = prev.Created, prev.Modified
	src.Healthy, src.Status, src.Since = prev.Healthy, prev.Status, prev.Since
}

func sameRefIDs(a, b []Ref) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID {
			return false
		}
	}
	return true
}

func sameJSON(a, b any) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(x, y)
}

// taskResultRef is the 202 answer of a source delete.
type taskResultRef struct {
	Type string  `json:"type"`
	ID   string  `json:"id"`
	Name *string `json:"name,omitempty"` // "(this should be null/empty)"; null would break the schema
}

func (s *Server) deleteSource(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	if err := s.checkSourceUnreferenced(rec.src.ID); err != nil {
		return 0, nil, err
	}
	if rec.deleting == nil {
		rec.deleting = s.newTask("Source Deletion", "Removes the accounts of source '"+rec.src.Name+"', then the source",
			&TaskTarget{ID: rec.src.ID, Type: "APPLICATION", Name: rec.src.Name}, s.now(), s.cfg.DeleteDelay)
	}
	return http.StatusAccepted, taskResultRef{Type: refTaskResult, ID: rec.deleting.id}, nil
}

// requirePasswordFeature refuses password-policy operations on a source that cannot set passwords.
func requirePasswordFeature(src *Source) error {
	for _, f := range src.Features {
		if f == "PASSWORD" {
			return nil
		}
	}
	return badRequest("Source must support PASSWORD feature: source '%s' does not list PASSWORD in 'features'", src.Name)
}

func (s *Server) listPasswordPolicyHolders(w http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return 0, nil, err
	}
	if err := requirePasswordFeature(&rec.src); err != nil {
		return 0, nil, err
	}
	p, err := parsePaging(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	holders := append([]PasswordPolicyHolder{}, rec.holders...)
	return http.StatusOK, page(w, holders, p), nil
}

func (s *Server) updatePasswordPolicyHolders(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return 0, nil, err
	}
	if mt := mediaType(r); mt != "application/json" {
		return 0, nil, badRequest("Content-Type must be application/json (the full list of password policy holders, not a JSON Patch), got %q", mt)
	}
	var holders []PasswordPolicyHolder
	if err := decodeJSON(readBody(r), &holders); err != nil {
		return 0, nil, err
	}
	if holders == nil {
		return 0, nil, badRequest("the request body must be a JSON array of password policy holders")
	}
	if err := requirePasswordFeature(&rec.src); err != nil {
		return 0, nil, err
	}
	seen := map[string]bool{}
	for i := range holders {
		h := &holders[i]
		if h.PolicyID == "" {
			return 0, nil, badRequest("item %d: field 'policyId' is required", i)
		}
		name, ok := s.fixtures.name(refPasswordPolicy, h.PolicyID)
		if !ok {
			return 0, nil, badRequest("item %d: field 'policyId': password policy '%s' does not exist", i, h.PolicyID)
		}
		if seen[h.PolicyID] {
			return 0, nil, badRequest("item %d: password policy '%s' is listed twice", i, h.PolicyID)
		}
		seen[h.PolicyID] = true
		h.PolicyName = name
		if h.Selectors == nil {
			h.Selectors = &PolicySelectors{}
		}
		if h.Selectors.IdentityAttr == nil {
			h.Selectors.IdentityAttr = []SelectorAttribute{}
		}
	}
	rec.holders = holders
	rec.src.Modified = formatTime(s.now())
	return http.StatusOK, holders, nil
}
