package client

import (
	"context"
	"net/http"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

// A source's settings are documents, one of each per source, with no id of their own: GET reads
// and PUT replaces the whole document at a path below the source (NOTES.md B.22–B.25).

// CorrelationConfig is how a source's accounts correlate to identities (CorrelationConfig).
type CorrelationConfig struct {
	ID                   string                  `json:"id,omitempty"`
	Name                 string                  `json:"name,omitempty"`
	AttributeAssignments []CorrelationAssignment `json:"attributeAssignments"`
}

// CorrelationAssignment pairs an identity attribute (Property) with an account attribute (Value).
// IgnoreCase is always sent: what ISC stores when it is left out is unknown (trap 59).
type CorrelationAssignment struct {
	Property     string `json:"property"`
	Value        string `json:"value"`
	Operation    string `json:"operation"`
	Complex      bool   `json:"complex"`
	IgnoreCase   bool   `json:"ignoreCase"`
	MatchMode    string `json:"matchMode,omitempty"`
	FilterString string `json:"filterString,omitempty"`
}

// CorrelationOperations and CorrelationMatchModes are the contract's enums.
var (
	CorrelationOperations = []string{"EQ"}
	CorrelationMatchModes = []string{"ANYWHERE", "START", "END"}
)

// NativeChangeDetectionConfig is which native changes to a source's accounts ISC reports.
type NativeChangeDetectionConfig struct {
	Enabled                          bool     `json:"enabled"`
	Operations                       []string `json:"operations"`
	AllEntitlements                  bool     `json:"allEntitlements"`
	AllNonEntitlementAttributes      bool     `json:"allNonEntitlementAttributes"`
	SelectedEntitlements             []string `json:"selectedEntitlements"`
	SelectedNonEntitlementAttributes []string `json:"selectedNonEntitlementAttributes"`
}

// NativeChangeOperations is the contract's enum of NativeChangeDetectionConfig.operations.
var NativeChangeOperations = []string{"ACCOUNT_UPDATED", "ACCOUNT_CREATED", "ACCOUNT_DELETED"}

// AttrSyncConfig is which identity attributes ISC synchronizes to a source's accounts. ISC owns
// the list of attributes; only Enabled may change (trap 62).
type AttrSyncConfig struct {
	Source     Reference       `json:"source"`
	Attributes []AttrSyncEntry `json:"attributes"`
}

// AttrSyncEntry is one identity attribute (Name) and the account attribute it syncs to (Target).
type AttrSyncEntry struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
	Enabled     bool   `json:"enabled"`
	Target      string `json:"target"`
}

// SourceEntitlementRequestConfig is how the entitlements of a source are requested and revoked,
// unless an entitlement has a configuration of its own.
type SourceEntitlementRequestConfig struct {
	AccessRequestConfig     *EntitlementAccessRequestConfig `json:"accessRequestConfig,omitempty"`
	RevocationRequestConfig *EntitlementRevocationConfig    `json:"revocationRequestConfig,omitempty"`
}

// EntitlementAccessRequestConfig is how an entitlement is requested. Its approval steps are those
// of access profiles, with the approver types of EntitlementApproverTypes.
type EntitlementAccessRequestConfig struct {
	ApprovalSchemes            []ApprovalScheme `json:"approvalSchemes"`
	RequestCommentRequired     bool             `json:"requestCommentRequired"`
	DenialCommentRequired      bool             `json:"denialCommentRequired"`
	ReauthorizationRequired    bool             `json:"reauthorizationRequired"`
	RequireEndDate             bool             `json:"requireEndDate"`
	MaxPermittedAccessDuration *AccessDuration  `json:"maxPermittedAccessDuration,omitempty"`
	// FormDefinitionID is the custom form of access requests; the per-resource API's only.
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

// Enums of the entitlement request config.
var (
	EntitlementApproverTypes = []string{"ENTITLEMENT_OWNER", "SOURCE_OWNER", "MANAGER", "GOVERNANCE_GROUP", "WORKFLOW"}
	AccessDurationUnits      = []string{"HOURS", "DAYS", "WEEKS", "MONTHS"}
)

// DefaultEntitlementRequestConfig is what the contract gives as a new source's configuration:
// no approval, no comments required (trap 63).
func DefaultEntitlementRequestConfig() *SourceEntitlementRequestConfig {
	return &SourceEntitlementRequestConfig{AccessRequestConfig: &EntitlementAccessRequestConfig{ApprovalSchemes: []ApprovalScheme{}}}
}

// sourceDocument is one settings document of a source: suffix is its path below the source.
type sourceDocument[T any] struct {
	suffix       string
	experimental bool
}

func (d sourceDocument[T]) path(sourceID string) string { return sourcePath(sourceID) + d.suffix }

func (d sourceDocument[T]) get(ctx context.Context, c *Client, sourceID string) (*T, error) {
	var out T
	_, err := c.do(ctx, request{method: http.MethodGet, path: d.path(sourceID), out: &out, experimental: d.experimental})
	return &out, err
}

func (d sourceDocument[T]) put(ctx context.Context, c *Client, sourceID string, doc *T) (*T, error) {
	var out T
	_, err := c.do(ctx, request{method: http.MethodPut, path: d.path(sourceID), body: doc, out: &out, experimental: d.experimental})
	return &out, err
}

var (
	correlationConfigs       = sourceDocument[CorrelationConfig]{suffix: "/correlation-config"}
	nativeChangeConfigs      = sourceDocument[NativeChangeDetectionConfig]{suffix: "/native-change-detection-config"}
	attrSyncConfigs          = sourceDocument[AttrSyncConfig]{suffix: "/attribute-sync-config", experimental: true}
	entitlementRequestConfig = sourceDocument[SourceEntitlementRequestConfig]{suffix: "/entitlement-request-config"}
)

// GetCorrelationConfig reads a source's correlation config; errors.Is(err, ErrNotFound) when the
// source does not exist.
func (c *Client) GetCorrelationConfig(ctx context.Context, sourceID string) (*CorrelationConfig, error) {
	return correlationConfigs.get(ctx, c, sourceID)
}

// PutCorrelationConfig replaces a source's correlation config.
func (c *Client) PutCorrelationConfig(ctx context.Context, sourceID string, cfg *CorrelationConfig) (*CorrelationConfig, error) {
	return correlationConfigs.put(ctx, c, sourceID, cfg)
}

// GetNativeChangeDetectionConfig reads a source's native change detection config;
// errors.Is(err, ErrNotFound) when the source has none or does not exist.
func (c *Client) GetNativeChangeDetectionConfig(ctx context.Context, sourceID string) (*NativeChangeDetectionConfig, error) {
	return nativeChangeConfigs.get(ctx, c, sourceID)
}

// PutNativeChangeDetectionConfig replaces a source's native change detection config. Its lists
// go as [] when nil, since ISC's are not nullable (trap 61).
func (c *Client) PutNativeChangeDetectionConfig(ctx context.Context, sourceID string, cfg *NativeChangeDetectionConfig) (*NativeChangeDetectionConfig, error) {
	body := *cfg
	for _, l := range []*[]string{&body.Operations, &body.SelectedEntitlements, &body.SelectedNonEntitlementAttributes} {
		if *l == nil {
			*l = []string{}
		}
	}
	return nativeChangeConfigs.put(ctx, c, sourceID, &body)
}

// DeleteNativeChangeDetectionConfig removes a source's native change detection config.
func (c *Client) DeleteNativeChangeDetectionConfig(ctx context.Context, sourceID string) error {
	_, err := c.do(ctx, request{method: http.MethodDelete, path: nativeChangeConfigs.path(sourceID)})
	return err
}

// GetAttrSyncConfig reads a source's attribute sync config (an experimental operation).
func (c *Client) GetAttrSyncConfig(ctx context.Context, sourceID string) (*AttrSyncConfig, error) {
	return attrSyncConfigs.get(ctx, c, sourceID)
}

// PutAttrSyncConfig replaces a source's attribute sync config; ISC refuses any change but to
// the entries' Enabled.
func (c *Client) PutAttrSyncConfig(ctx context.Context, sourceID string, cfg *AttrSyncConfig) (*AttrSyncConfig, error) {
	return attrSyncConfigs.put(ctx, c, sourceID, cfg)
}

// GetSourceEntitlementRequestConfig reads a source's entitlement request config.
func (c *Client) GetSourceEntitlementRequestConfig(ctx context.Context, sourceID string) (*SourceEntitlementRequestConfig, error) {
	return entitlementRequestConfig.get(ctx, c, sourceID)
}

// PutSourceEntitlementRequestConfig replaces a source's entitlement request config. The v1 API
// also holds a custom request form there, which cfg does not model and a whole-document PUT would
// clear: it is read first and sent back as ISC holds it.
func (c *Client) PutSourceEntitlementRequestConfig(ctx context.Context, sourceID string, cfg *SourceEntitlementRequestConfig) (*SourceEntitlementRequestConfig, error) {
	if c.cfg.APIVersion == apiversion.V1 && cfg.AccessRequestConfig != nil && cfg.AccessRequestConfig.FormDefinitionID == nil {
		current, err := entitlementRequestConfig.get(ctx, c, sourceID)
		if err != nil {
			return nil, err
		}
		if was := current.AccessRequestConfig; was != nil && was.FormDefinitionID != nil {
			kept, access := *cfg, *cfg.AccessRequestConfig
			access.FormDefinitionID = was.FormDefinitionID
			kept.AccessRequestConfig = &access
			cfg = &kept
		}
	}
	return entitlementRequestConfig.put(ctx, c, sourceID, cfg)
}

// ResourceObjectsRequest asks a source's connector for a sample of its objects.
type ResourceObjectsRequest struct {
	ObjectType string `json:"objectType"`
	MaxCount   int    `json:"maxCount"`
}

// ResourceObjects is the connector's answer: the objects it returned.
type ResourceObjects struct {
	ID              string           `json:"id"`
	Name            string           `json:"name"`
	ObjectCount     int              `json:"objectCount"`
	ElapsedMillis   int              `json:"elapsedMillis"`
	ResourceObjects []ResourceObject `json:"resourceObjects"`
}

// ResourceObject is one account or group as the connector reads it.
type ResourceObject struct {
	Identity   string         `json:"identity"`
	UUID       string         `json:"uuid"`
	Name       string         `json:"name"`
	ObjectType string         `json:"objectType"`
	Attributes map[string]any `json:"attributes"`
}

// PeekResourceObjects runs the source's connector and returns up to req.MaxCount objects of
// req.ObjectType. It changes nothing in ISC.
func (c *Client) PeekResourceObjects(ctx context.Context, sourceID string, req ResourceObjectsRequest) (*ResourceObjects, error) {
	var out ResourceObjects
	_, err := c.do(ctx, request{method: http.MethodPost, path: sourcePath(sourceID) + "/connector/peek-resource-objects",
		body: req, out: &out, readOnly: true})
	return &out, err
}

// ConnectorDetail is the connector configuration of a source as ISC reports it (getSourceConfig).
// SourceConfig, which may carry the source's values, credentials included (trap 65), is left out.
type ConnectorDetail struct {
	Name                 string   `json:"name"`
	Type                 string   `json:"type"`
	ClassName            string   `json:"className"`
	ScriptName           string   `json:"scriptName"`
	CorrelationConfigXML string   `json:"correlationConfigXml"`
	SourceConfigFrom     *string  `json:"sourceConfigFrom"`
	UploadedFiles        []string `json:"uploadedFiles"`
	FileUpload           bool     `json:"fileUpload"`
	DirectConnect        bool     `json:"directConnect"`
	Status               string   `json:"status"`
}

// GetSourceConfig reads the connector configuration of a source.
func (c *Client) GetSourceConfig(ctx context.Context, sourceID string) (*ConnectorDetail, error) {
	var out ConnectorDetail
	_, err := c.do(ctx, request{method: http.MethodGet, path: sourcePath(sourceID) + "/connectors/source-config", out: &out})
	return &out, err
}
