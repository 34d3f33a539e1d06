package emulator

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

const refEntitlement = "ENTITLEMENT"

// Entitlement is an entitlement of a source: D25 Entitlement on /v2025 and DNEW entitlementv2 on
// the per-resource paths (trap 46). ISC makes entitlements only by aggregation (trap 45): here,
// POST /sources/{sourceId}/load-entitlements and snapshots.
//
// The emulator keeps the privilege as the levels of PrivilegeLevel, and serves v2025's
// privileged from them (see served); Privileged and PrivilegeOverride are set only while a patch
// is applied (the patch's targets) and when a snapshot gives the D25 shape.
type Entitlement struct {
	ID                     string          `json:"id"`
	Name                   string          `json:"name"`
	Attribute              string          `json:"attribute"`
	Value                  string          `json:"value"`
	SourceSchemaObjectType string          `json:"sourceSchemaObjectType"`
	Description            *string         `json:"description"`
	Privileged             *bool           `json:"privileged,omitempty"`
	PrivilegeLevel         *PrivilegeLevel `json:"privilegeLevel,omitempty"`
	// PrivilegeOverride is the target of v1's patch path /privilegeOverride/level; never served.
	PrivilegeOverride *privilegeOverride `json:"privilegeOverride,omitempty"`
	Tags              []string           `json:"tags,omitempty"`
	CloudGoverned     bool               `json:"cloudGoverned"`
	Requestable       bool               `json:"requestable"`
	Owner             *Ref               `json:"owner"`
	Created           string             `json:"created"`
	Modified          string             `json:"modified"`
	Source            Ref                `json:"source"`
	Attributes        map[string]any     `json:"attributes"`
	Segments          []string           `json:"segments"`
	DirectPermissions []any              `json:"directPermissions"`
	// ManuallyUpdatedFields says which fields a person changed (DISPLAY_NAME, DESCRIPTION): an
	// aggregation keeps those.
	ManuallyUpdatedFields map[string]bool `json:"manuallyUpdatedFields"`
}

// PrivilegeLevel is DNEW's entitlementprivilegelevel: Direct is set on the entitlement (by an
// override, SetByType OVERRIDE, or by criteria), Inherited comes from elsewhere, and Effective is
// the higher of the two.
type PrivilegeLevel struct {
	Direct    string  `json:"direct"`
	SetBy     string  `json:"setBy,omitempty"`
	SetByType *string `json:"setByType"`
	Inherited *string `json:"inherited"`
	Effective string  `json:"effective"`
}

type privilegeOverride struct {
	Level string `json:"level"`
}

// privilegeLevels are the levels of PrivilegeLevel, highest first.
var privilegeLevels = []string{"HIGH", "MEDIUM", "LOW", "NONE"}

// entitlementPatchable are the paths a patch may change, by API version (P25:ears-entitlement.yaml
// and DNEW's patchEntitlementV1): members, but v1's privilege override, a path below one.
var entitlementPatchable = map[apiversion.Version][]string{
	apiversion.V2025: {"requestable", "privileged", "segments", "owner", "name", "description", "manuallyUpdatedFields"},
	apiversion.V1:    {"requestable", "segments", "privilegeOverride/level", "owner", "name", "description", "manuallyUpdatedFields"},
}

// checkEntitlementPatch refuses a patch of a path the API version does not list as patchable,
// with ISC's wording.
func checkEntitlementPatch(v apiversion.Version, p jsonPatch) error {
	for _, op := range p {
		member, _, _ := strings.Cut(strings.TrimPrefix(op.path, "/"), "/")
		if op.path == "/privilegeOverride/level" {
			member = "privilegeOverride/level"
		}
		if op.op != "test" && !slices.Contains(entitlementPatchable[v], member) {
			return badRequest("field '%s' of an entitlement cannot be patched: the patchable fields are %s (patch operation '%s %s')",
				member, strings.Join(entitlementPatchable[v], ", "), op.op, op.path)
		}
	}
	return nil
}

// served is e as API version v shows it: v2025 has privileged (true when the effective level is
// HIGH, silent) and neither privilegeLevel nor tags; v1 has no privileged.
func (e *Entitlement) served(v apiversion.Version) *Entitlement {
	out := *e
	out.PrivilegeOverride, out.Privileged = nil, nil
	if v == apiversion.V2025 {
		privileged := e.PrivilegeLevel != nil && e.PrivilegeLevel.Effective == "HIGH"
		out.Privileged, out.PrivilegeLevel, out.Tags = &privileged, nil, nil
	}
	return &out
}

// patchTarget is the document a patch in API version v applies to: e with the version's
// privilege path, v2025's privileged or v1's privilegeOverride.level.
func (e *Entitlement) patchTarget(v apiversion.Version) *Entitlement {
	out := *e
	if v == apiversion.V2025 {
		out.Privileged = e.served(v).Privileged
	} else {
		out.PrivilegeOverride = &privilegeOverride{Level: e.PrivilegeLevel.Direct}
	}
	return &out
}

// normalizePrivilege sets the direct level that a patch asked for, through v2025's privileged
// (true is HIGH, false NONE; silent) or v1's override, as an override by the admin (silent: the
// emulator's clients act as the admin); derives the levels of an entitlement given in the D25
// shape; and computes the effective level.
func normalizePrivilege(e, old *Entitlement) error {
	override := func(level string) {
		e.PrivilegeLevel = &PrivilegeLevel{Direct: level, SetBy: AdminIdentityID, SetByType: new("OVERRIDE"), Inherited: e.PrivilegeLevel.Inherited}
	}
	switch {
	case old == nil && e.PrivilegeLevel == nil:
		e.PrivilegeLevel = &PrivilegeLevel{Direct: "NONE"}
		if e.Privileged != nil && *e.Privileged {
			// As ISC migrated the flag: privileged became a HIGH override.
			e.PrivilegeLevel = &PrivilegeLevel{Direct: "HIGH", SetBy: "SAILPOINT_MIGRATION", SetByType: new("OVERRIDE")}
		}
	case old == nil:
	case e.PrivilegeOverride != nil && old.PrivilegeOverride != nil && e.PrivilegeOverride.Level != old.PrivilegeOverride.Level:
		if !slices.Contains(privilegeLevels, e.PrivilegeOverride.Level) {
			return badRequest("field 'privilegeOverride/level': '%s' is not a privilege level (%s)", e.PrivilegeOverride.Level, strings.Join(privilegeLevels, ", "))
		}
		override(e.PrivilegeOverride.Level)
	case e.Privileged != nil && old.Privileged != nil && *e.Privileged != *old.Privileged:
		override(map[bool]string{true: "HIGH", false: "NONE"}[*e.Privileged])
	}
	if old == nil {
		e.Privileged, e.PrivilegeOverride = nil, nil
	}
	l := e.PrivilegeLevel
	for field, level := range map[string]*string{"direct": &l.Direct, "inherited": l.Inherited} {
		if level != nil && !slices.Contains(privilegeLevels, *level) {
			return badRequest("field 'privilegeLevel.%s': '%s' is not a privilege level (%s)", field, *level, strings.Join(privilegeLevels, ", "))
		}
	}
	l.Effective = l.Direct
	if l.Inherited != nil && slices.Index(privilegeLevels, *l.Inherited) < slices.Index(privilegeLevels, l.Direct) {
		l.Effective = *l.Inherited
	}
	return nil
}

// EntitlementRequestConfig is how an entitlement is requested and revoked, served apart from it.
type EntitlementRequestConfig struct {
	AccessRequestConfig     *EntitlementAccessRequestConfig `json:"accessRequestConfig,omitempty"`
	RevocationRequestConfig *EntitlementRevocationConfig    `json:"revocationRequestConfig,omitempty"`
}

// defaultEntitlementRequestConfig is the config of an entitlement nobody configured: no approval,
// no comments (the contract's "default config" example, trap 63).
func defaultEntitlementRequestConfig() *EntitlementRequestConfig {
	return &EntitlementRequestConfig{
		AccessRequestConfig:     &EntitlementAccessRequestConfig{ApprovalSchemes: []ApprovalScheme{}},
		RevocationRequestConfig: &EntitlementRevocationConfig{ApprovalSchemes: []ApprovalScheme{}},
	}
}

// entitlementKind holds the rules snapshots load entitlements by; ISC has no create or delete
// for them. The list takes account-id or filters, never both.
var entitlementKind = &kind[Entitlement]{
	noun: "entitlement", path: "/entitlements",
	list: listSpec[*Entitlement]{
		filters: filterFields[*Entitlement]{
			"id":          {kindString, "eq in", func(e *Entitlement) any { return e.ID }},
			"name":        {kindString, "eq in sw", func(e *Entitlement) any { return e.Name }},
			"type":        {kindString, "eq in", func(e *Entitlement) any { return e.SourceSchemaObjectType }},
			"attribute":   {kindString, "eq in", func(e *Entitlement) any { return e.Attribute }},
			"value":       {kindString, "eq in sw", func(e *Entitlement) any { return e.Value }},
			"source.id":   {kindString, "eq in", func(e *Entitlement) any { return e.Source.ID }},
			"requestable": {kindBool, "eq", func(e *Entitlement) any { return e.Requestable }},
			"created":     {kindTime, "gt lt ge le", func(e *Entitlement) any { return e.Created }},
			"modified":    {kindTime, "gt lt ge le", func(e *Entitlement) any { return e.Modified }},
			"owner.id":    {kindString, "eq in", func(e *Entitlement) any { return refID(e.Owner) }},
		},
		sorters: sortFields[*Entitlement]{
			"id":          func(e *Entitlement) any { return e.ID },
			"name":        func(e *Entitlement) any { return e.Name },
			"created":     func(e *Entitlement) any { return e.Created },
			"modified":    func(e *Entitlement) any { return e.Modified },
			"type":        func(e *Entitlement) any { return e.SourceSchemaObjectType },
			"attribute":   func(e *Entitlement) any { return e.Attribute },
			"value":       func(e *Entitlement) any { return e.Value },
			"source.id":   func(e *Entitlement) any { return e.Source.ID },
			"requestable": func(e *Entitlement) any { return e.Requestable },
		},
		paged: true,
	},
	update:   updatePatch,
	id:       func(e *Entitlement) *string { return &e.ID },
	created:  func(e *Entitlement) *string { return &e.Created },
	modified: func(e *Entitlement) *string { return &e.Modified },
	normalize: func(s *Server, e, old *Entitlement) error {
		switch {
		case e.Value == "":
			return badRequest("field 'value' is required")
		case e.Attribute == "":
			return badRequest("field 'attribute' is required")
		}
		rec, err := s.source(e.Source.ID)
		if err != nil {
			return badRequest("field 'source.id': source '%s' does not exist", e.Source.ID)
		}
		e.Source = Ref{Type: refSource, ID: rec.src.ID, Name: rec.src.Name}
		if e.Name == "" {
			e.Name = e.Value
		}
		if e.SourceSchemaObjectType == "" {
			e.SourceSchemaObjectType = "group"
		}
		if e.Owner != nil {
			if err := s.resolveIdentityRef("owner", e.Owner); err != nil {
				return err
			}
		}
		for k := range e.ManuallyUpdatedFields {
			if k != "DISPLAY_NAME" && k != "DESCRIPTION" {
				return badRequest("field 'manuallyUpdatedFields': '%s' is not a manually updatable field (DISPLAY_NAME, DESCRIPTION)", k)
			}
		}
		if err := normalizePrivilege(e, old); err != nil {
			return err
		}
		if e.Attributes == nil {
			e.Attributes = map[string]any{}
		}
		if e.DirectPermissions == nil {
			e.DirectPermissions = []any{}
		}
		for _, o := range s.data.entitlements.all() {
			if o.ID != e.ID && o.Source.ID == e.Source.ID && o.Attribute == e.Attribute && o.Value == e.Value {
				return badRequest("source '%s' already has entitlement %s=%s (id %s)", e.Source.Name, e.Attribute, e.Value, o.ID)
			}
		}
		return nil
	},
}

// fixtureGroups are the groups an aggregation without a file finds on any source.
var fixtureGroups = []string{"Finance", "Engineering", "Sales", "Help Desk", "VPN Users"}

// loadEntitlementTask is LoadEntitlementTask, the 202 answer of an entitlement aggregation.
type loadEntitlementTask struct {
	ID          string `json:"id"`
	Type        string `json:"type"`
	UniqueName  string `json:"uniqueName"`
	Description string `json:"description"`
	Launcher    string `json:"launcher"`
	Created     string `json:"created"`
}

func (s *Server) entitlementRoutes(m *http.ServeMux) {
	s.handle(m, "POST /sources/{sourceId}/load-entitlements", s.loadEntitlements)
	s.handle(m, "GET /entitlements", func(w http.ResponseWriter, r *http.Request) (int, any, error) {
		v, list := entitlementVersion(r), entitlementKind.list
		if v == apiversion.V1 {
			list = entitlementListV1
		} else if r.URL.Query().Get("account-id") != "" { // v1 has no account-id (trap 46)
			if r.URL.Query().Get("filters") != "" {
				return 0, nil, badRequest("query parameter 'account-id' cannot be specified with 'filters'")
			}
			return http.StatusOK, []*Entitlement{}, nil // the emulator has no accounts
		}
		found, err := list.apply(w, r, s.data.entitlements.all())
		out := make([]*Entitlement, len(found))
		for i, e := range found {
			out[i] = e.served(v)
		}
		return http.StatusOK, out, err
	})
	// No create and no delete: entitlements come and go by aggregation (trap 45).
	s.handle(m, "GET /entitlements/{id}", func(_ http.ResponseWriter, r *http.Request) (int, any, error) {
		e, err := s.data.entitlements.get(r.PathValue("id"))
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, e.served(entitlementVersion(r)), nil
	})
	s.handle(m, "PATCH /entitlements/{id}", s.patchEntitlement)
	s.handle(m, "GET /entitlements/{id}/entitlement-request-config", func(_ http.ResponseWriter, r *http.Request) (int, any, error) {
		e, err := s.data.entitlements.get(r.PathValue("id"))
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, servedRequestConfig(s.entitlementRequestConfig(e.ID), entitlementVersion(r)), nil
	})
	s.handle(m, "PUT /entitlements/{id}/entitlement-request-config", s.putEntitlementRequestConfig)
}

// entitlementListV1 is the per-resource list, which also filters on tags and the direct privilege
// level (trap 46).
var entitlementListV1 = func() listSpec[*Entitlement] {
	l := entitlementKind.list
	l.filters = maps.Clone(l.filters)
	l.filters["tags"] = filterField[*Entitlement]{kindStrings, "eq", func(e *Entitlement) any { return e.Tags }}
	l.filters["privilegeLevel.direct"] = filterField[*Entitlement]{kindString, "eq", func(e *Entitlement) any { return e.PrivilegeLevel.Direct }}
	return l
}()

// entitlementVersion is the API version of an entitlement request, whose contract differs by
// version (trap 46).
func entitlementVersion(r *http.Request) apiversion.Version {
	return apiversion.Version(apiversion.Of(r.URL.Path))
}

// patchEntitlement applies a patch to the entitlement as the request's API version shows it,
// refusing the paths that version does not list as patchable.
func (s *Server) patchEntitlement(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	stored, err := s.data.entitlements.get(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	v, body := entitlementVersion(r), readBody(r)
	patch, err := decodePatch(mediaType(r), body)
	if err != nil {
		return 0, nil, err
	}
	if err := checkEntitlementPatch(v, patch); err != nil {
		return 0, nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body)) // updateOne reads it again
	e, err := entitlementKind.updateOne(s, r, stored.patchTarget(v))
	if err != nil {
		return 0, nil, err
	}
	e.Privileged, e.PrivilegeOverride = nil, nil
	*stored = *e
	return http.StatusOK, stored.served(v), nil
}

// servedRequestConfig is c as API version v shows it: v2025 has no custom form.
func servedRequestConfig(c *EntitlementRequestConfig, v apiversion.Version) *EntitlementRequestConfig {
	if v != apiversion.V2025 || c.AccessRequestConfig == nil || c.AccessRequestConfig.FormDefinitionID == nil {
		return c
	}
	out, access := *c, *c.AccessRequestConfig
	access.FormDefinitionID, out.AccessRequestConfig = nil, &access
	return &out
}

// entitlementRequestConfig is the request config of an entitlement: as last put, or the default.
func (s *Server) entitlementRequestConfig(id string) *EntitlementRequestConfig {
	if c, ok := s.data.entitlementConfigs[id]; ok {
		return c
	}
	return defaultEntitlementRequestConfig()
}

// putEntitlementRequestConfig replaces an entitlement's request config. A part left out is the
// default's (the contract is silent); approvers are checked as for access profiles, with the
// entitlement's approver types, and a workflow approves alone ("Workflows are exclusive to other
// types of approvals").
func (s *Server) putEntitlementRequestConfig(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	e, err := s.data.entitlements.get(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	var c EntitlementRequestConfig
	if err := decodeJSON(readBody(r), &c); err != nil {
		return 0, nil, err
	}
	v := entitlementVersion(r)
	def := defaultEntitlementRequestConfig()
	if c.AccessRequestConfig == nil {
		c.AccessRequestConfig = def.AccessRequestConfig
	}
	if v == apiversion.V2025 { // v2025 knows no custom form: it keeps the one v1 set (silent)
		c.AccessRequestConfig.FormDefinitionID = s.entitlementRequestConfig(e.ID).AccessRequestConfig.FormDefinitionID
	}
	if c.RevocationRequestConfig == nil {
		c.RevocationRequestConfig = def.RevocationRequestConfig
	}
	for field, schemes := range map[string]*[]ApprovalScheme{
		"accessRequestConfig": &c.AccessRequestConfig.ApprovalSchemes, "revocationRequestConfig": &c.RevocationRequestConfig.ApprovalSchemes,
	} {
		if *schemes == nil {
			*schemes = []ApprovalScheme{}
		}
		if err := s.checkEntitlementApprovals(field, *schemes); err != nil {
			return 0, nil, err
		}
	}
	s.data.entitlementConfigs[e.ID] = &c
	return http.StatusOK, servedRequestConfig(&c, v), nil
}

// loadEntitlements aggregates a source's entitlements, at once (the task it answers with is
// complete). With a CSV file (multipart field "file"), its header names the columns: value
// (required), name, description, attribute and type (sourceSchemaObjectType); without one, the
// source has the fixture groups. The aggregation is the source's entitlements afterwards: ones
// it finds again (same attribute and value) keep their id and what a team set (owner,
// requestable, privileged, segments), new ones are added, and the rest are removed.
func (s *Server) loadEntitlements(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return 0, nil, err
	}
	attribute := "memberOf"
	for _, sc := range rec.schemas {
		if sc.Name != accountSchema {
			continue
		}
		if i := slices.IndexFunc(sc.Attributes, func(a AttributeDefinition) bool { return a.IsEntitlement }); i >= 0 {
			attribute = sc.Attributes[i].Name
		}
	}
	found, err := aggregatedEntitlements(r, rec, attribute)
	if err != nil {
		return 0, nil, err
	}
	now := s.now()
	kept := map[string]bool{}
	for _, e := range found {
		old := slices.IndexFunc(s.data.entitlements.all(), func(o *Entitlement) bool {
			return o.Source.ID == rec.src.ID && o.Attribute == e.Attribute && o.Value == e.Value
		})
		if old >= 0 {
			o := s.data.entitlements.all()[old]
			if !o.ManuallyUpdatedFields["DISPLAY_NAME"] {
				o.Name = cmp.Or(e.Name, e.Value)
			}
			if !o.ManuallyUpdatedFields["DESCRIPTION"] {
				o.Description = e.Description
			}
			o.SourceSchemaObjectType, o.Modified = cmp.Or(e.SourceSchemaObjectType, "group"), formatTime(now)
			kept[o.ID] = true
			continue
		}
		e.ID, e.Created, e.Modified = newID(), formatTime(now), formatTime(now)
		if err := entitlementKind.normalize(s, e, nil); err != nil {
			return 0, nil, err
		}
		s.data.entitlements.add(s.data, e)
		kept[e.ID] = true
	}
	for id, r := range s.data.entitlements.recs {
		if r.obj.Source.ID == rec.src.ID && !kept[id] {
			delete(s.data.entitlements.recs, id)
		}
	}
	t := s.newTask("Cloud Group Aggregation", "Aggregate from the specified application",
		&TaskTarget{ID: rec.src.ID, Type: "APPLICATION", Name: rec.src.Name}, now, 0)
	return http.StatusAccepted, loadEntitlementTask{ID: t.id, Type: "QUARTZ", UniqueName: t.uniqueName, Description: t.description,
		Launcher: t.launcher, Created: formatTime(now)}, nil
}

// aggregatedEntitlements reads the entitlements an aggregation finds: the request's CSV file, or
// the fixture groups when it has none.
func aggregatedEntitlements(r *http.Request, rec *sourceRecord, attribute string) ([]*Entitlement, error) {
	entitlement := func(value, name, description, attr, typ string) *Entitlement {
		e := &Entitlement{Value: value, Name: name, Attribute: attr, SourceSchemaObjectType: typ, Source: Ref{ID: rec.src.ID}}
		if description != "" {
			e.Description = &description
		}
		return e
	}
	if mediaType(r) == "" {
		out := make([]*Entitlement, len(fixtureGroups))
		for i, g := range fixtureGroups {
			value := strings.ToLower(strings.ReplaceAll(g, " ", "-"))
			if rec.src.Connector == "ldap" || rec.src.Connector == "active-directory" {
				value = "CN=" + g + ",OU=Groups,DC=example,DC=com"
			}
			out[i] = entitlement(value, g, g+" group", attribute, "group")
		}
		return out, nil
	}
	if err := r.ParseMultipartForm(maxBodyBytes); err != nil {
		return nil, badRequest("the request body must be multipart/form-data with a CSV file in the field 'file': %v", err)
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, badRequest("the multipart body has no field 'file'")
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, badRequest("the file is not CSV: %v", err)
	}
	if len(rows) == 0 || !slices.Contains(rows[0], "value") {
		return nil, badRequest("the file's header must name a column 'value' (and may name name, description, attribute and type)")
	}
	col := func(row []string, name string) string {
		if i := slices.Index(rows[0], name); i >= 0 && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	var out []*Entitlement
	for i, row := range rows[1:] {
		value := col(row, "value")
		if value == "" {
			return nil, badRequest("row %d of the file has no value", i+2)
		}
		attr := col(row, "attribute")
		if attr == "" {
			attr = attribute
		}
		out = append(out, entitlement(value, col(row, "name"), col(row, "description"), attr, col(row, "type")))
	}
	return out, nil
}

// dropOrphanEntitlements removes the entitlements of sources that are gone, as ISC does with a
// source's delete.
func (s *Server) dropOrphanEntitlements(time.Time) {
	for id, r := range s.data.entitlements.recs {
		if _, ok := s.data.sources[r.obj.Source.ID]; !ok {
			delete(s.data.entitlements.recs, id)
		}
	}
	for id := range s.data.entitlementConfigs {
		if _, ok := s.data.entitlements.recs[id]; !ok {
			delete(s.data.entitlementConfigs, id)
		}
	}
}
