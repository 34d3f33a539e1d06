package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ObjectType is one ISC object type the provider manages. objectTypes is the one list of them:
// the provider's resources and data sources, the plan-time rule inventory, the registry test
// (examples, docs, standard acceptance tests, emulator routes) and the e2e sweeps all read it, so
// a type is added here once and a test names every piece it still lacks.
type ObjectType struct {
	// Name is the resource type, such as sailpoint_transform.
	Name string
	// ImportShape is the import ID's shape, such as TRANSFORM_ID or SOURCE_ID/SCHEMA_ID, and
	// ImportAttributes the resource attributes its parts are, in order.
	ImportShape      string
	ImportAttributes []string
	// APIPath is the ISC collection the objects live in, below the API version, with ISC's path
	// parameters: /transforms, /sources/{sourceId}/schemas.
	APIPath string
	// Snapshot is where an emulator snapshot holds the objects: a top-level list ("transforms"),
	// or a list inside each source ("sources[].schemas").
	Snapshot string
	// KeyMember is the member of ISC's object that the import ID ends with ("id", "type");
	// NameMember names the object for people ("name", "usageType"), and NameAttribute is the
	// resource attribute that holds it.
	KeyMember, NameMember, NameAttribute string
	// Document marks a setting of a source: one document per source, which APIPath names and
	// GET and PUT read and replace; the import ID is the source's, and the objects are named
	// after their source. Snapshot is then the member of each source that holds it.
	Document bool
	// SourceMember, for objects of a source that live at the top of the API (entitlements), is the
	// member of ISC's object that references the source ({id}): sweeps name such objects after
	// their source, as they name a source's children, so that equal names on two sources differ.
	SourceMember string
	// AdoptOnly says ISC has no create and no delete for the objects (entitlements come by
	// aggregation): the resource adopts an existing object, and its destroy releases it.
	AdoptOnly bool

	resource   func() resource.Resource
	dataSource func() datasource.DataSource // nil when the type has none
	// list is the factory of the type's list resource, for terraform query.
	list func() list.ListResource
}

// ImportID is the import ID of a resource of the type whose attribute values are values.
func (t ObjectType) ImportID(values map[string]any) string {
	parts := make([]string, len(t.ImportAttributes))
	for i, a := range t.ImportAttributes {
		parts[i] = fmt.Sprint(values[a])
	}
	return strings.Join(parts, "/")
}

// HasDataSource says whether a data source of the same name looks the objects up.
func (t ObjectType) HasDataSource() bool { return t.dataSource != nil }

var objectTypes = []ObjectType{
	{
		Name: "sailpoint_source", resource: NewSourceResource, list: NewSourceListResource, dataSource: NewSourceDataSource,
		ImportShape: "SOURCE_ID", ImportAttributes: []string{"id"},
		APIPath: "/sources", Snapshot: "sources", KeyMember: "id", NameMember: "name", NameAttribute: "name",
	},
	{
		Name: "sailpoint_source_schema", resource: NewSourceSchemaResource, list: kitList(&sourceSchemaKit),
		ImportShape: "SOURCE_ID/SCHEMA_ID", ImportAttributes: []string{"source_id", "id"},
		APIPath: "/sources/{sourceId}/schemas", Snapshot: "sources[].schemas", KeyMember: "id", NameMember: "name", NameAttribute: "name",
	},
	{
		Name: "sailpoint_source_schedule", resource: NewSourceScheduleResource, list: kitList(&sourceScheduleKit),
		ImportShape: "SOURCE_ID/TYPE", ImportAttributes: []string{"source_id", "type"},
		APIPath: "/sources/{sourceId}/schedules", Snapshot: "sources[].schedules", KeyMember: "type", NameMember: "type", NameAttribute: "type",
	},
	{
		Name: "sailpoint_source_provisioning_policy", resource: NewSourceProvisioningPolicyResource, list: kitList(&provisioningPolicyKit),
		ImportShape: "SOURCE_ID/USAGE_TYPE", ImportAttributes: []string{"source_id", "usage_type"},
		APIPath: "/sources/{sourceId}/provisioning-policies", Snapshot: "sources[].provisioningPolicies",
		KeyMember: "usageType", NameMember: "usageType", NameAttribute: "usage_type",
	},
	{
		Name: "sailpoint_identity_profile", resource: NewIdentityProfileResource, dataSource: NewIdentityProfileDataSource, list: kitList(&identityProfileKit),
		ImportShape: "IDENTITY_PROFILE_ID", ImportAttributes: []string{"id"},
		APIPath: "/identity-profiles", Snapshot: "identityProfiles", KeyMember: "id", NameMember: "name", NameAttribute: "name",
	},
	{
		Name: "sailpoint_transform", resource: NewTransformResource, list: kitList(&transformKit), dataSource: NewTransformDataSource,
		ImportShape: "TRANSFORM_ID", ImportAttributes: []string{"id"},
		APIPath: "/transforms", Snapshot: "transforms", KeyMember: "id", NameMember: "name", NameAttribute: "name",
	},
	{
		Name: "sailpoint_governance_group", resource: NewGovernanceGroupResource, list: kitList(&governanceGroupKit), dataSource: NewGovernanceGroupDataSource,
		ImportShape: "GOVERNANCE_GROUP_ID", ImportAttributes: []string{"id"},
		APIPath: "/workgroups", Snapshot: "workgroups", KeyMember: "id", NameMember: "name", NameAttribute: "name",
	},
	{
		// One resource per group, holding all its members: so the objects are the groups.
		Name: "sailpoint_governance_group_members", resource: NewGovernanceGroupMembersResource, list: kitList(&governanceGroupMembersKit),
		ImportShape: "GOVERNANCE_GROUP_ID", ImportAttributes: []string{"governance_group_id"},
		APIPath: "/workgroups", Snapshot: "workgroups", KeyMember: "id", NameMember: "name", NameAttribute: "governance_group_id",
	},
	{
		Name: "sailpoint_access_profile", resource: NewAccessProfileResource, list: kitList(&accessProfileKit), dataSource: NewAccessProfileDataSource,
		ImportShape: "ACCESS_PROFILE_ID", ImportAttributes: []string{"id"},
		APIPath: "/access-profiles", Snapshot: "accessProfiles", KeyMember: "id", NameMember: "name", NameAttribute: "name",
	},
	{
		Name: "sailpoint_entitlement", resource: NewEntitlementResource, list: kitList(&entitlementKit), dataSource: NewEntitlementDataSource,
		ImportShape: entitlementImportShape, ImportAttributes: []string{"id"},
		APIPath: "/entitlements", Snapshot: "entitlements", KeyMember: "id", NameMember: "name", NameAttribute: "name",
		SourceMember: "source", AdoptOnly: true,
	},
	{
		Name: "sailpoint_role", resource: NewRoleResource, list: kitList(&roleKit), dataSource: NewRoleDataSource,
		ImportShape: "ROLE_ID", ImportAttributes: []string{"id"},
		APIPath: "/roles", Snapshot: "roles", KeyMember: "id", NameMember: "name", NameAttribute: "name",
	},
	{
		Name: "sailpoint_identity_attribute", resource: NewIdentityAttributeResource, list: kitList(&identityAttributeKit), dataSource: NewIdentityAttributeDataSource,
		ImportShape: "NAME", ImportAttributes: []string{"name"},
		APIPath: "/identity-attributes", Snapshot: "identityAttributes", KeyMember: "name", NameMember: "name", NameAttribute: "name",
	},
	{
		Name: "sailpoint_lifecycle_state", resource: NewLifecycleStateResource, list: kitList(&lifecycleStateKit),
		ImportShape: "IDENTITY_PROFILE_ID/LIFECYCLE_STATE_ID", ImportAttributes: []string{"identity_profile_id", "id"},
		APIPath: "/identity-profiles/{identityProfileId}/lifecycle-states", Snapshot: "identityProfiles[].lifecycleStates",
		KeyMember: "id", NameMember: "technicalName", NameAttribute: "technical_name",
	},
	{
		Name: "sailpoint_source_correlation_config", resource: NewSourceCorrelationConfigResource, list: kitList(correlationConfigKit), Document: true,
		ImportShape: "SOURCE_ID", ImportAttributes: []string{"source_id"},
		APIPath: "/sources/{id}/correlation-config", Snapshot: "sources[].correlationConfig", NameAttribute: "source_id",
	},
	{
		Name: "sailpoint_source_native_change_detection_config", resource: NewSourceNativeChangeDetectionConfigResource, list: kitList(nativeChangeKit), Document: true,
		ImportShape: "SOURCE_ID", ImportAttributes: []string{"source_id"},
		APIPath: "/sources/{sourceId}/native-change-detection-config", Snapshot: "sources[].nativeChangeDetectionConfig", NameAttribute: "source_id",
	},
	{
		Name: "sailpoint_source_attribute_sync_config", resource: NewSourceAttributeSyncConfigResource, list: kitList(attrSyncKit), Document: true,
		ImportShape: "SOURCE_ID", ImportAttributes: []string{"source_id"},
		APIPath: "/sources/{id}/attribute-sync-config", Snapshot: "sources[].attributeSyncConfig", NameAttribute: "source_id",
	},
	{
		Name: "sailpoint_source_entitlement_request_config", resource: NewSourceEntitlementRequestConfigResource, list: kitList(entitlementRequestKit), Document: true,
		ImportShape: "SOURCE_ID", ImportAttributes: []string{"source_id"},
		APIPath: "/sources/{id}/entitlement-request-config", Snapshot: "sources[].entitlementRequestConfig", NameAttribute: "source_id",
	},
}

// otherDataSources are the data sources of objects the provider does not manage, and those that
// list the objects of a type.
var otherDataSources = []func() datasource.DataSource{
	NewIdentityDataSource,
	NewIdentitiesDataSource,
	NewIdentityProfilePreviewDataSource,
	NewLifecycleStatesDataSource,
	NewSourceObjectsDataSource,
	NewSourceConfigDataSource,
	NewEntitlementsDataSource,
}

// ObjectTypes returns the object types the provider manages, in the order of their dependencies.
func ObjectTypes() []ObjectType { return append([]ObjectType(nil), objectTypes...) }

// ActionType is one action of the provider: an operation on ISC objects that leaves nothing in
// the state (Terraform >= 1.14). actionTypes is the one list of them: the provider's actions and
// the registry test (examples, docs, acceptance tests, emulator routes) read it.
type ActionType struct {
	// Name is the action type, such as sailpoint_source_aggregate.
	Name string
	// Routes are the ISC operations the action calls, by resource route with ISC's path
	// parameters: "POST /sources/{id}/load-accounts".
	Routes []string

	action func() action.Action
}

var actionTypes = []ActionType{
	{
		Name: "sailpoint_source_aggregate", action: NewSourceAggregateAction,
		Routes: []string{"POST /sources/{id}/load-accounts", "POST /sources/{sourceId}/load-entitlements", "GET /task-status/{id}"},
	},
	{
		Name: "sailpoint_source_test_connection", action: NewSourceTestConnectionAction,
		Routes: []string{"POST /sources/{sourceId}/connector/check-connection"},
	},
	{
		Name: "sailpoint_identity_profile_process", action: NewIdentityProfileProcessAction,
		Routes: []string{"GET /identity-profiles/{id}", "POST /identity-profiles/{id}/process-identities"},
	},
	{
		Name: "sailpoint_identity_process", action: NewIdentityProcessAction,
		Routes: []string{"GET /identities", "POST /identities/process", "GET /task-status/{id}"},
	},
	{
		Name: "sailpoint_identity_sync_attributes", action: NewIdentitySyncAttributesAction,
		Routes: []string{"POST /identities/{identityId}/synchronize-attributes"},
	},
}

// ActionTypes returns the actions the provider offers.
func ActionTypes() []ActionType { return append([]ActionType(nil), actionTypes...) }
