package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// A source's settings (NOTES.md B.22–B.25) are documents, one of each per source, that live and
// die with it: GET reads one and PUT replaces it whole.

// CorrelationConfig is how a source's accounts correlate to identities.
type CorrelationConfig struct {
	ID                   *string                 `json:"id"`
	Name                 *string                 `json:"name"`
	AttributeAssignments []CorrelationAssignment `json:"attributeAssignments"`
}

// CorrelationAssignment pairs an identity attribute (property) with an account attribute (value).
type CorrelationAssignment struct {
	Property     string `json:"property"`
	Value        string `json:"value"`
	Operation    string `json:"operation"`
	Complex      bool   `json:"complex"`
	IgnoreCase   bool   `json:"ignoreCase"`
	MatchMode    string `json:"matchMode,omitempty"` // not nullable in the contract (trap 59)
	FilterString string `json:"filterString,omitempty"`
}

// NativeChangeDetectionConfig is which native changes of a source's accounts ISC reports.
type NativeChangeDetectionConfig struct {
	Enabled                          bool     `json:"enabled"`
	Operations                       []string `json:"operations"`
	AllEntitlements                  bool     `json:"allEntitlements"`
	AllNonEntitlementAttributes      bool     `json:"allNonEntitlementAttributes"`
	SelectedEntitlements             []string `json:"selectedEntitlements"`
	SelectedNonEntitlementAttributes []string `json:"selectedNonEntitlementAttributes"`
}

// AttrSyncConfig is which identity attributes ISC synchronizes to a source's accounts.
type AttrSyncConfig struct {
	Source     Ref             `json:"source"`
	Attributes []AttrSyncEntry `json:"attributes"`
}

// AttrSyncEntry is one identity attribute and the account attribute it syncs to.
type AttrSyncEntry struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
	Enabled     bool   `json:"enabled"`
	Target      string `json:"target"`
}

// SourceEntitlementRequestConfig is how the entitlements of a source are requested and revoked.
type SourceEntitlementRequestConfig struct {
	AccessRequestConfig     *EntitlementAccessRequestConfig `json:"accessRequestConfig,omitempty"`
	RevocationRequestConfig *EntitlementRevocationConfig    `json:"revocationRequestConfig,omitempty"` // not nullable
}

// EntitlementAccessRequestConfig is how an entitlement is requested.
type EntitlementAccessRequestConfig struct {
	ApprovalSchemes            []ApprovalScheme `json:"approvalSchemes"`
	RequestCommentRequired     bool             `json:"requestCommentRequired"`
	DenialCommentRequired      bool             `json:"denialCommentRequired"`
	ReauthorizationRequired    bool             `json:"reauthorizationRequired"`
	RequireEndDate             bool             `json:"requireEndDate"`
	MaxPermittedAccessDuration *AccessDuration  `json:"maxPermittedAccessDuration"`
	// FormDefinitionID is DNEW's custom form of access requests; v2025 has none.
	FormDefinitionID *string `json:"formDefinitionId,omitempty"`
}

// EntitlementRevocationConfig is how a revocation of an entitlement is approved.
type EntitlementRevocationConfig struct {
	ApprovalSchemes []ApprovalScheme `json:"approvalSchemes"`
}

// AccessDuration is the longest time access may be requested for.
type AccessDuration struct {
	Value    int32  `json:"value"`
	TimeUnit string `json:"timeUnit"`
}

var (
	nativeChangeOperations   = setOf("ACCOUNT_UPDATED", "ACCOUNT_CREATED", "ACCOUNT_DELETED")
	entitlementApproverTypes = []string{"ENTITLEMENT_OWNER", "SOURCE_OWNER", "MANAGER", "GOVERNANCE_GROUP", "WORKFLOW"}
	accessDurationUnits      = setOf("HOURS", "DAYS", "WEEKS", "MONTHS")
)

// defaultCorrelations are the pairings (identity attribute, account attribute) a new source of a
// connector starts with: connector templates differ, and most here have none (trap 60).
var defaultCorrelations = map[string][][2]string{
	"active-directory": {{"uid", "sAMAccountName"}, {"email", "mail"}},
}

// settings are the settings documents of a source.
type settings struct {
	correlation *CorrelationConfig
	// nativeChange is nil until a PUT sets it, and again after a DELETE.
	nativeChange *NativeChangeDetectionConfig
	// attrSync holds the identity attributes whose sync is enabled; which attributes are eligible
	// ISC derives from the source's CREATE policy (attrSyncEntries).
	attrSync           map[string]bool
	entitlementRequest *SourceEntitlementRequestConfig
}

// newSettings are the settings of a new source.
func newSettings(src *Source) settings {
	id, name := newID(), src.Name+" Account Correlation"
	c := &CorrelationConfig{ID: &id, Name: &name, AttributeAssignments: []CorrelationAssignment{}}
	for _, p := range defaultCorrelations[src.Connector] {
		c.AttributeAssignments = append(c.AttributeAssignments, CorrelationAssignment{Property: p[0], Value: p[1], Operation: "EQ"})
	}
	return settings{correlation: c, attrSync: map[string]bool{},
		entitlementRequest: &SourceEntitlementRequestConfig{AccessRequestConfig: &EntitlementAccessRequestConfig{ApprovalSchemes: []ApprovalScheme{}}}}
}

func (s *Server) sourceSettingsRoutes(m *http.ServeMux) {
	s.handle(m, "GET /sources/{id}/correlation-config", s.getCorrelationConfig)
	s.handle(m, "PUT /sources/{id}/correlation-config", s.putCorrelationConfig)
	s.handle(m, "GET /sources/{sourceId}/native-change-detection-config", s.getNativeChange)
	s.handle(m, "PUT /sources/{sourceId}/native-change-detection-config", s.putNativeChange)
	s.handle(m, "DELETE /sources/{sourceId}/native-change-detection-config", s.deleteNativeChange)
	s.handle(m, "GET /sources/{id}/attribute-sync-config", s.getAttrSync)
	s.handle(m, "PUT /sources/{id}/attribute-sync-config", s.putAttrSync)
	s.handle(m, "GET /sources/{id}/entitlement-request-config", s.getEntitlementRequest)
	s.handle(m, "PUT /sources/{id}/entitlement-request-config", s.putEntitlementRequest)
	s.handle(m, "POST /sources/{sourceId}/connector/peek-resource-objects", s.peekResourceObjects)
	s.handle(m, "GET /sources/{id}/connectors/source-config", s.getSourceConfig)
}

// pathSource is the source of the path parameter named id or sourceId, whichever the route has.
func (s *Server) pathSource(r *http.Request) (*sourceRecord, error) {
	id := r.PathValue("id")
	if id == "" {
		id = r.PathValue("sourceId")
	}
	return s.source(id)
}

func (s *Server) getCorrelationConfig(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, rec.settings.correlation, nil
}

// putCorrelationConfig replaces the pairings; the config keeps its own id and name.
func (s *Server) putCorrelationConfig(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	var c CorrelationConfig
	if err := decodeJSON(readBody(r), &c); err != nil {
		return 0, nil, err
	}
	if err := checkCorrelation(&c); err != nil {
		return 0, nil, err
	}
	c.ID, c.Name = rec.settings.correlation.ID, rec.settings.correlation.Name
	rec.settings.correlation = &c
	return http.StatusOK, &c, nil
}

// checkCorrelation checks the pairings and stores null ones as none.
func checkCorrelation(c *CorrelationConfig) error {
	if c.AttributeAssignments == nil {
		c.AttributeAssignments = []CorrelationAssignment{}
	}
	for i, a := range c.AttributeAssignments {
		at := fmt.Sprintf("attributeAssignments[%d]", i)
		switch {
		case strings.TrimSpace(a.Property) == "":
			return badRequest("field '%s.property' (the identity attribute) is required", at)
		case strings.TrimSpace(a.Value) == "":
			return badRequest("field '%s.value' (the account attribute) is required", at)
		case a.Operation != "EQ":
			return badRequest("field '%s.operation' must be EQ, got '%s'", at, a.Operation)
		case a.MatchMode != "" && !setOf("ANYWHERE", "START", "END")[a.MatchMode]:
			return badRequest("field '%s.matchMode' must be ANYWHERE, START or END, got '%s'", at, a.MatchMode)
		}
	}
	return nil
}

func (s *Server) getNativeChange(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	if rec.settings.nativeChange == nil {
		return 0, nil, notFound("source '%s' has no native change detection config", rec.src.ID)
	}
	return http.StatusOK, rec.settings.nativeChange, nil
}

func (s *Server) putNativeChange(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	var c NativeChangeDetectionConfig
	if err := decodeJSON(readBody(r), &c); err != nil {
		return 0, nil, err
	}
	if err := checkNativeChange(&c); err != nil {
		return 0, nil, err
	}
	rec.settings.nativeChange = &c
	return http.StatusOK, &c, nil
}

func checkNativeChange(c *NativeChangeDetectionConfig) error {
	for i, op := range c.Operations {
		if !nativeChangeOperations[op] {
			return badRequest("field 'operations[%d]' must be ACCOUNT_UPDATED, ACCOUNT_CREATED or ACCOUNT_DELETED, got '%s'", i, op)
		}
	}
	for _, l := range []*[]string{&c.Operations, &c.SelectedEntitlements, &c.SelectedNonEntitlementAttributes} {
		if *l == nil {
			*l = []string{}
		}
	}
	return nil
}

func (s *Server) deleteNativeChange(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	if rec.settings.nativeChange == nil {
		return 0, nil, notFound("source '%s' has no native change detection config", rec.src.ID)
	}
	rec.settings.nativeChange = nil
	return http.StatusNoContent, nil, nil
}

// requireExperimental answers 400 to a request without the header ISC requires on an
// experimental operation (trap 57).
func requireExperimental(r *http.Request) error {
	if r.Header.Get("X-SailPoint-Experimental") == "" {
		return badRequest("this operation is experimental: send the header 'X-SailPoint-Experimental: true'")
	}
	return nil
}

// attrSyncEntries is the attribute sync config ISC derives for a source: an entry for each field
// of its CREATE policy whose value is an identity attribute (DOC:provisioning/attr_sync.html).
func (s *Server) attrSyncEntries(rec *sourceRecord) *AttrSyncConfig {
	out := &AttrSyncConfig{Source: Ref{Type: refSource, ID: rec.src.ID, Name: rec.src.Name}, Attributes: []AttrSyncEntry{}}
	i := slices.IndexFunc(rec.policies, func(p *ProvisioningPolicy) bool { return p.UsageType == "CREATE" })
	if i < 0 {
		return out
	}
	for _, f := range rec.policies[i].Fields {
		if f.Transform["type"] != "identityAttribute" {
			continue
		}
		attrs, _ := f.Transform["attributes"].(map[string]any)
		name, _ := attrs["name"].(string)
		if name == "" || slices.ContainsFunc(out.Attributes, func(e AttrSyncEntry) bool { return e.Name == name }) {
			continue
		}
		display := name
		if a, err := s.data.identityAttributes.get(name); err == nil && a.DisplayName != "" {
			display = a.DisplayName
		}
		out.Attributes = append(out.Attributes, AttrSyncEntry{Name: name, DisplayName: display, Enabled: rec.settings.attrSync[name], Target: f.Name})
	}
	return out
}

func (s *Server) getAttrSync(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	if err := requireExperimental(r); err != nil {
		return 0, nil, err
	}
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, s.attrSyncEntries(rec), nil
}

// putAttrSync changes only whether entries are enabled, as ISC documents; an entry that is not
// ISC's, or that changes anything else, is refused. Entries left out keep their state.
func (s *Server) putAttrSync(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	if err := requireExperimental(r); err != nil {
		return 0, nil, err
	}
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	var c AttrSyncConfig
	if err := decodeJSON(readBody(r), &c); err != nil {
		return 0, nil, err
	}
	if c.Source.ID != rec.src.ID {
		return 0, nil, badRequest("field 'source.id' must be the source of the path, '%s', got '%s'", rec.src.ID, c.Source.ID)
	}
	current := s.attrSyncEntries(rec)
	enabled := map[string]bool{}
	for i, e := range c.Attributes {
		j := slices.IndexFunc(current.Attributes, func(o AttrSyncEntry) bool { return o.Name == e.Name })
		switch {
		case j < 0:
			return 0, nil, badRequest("attributes[%d]: identity attribute '%s' is not synchronizable to source '%s': "+
				"only attributes its CREATE provisioning policy maps directly from an identity attribute are", i, e.Name, rec.src.ID)
		case e.Target != current.Attributes[j].Target || e.DisplayName != current.Attributes[j].DisplayName:
			return 0, nil, badRequest("attributes[%d]: only 'enabled' may change; '%s' has target '%s' and displayName '%s'",
				i, e.Name, current.Attributes[j].Target, current.Attributes[j].DisplayName)
		}
		enabled[e.Name] = e.Enabled
	}
	for name, on := range enabled {
		rec.settings.attrSync[name] = on
	}
	return http.StatusOK, s.attrSyncEntries(rec), nil
}

func (s *Server) getEntitlementRequest(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, rec.settings.entitlementRequest, nil
}

// putEntitlementRequest replaces the configuration; one without revocationRequestConfig has none.
func (s *Server) putEntitlementRequest(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	var c SourceEntitlementRequestConfig
	if err := decodeJSON(readBody(r), &c); err != nil {
		return 0, nil, err
	}
	if err := s.checkEntitlementRequest(&c); err != nil {
		return 0, nil, err
	}
	rec.settings.entitlementRequest = &c
	return http.StatusOK, &c, nil
}

func (s *Server) checkEntitlementRequest(c *SourceEntitlementRequestConfig) error {
	if a := c.AccessRequestConfig; a != nil {
		if a.ApprovalSchemes == nil {
			a.ApprovalSchemes = []ApprovalScheme{}
		}
		if err := s.checkEntitlementApprovals("accessRequestConfig", a.ApprovalSchemes); err != nil {
			return err
		}
		if d := a.MaxPermittedAccessDuration; d != nil && (d.Value < 1 || !accessDurationUnits[d.TimeUnit]) {
			return badRequest("field 'accessRequestConfig.maxPermittedAccessDuration' must have a positive value and a timeUnit of HOURS, DAYS, WEEKS or MONTHS, got %d %s", d.Value, d.TimeUnit)
		}
	}
	if v := c.RevocationRequestConfig; v != nil {
		if v.ApprovalSchemes == nil {
			v.ApprovalSchemes = []ApprovalScheme{}
		}
		return s.checkEntitlementApprovals("revocationRequestConfig", v.ApprovalSchemes)
	}
	return nil
}

// checkEntitlementApprovals checks approval steps as checkApprovalSchemes does, and that a
// workflow has its id and is the only approval (B.25).
func (s *Server) checkEntitlementApprovals(field string, schemes []ApprovalScheme) error {
	if err := s.checkApprovalSchemes(field, entitlementApproverTypes, schemes); err != nil {
		return err
	}
	for i, a := range schemes {
		at := fmt.Sprintf("%s.approvalSchemes[%d]", field, i)
		switch {
		case a.ApproverType == "WORKFLOW" && (a.ApproverID == nil || *a.ApproverID == ""):
			return badRequest("field '%s.approverId' is required for approver type %s", at, a.ApproverType)
		case a.ApproverType == "WORKFLOW" && len(schemes) > 1:
			return badRequest("field '%s': a WORKFLOW approval excludes every other approval", at)
		}
	}
	return nil
}

// resourceObject is a ResourceObject of a peek.
type resourceObject struct {
	Identity   string         `json:"identity"`
	UUID       string         `json:"uuid"`
	Name       string         `json:"name"`
	ObjectType string         `json:"objectType"`
	Attributes map[string]any `json:"attributes"`
}

// peekResourceObjects answers what the source's connector reads: its accounts (one for each
// correlated fixture identity, with the account schema's attributes) or its groups (those an
// entitlement aggregation without a file loads). Other object types have no objects here.
func (s *Server) peekResourceObjects(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	req := struct {
		ObjectType *string `json:"objectType"`
		MaxCount   *int    `json:"maxCount"`
	}{}
	if err := decodeJSON(readBody(r), &req); err != nil {
		return 0, nil, err
	}
	objectType, maxCount := "account", 25
	if req.ObjectType != nil {
		objectType = *req.ObjectType
	}
	if req.MaxCount != nil {
		if maxCount = *req.MaxCount; maxCount < 1 {
			return 0, nil, badRequest("field 'maxCount' must be at least 1, got %d", maxCount)
		}
	}
	objects := []resourceObject{}
	switch objectType {
	case "account":
		objects = s.peekAccounts(rec, maxCount)
	case "group":
		for _, g := range fixtureGroups {
			if len(objects) == maxCount {
				break
			}
			value := strings.ToLower(strings.ReplaceAll(g, " ", "-"))
			objects = append(objects, resourceObject{Identity: value, UUID: value, Name: g, ObjectType: "group",
				Attributes: map[string]any{"displayName": g, "description": g + " group"}})
		}
	}
	return http.StatusOK, map[string]any{"id": rec.src.ID, "name": rec.src.Name, "objectCount": len(objects),
		"elapsedMillis": 12, "resourceObjects": objects}, nil
}

// peekAccounts are up to n accounts of the source: the correlated fixture identities, each with
// the attributes of the source's account schema that an identity attribute of the same name
// fills, the schema's identity and display attributes, and a value for every attribute of a
// secret's name, as a connector would read it.
func (s *Server) peekAccounts(rec *sourceRecord, n int) []resourceObject {
	var schema *Schema
	if i := slices.IndexFunc(rec.schemas, func(sc *Schema) bool { return sc.Name == accountSchema }); i >= 0 {
		schema = rec.schemas[i]
	}
	out := []resourceObject{}
	for _, id := range s.fixtures.identities {
		if len(out) == n {
			break
		}
		if !id.correlated {
			continue
		}
		uid, _ := id.Attributes["uid"].(string)
		attrs := map[string]any{"email": id.Attributes["email"], "firstname": id.Attributes["firstname"], "lastname": id.Attributes["lastname"]}
		if schema != nil {
			attrs[schema.IdentityAttribute], attrs[schema.DisplayAttribute] = uid, id.Name
			for _, a := range schema.Attributes {
				switch v, ok := id.Attributes[a.Name]; {
				case ok:
					attrs[a.Name] = v
				case isSecretKey(a.Name):
					attrs[a.Name] = "S3cret-" + uid
				}
			}
		}
		out = append(out, resourceObject{Identity: uid, UUID: id.ID, Name: id.Name, ObjectType: "account", Attributes: attrs})
	}
	return out
}

// getSourceConfig answers the connector's form (ConnectorDetail), not the source's values.
func (s *Server) getSourceConfig(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.pathSource(r)
	if err != nil {
		return 0, nil, err
	}
	if l := r.URL.Query().Get("locale"); l != "" && !setOf("de", "fi", "sv", "ru", "pt", "ko", "zh-TW", "en", "it", "fr", "zh-CN", "hu", "es", "cs", "ja", "pl", "da", "nl")[l] {
		return 0, nil, badRequest("query parameter 'locale' is not a supported locale: '%s'", l)
	}
	c := connectorFor(rec.src.Connector)
	var xml strings.Builder
	xml.WriteString("<CorrelationConfig>")
	for _, p := range defaultCorrelations[rec.src.Connector] {
		fmt.Fprintf(&xml, `<Filter property=%q operation="EQ" value=%q/>`, p[1], p[0])
	}
	xml.WriteString("</CorrelationConfig>")
	from := "sp-connect"
	return http.StatusOK, map[string]any{
		"name": c.name, "type": rec.src.Type, "className": rec.src.ConnectorClass, "scriptName": rec.src.Connector,
		"applicationXml":       fmt.Sprintf(`<Application connector=%q name=%q type=%q/>`, rec.src.ConnectorClass, c.name, rec.src.Type),
		"correlationConfigXml": xml.String(), "sourceConfigXml": "<SourceConfig/>", "sourceConfig": nil, "sourceConfigFrom": &from,
		"s3Location": "connectors/" + rec.src.Connector, "uploadedFiles": []string{},
		"fileUpload": c.connectionType == "file", "directConnect": c.connectionType == "direct", "status": "RELEASED",
		"translationProperties": map[string]any{}, "connectorMetadata": map[string]any{},
	}, nil
}
