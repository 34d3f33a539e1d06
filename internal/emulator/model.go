package emulator

// The API documents, as the contract (openapi-subset.yaml) defines them. Fields without omitempty
// are always present, as a real tenant returns full objects.

// Reference types: the fixed "type" of each kind of object reference.
const (
	refIdentity          = "IDENTITY"
	refCluster           = "CLUSTER"
	refGovernanceGroup   = "GOVERNANCE_GROUP"
	refRule              = "RULE"
	refCorrelationConfig = "ACCOUNT_CORRELATION_CONFIG"
	refPasswordPolicy    = "PASSWORD_POLICY"
	refSource            = "SOURCE"
	refConnectorSchema   = "CONNECTOR_SCHEMA"
	refTaskResult        = "TASK_RESULT"
)

// Ref is an object reference {type, id, name}.
type Ref struct {
	Type string `json:"type,omitempty"`
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// ManagerCorrelationMapping is Source.managerCorrelationMapping.
type ManagerCorrelationMapping struct {
	AccountAttributeName  string `json:"accountAttributeName,omitempty"`
	IdentityAttributeName string `json:"identityAttributeName,omitempty"`
}

// Source is a source.
type Source struct {
	ID                        string                     `json:"id"`
	Name                      string                     `json:"name"`
	Description               string                     `json:"description"`
	Owner                     *Ref                       `json:"owner"`
	Cluster                   *Ref                       `json:"cluster"`
	AccountCorrelationConfig  *Ref                       `json:"accountCorrelationConfig"`
	AccountCorrelationRule    *Ref                       `json:"accountCorrelationRule"`
	ManagerCorrelationMapping *ManagerCorrelationMapping `json:"managerCorrelationMapping,omitempty"`
	ManagerCorrelationRule    *Ref                       `json:"managerCorrelationRule"`
	BeforeProvisioningRule    *Ref                       `json:"beforeProvisioningRule"`
	Schemas                   []Ref                      `json:"schemas"`
	PasswordPolicies          []Ref                      `json:"passwordPolicies"` // null when none
	Features                  []string                   `json:"features"`
	Type                      string                     `json:"type"`
	Connector                 string                     `json:"connector"`
	ConnectorClass            string                     `json:"connectorClass"`
	ConnectorAttributes       map[string]any             `json:"connectorAttributes"`
	DeleteThreshold           int32                      `json:"deleteThreshold"`
	Authoritative             bool                       `json:"authoritative"`
	ManagementWorkgroup       *Ref                       `json:"managementWorkgroup"`
	Healthy                   bool                       `json:"healthy"`
	Status                    string                     `json:"status"`
	Since                     string                     `json:"since"`
	ConnectorID               string                     `json:"connectorId"`
	ConnectorName             string                     `json:"connectorName"`
	ConnectionType            string                     `json:"connectionType"`
	ConnectorImplementationID string                     `json:"connectorImplementationId"`
	Created                   string                     `json:"created"`
	Modified                  string                     `json:"modified"`
	CredentialProviderEnabled bool                       `json:"credentialProviderEnabled"`
	Category                  *string                    `json:"category"`
}

// Schema is a source schema.
type Schema struct {
	ID                 string                `json:"id"`
	Name               string                `json:"name"`
	NativeObjectType   string                `json:"nativeObjectType"`
	IdentityAttribute  string                `json:"identityAttribute"`
	DisplayAttribute   string                `json:"displayAttribute"`
	HierarchyAttribute *string               `json:"hierarchyAttribute"`
	IncludePermissions bool                  `json:"includePermissions"`
	Features           []string              `json:"features"`
	Configuration      map[string]any        `json:"configuration"`
	Attributes         []AttributeDefinition `json:"attributes"`
	Created            string                `json:"created"`
	Modified           string                `json:"modified"`
}

// AttributeDefinition is one attribute of a Schema.
type AttributeDefinition struct {
	Name          string  `json:"name"`
	NativeName    *string `json:"nativeName"`
	Type          string  `json:"type"`
	Schema        *Ref    `json:"schema"`
	Description   string  `json:"description"`
	IsMulti       bool    `json:"isMulti"`
	IsEntitlement bool    `json:"isEntitlement"`
	IsGroup       bool    `json:"isGroup"`
}

// PasswordPolicyHolder is one item of PasswordPolicyHoldersDto.
type PasswordPolicyHolder struct {
	PolicyID   string           `json:"policyId"`
	PolicyName string           `json:"policyName"`
	Selectors  *PolicySelectors `json:"selectors"`
}

// PolicySelectors is PasswordPolicyHoldersDtoAttributes.
type PolicySelectors struct {
	IdentityAttr []SelectorAttribute `json:"identityAttr"`
}

// SelectorAttribute is one identity attribute selector of a password policy holder.
type SelectorAttribute struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Identity is an identity (IdentityDto).
type Identity struct {
	ID              string          `json:"id"`
	Name            string          `json:"name"`
	Created         string          `json:"created"`
	Modified        string          `json:"modified"`
	Alias           string          `json:"alias"`
	EmailAddress    string          `json:"emailAddress"`
	ProcessingState *string         `json:"processingState"`
	IdentityStatus  string          `json:"identityStatus"`
	ManagerRef      *Ref            `json:"managerRef"`
	IsManager       bool            `json:"isManager"`
	LastRefresh     string          `json:"lastRefresh"`
	Attributes      map[string]any  `json:"attributes"`
	LifecycleState  *LifecycleState `json:"lifecycleState,omitempty"`

	// Filterable properties that are not part of the document.
	correlated, protected bool
	firstname, lastname   string
}

// LifecycleState is LifecycleStateDto.
type LifecycleState struct {
	StateName       string `json:"stateName"`
	ManuallyUpdated bool   `json:"manuallyUpdated"`
}

// TaskStatus is the answer of GET /task-status/{id}.
type TaskStatus struct {
	ID               string         `json:"id"`
	Type             string         `json:"type"`
	UniqueName       string         `json:"uniqueName"`
	Description      string         `json:"description"`
	ParentName       *string        `json:"parentName"`
	Launcher         string         `json:"launcher"`
	Target           *TaskTarget    `json:"target"`
	Created          string         `json:"created"`
	Modified         *string        `json:"modified"`
	Launched         *string        `json:"launched"`
	Completed        *string        `json:"completed"`
	CompletionStatus *string        `json:"completionStatus"`
	Messages         []any          `json:"messages"`
	Returns          []any          `json:"returns"`
	Attributes       map[string]any `json:"attributes"`
	Progress         *string        `json:"progress"`
	PercentComplete  int            `json:"percentComplete"`
}

// TaskTarget is the object a task works on.
type TaskTarget struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Name string `json:"name"`
}

// Schedule is an aggregation schedule of a source (Schedule-3).
type Schedule struct {
	Type           string `json:"type"`
	CronExpression string `json:"cronExpression"`
}

// ProvisioningPolicy is ProvisioningPolicyDto.
type ProvisioningPolicy struct {
	Name        *string        `json:"name"`
	Description string         `json:"description"`
	UsageType   string         `json:"usageType"`
	Fields      []FieldDetails `json:"fields"`
}

// FieldDetails is FieldDetailsDto.
type FieldDetails struct {
	Name          string         `json:"name"`
	Transform     map[string]any `json:"transform"`
	Attributes    map[string]any `json:"attributes"`
	IsRequired    bool           `json:"isRequired"` // read-only, computed by the server
	Type          string         `json:"type,omitempty"`
	IsMultiValued bool           `json:"isMultiValued"`
}

// IdentityProfile is an identity profile.
type IdentityProfile struct {
	ID                               string                   `json:"id"`
	Name                             string                   `json:"name"`
	Created                          string                   `json:"created"`
	Modified                         string                   `json:"modified"`
	Description                      *string                  `json:"description"`
	Owner                            *Ref                     `json:"owner"`
	Priority                         int64                    `json:"priority"`
	AuthoritativeSource              *Ref                     `json:"authoritativeSource"`
	IdentityRefreshRequired          bool                     `json:"identityRefreshRequired"`
	IdentityCount                    int32                    `json:"identityCount"`
	IdentityAttributeConfig          IdentityAttributeConfig  `json:"identityAttributeConfig"`
	IdentityExceptionReportReference *IdentityExceptionReport `json:"identityExceptionReportReference"`
	HasTimeBasedAttr                 bool                     `json:"hasTimeBasedAttr"`
}

// IdentityAttributeConfig maps identity attributes to transforms.
type IdentityAttributeConfig struct {
	Enabled             bool                         `json:"enabled"`
	AttributeTransforms []IdentityAttributeTransform `json:"attributeTransforms"`
}

// IdentityAttributeTransform is the transform of one identity attribute.
type IdentityAttributeTransform struct {
	IdentityAttributeName string              `json:"identityAttributeName"`
	TransformDefinition   TransformDefinition `json:"transformDefinition"`
}

// TransformDefinition is a transform type and its free-form attributes.
type TransformDefinition struct {
	Type       string         `json:"type"`
	Attributes map[string]any `json:"attributes"`
}

// IdentityExceptionReport is IdentityExceptionReportReference.
type IdentityExceptionReport struct {
	TaskResultID string `json:"taskResultId"`
	ReportName   string `json:"reportName"`
}

// TaskResultSimplified is the 202 answer of an identity profile delete. Completion fields are
// omitted while the task runs, as the schema has no nulls for them.
type TaskResultSimplified struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	Description      string `json:"description"`
	Launcher         string `json:"launcher"`
	Completed        string `json:"completed,omitempty"`
	Launched         string `json:"launched"`
	CompletionStatus string `json:"completionStatus,omitempty"`
}
