package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// ruleTables is the inventory of plan-time rules, one table per resource, data source and the
// provider block, each rule with the inputs it refuses and the unknown values it must let pass.
func ruleTables() []ruleTable {
	return []ruleTable{
		providerRules(),
		sourceRules(),
		sourceSchemaRules(),
		sourceScheduleRules(),
		provisioningPolicyRules(),
		identityProfileRules(),
		lookupDataSourceRules("sailpoint_identity_profile"),
		identityDataSourceRules(),
		identitiesDataSourceRules(),
		transformRules(),
		lookupDataSourceRules("sailpoint_transform"),
		lookupDataSourceRules("sailpoint_source"),
		governanceGroupRules(),
		lookupDataSourceRules("sailpoint_governance_group"),
		governanceGroupMembersRules(),
		accessProfileRules(),
		lookupDataSourceRules("sailpoint_access_profile"),
		entitlementRules(),
		entitlementDataSourceRules(),
		entitlementsDataSourceRules(),
		roleRules(),
		lookupDataSourceRules("sailpoint_role"),
		identityProfilePreviewRules(),
		identityAttributeRules(),
		identityAttributeDataSourceRules(),
		lifecycleStateRules(),
		lifecycleStatesDataSourceRules(),
		correlationConfigRules(),
		nativeChangeRules(),
		attrSyncRules(),
		entitlementRequestRules(),
		sourceObjectsRules(),
		sourceConfigRules(),
		sourceAggregateRules(),
		objectIDActionRules("sailpoint_source_test_connection", "source_id"),
		objectIDActionRules("sailpoint_identity_profile_process", "identity_profile_id"),
		identityProcessRules(),
		objectIDActionRules("sailpoint_identity_sync_attributes", "identity_id"),
	}
}

func accessProfileRules() ruleTable {
	base := map[string]any{"name": "Payroll", "owner": map[string]any{"id": "i1"}, "source": map[string]any{"id": "s1"}}
	schemes := func(attr string, scheme map[string]any) map[string]any {
		return map[string]any{attr: map[string]any{"approval_schemes": []any{scheme}}}
	}
	descriptionLength := func(got int) wantDiag {
		return errAt("description", lenAtLeast1, fmt.Sprintf("Attribute description UTF-8 character count must be between 1 and 2000, got: %d", got))
	}
	// prior is an access profile on source s1 with entitlement e1, as the state holds it.
	prior := func(*testing.T, *client.Client) tenantSetup {
		return tenantSetup{prior: map[string]any{"id": "ap1", "entitlement_ids": []any{"e1"}}}
	}
	oldEntitlements := errAt("entitlement_ids", "Entitlements of the old source",
		"The access profile moves from source s1 to source s2, but keeps entitlements of the old source: e1. ISC changes an access "+
			"profile's source only together with its entitlements, which must all be of the new source: replace them with entitlements "+
			"of source s2 in the same change.")
	return ruleTable{kind: kindResource, typeName: "sailpoint_access_profile", base: base, rules: []rule{
		nameRule("name", setAt("name")),
		{on: "description", cases: []ruleCase{
			{name: "empty", set: map[string]any{"description": ""}, want: []wantDiag{descriptionLength(0)}},
			{name: "2001 characters", set: map[string]any{"description": strings.Repeat("é", 2001)}, want: []wantDiag{descriptionLength(2001)}},
			{name: "2000 characters", set: map[string]any{"description": strings.Repeat("é", 2000)}},
		}},
		{on: "owner.id", cases: []ruleCase{{name: "empty", set: map[string]any{"owner": map[string]any{"id": ""}}, want: []wantDiag{lengthError("owner.id")}}}},
		{on: "source.id", cases: []ruleCase{{name: "empty", set: map[string]any{"source": map[string]any{"id": ""}}, want: []wantDiag{lengthError("source.id")}}}},
		{on: "entitlement_ids", cases: []ruleCase{
			{name: "blank id", set: map[string]any{"entitlement_ids": []any{" "}}, want: []wantDiag{blankAt(`entitlement_ids[Value(" ")]`, " ")}},
			{name: "unknown id", set: map[string]any{"entitlement_ids": []any{unknown}}},
		}},
		{on: "segments", cases: []ruleCase{
			{name: "blank id", set: map[string]any{"segments": []any{""}}, want: []wantDiag{blankAt(`segments[Value("")]`, "")}},
		}},
		{on: "access_request_config.approval_schemes[*].approver_type", cases: []ruleCase{
			{name: "unknown type", set: schemes("access_request_config", map[string]any{"approver_type": "BOSS"}),
				want: []wantDiag{oneOfError("access_request_config.approval_schemes[0].approver_type", client.AccessProfileApproverTypes, "BOSS")}},
			{name: "manager", set: schemes("access_request_config", map[string]any{"approver_type": "MANAGER"})},
		}},
		{on: "access_request_config.approval_schemes[*].approver_id", cases: []ruleCase{
			{name: "blank", set: schemes("access_request_config", map[string]any{"approver_type": "GOVERNANCE_GROUP", "approver_id": ""}),
				want: []wantDiag{blankAt("access_request_config.approval_schemes[0].approver_id", "")}},
		}},
		{on: "revocation_request_config.approval_schemes[*].approver_type", cases: []ruleCase{
			{name: "unknown type", set: schemes("revocation_request_config", map[string]any{"approver_type": "owner"}),
				want: []wantDiag{oneOfError("revocation_request_config.approval_schemes[0].approver_type", client.AccessProfileApproverTypes, "owner")}},
		}},
		{on: "revocation_request_config.approval_schemes[*].approver_id", cases: []ruleCase{
			{name: "blank", set: schemes("revocation_request_config", map[string]any{"approver_type": "WORKFLOW", "approver_id": " "}),
				want: []wantDiag{blankAt("revocation_request_config.approval_schemes[0].approver_id", " ")}},
		}},
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "enabled without entitlements", set: map[string]any{"enabled": true}, want: []wantDiag{errAt("enabled",
				"Enabled access profile without entitlements",
				"ISC enables an access profile only when it grants one entitlement at least: set entitlement_ids, or enabled = false.")}},
			{name: "enabled with entitlements", set: map[string]any{"enabled": true, "entitlement_ids": []any{"e1"}}},
			{name: "enabled with unknown entitlements", set: map[string]any{"enabled": true, "entitlement_ids": unknown}},
		}},
		{on: "ModifyPlan", cases: []ruleCase{
			{name: "new source keeping an old entitlement", op: opPlan, tenant: prior,
				set: map[string]any{"source": map[string]any{"id": "s2"}, "entitlement_ids": []any{"e1", "e2"}}, want: []wantDiag{oldEntitlements}},
			{name: "new source with its entitlements", op: opPlan, tenant: prior,
				set: map[string]any{"source": map[string]any{"id": "s2"}, "entitlement_ids": []any{"e2"}}},
			{name: "same source", op: opPlan, tenant: prior, set: map[string]any{"entitlement_ids": []any{"e1", "e2"}}},
			{name: "unknown source", op: opPlan, tenant: prior, set: map[string]any{"source": map[string]any{"id": unknown}, "entitlement_ids": []any{"e1"}}},
			{name: "create", op: opPlan, set: map[string]any{"entitlement_ids": []any{"e1"}}},
		}},
		{on: "ImportState", cases: importCases("sailpoint_access_profile", "ACCESS_PROFILE_ID", oneID("ACCESS_PROFILE_ID"))},
	}}
}

func roleRules() ruleTable {
	base := map[string]any{"name": "Payables", "owner": map[string]any{"id": "i1"}}
	test := func(op, value string, key map[string]any) map[string]any {
		return map[string]any{"operation": op, "key": key, "string_value": value}
	}
	department := map[string]any{"type": "IDENTITY", "property": "attribute.department"}
	criteria := func(c map[string]any) map[string]any {
		return map[string]any{"membership": map[string]any{"type": "STANDARD", "criteria": c}}
	}
	nested := func(op2 string, children ...any) map[string]any {
		return criteria(map[string]any{"operation": "OR", "children": []any{map[string]any{"operation": op2, "children": children}}})
	}
	schemes := func(attr, approverType string) map[string]any {
		return map[string]any{attr: map[string]any{"approval_schemes": []any{map[string]any{"approver_type": approverType}}}}
	}
	identities := func(from, to int) []any {
		var out []any
		for i := from; i < to; i++ {
			out = append(out, fmt.Sprintf("i%d", i))
		}
		return out
	}
	// prior is a role whose membership lists identities i0 to i9.
	prior := func(*testing.T, *client.Client) tenantSetup {
		return tenantSetup{prior: map[string]any{"id": "r1", "membership": map[string]any{"type": "IDENTITY_LIST", "identity_ids": identities(0, 10)}}}
	}
	listed := func(ids []any) map[string]any {
		return map[string]any{"membership": map[string]any{"type": "IDENTITY_LIST", "identity_ids": ids}}
	}
	descriptionLength := func(got int) wantDiag {
		return errAt("description", lenAtLeast1, fmt.Sprintf("Attribute description UTF-8 character count must be between 1 and 2000, got: %d", got))
	}
	at := "membership.criteria.children[0]"
	return ruleTable{kind: kindResource, typeName: "sailpoint_role", base: base, rules: []rule{
		{on: "name", cases: append(nameRule("name", setAt("name")).cases,
			ruleCase{name: "129 characters", set: map[string]any{"name": strings.Repeat("é", 129)}, want: []wantDiag{
				errAt("name", lenAtLeast1, "Attribute name UTF-8 character count must be at most 128, got: 129")}},
			ruleCase{name: "128 characters", set: map[string]any{"name": strings.Repeat("é", 128)}})},
		{on: "description", cases: []ruleCase{
			{name: "empty", set: map[string]any{"description": ""}, want: []wantDiag{descriptionLength(0)}},
			{name: "2001 characters", set: map[string]any{"description": strings.Repeat("é", 2001)}, want: []wantDiag{descriptionLength(2001)}},
		}},
		{on: "owner.id", cases: []ruleCase{{name: "empty", set: map[string]any{"owner": map[string]any{"id": ""}}, want: []wantDiag{lengthError("owner.id")}}}},
		{on: "access_profile_ids", cases: []ruleCase{blankIDCase("access_profile_ids", setAt("access_profile_ids")),
			{name: "unknown id", set: map[string]any{"access_profile_ids": []any{unknown}}}}},
		{on: "entitlement_ids", cases: []ruleCase{blankIDCase("entitlement_ids", setAt("entitlement_ids"))}},
		{on: "segments", cases: []ruleCase{blankIDCase("segments", setAt("segments"))}},
		{on: "membership.type", cases: []ruleCase{{name: "unknown type", set: map[string]any{"membership": map[string]any{"type": "LIST"}},
			want: []wantDiag{oneOfError("membership.type", client.RoleMembershipTypes, "LIST")}}}},
		{on: "membership.identity_ids", cases: []ruleCase{blankIDCase("membership.identity_ids", func(v any) map[string]any {
			return map[string]any{"membership": map[string]any{"type": "IDENTITY_LIST", "identity_ids": v}}
		})}},
		{on: "membership.criteria.operation", cases: []ruleCase{{name: "comparison", set: criteria(test("GREATER_THAN", "1", department)),
			want: []wantDiag{oneOfError("membership.criteria.operation", append(slices.Clone(client.RoleCriteriaLeafOperations), "AND", "OR"), "GREATER_THAN")}}}},
		{on: "membership.criteria.key.type", cases: []ruleCase{{name: "unknown", set: criteria(test("EQUALS", "x", map[string]any{"type": "GROUP", "property": "p"})),
			want: []wantDiag{oneOfError("membership.criteria.key.type", client.RoleCriteriaKeyTypes, "GROUP")}}}},
		{on: "membership.criteria.key.property", cases: []ruleCase{{name: "blank", set: criteria(test("EQUALS", "x", map[string]any{"type": "IDENTITY", "property": " "})),
			want: []wantDiag{blankAt("membership.criteria.key.property", " ")}}}},
		{on: "membership.criteria.key.source_id", cases: []ruleCase{{name: "blank",
			set:  criteria(test("EQUALS", "x", map[string]any{"type": "ACCOUNT", "property": "p", "source_id": ""})),
			want: []wantDiag{blankAt("membership.criteria.key.source_id", "")}}}},
		{on: "membership.criteria.children[*].operation", cases: []ruleCase{{name: "lower case", set: nested("and"),
			want: []wantDiag{oneOfError(at+".operation", append(slices.Clone(client.RoleCriteriaLeafOperations), "AND", "OR"), "and")}}}},
		{on: "membership.criteria.children[*].key.type", cases: []ruleCase{{name: "unknown",
			set:  criteria(map[string]any{"operation": "OR", "children": []any{test("EQUALS", "x", map[string]any{"type": "ROLE", "property": "p"})}}),
			want: []wantDiag{oneOfError(at+".key.type", client.RoleCriteriaKeyTypes, "ROLE")}}}},
		{on: "membership.criteria.children[*].key.property", cases: []ruleCase{{name: "blank",
			set:  criteria(map[string]any{"operation": "OR", "children": []any{test("EQUALS", "x", map[string]any{"type": "IDENTITY", "property": ""})}}),
			want: []wantDiag{blankAt(at+".key.property", "")}}}},
		{on: "membership.criteria.children[*].key.source_id", cases: []ruleCase{{name: "blank",
			set:  criteria(map[string]any{"operation": "OR", "children": []any{test("EQUALS", "x", map[string]any{"type": "ENTITLEMENT", "property": "p", "source_id": " "})}}),
			want: []wantDiag{blankAt(at+".key.source_id", " ")}}}},
		{on: "membership.criteria.children[*].children[*].operation", cases: []ruleCase{{name: "unknown", set: nested("AND", test("LIKE", "x", department)),
			want: []wantDiag{oneOfError(at+".children[0].operation", append(slices.Clone(client.RoleCriteriaLeafOperations), "AND", "OR"), "LIKE")}}}},
		{on: "membership.criteria.children[*].children[*].key.type", cases: []ruleCase{{name: "unknown",
			set:  nested("AND", test("EQUALS", "x", map[string]any{"type": "identity", "property": "p"})),
			want: []wantDiag{oneOfError(at+".children[0].key.type", client.RoleCriteriaKeyTypes, "identity")}}}},
		{on: "membership.criteria.children[*].children[*].key.property", cases: []ruleCase{{name: "blank",
			set:  nested("AND", test("EQUALS", "x", map[string]any{"type": "IDENTITY", "property": "\t"})),
			want: []wantDiag{blankAt(at+".children[0].key.property", "\t")}}}},
		{on: "membership.criteria.children[*].children[*].key.source_id", cases: []ruleCase{{name: "blank",
			set:  nested("AND", test("EQUALS", "x", map[string]any{"type": "ACCOUNT", "property": "p", "source_id": ""})),
			want: []wantDiag{blankAt(at+".children[0].key.source_id", "")}}}},
		{on: "access_request_config.approval_schemes[*].approver_type", cases: []ruleCase{
			{name: "source owner", set: schemes("access_request_config", "SOURCE_OWNER"),
				want: []wantDiag{oneOfError("access_request_config.approval_schemes[0].approver_type", client.RoleApproverTypes, "SOURCE_OWNER")}},
			{name: "owner", set: schemes("access_request_config", "OWNER")},
		}},
		{on: "access_request_config.approval_schemes[*].approver_id", cases: []ruleCase{{name: "blank",
			set:  map[string]any{"access_request_config": map[string]any{"approval_schemes": []any{map[string]any{"approver_type": "WORKFLOW", "approver_id": ""}}}},
			want: []wantDiag{blankAt("access_request_config.approval_schemes[0].approver_id", "")}}}},
		{on: "revocation_request_config.approval_schemes[*].approver_type", cases: []ruleCase{{name: "app owner", set: schemes("revocation_request_config", "APP_OWNER"),
			want: []wantDiag{oneOfError("revocation_request_config.approval_schemes[0].approver_type", client.RoleApproverTypes, "APP_OWNER")}}}},
		{on: "revocation_request_config.approval_schemes[*].approver_id", cases: []ruleCase{{name: "blank",
			set:  map[string]any{"revocation_request_config": map[string]any{"approval_schemes": []any{map[string]any{"approver_type": "GOVERNANCE_GROUP", "approver_id": " "}}}},
			want: []wantDiag{blankAt("revocation_request_config.approval_schemes[0].approver_id", " ")}}}},
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "standard without criteria", set: map[string]any{"membership": map[string]any{"type": "STANDARD"}}, want: []wantDiag{errAt("membership.criteria",
				"Role membership without criteria",
				"membership.type is STANDARD, which selects identities by criteria: set membership.criteria, or use type IDENTITY_LIST with identity_ids.")}},
			{name: "standard with identities", set: map[string]any{"membership": map[string]any{"type": "STANDARD", "criteria": test("EQUALS", "x", department),
				"identity_ids": []any{"i1"}}}, want: []wantDiag{errAt("membership.identity_ids", "Identities in a STANDARD membership",
				"membership.identity_ids lists members of an IDENTITY_LIST membership; this one is STANDARD and selects them by criteria: remove identity_ids, or set type = \"IDENTITY_LIST\".")}},
			{name: "list with criteria", set: map[string]any{"membership": map[string]any{"type": "IDENTITY_LIST", "criteria": test("EQUALS", "x", department),
				"identity_ids": []any{"i1"}}}, want: []wantDiag{errAt("membership.criteria", "Criteria in an IDENTITY_LIST membership",
				"membership.type is IDENTITY_LIST, which lists its members in identity_ids: remove criteria, or set type = \"STANDARD\".")}},
			{name: "list without identities", set: map[string]any{"membership": map[string]any{"type": "IDENTITY_LIST"}}, want: []wantDiag{errAt("membership.identity_ids",
				"Role membership without identities",
				"membership.type is IDENTITY_LIST: set membership.identity_ids to the IDs of the member identities (an empty set for none).")}},
			{name: "empty list", set: listed([]any{})},
			{name: "unknown type", set: map[string]any{"membership": map[string]any{"type": unknown}}},
			{name: "AND below AND", set: criteria(map[string]any{"operation": "AND", "children": []any{map[string]any{"operation": "AND",
				"children": []any{test("EQUALS", "x", department)}}}}), want: []wantDiag{errAt(at+".operation", "AND and OR must alternate",
				"This AND node is a child of an AND node; ISC accepts only OR nodes and tests there: make it OR, or move its children up into its parent.")}},
			{name: "fourth level", set: nested("AND", map[string]any{"operation": "OR"}), want: []wantDiag{errAt(at+".children[0].operation",
				"Role criteria too deep", "ISC supports 3 levels of membership criteria, tests included, so a node at the third level is a test, not OR: "+
					"make it a test of a key against string_value, or move the tests it combines up a level.")}},
			{name: "OR without children", set: criteria(map[string]any{"operation": "OR"}), want: []wantDiag{errAt("membership.criteria.children",
				"Role criteria without children", "An OR node combines children: set children to tests or AND nodes, or make this node a test.")}},
			{name: "AND with a key and value", set: criteria(map[string]any{"operation": "AND", "key": department, "string_value": "x",
				"children": []any{test("EQUALS", "x", department)}}), want: []wantDiag{
				errAt("membership.criteria.key", "Key on an AND node", "An AND node tests nothing itself: remove key, and test keys in its children."),
				errAt("membership.criteria.string_value", "Value on an AND node", "An AND node tests nothing itself: remove string_value, and test values in its children.")}},
			{name: "test with children", set: criteria(map[string]any{"operation": "EQUALS", "key": department, "string_value": "x",
				"children": []any{map[string]any{"operation": "AND", "children": []any{test("EQUALS", "x", department)}}}}), want: []wantDiag{errAt("membership.criteria.children",
				"Children of a test", "A EQUALS node tests its key against string_value and has no children: remove children, or make it an AND or OR node.")}},
			{name: "test without key and value", set: nested("AND", map[string]any{"operation": "ENDS_WITH"}), want: []wantDiag{
				errAt(at+".children[0].key", "Test without a key", "A ENDS_WITH test reads an identity attribute, account attribute or entitlement: set key."),
				errAt(at+".children[0].string_value", "Test without a value", "A ENDS_WITH test compares its key with string_value: set it.")}},
			{name: "account key without source", set: criteria(test("CONTAINS", "x", map[string]any{"type": "ACCOUNT", "property": "attribute.team"})),
				want: []wantDiag{errAt("membership.criteria.key.source_id", "Key without a source",
					"A key of type ACCOUNT reads an account of a source: set key.source_id to the source's ID.")}},
			{name: "three levels", set: nested("AND", test("EQUALS", "x", department), test("NOT_EQUALS", "y", department))},
			{name: "unknown value", set: nested("AND", test("EQUALS", "x", department), map[string]any{"operation": "EQUALS", "key": department, "string_value": unknown})},
		}},
		{on: "ModifyPlan", cases: []ruleCase{
			{name: "501 changes", op: opPlan, tenant: prior, set: listed(identities(5, 506)), want: []wantDiag{errAt("membership.identity_ids",
				"Too many membership changes at once", "This change adds 496 and removes 5 member identities, 501 in all; ISC changes at most 500 in one "+
					"request. Apply it in steps of at most 500 added or removed identities.")}},
			{name: "500 changes", op: opPlan, tenant: prior, set: listed(identities(5, 505))},
			{name: "criteria instead", op: opPlan, tenant: prior, set: criteria(test("EQUALS", "x", department))},
			{name: "create", op: opPlan, set: listed(identities(0, 600))},
		}},
		{on: "ImportState", cases: importCases("sailpoint_role", "ROLE_ID", oneID("ROLE_ID"))},
	}}
}

func governanceGroupRules() ruleTable {
	base := map[string]any{"name": "Approvers", "owner": map[string]any{"id": "i1"}}
	return ruleTable{kind: kindResource, typeName: "sailpoint_governance_group", base: base, rules: []rule{
		nameRule("name", setAt("name")),
		{on: "description", cases: []ruleCase{
			{name: "empty", set: map[string]any{"description": ""}, want: []wantDiag{lengthError("description")}},
			{name: "unknown", set: map[string]any{"description": unknown}},
		}},
		{on: "owner.id", cases: []ruleCase{{name: "empty", set: map[string]any{"owner": map[string]any{"id": ""}}, want: []wantDiag{lengthError("owner.id")}}}},
		{on: "ImportState", cases: importCases("sailpoint_governance_group", "GOVERNANCE_GROUP_ID", oneID("GOVERNANCE_GROUP_ID"))},
	}}
}

func governanceGroupMembersRules() ruleTable {
	base := map[string]any{"governance_group_id": "g1", "identity_ids": []any{"i1"}}
	return ruleTable{kind: kindResource, typeName: "sailpoint_governance_group_members", base: base, rules: []rule{
		nameRule("governance_group_id", setAt("governance_group_id")),
		{on: "identity_ids", cases: []ruleCase{
			{name: "empty id", set: map[string]any{"identity_ids": []any{"i1", ""}}, want: []wantDiag{
				errAt(`identity_ids[Value("")]`, lenAtLeast1, "Attribute identity_ids[Value(\"\")] string length must be at least 1, got: 0"),
				blankAt(`identity_ids[Value("")]`, ""),
			}},
			{name: "no members", set: map[string]any{"identity_ids": []any{}}},
			{name: "unknown member", set: map[string]any{"identity_ids": []any{"i1", unknown}}},
		}},
		{on: "ImportState", cases: importCases("sailpoint_governance_group_members", "GOVERNANCE_GROUP_ID", oneID("GOVERNANCE_GROUP_ID"))},
	}}
}

func transformRules() ruleTable {
	base := map[string]any{"name": "Lower Email", "type": "lower"}
	nameLength := func(got int) wantDiag {
		return errAt("name", lenAtLeast1, fmt.Sprintf("Attribute name UTF-8 character count must be between 1 and 50, got: %d", got))
	}
	return ruleTable{kind: kindResource, typeName: "sailpoint_transform", base: base, rules: []rule{
		{on: "name", cases: append(nameRule("name", setAt("name")).cases[1:],
			ruleCase{name: "empty", set: map[string]any{"name": ""}, want: []wantDiag{nameLength(0), blankAt("name", "")}},
			ruleCase{name: "51 characters", set: map[string]any{"name": strings.Repeat("é", 51)}, want: []wantDiag{nameLength(51)}},
			ruleCase{name: "50 characters", set: map[string]any{"name": strings.Repeat("é", 50)}})},
		nameRule("type", setAt("type")),
		jsonObjectRule("attributes", func(v any) map[string]any { return map[string]any{"attributes": v} }),
		{on: "ImportState", cases: importCases("sailpoint_transform", "TRANSFORM_ID", oneID("TRANSFORM_ID"))},
	}}
}

// lookupDataSourceRules is the rule table of a data source that finds one object by id or name.
func lookupDataSourceRules(typeName string) ruleTable {
	exactlyOne := "Exactly one of these attributes must be configured: [id,name]"
	return ruleTable{kind: kindDataSource, typeName: typeName, base: map[string]any{}, rules: []rule{
		{on: "ConfigValidators", cases: []ruleCase{
			{name: "none", set: map[string]any{}, want: []wantDiag{errAt("", "Missing Attribute Configuration", exactlyOne)}},
			{name: "both", set: map[string]any{"id": "t1", "name": "x"}, want: []wantDiag{errAt("id", badCombination, exactlyOne)}},
			{name: "one unknown", set: map[string]any{"name": unknown}},
		}},
		nameRule("id", setAt("id")),
		nameRule("name", setAt("name")),
	}}
}

const (
	badJSONObject   = "Invalid JSON object"
	badDuration     = "Invalid Attribute Value Time Duration"
	badCombination  = "Invalid Attribute Combination"
	outOfRange      = "Invalid Attribute Value"
	timeoutDuration = `"soon" must be a string containing a sequence of decimal numbers, each with optional fraction and a unit suffix, such as "300ms", "-1.5h" or "2h45m". Valid time units are "ns", "us" (or "µs"), "ms", "s", "m", "h".`
)

// jsonObjectRule is the rule of a JSON attribute that must hold an object.
func jsonObjectRule(path string, set func(v any) map[string]any) rule {
	refuse := func(name, value, got string) ruleCase {
		return ruleCase{name: name, set: set(value), want: []wantDiag{errAt(path, badJSONObject,
			fmt.Sprintf("%s must be a JSON object such as jsonencode({ key = \"value\" }), got %s", path, got))}}
	}
	notJSON := func(name, value, reason string) ruleCase {
		return ruleCase{name: name, set: set(value), want: []wantDiag{errAt(path, "Invalid JSON",
			fmt.Sprintf("%s is not valid JSON: %s. Build it with jsonencode, such as jsonencode({ key = \"value\" }); got %s", path, reason, value))}}
	}
	return rule{on: schemaPath(path), cases: []ruleCase{
		refuse("array", `["a"]`, `["a"]`),
		refuse("null JSON", `null`, `null`),
		refuse("string", `"x"`, `"x"`),
		// The JSON type itself refuses what does not parse, before the attribute's validator runs,
		// in words that name the attribute: Terraform 1.11 shows a nested one on the resource.
		notJSON("cut short", `{"a":`, "unexpected end of JSON input (at byte 5)"),
		notJSON("syntax error", `{"a" 1}`, "invalid character '1' after object key (at byte 6)"),
		refuse("long value cut", `[`+strings.Repeat(`"abcdefghij",`, 9)+`1]`, `[`+strings.Repeat(`"abcdefghij",`, 7)[:79]+`…`),
		{name: "unknown", set: set(unknown)},
	}}
}

// nameRule is the rule of an attribute that names something in ISC: not empty, not only whitespace.
func nameRule(path string, set func(v any) map[string]any) rule {
	blank := func(caseName, value string) ruleCase {
		return ruleCase{name: caseName, set: set(value), want: []wantDiag{blankAt(path, value)}}
	}
	return rule{on: schemaPath(path), cases: []ruleCase{
		blank("empty", ""),
		blank("spaces", "   "),
		blank("tab and newline", "\t\n"),
		{name: "padded", set: set(" HR ")},
		{name: "unknown", set: set(unknown)},
	}}
}

// blankAt is the error of a blank value at path.
func blankAt(path, value string) wantDiag {
	return errAt(path, badValue, fmt.Sprintf("Attribute %s %s, got: %s", path, validate.BlankHint, value))
}

// setAt sets one top-level attribute.
func setAt(path string) func(v any) map[string]any {
	return func(v any) map[string]any { return map[string]any{path: v} }
}

func timeoutsRule() rule {
	return rule{on: "timeouts.delete", cases: []ruleCase{
		{name: "not a duration", set: map[string]any{"timeouts": map[string]any{"delete": "soon"}},
			want: []wantDiag{errAt("timeouts.delete", badDuration, timeoutDuration)}},
		{name: "unknown", set: map[string]any{"timeouts": map[string]any{"delete": unknown}}},
	}}
}

func oneOfError(path string, values []string, got string) wantDiag {
	return errAt(path, badValue, fmt.Sprintf("Attribute %s value must be one of: [%s], got: %q", path, quotedList(values), got))
}

func quotedList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, " ")
}

// listOf sets attr to a list of objects.
func listOf(attr string, elems ...map[string]any) map[string]any {
	l := make([]any, len(elems))
	for i, e := range elems {
		l[i] = e
	}
	return map[string]any{attr: l}
}

// named is an object with a name and the other attributes given as key, value pairs.
func named(name any, kv ...any) map[string]any {
	m := map[string]any{"name": name}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func providerRules() ruleTable {
	base := map[string]any{"base_url": "http://127.0.0.1:1", "client_id": "id", "client_secret": "secret"}
	noEnv := map[string]string{envBaseURL: "", envClientID: "", envClientSecret: ""}
	return ruleTable{kind: kindProvider, typeName: "sailpoint", base: base, rules: []rule{
		{on: "requests_per_second", cases: []ruleCase{
			{name: "zero", set: map[string]any{"requests_per_second": 0}, want: []wantDiag{errAt("requests_per_second", outOfRange,
				"Attribute requests_per_second value must be between 0.100000 and 100.000000, got: 0.000000")}},
			{name: "too high", set: map[string]any{"requests_per_second": 100.5}, want: []wantDiag{errAt("requests_per_second", outOfRange,
				"Attribute requests_per_second value must be between 0.100000 and 100.000000, got: 100.500000")}},
			{name: "unknown", set: map[string]any{"requests_per_second": unknown}},
		}},
		{on: "max_retries", cases: []ruleCase{
			{name: "zero", set: map[string]any{"max_retries": 0}, want: []wantDiag{errAt("max_retries", outOfRange,
				"Attribute max_retries value must be between 1 and 50, got: 0")}},
			{name: "too many", set: map[string]any{"max_retries": 51}, want: []wantDiag{errAt("max_retries", outOfRange,
				"Attribute max_retries value must be between 1 and 50, got: 51")}},
		}},
		{on: "request_timeout", cases: []ruleCase{
			{name: "not a duration", set: map[string]any{"request_timeout": "30"}, want: []wantDiag{errAt("request_timeout", "Invalid request timeout",
				`request_timeout must be a duration such as "30s" or "2m" (units ms, s, m, h), got "30"`)}},
			{name: "too short", set: map[string]any{"request_timeout": "500ms"}, want: []wantDiag{errAt("request_timeout", "Invalid request timeout",
				`request_timeout must be from 1s to 1h, got "500ms"`)}},
			{name: "too long", set: map[string]any{"request_timeout": "2h"}, want: []wantDiag{errAt("request_timeout", "Invalid request timeout",
				`request_timeout must be from 1s to 1h, got "2h"`)}},
			{name: "bounds", set: map[string]any{"request_timeout": "1h"}},
			{name: "unknown", set: map[string]any{"request_timeout": unknown}},
		}},
		{on: "api_version", cases: []ruleCase{
			{name: "not a version", set: map[string]any{"api_version": "v3"}, want: []wantDiag{oneOfError("api_version", []string{"v1", "v2025"}, "v3")}},
			{name: "a version", set: map[string]any{"api_version": "v2025"}},
			{name: "unknown", set: map[string]any{"api_version": unknown}},
		}},
		{on: "Configure", cases: []ruleCase{
			{name: "bad SAIL_API_VERSION", op: opConfigure, env: map[string]string{envAPIVersion: "2025"}, want: []wantDiag{errAt("api_version",
				"Invalid SailPoint API version", `SAIL_API_VERSION: unknown ISC API version "2025": use "v1" or "v2025"`)}},
			{name: "unknown api_version", op: opConfigure, set: map[string]any{"api_version": unknown}, want: []wantDiag{errAt("api_version",
				"Unknown SailPoint provider setting",
				"api_version depends on a value known only after apply; the provider needs it to plan. Use a value known at plan time, or set SAIL_API_VERSION.")}},
			{name: "bad SAIL_REQUEST_TIMEOUT", op: opConfigure, env: map[string]string{envRequestTimeout: "forever"}, want: []wantDiag{errAt("request_timeout",
				"Invalid request timeout", `SAIL_REQUEST_TIMEOUT must be a duration such as "30s" or "2m" (units ms, s, m, h), got "forever"`)}},
			{name: "SAIL_REQUEST_TIMEOUT out of range", op: opConfigure, env: map[string]string{envRequestTimeout: "0s"}, want: []wantDiag{errAt("request_timeout",
				"Invalid request timeout", `SAIL_REQUEST_TIMEOUT must be from 1s to 1h, got "0s"`)}},
			{name: "unknown base_url", op: opConfigure, set: map[string]any{"base_url": unknown}, want: []wantDiag{errAt("base_url",
				"Unknown SailPoint provider setting",
				"base_url depends on a value known only after apply; the provider needs it to plan. Use a value known at plan time, or set SAIL_BASE_URL.")}},
			{name: "unknown secret", op: opConfigure, set: map[string]any{"client_secret": unknown}, want: []wantDiag{errAt("client_secret",
				"Unknown SailPoint provider setting",
				"client_secret depends on a value known only after apply; the provider needs it to plan. Use a value known at plan time, or set SAIL_CLIENT_SECRET.")}},
			{name: "missing everything", op: opConfigure, env: noEnv, set: map[string]any{"base_url": nil, "client_id": nil, "client_secret": nil}, want: []wantDiag{
				errAt("base_url", "Missing SailPoint provider setting", "The provider needs base_url: set it in the provider block or in the SAIL_BASE_URL environment variable."),
				errAt("client_id", "Missing SailPoint provider setting", "The provider needs client_id: set it in the provider block or in the SAIL_CLIENT_ID environment variable."),
				errAt("client_secret", "Missing SailPoint provider setting", "The provider needs client_secret: set it in the provider block or in the SAIL_CLIENT_SECRET environment variable."),
			}},
			{name: "empty id", op: opConfigure, env: noEnv, set: map[string]any{"client_id": ""}, want: []wantDiag{
				errAt("client_id", "Missing SailPoint provider setting", "The provider needs client_id: set it in the provider block or in the SAIL_CLIENT_ID environment variable."),
			}},
			{name: "not a URL", op: opConfigure, set: map[string]any{"base_url": "acme.api.identitynow.com"}, want: []wantDiag{
				errHas("base_url", "Invalid SailPoint provider configuration", "acme.api.identitynow.com"),
			}},
		}},
	}}
}

const ownerID = "2c9180835d191a86015d28455b4b232a"

// tenantSource makes a delimited-file source of this name in the tenant of a case.
func tenantSource(t *testing.T, c *client.Client, name string) *client.Source {
	t.Helper()
	src, err := c.CreateSource(context.Background(), &client.Source{Name: name, Connector: "delimited-file",
		Owner: &client.Reference{Type: client.RefIdentity, ID: emulator.AdminIdentityID}}, true)
	must(t, err)
	return src
}

// tenantProfile makes an identity profile of this name using the source in the tenant of a case.
func tenantProfile(t *testing.T, c *client.Client, name, sourceID string) *client.IdentityProfile {
	t.Helper()
	p, err := c.CreateIdentityProfile(context.Background(), &client.IdentityProfile{Name: name,
		AuthoritativeSource: &client.Reference{Type: client.RefSource, ID: sourceID}})
	must(t, err)
	return p
}

// profileState is the prior state of an identity profile: enough of it for a plan.
func profileState(p *client.IdentityProfile) map[string]any {
	return map[string]any{"id": p.ID, "name": p.Name, "authoritative_source": map[string]any{"id": p.AuthoritativeSource.ID}}
}

// inUseByProfile is the refusal of a plan that deletes source {source} (HR) while identity
// profile {profile} (Employees) uses it; change says how the plan deletes it.
func inUseByProfile(change string) wantDiag {
	return errAt("", "SailPoint source in use by an identity profile", change+` source "HR" (id {source}), but it is the authoritative source `+
		`of identity profile "Employees" (id {profile}), and ISC refuses to delete a source that an identity profile uses.`+"\n\n"+
		`First make the profile stop using the source, in a change of its own: point its authoritative_source at another source, `+
		`or delete the profile. If Terraform manages the profile, make that change and apply it alone with `+
		`terraform apply -target=<the profile's address> (to delete it: terraform destroy -target=<the profile's address>), `+
		`then plan this change again. Removing the profile from the configuration in this same plan is not reliably seen: `+
		`Terraform plans the two in no fixed order (terraform destroy of both does work; it plans the configuration first, `+
		`so run it without a replacing change pending, or with -refresh=false).`)
}

func sourceRules() ruleTable {
	base := map[string]any{"name": "HR", "connector": "delimited-file", "owner": map[string]any{"id": ownerID}}
	ref := func(attr string) rule {
		return rule{on: attr + ".id", cases: []ruleCase{
			{name: "empty id", set: map[string]any{attr: map[string]any{"id": ""}}, want: []wantDiag{lengthError(attr + ".id")}},
			{name: "unknown id", set: map[string]any{attr: map[string]any{"id": unknown}}},
		}}
	}
	attrs := func(v any) map[string]any { return map[string]any{"connector_attributes": v} }
	secrets := func(v any) map[string]any {
		return map[string]any{"connector_attributes_wo": v, "connector_attributes_wo_version": 1}
	}
	unmanaged := func(names ...any) map[string]any { return map[string]any{"connector_secrets_unmanaged": names} }
	prior := merged(base, map[string]any{
		"id": "s1", "connector_class": "sailpoint.connector.DelimitedFileConnector", "type": "DelimitedFile", "provision_as_csv": true,
		"delete_threshold": 10, "owner": map[string]any{"id": ownerID, "name": "ISC Admin"}, "features": []any{}, "password_policy_ids": []any{},
		"connector_attributes": `{"file":"hr.csv"}`, "authoritative": false, "healthy": true, "status": "SOURCE_STATE_HEALTHY",
		"connector_name": "Delimited File", "schemas": []any{}, "created": "2025-01-01T00:00:00.000Z",
	})
	replacement := map[string]any{"connector": "active-directory", "connector_attributes": `{"file":"hr.csv"}`,
		"connector_attributes_wo": `{"password":"p","privateKey":"k"}`, "connector_attributes_wo_version": 1}
	// hrUsedBy makes the table's source (HR) in the tenant, with an identity profile using it when
	// used is set, whose destroy the run plans first when destroyed is set.
	hrUsedBy := func(used, destroyed bool) func(t *testing.T, c *client.Client) tenantSetup {
		return func(t *testing.T, c *client.Client) tenantSetup {
			src := tenantSource(t, c, "HR")
			setup := tenantSetup{prior: map[string]any{"id": src.ID}, ids: map[string]string{"source": src.ID}}
			if used {
				p := tenantProfile(t, c, "Employees", src.ID)
				setup.ids["profile"] = p.ID
				if destroyed {
					setup.destroyed = []plannedDestroy{{"sailpoint_identity_profile", profileState(p)}}
				}
			}
			return setup
		}
	}
	replacing := func(what string) string {
		return fmt.Sprintf(`Changing %s forces the replacement of source "HR". ISC deletes the source together with every account aggregated from it`, what)
	}
	return ruleTable{kind: kindResource, typeName: "sailpoint_source", base: base, prior: prior,
		private: map[string]string{privateSecretAttributes: `["password","privateKey"]`},
		rules: []rule{
			nameRule("name", func(v any) map[string]any { return map[string]any{"name": v} }),
			nonEmpty("connector", map[string]any{"connector": ""}),
			{on: "delete_threshold", cases: []ruleCase{
				{name: "over 100", set: map[string]any{"delete_threshold": 101}, want: []wantDiag{errAt("delete_threshold", outOfRange,
					"Attribute delete_threshold value must be between 0 and 100, got: 101")}},
				{name: "negative", set: map[string]any{"delete_threshold": -1}, want: []wantDiag{errAt("delete_threshold", outOfRange,
					"Attribute delete_threshold value must be between 0 and 100, got: -1")}},
				{name: "bounds", set: map[string]any{"delete_threshold": 100}},
				{name: "unknown", set: map[string]any{"delete_threshold": unknown}},
			}},
			ref("owner"), ref("cluster"), ref("management_workgroup"), ref("account_correlation_config"),
			ref("account_correlation_rule"), ref("manager_correlation_rule"), ref("before_provisioning_rule"),
			{on: "features", cases: []ruleCase{
				{name: "unknown feature", set: map[string]any{"features": []any{"PASSWORD", "FLY"}},
					want: []wantDiag{oneOfError(`features[Value("FLY")]`, sourceFeatures, "FLY")}},
				{name: "lower case", set: map[string]any{"features": []any{"password"}},
					want: []wantDiag{oneOfError(`features[Value("password")]`, sourceFeatures, "password")}},
				{name: "unknown element", set: map[string]any{"features": []any{unknown}}},
			}},
			{on: "password_policy_ids", cases: []ruleCase{
				{name: "empty id", set: map[string]any{"password_policy_ids": []any{""}}, want: []wantDiag{lengthError(`password_policy_ids[Value("")]`)}},
				{name: "unknown", set: map[string]any{"password_policy_ids": unknown}},
			}},
			jsonObjectRule("connector_attributes", attrs),
			jsonObjectRule("connector_attributes_wo", secrets),
			timeoutsRule(),
			{on: "ValidateConfig", cases: []ruleCase{
				{name: "secret in plain attributes", set: attrs(`{"file":"hr.csv","password":"x","apiKey":"y"}`), want: []wantDiag{
					warnAt("connector_attributes", "Secret in connector_attributes", `The key "apiKey" looks like a secret. ISC stores secrets encrypted and answers with cipher text, so its value is kept from this configuration and never compared with ISC's, and it is stored in state in plain text. Move it to connector_attributes_wo.`),
					warnAt("connector_attributes", "Secret in connector_attributes", `The key "password" looks like a secret.`),
				}},
				{name: "key set twice", set: merged(attrs(`{"user":"a","password":"x"}`), secrets(`{"password":"y","user":"b"}`)), want: []wantDiag{
					warnAt("connector_attributes", "Secret in connector_attributes", `The key "password" looks like a secret.`),
					errAt("connector_attributes_wo", "Connector attribute set twice",
						`The key "password" is in both connector_attributes and connector_attributes_wo; keep it in one of them (secrets belong in connector_attributes_wo).`),
					errAt("connector_attributes_wo", "Connector attribute set twice",
						`The key "user" is in both connector_attributes and connector_attributes_wo; keep it in one of them (secrets belong in connector_attributes_wo).`),
				}},
				{name: "secrets without version", set: map[string]any{"connector_attributes_wo": `{"password":"y"}`}, want: []wantDiag{
					errAt("connector_attributes_wo_version", "Missing connector_attributes_wo_version",
						"connector_attributes_wo is write-only, so Terraform cannot see when it changes. Set connector_attributes_wo_version (for example to 1) and change it whenever the secret values should be sent again."),
				}},
				{name: "unknown secrets beside plain", set: merged(attrs(`{"user":"a"}`), secrets(unknown))},
				{name: "unknown version", set: map[string]any{"connector_attributes_wo": `{"password":"y"}`, "connector_attributes_wo_version": unknown}},
				{name: "unknown plain attributes", set: merged(attrs(unknown), secrets(`{"password":"y"}`))},
				{name: "unmanaged name of no secret", set: unmanaged("password", "user"), want: []wantDiag{
					errAt(`connector_secrets_unmanaged[Value("user")]`, "Not a secret connector attribute",
						`"user" is not the name of a secret connector attribute, so ISC does not hide its value and the plan never warns about it. connector_secrets_unmanaged takes the names of secrets, as the plan's warning names them.`),
				}},
				{name: "unmanaged secret in plain attributes", set: merged(attrs(`{"password":"x"}`), unmanaged("password")), want: []wantDiag{
					warnAt("connector_attributes", "Secret in connector_attributes", `The key "password" looks like a secret.`),
					errAt(`connector_secrets_unmanaged[Value("password")]`, "Unmanaged secret set in the configuration",
						`The secret "password" is in connector_secrets_unmanaged, which says this configuration does not manage it, and in connector_attributes, which sends it to ISC. Remove it from one of them.`),
				}},
				{name: "unmanaged secret in write-only attributes", set: merged(secrets(`{"privateKey":"k"}`), unmanaged("password", "privateKey")), want: []wantDiag{
					errAt(`connector_secrets_unmanaged[Value("privateKey")]`, "Unmanaged secret set in the configuration",
						`The secret "privateKey" is in connector_secrets_unmanaged, which says this configuration does not manage it, and in connector_attributes_wo, which sends it to ISC. Remove it from one of them.`),
				}},
				{name: "unmanaged secret beside unknown write-only attributes", set: merged(secrets(unknown), unmanaged("password"))},
				{name: "unknown unmanaged secret", set: map[string]any{"connector_secrets_unmanaged": []any{unknown}}},
			}},
			{on: "ModifyPlan", cases: []ruleCase{
				{name: "replacement", op: opPlan, set: map[string]any{"connector": "active-directory", "connector_attributes": `{"file":"hr.csv"}`,
					"connector_attributes_wo": `{"password":"p","privateKey":"k"}`, "connector_attributes_wo_version": 1}, want: []wantDiag{
					warnAt("", "Replacing a SailPoint source deletes its accounts", replacing("connector")),
				}},
				{name: "replacement by several", op: opPlan, set: map[string]any{"type": "LDAP", "provision_as_csv": false, "connector_attributes": `{"file":"hr.csv"}`,
					"connector_attributes_wo": `{"password":"p","privateKey":"k"}`, "connector_attributes_wo_version": 1}, want: []wantDiag{
					warnAt("", "Replacing a SailPoint source deletes its accounts", replacing("type, provision_as_csv")),
				}},
				{name: "unknown connector class", op: opPlan, set: map[string]any{"connector_class": unknown, "connector_attributes": `{"file":"hr.csv"}`,
					"connector_attributes_wo": `{"password":"p","privateKey":"k"}`, "connector_attributes_wo_version": 1}},
				{name: "secrets ISC holds", op: opPlan, set: map[string]any{"connector_attributes": `{"file":"hr.csv","password":"x"}`}, want: []wantDiag{
					warnAt("connector_attributes_wo", "Secret connector attributes are not in the configuration",
						`ISC holds secret connector attributes of source "HR" that this configuration does not set: privateKey. ISC keeps them as they are`),
				}},
				{name: "secrets ISC holds, unknown attributes", op: opPlan, set: map[string]any{"connector_attributes": unknown}},
				{name: "secrets ISC holds, one unmanaged", op: opPlan, set: unmanaged("password"), want: []wantDiag{
					{warning: true, path: "connector_attributes_wo", summary: "Secret connector attributes are not in the configuration",
						detail: `ISC holds secret connector attributes of source "HR" that this configuration does not set: privateKey. ISC keeps them as they are, ` +
							`but returns secrets only as cipher text, so an import cannot bring them into the configuration. To manage them with Terraform, ` +
							`set them in connector_attributes_wo, such as connector_attributes_wo = jsonencode({ "privateKey" = var.secret }), together with ` +
							`connector_attributes_wo_version = 1: the next apply sends them to ISC. To leave them to ISC, acknowledge them with ` +
							`connector_secrets_unmanaged = ["privateKey"]: the plan then stops warning about them.`},
				}},
				{name: "secrets ISC holds, one write-only", op: opPlan, set: secrets(`{"password":"p"}`), want: []wantDiag{
					warnAt("connector_attributes_wo", "Secret connector attributes are not in the configuration",
						`that this configuration does not set: privateKey.`),
				}},
				{name: "secrets ISC holds, all unmanaged or set", op: opPlan, set: merged(attrs(`{"file":"hr.csv","password":"x"}`), unmanaged("privateKey"))},
				{name: "secrets ISC holds, unknown unmanaged", op: opPlan, set: map[string]any{"connector_secrets_unmanaged": unknown}},
				{name: "replacement of a source a profile uses", op: opPlan, tenant: hrUsedBy(true, false), set: replacement, want: []wantDiag{
					warnAt("", "Replacing a SailPoint source deletes its accounts", replacing("connector")),
					inUseByProfile("Changing connector replaces, and so deletes,"),
				}},
				{name: "destroy of a source a profile uses", op: opDestroy, tenant: hrUsedBy(true, false), want: []wantDiag{
					inUseByProfile("This plan destroys"),
				}},
				{name: "destroy of a source whose profile this run destroys first", op: opDestroy, tenant: hrUsedBy(true, true)},
				{name: "destroy of a source no profile uses", op: opDestroy, tenant: hrUsedBy(false, false)},
				{name: "update of a source a profile uses", op: opPlan, tenant: hrUsedBy(true, false), set: map[string]any{"description": "people",
					"connector_attributes": `{"file":"hr.csv"}`, "connector_attributes_wo": `{"password":"p","privateKey":"k"}`, "connector_attributes_wo_version": 1}},
			}},
			{on: "ImportState", cases: importCases("sailpoint_source", "SOURCE_ID", oneID("SOURCE_ID"))},
		}}
}

func sourceSchemaRules() ruleTable {
	base := map[string]any{"source_id": "s1", "name": "group"}
	// attrs sets the attributes to the definitions given by name.
	attrs := func(defs map[string]any) map[string]any { return map[string]any{"attributes": defs} }
	def := func(kv ...any) map[string]any {
		m := named(nil, kv...)
		delete(m, "name")
		return m
	}
	notEntitlement := func(name string) wantDiag {
		at := fmt.Sprintf("attributes[%q].is_group", name)
		return errAt(at, "Group attribute is not an entitlement",
			fmt.Sprintf("%s is true, but is_entitlement is not: ISC accepts is_group only on entitlement attributes. "+
				"Set is_entitlement = true on attribute %q, or remove is_group.", at, name))
	}
	noSchema := func(name string) wantDiag {
		return errAt(fmt.Sprintf("attributes[%q].schema_id", name), "Group attribute without a group schema",
			fmt.Sprintf("attributes[%q].is_group is true, but schema_id is unset: a group attribute points at the schema that describes its groups. "+
				"Set schema_id on attribute %q to the group schema's id, such as sailpoint_source_schema.group.id, "+
				"which also makes Terraform create the group schema first.", name, name))
	}
	caseOnly := func(name, other string) wantDiag {
		return errAt(fmt.Sprintf("attributes[%q]", name), "Duplicate schema attribute name",
			fmt.Sprintf("The attributes %q and %q differ only in case, and ISC compares attribute names ignoring case, so a schema cannot have both. Remove one of them.", other, name))
	}
	blankKey := func(key string) wantDiag { return blankAt(fmt.Sprintf("attributes[%q]", key), key) }
	return ruleTable{kind: kindResource, typeName: "sailpoint_source_schema", base: base, rules: []rule{
		nonEmpty("source_id", map[string]any{"source_id": ""}),
		nameRule("name", func(v any) map[string]any { return map[string]any{"name": v} }),
		nonEmpty("native_object_type", map[string]any{"native_object_type": ""}),
		nonEmpty("identity_attribute", map[string]any{"identity_attribute": ""}),
		nonEmpty("display_attribute", map[string]any{"display_attribute": ""}),
		nonEmpty("hierarchy_attribute", map[string]any{"hierarchy_attribute": ""}),
		{on: "features", cases: []ruleCase{
			{name: "unknown feature", set: map[string]any{"features": []any{"FLY"}}, want: []wantDiag{oneOfError(`features[Value("FLY")]`, sourceFeatures, "FLY")}},
		}},
		jsonObjectRule("configuration", func(v any) map[string]any { return map[string]any{"configuration": v} }),
		// The attribute names are the map's keys.
		{on: "attributes", cases: []ruleCase{
			{name: "empty name", set: attrs(map[string]any{"cn": def(), "": def()}), want: []wantDiag{blankKey("")}},
			{name: "spaces", set: attrs(map[string]any{"   ": def()}), want: []wantDiag{blankKey("   ")}},
			{name: "tab and newline", set: attrs(map[string]any{"\t\n": def()}), want: []wantDiag{blankKey("\t\n")}},
			{name: "padded", set: attrs(map[string]any{" cn ": def()})},
			{name: "unknown", set: map[string]any{"attributes": unknown}},
		}},
		{on: "attributes[*].type", cases: []ruleCase{
			{name: "unknown type", set: attrs(map[string]any{"n": def("type", "FLOAT")}), want: []wantDiag{oneOfError(`attributes["n"].type`, client.AttributeTypes, "FLOAT")}},
			{name: "lower case", set: attrs(map[string]any{"n": def("type", "string")}), want: []wantDiag{oneOfError(`attributes["n"].type`, client.AttributeTypes, "string")}},
		}},
		nonEmpty(`attributes["n"].description`, attrs(map[string]any{"n": def("description", "")})),
		nonEmpty(`attributes["n"].schema_id`, attrs(map[string]any{"n": def("schema_id", "")})),
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "names differing only in case", set: attrs(map[string]any{"mail": def(), "cn": def(), "Mail": def(), "MAIL": def()}), want: []wantDiag{
				caseOnly("Mail", "MAIL"), caseOnly("mail", "MAIL"),
			}},
			{name: "unknown definition", set: attrs(map[string]any{"mail": def(), "cn": unknown})},
			{name: "group not entitlement", set: attrs(map[string]any{"id": def(), "memberOf": def("is_group", true, "schema_id", "g1")}),
				want: []wantDiag{notEntitlement("memberOf")}},
			{name: "group explicitly not entitlement", set: attrs(map[string]any{"memberOf": def("is_group", true, "is_entitlement", false, "schema_id", "g1")}),
				want: []wantDiag{notEntitlement("memberOf")}},
			{name: "group without schema", set: attrs(map[string]any{"memberOf": def("is_group", true, "is_entitlement", true)}), want: []wantDiag{noSchema("memberOf")}},
			{name: "group with neither", set: attrs(map[string]any{"memberOf": def("is_group", true)}), want: []wantDiag{notEntitlement("memberOf"), noSchema("memberOf")}},
			{name: "group with unknown entitlement and schema", set: attrs(map[string]any{"memberOf": def("is_group", true, "is_entitlement", unknown, "schema_id", unknown)})},
			{name: "unknown is_group", set: attrs(map[string]any{"memberOf": def("is_group", unknown)})},
			{name: "unknown attributes", set: map[string]any{"attributes": unknown}},
			{name: "group entitlement", set: attrs(map[string]any{"memberOf": def("is_group", true, "is_entitlement", true, "schema_id", "g1")})},
		}},
		{on: "ImportState", cases: importCases("sailpoint_source_schema", "SOURCE_ID/SCHEMA_ID", sourceChildID("SCHEMA_ID"))},
	}}
}

func sourceScheduleRules() ruleTable {
	base := map[string]any{"source_id": "s1", "type": "ACCOUNT_AGGREGATION", "cron_expression": "0 0 5 * * ?"}
	cron := func(expr, reason string) ruleCase {
		return ruleCase{name: expr, set: map[string]any{"cron_expression": expr}, want: []wantDiag{errAt("cron_expression", "Invalid cron expression",
			fmt.Sprintf("cron_expression %q is not a valid Quartz cron expression: %s.\n\n%s", expr, reason, validate.CronHelp))}}
	}
	const dayOfWeekExpected = "1-7 (1 = SUN, 7 = SAT) or SUN-SAT, nL (last day n of the month), n#k (k-th day n of the month), or ?"
	importTypeError := func(id string) wantDiag {
		return errAt("", "Invalid import ID for sailpoint_source_schedule",
			fmt.Sprintf("expected SOURCE_ID/TYPE, got %q: TYPE must be one of ACCOUNT_AGGREGATION, GROUP_AGGREGATION", id))
	}
	return ruleTable{kind: kindResource, typeName: "sailpoint_source_schedule", base: base, rules: []rule{
		nonEmpty("source_id", map[string]any{"source_id": ""}),
		{on: "type", cases: []ruleCase{
			{name: "unknown type", set: map[string]any{"type": "ROLE_AGGREGATION"}, want: []wantDiag{oneOfError("type", client.ScheduleTypes, "ROLE_AGGREGATION")}},
			{name: "unknown", set: map[string]any{"type": unknown}},
		}},
		{on: "cron_expression", cases: []ruleCase{
			cron("", "it is empty"),
			cron("0 5 * * *", `it has 5 fields, like a Unix cron expression; Quartz expressions have 6 or 7 and start with seconds, so "0 5 * * *" becomes "0 0 5 * * ?"`),
			cron("0 0 5 * * ? 2025 1", "it has 8 fields; expected 6 or 7 (seconds minutes hours day-of-month month day-of-week [year])"),
			cron("0 0 24 * * ?", `the hours field "24" is invalid: 24 is out of range; expected 0-23`),
			cron("0 0 5 * * MON", `day-of-month "*" and day-of-week "MON" are both set; Quartz needs "?" in one of them: write "0 0 5 ? * MON"`),
			cron("0 0 5 ? * ?", `day-of-month and day-of-week are both "?"; exactly one of them must be "?": write "0 0 5 * * ?"`),
			cron("0 0 5 ? * 0", `the day-of-week field "0" is invalid: 0 is out of range: Quartz counts days of the week from 1 = SUN, not from 0; expected `+dayOfWeekExpected),
			cron("0 0 5 ? * MON-FRI/2", `the day-of-week field "MON-FRI/2" is invalid: a step cannot follow a name, since Quartz would ignore it; write 2-6/2 instead of MON-FRI/2; expected `+dayOfWeekExpected),
			{name: "quartz forms", set: map[string]any{"cron_expression": "0 30 2 ? * 6L 2025-2030"}},
			{name: "unknown", set: map[string]any{"cron_expression": unknown}},
		}},
		{on: "ImportState", cases: append(importCases("sailpoint_source_schedule", "SOURCE_ID/TYPE", sourceChildID("TYPE")),
			ruleCase{name: "unknown type", op: opImport, id: "s1/ROLE_AGGREGATION", want: []wantDiag{importTypeError("s1/ROLE_AGGREGATION")}},
			ruleCase{name: "type in lower case", op: opImport, id: "s1/account_aggregation", want: []wantDiag{importTypeError("s1/account_aggregation")}},
		)},
	}}
}

func provisioningPolicyRules() ruleTable {
	base := map[string]any{"source_id": "s1", "usage_type": "CREATE", "name": "Account"}
	fields := func(fs ...map[string]any) map[string]any { return listOf("fields", fs...) }
	field := named
	usageTypeError := func(id string) wantDiag {
		return errAt("", "Invalid import ID for sailpoint_source_provisioning_policy",
			fmt.Sprintf("expected SOURCE_ID/USAGE_TYPE, got %q: USAGE_TYPE must be one of %s", id, strings.Join(client.UsageTypes, ", ")))
	}
	return ruleTable{kind: kindResource, typeName: "sailpoint_source_provisioning_policy", base: base, rules: []rule{
		nonEmpty("source_id", map[string]any{"source_id": ""}),
		nameRule("name", func(v any) map[string]any { return map[string]any{"name": v} }),
		{on: "usage_type", cases: []ruleCase{
			{name: "unknown usage", set: map[string]any{"usage_type": "FLY"}, want: []wantDiag{oneOfError("usage_type", client.UsageTypes, "FLY")}},
			{name: "lower case", set: map[string]any{"usage_type": "create"}, want: []wantDiag{oneOfError("usage_type", client.UsageTypes, "create")}},
		}},
		nameRule("fields[1].name", func(v any) map[string]any { return fields(field("id"), field(v)) }),
		{on: "fields[*].type", cases: []ruleCase{
			{name: "unknown type", set: fields(field("id", "type", "text")), want: []wantDiag{oneOfError("fields[0].type", client.FieldTypes, "text")}},
		}},
		jsonObjectRule("fields[0].transform", func(v any) map[string]any { return fields(field("id", "transform", v)) }),
		jsonObjectRule("fields[0].attributes", func(v any) map[string]any { return fields(field("id", "attributes", v)) }),
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "duplicate field", set: fields(field("id"), field("mail"), field("id")), want: []wantDiag{
				errAt("fields[2].name", "Duplicate provisioning policy field",
					`fields[0] and fields[2] are both named "id"; a policy has one field per account attribute, so merge them into one.`),
			}},
			{name: "names differing in case", set: fields(field("id"), field("ID"))},
			{name: "unknown name", set: fields(field("id"), field(unknown))},
			{name: "unknown fields", set: map[string]any{"fields": unknown}},
		}},
		{on: "ImportState", cases: append(importCases("sailpoint_source_provisioning_policy", "SOURCE_ID/USAGE_TYPE", sourceChildID("USAGE_TYPE")),
			ruleCase{name: "usage type in lower case", op: opImport, id: "s1/create", want: []wantDiag{usageTypeError("s1/create")}},
		)},
	}}
}

func identityProfileRules() ruleTable {
	base := map[string]any{"name": "Employees", "authoritative_source": map[string]any{"id": "s1"}}
	// transforms sets the attribute transforms to those given by identity attribute name.
	transforms := func(ts map[string]any) map[string]any {
		return map[string]any{"identity_attribute_config": map[string]any{"attribute_transforms": ts}}
	}
	transform := func(typ, attributes any) map[string]any {
		return map[string]any{"transform_definition": map[string]any{"type": typ, "attributes": attributes}}
	}
	const transformsAt = "identity_attribute_config.attribute_transforms"
	blankKey := func(key string) wantDiag { return blankAt(fmt.Sprintf("%s[%q]", transformsAt, key), key) }
	// profiles makes two sources, HR and AD, and identity profile Employees using HR. The case plans
	// profile Contractors, which uses AD already when exists is set; it is planned with HR when
	// toHR is set, else with AD.
	profiles := func(exists, toHR bool) func(t *testing.T, c *client.Client) tenantSetup {
		return func(t *testing.T, c *client.Client) tenantSetup {
			hr, ad := tenantSource(t, c, "HR"), tenantSource(t, c, "AD")
			employees := tenantProfile(t, c, "Employees", hr.ID)
			setup := tenantSetup{ids: map[string]string{"source": hr.ID, "profile": employees.ID}}
			target := ad.ID
			if toHR {
				target = hr.ID
			}
			setup.set = map[string]any{"name": "Contractors", "authoritative_source": map[string]any{"id": target}}
			if exists {
				setup.prior = profileState(tenantProfile(t, c, "Contractors", ad.ID))
			}
			return setup
		}
	}
	sourceTaken := errAt("authoritative_source.id", "Source already in use by an identity profile",
		`Source "HR" (id {source}) is the authoritative source of identity profile "Employees" (id {profile}) already, and ISC allows a source `+
			`to be the authoritative source of one profile only. Choose another source, or first make that profile stop using it `+
			`(point it at another source, or delete it) in a change of its own, then plan this change again.`)
	return ruleTable{kind: kindResource, typeName: "sailpoint_identity_profile", base: base, rules: []rule{
		nameRule("name", func(v any) map[string]any { return map[string]any{"name": v} }),
		{on: "owner.id", cases: []ruleCase{{name: "empty", set: map[string]any{"owner": map[string]any{"id": ""}}, want: []wantDiag{lengthError("owner.id")}}}},
		{on: "authoritative_source.id", cases: []ruleCase{
			{name: "empty", set: map[string]any{"authoritative_source": map[string]any{"id": ""}}, want: []wantDiag{lengthError("authoritative_source.id")}},
			{name: "unknown", set: map[string]any{"authoritative_source": map[string]any{"id": unknown}}},
		}},
		// The identity attribute names are the map's keys.
		{on: transformsAt, cases: []ruleCase{
			{name: "empty name", set: transforms(map[string]any{"": transform("static", nil)}), want: []wantDiag{blankKey("")}},
			{name: "spaces", set: transforms(map[string]any{"email": transform("static", nil), "  ": transform("static", nil)}), want: []wantDiag{blankKey("  ")}},
			{name: "padded", set: transforms(map[string]any{" email ": transform("static", nil)})},
			{name: "unknown", set: map[string]any{"identity_attribute_config": map[string]any{"attribute_transforms": unknown}}},
		}},
		{on: "ModifyPlan", cases: []ruleCase{
			{name: "source another profile uses", op: opPlan, tenant: profiles(false, true), set: map[string]any{"name": "Contractors"},
				want: []wantDiag{sourceTaken}},
			{name: "moving to a source another profile uses", op: opPlan, tenant: profiles(true, true), want: []wantDiag{sourceTaken}},
			{name: "keeping its source", op: opPlan, tenant: profiles(true, false)},
			// The create that replaces a tainted profile, planned while the profile still exists.
			{name: "replacing the profile that uses the source", op: opPlan, tenant: profiles(false, true), set: map[string]any{"name": "EMPLOYEES"}},
			{name: "source no profile uses", op: opPlan, tenant: profiles(false, false)},
			{name: "unknown source", op: opPlan, tenant: profiles(false, true), set: map[string]any{"authoritative_source": map[string]any{"id": unknown}}},
			{name: "destroy", op: opDestroy, tenant: profiles(true, false)},
		}},
		nonEmpty(transformsAt+`["email"].transform_definition.type`, transforms(map[string]any{"email": transform("", nil)})),
		jsonObjectRule(transformsAt+`["email"].transform_definition.attributes`, func(v any) map[string]any {
			return transforms(map[string]any{"email": transform("accountAttribute", v)})
		}),
		timeoutsRule(),
		{on: "ImportState", cases: importCases("sailpoint_identity_profile", "IDENTITY_PROFILE_ID", oneID("IDENTITY_PROFILE_ID"))},
	}}
}

func identityProfilePreviewRules() ruleTable {
	transform := func(typ string, attributes any) map[string]any {
		return map[string]any{"attribute_transforms": map[string]any{"email": map[string]any{
			"transform_definition": map[string]any{"type": typ, "attributes": attributes}}}}
	}
	base := map[string]any{"identity_id": "i1", "identity_attribute_config": transform("lower", nil)}
	at := `identity_attribute_config.attribute_transforms["email"].transform_definition`
	return ruleTable{kind: kindDataSource, typeName: "sailpoint_identity_profile_preview", base: base, rules: []rule{
		nameRule("identity_id", setAt("identity_id")),
		nonEmpty(at+".type", map[string]any{"identity_attribute_config": transform("", nil)}),
		jsonObjectRule(at+".attributes", func(v any) map[string]any {
			return map[string]any{"identity_attribute_config": transform("lower", v)}
		}),
	}}
}

func identityDataSourceRules() ruleTable {
	exactlyOne := "Exactly one of these attributes must be configured: [id,alias,email,name,filters]"
	combination := func(path string) wantDiag {
		return errAt(path, badCombination, exactlyOne)
	}
	rules := []rule{{on: "ConfigValidators", cases: []ruleCase{
		{name: "none", set: map[string]any{"include_uncorrelated": true}, want: []wantDiag{errAt("", "Missing Attribute Configuration", exactlyOne)}},
		{name: "two", set: map[string]any{"id": "i1", "alias": "a"}, want: []wantDiag{combination("id")}},
		{name: "one unknown", set: map[string]any{"id": unknown}},
		{name: "one unknown beside one", set: map[string]any{"id": unknown, "alias": "a"}},
		{name: "two beside an unknown", set: map[string]any{"id": "i1", "alias": "a", "name": unknown}, want: []wantDiag{combination("id")}},
	}}}
	for _, attr := range []string{"id", "alias", "email", "name", "filters"} {
		rules = append(rules, nonEmpty(attr, map[string]any{attr: ""}))
	}
	return ruleTable{kind: kindDataSource, typeName: "sailpoint_identity", base: map[string]any{}, rules: rules}
}

func identitiesDataSourceRules() ruleTable {
	sorters := `must be a comma-separated list of the fields name, alias and cloudStatus (the only ones ISC sorts identities by), ` +
		`each optionally prefixed with - for descending order, without spaces, such as "name,-cloudStatus"`
	sorter := func(v string) ruleCase {
		return ruleCase{name: v, set: map[string]any{"sorters": v}, want: []wantDiag{errAt("sorters", badValue, "Attribute sorters "+sorters+", got: "+v)}}
	}
	return ruleTable{kind: kindDataSource, typeName: "sailpoint_identities", base: map[string]any{}, rules: []rule{
		nonEmpty("filters", map[string]any{"filters": ""}),
		{on: "sorters", cases: []ruleCase{
			sorter("name,-created"), sorter("name, alias"), sorter("-"), sorter("name,"), sorter("Name"),
			{name: "valid", set: map[string]any{"sorters": "-cloudStatus,alias,name"}},
			{name: "unknown", set: map[string]any{"sorters": unknown}},
		}},
		{on: "max_results", cases: []ruleCase{
			{name: "zero", set: map[string]any{"max_results": 0}, want: []wantDiag{errAt("max_results", outOfRange, "Attribute max_results value must be between 1 and 10000, got: 0")}},
			{name: "too many", set: map[string]any{"max_results": 10001}, want: []wantDiag{errAt("max_results", outOfRange, "Attribute max_results value must be between 1 and 10000, got: 10001")}},
		}},
	}}
}

func identityAttributeRules() ruleTable {
	base := map[string]any{"name": "costCenter"}
	prior := map[string]any{"id": "costCenter", "name": "costCenter", "display_name": "Cost Center", "standard": false, "multi": false,
		"searchable": false, "system": false}
	// withPrior makes a case plan against a prior state with these values.
	withPrior := func(values map[string]any) func(*testing.T, *client.Client) tenantSetup {
		return func(*testing.T, *client.Client) tenantSetup { return tenantSetup{prior: values} }
	}
	source := func(typ, properties any) map[string]any {
		return listOf("sources", map[string]any{"type": typ, "properties": properties})
	}
	notSearchable := func(other string) wantDiag {
		return errAt("searchable", "Identity attribute cannot be searchable", fmt.Sprintf("searchable is true, and so is %s: ISC makes an "+
			"attribute searchable only when standard, multi and system are false. Set %s = false, or searchable = false.", other, other))
	}
	undeletable := func(kind, fix string) wantDiag {
		return errAt("", "SailPoint identity attribute cannot be deleted", `This plan deletes identity attribute "costCenter", `+kind+
			` attribute, which ISC refuses to delete. `+fix+` To stop managing it without deleting it, remove it from the state instead: `+
			`a removed block with lifecycle { destroy = false }, or terraform state rm.`)
	}
	const standardFix = "To delete it, set standard = false and apply that change first."
	return ruleTable{kind: kindResource, typeName: "sailpoint_identity_attribute", base: base, prior: prior, rules: []rule{
		{on: "name", cases: append(nameRule("name", setAt("name")).cases,
			ruleCase{name: "slash", set: map[string]any{"name": "cost/center"}, want: []wantDiag{errAt("name", badValue,
				`Attribute name must not contain "/": the name is the attribute's key in ISC's paths, got: cost/center`)}})},
		nameRule("display_name", setAt("display_name")),
		nameRule("type", setAt("type")),
		nameRule("sources[0].type", func(v any) map[string]any { return source(v, nil) }),
		jsonObjectRule("sources[0].properties", func(v any) map[string]any { return source("rule", v) }),
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "searchable and standard", set: map[string]any{"searchable": true, "standard": true}, want: []wantDiag{notSearchable("standard")}},
			{name: "searchable and multi", set: map[string]any{"searchable": true, "multi": true}, want: []wantDiag{notSearchable("multi")}},
			{name: "searchable, standard and multi", set: map[string]any{"searchable": true, "standard": true, "multi": true},
				want: []wantDiag{notSearchable("standard"), notSearchable("multi")}},
			{name: "searchable alone", set: map[string]any{"searchable": true, "standard": false}},
			{name: "standard and multi", set: map[string]any{"standard": true, "multi": true}},
			{name: "unknown searchable", set: map[string]any{"searchable": unknown, "multi": true}},
			{name: "unknown multi", set: map[string]any{"searchable": true, "multi": unknown}},
		}},
		{on: "ModifyPlan", cases: []ruleCase{
			{name: "destroy of a standard attribute", op: opDestroy, set: map[string]any{"standard": true}, want: []wantDiag{undeletable("a standard", standardFix)}},
			{name: "destroy of a system attribute", op: opDestroy, set: map[string]any{"system": true}, want: []wantDiag{undeletable("a system", "ISC never deletes it.")}},
			{name: "destroy", op: opDestroy},
			{name: "replacement of a standard attribute", op: opPlan, tenant: withPrior(map[string]any{"standard": true}),
				set: map[string]any{"name": "costCentre", "standard": true}, want: []wantDiag{undeletable("a standard", standardFix)}},
			{name: "name known after apply of a standard attribute", op: opPlan, tenant: withPrior(map[string]any{"standard": true}),
				set: map[string]any{"name": unknown, "standard": true}, want: []wantDiag{undeletable("a standard", standardFix)}},
			{name: "standard attribute made deletable", op: opPlan, tenant: withPrior(map[string]any{"standard": true}), set: map[string]any{"standard": false}},
			{name: "change of a system attribute", op: opPlan, tenant: withPrior(map[string]any{"system": true}), set: map[string]any{"display_name": "Other"},
				want: []wantDiag{errAt("", "SailPoint identity attribute cannot be changed", `Identity attribute "costCenter" is a system attribute, `+
					`which ISC does not let anyone change. Make the configuration match ISC's values (terraform plan shows them), or stop managing the attribute.`)}},
			{name: "system attribute as it is", op: opPlan, tenant: withPrior(map[string]any{"system": true}), set: map[string]any{"display_name": "Cost Center"}},
			{name: "change of a plain attribute", op: opPlan, set: map[string]any{"display_name": "Other", "multi": true}},
		}},
		{on: "ImportState", cases: importCases("sailpoint_identity_attribute", "NAME", oneID("NAME"))},
	}}
}

func identityAttributeDataSourceRules() ruleTable {
	return ruleTable{kind: kindDataSource, typeName: "sailpoint_identity_attribute", base: map[string]any{}, rules: []rule{
		nameRule("name", setAt("name")),
	}}
}

func lifecycleStateRules() ruleTable {
	base := map[string]any{"identity_profile_id": "p1", "name": "Leave", "technical_name": "leave"}
	action := func(kv ...any) map[string]any {
		a := map[string]any{"action": "DISABLE"}
		for i := 0; i < len(kv); i += 2 {
			a[kv[i].(string)] = kv[i+1]
		}
		return listOf("account_actions", a)
	}
	ids := func(v ...any) []any { return v }
	const list = "account_actions[0]"
	idRules := func(attr string, set func(v any) map[string]any) rule {
		path := list + "." + attr
		return rule{on: schemaPath(path), cases: []ruleCase{
			{name: "empty", set: set(ids()), want: []wantDiag{errAt(path, "Invalid Attribute Value",
				fmt.Sprintf("Attribute %s set must contain at least 1 elements, got: 0", path))}},
			blankIDCase(path, set),
			{name: "unknown", set: set(unknown)},
		}}
	}
	return ruleTable{kind: kindResource, typeName: "sailpoint_lifecycle_state", base: base, rules: []rule{
		nameRule("identity_profile_id", setAt("identity_profile_id")),
		nameRule("name", setAt("name")),
		nameRule("technical_name", setAt("technical_name")),
		{on: "identity_state", cases: []ruleCase{
			{name: "not an identity state", set: map[string]any{"identity_state": "active"}, want: []wantDiag{errAt("identity_state", badValue,
				`Attribute identity_state value must be one of: ["ACTIVE" "INACTIVE_SHORT_TERM" "INACTIVE_LONG_TERM"], got: "active"`)}},
			{name: "unknown", set: map[string]any{"identity_state": unknown}},
		}},
		{on: "email_notification_option.email_address_list", cases: []ruleCase{
			blankIDCase("email_notification_option.email_address_list", func(v any) map[string]any {
				return map[string]any{"email_notification_option": map[string]any{"email_address_list": v}}
			}),
		}},
		{on: schemaPath(list + ".action"), cases: []ruleCase{
			{name: "not an action", set: action("action", "LOCK", "all_sources", true), want: []wantDiag{errAt(list+".action", badValue,
				`Attribute account_actions[0].action value must be one of: ["ENABLE" "DISABLE" "DELETE"], got: "LOCK"`)}},
		}},
		idRules("source_ids", func(v any) map[string]any { return action("source_ids", v) }),
		idRules("exclude_source_ids", func(v any) map[string]any { return action("all_sources", true, "exclude_source_ids", v) }),
		{on: "access_profile_ids", cases: []ruleCase{
			blankIDCase("access_profile_ids", setAt("access_profile_ids")),
			{name: "none", set: map[string]any{"access_profile_ids": ids()}},
		}},
		{on: "priority", cases: []ruleCase{
			{name: "beyond int32", set: map[string]any{"priority": 1 << 31}, want: []wantDiag{errAt("priority", outOfRange,
				"Attribute priority value must be between -2147483648 and 2147483647, got: 2147483648")}},
			{name: "negative", set: map[string]any{"priority": -10}},
		}},
		timeoutsRule(),
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "neither sources nor all", set: action(), want: []wantDiag{errAt(list+".source_ids", "Missing account action sources",
				list+" needs the sources it applies to: set source_ids, or all_sources = true.")}},
			{name: "sources and all", set: action("source_ids", ids("s1"), "all_sources", true), want: []wantDiag{errAt(list+".source_ids",
				"Conflicting account action sources", list+".source_ids is set, and so is all_sources = true: an action applies to some sources or "+
					"to all of them. Remove source_ids, or set all_sources = false (to leave some sources out of all, use exclude_source_ids).")}},
			{name: "sources and excluded sources", set: action("source_ids", ids("s1"), "exclude_source_ids", ids("s2")), want: []wantDiag{
				errAt(list+".exclude_source_ids", "Conflicting account action sources", list+".exclude_source_ids is set, and so is source_ids: "+
					"ISC excludes sources only from all_sources = true. Remove exclude_source_ids.")}},
			{name: "all but excluded", set: action("all_sources", true, "exclude_source_ids", ids("s2"))},
			{name: "some sources", set: action("source_ids", ids("s1", "s2"))},
			{name: "unknown sources", set: action("source_ids", unknown)},
			{name: "unknown all", set: action("all_sources", unknown)},
			{name: "unknown actions", set: map[string]any{"account_actions": unknown}},
		}},
		{on: "ImportState", cases: importCases("sailpoint_lifecycle_state", "IDENTITY_PROFILE_ID/LIFECYCLE_STATE_ID",
			childID("IDENTITY_PROFILE_ID", "LIFECYCLE_STATE_ID"))},
	}}
}

// blankIDCase is the case of a set of IDs or addresses at path that holds a blank one.
func blankIDCase(path string, set func(v any) map[string]any) ruleCase {
	at := path + `[Value(" ")]`
	return ruleCase{name: "blank element", set: set([]any{" "}), want: []wantDiag{blankAt(at, " ")}}
}

func lifecycleStatesDataSourceRules() ruleTable {
	return ruleTable{kind: kindDataSource, typeName: "sailpoint_lifecycle_states", base: map[string]any{}, rules: []rule{
		nameRule("identity_profile_id", setAt("identity_profile_id")),
	}}
}
