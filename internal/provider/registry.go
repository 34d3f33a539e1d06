package provider

import (
	"fmt"
	"strings"

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
		Name: "sailpoint_identity_profile", resource: NewIdentityProfileResource, list: kitList(&identityProfileKit),
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
}

// otherDataSources are the data sources of objects the provider does not manage, and those that
// list the objects of a type.
var otherDataSources = []func() datasource.DataSource{
	NewIdentityDataSource,
	NewIdentitiesDataSource,
	NewIdentityProfilePreviewDataSource,
	NewLifecycleStatesDataSource,
}

// ObjectTypes returns the object types the provider manages, in the order of their dependencies.
func ObjectTypes() []ObjectType { return append([]ObjectType(nil), objectTypes...) }
