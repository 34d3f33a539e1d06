package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// The plan-time rules of a source's settings and of the data sources that peek at a source.

func correlationConfigRules() ruleTable {
	base := map[string]any{"source_id": "s1", "attribute_assignments": []any{map[string]any{"identity_attribute": "uid", "account_attribute": "id"}}}
	pair := func(kv map[string]any) map[string]any {
		p := map[string]any{"identity_attribute": "uid", "account_attribute": "id"}
		for k, v := range kv {
			p[k] = v
		}
		return listOf("attribute_assignments", p)
	}
	const at = "attribute_assignments[0]."
	return ruleTable{kind: kindResource, typeName: "sailpoint_source_correlation_config", base: base, rules: []rule{
		nonEmpty("source_id", map[string]any{"source_id": ""}),
		{on: "attribute_assignments[*].identity_attribute", cases: []ruleCase{
			{name: "blank", set: pair(map[string]any{"identity_attribute": " "}), want: []wantDiag{blankAt(at+"identity_attribute", " ")}},
			{name: "unknown", set: pair(map[string]any{"identity_attribute": unknown})},
		}},
		{on: "attribute_assignments[*].account_attribute", cases: []ruleCase{
			{name: "blank", set: pair(map[string]any{"account_attribute": ""}), want: []wantDiag{blankAt(at+"account_attribute", "")}},
		}},
		{on: "attribute_assignments[*].operation", cases: []ruleCase{
			{name: "not EQ", set: pair(map[string]any{"operation": "NE"}), want: []wantDiag{oneOfError(at+"operation", client.CorrelationOperations, "NE")}},
			{name: "EQ", set: pair(map[string]any{"operation": "EQ"})},
		}},
		{on: "attribute_assignments[*].match_mode", cases: []ruleCase{
			{name: "lower case", set: pair(map[string]any{"match_mode": "start"}), want: []wantDiag{oneOfError(at+"match_mode", client.CorrelationMatchModes, "start")}},
			{name: "END", set: pair(map[string]any{"match_mode": "END"})},
		}},
		{on: "attribute_assignments[*].filter_string", cases: []ruleCase{
			{name: "blank", set: pair(map[string]any{"filter_string": ""}), want: []wantDiag{blankAt(at+"filter_string", "")}},
		}},
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "a pair twice", set: listOf("attribute_assignments",
				map[string]any{"identity_attribute": "uid", "account_attribute": "id"},
				map[string]any{"identity_attribute": "email", "account_attribute": "mail"},
				map[string]any{"identity_attribute": "uid", "account_attribute": "id", "ignore_case": true}),
				want: []wantDiag{errAt("attribute_assignments[2]", "Duplicate correlation pair",
					`attribute_assignments[0] and attribute_assignments[2] both pair identity attribute "uid" with account attribute "id"; remove one of them.`)}},
			{name: "one attribute in two pairs", set: listOf("attribute_assignments",
				map[string]any{"identity_attribute": "uid", "account_attribute": "id"},
				map[string]any{"identity_attribute": "uid", "account_attribute": "login"})},
			{name: "no pairs", set: map[string]any{"attribute_assignments": []any{}}},
		}},
		{on: "ImportState", cases: importCases("sailpoint_source_correlation_config", "SOURCE_ID", oneID("SOURCE_ID"))},
	}}
}

func nativeChangeRules() ruleTable {
	base := map[string]any{"source_id": "s1"}
	return ruleTable{kind: kindResource, typeName: "sailpoint_source_native_change_detection_config", base: base, rules: []rule{
		nonEmpty("source_id", map[string]any{"source_id": ""}),
		{on: "operations", cases: []ruleCase{
			{name: "unknown operation", set: map[string]any{"operations": []any{"ACCOUNT_MOVED"}},
				want: []wantDiag{oneOfError(`operations[Value("ACCOUNT_MOVED")]`, client.NativeChangeOperations, "ACCOUNT_MOVED")}},
			{name: "every operation", set: map[string]any{"operations": []any{"ACCOUNT_UPDATED", "ACCOUNT_CREATED", "ACCOUNT_DELETED"}}},
		}},
		{on: "selected_entitlements", cases: []ruleCase{
			{name: "blank", set: map[string]any{"selected_entitlements": []any{" "}}, want: []wantDiag{blankAt(`selected_entitlements[Value(" ")]`, " ")}},
		}},
		{on: "selected_non_entitlement_attributes", cases: []ruleCase{
			{name: "blank", set: map[string]any{"selected_non_entitlement_attributes": []any{""}},
				want: []wantDiag{blankAt(`selected_non_entitlement_attributes[Value("")]`, "")}},
		}},
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "entitlements selected beside all", set: map[string]any{"all_entitlements": true, "selected_entitlements": []any{"memberOf"}},
				want: []wantDiag{errAt("selected_entitlements", "Selection beside all_entitlements",
					"all_entitlements = true counts every attribute of the kind, so ISC would ignore selected_entitlements: remove selected_entitlements, or set all_entitlements = false.")}},
			{name: "attributes selected beside all", set: map[string]any{"all_non_entitlement_attributes": true, "selected_non_entitlement_attributes": []any{"lastName"}},
				want: []wantDiag{errAt("selected_non_entitlement_attributes", "Selection beside all_non_entitlement_attributes",
					"all_non_entitlement_attributes = true counts every attribute of the kind, so ISC would ignore selected_non_entitlement_attributes: "+
						"remove selected_non_entitlement_attributes, or set all_non_entitlement_attributes = false.")}},
			{name: "enabled without operations", set: map[string]any{"enabled": true},
				want: []wantDiag{errAt("operations", "Native change detection without operations",
					`An enabled native change detection config with no operations detects nothing: list the operations to detect, such as ["ACCOUNT_UPDATED"], or set enabled = false.`)}},
			{name: "enabled with unknown operations", set: map[string]any{"enabled": true, "operations": unknown}},
			{name: "selected with all unset", set: map[string]any{"selected_entitlements": []any{"memberOf"}, "selected_non_entitlement_attributes": unknown, "all_non_entitlement_attributes": true}},
		}},
		{on: "ImportState", cases: importCases("sailpoint_source_native_change_detection_config", "SOURCE_ID", oneID("SOURCE_ID"))},
	}}
}

func attrSyncRules() ruleTable {
	base := map[string]any{"source_id": "s1", "enabled_attributes": []any{"uid"}}
	// A delimited-file source, whose CREATE policy ISC maps from uid and displayName.
	source := func(t *testing.T, c *client.Client) tenantSetup {
		src := tenantSource(t, c, "HR")
		return tenantSetup{set: map[string]any{"source_id": src.ID}, ids: map[string]string{"source": src.ID}}
	}
	return ruleTable{kind: kindResource, typeName: "sailpoint_source_attribute_sync_config", base: base, rules: []rule{
		nonEmpty("source_id", map[string]any{"source_id": ""}),
		{on: "enabled_attributes", cases: []ruleCase{
			{name: "blank", set: map[string]any{"enabled_attributes": []any{" "}}, want: []wantDiag{blankAt(`enabled_attributes[Value(" ")]`, " ")}},
			{name: "none", set: map[string]any{"enabled_attributes": []any{}}},
		}},
		{on: "ModifyPlan", cases: []ruleCase{
			{name: "an attribute the CREATE policy does not map", op: opPlan, tenant: source, set: map[string]any{"enabled_attributes": []any{"uid", "email"}},
				want: []wantDiag{errAt("enabled_attributes", "Identity attribute not synchronizable",
					"ISC cannot synchronize email to source {source}: it syncs only the identity attributes that the source's CREATE provisioning "+
						"policy maps directly to an account attribute, and for this source those are: uid (to id), displayName (to name). Map the "+
						"attribute in the CREATE policy (sailpoint_source_provisioning_policy) first, or remove it from enabled_attributes.")}},
			{name: "attributes the CREATE policy maps", op: opPlan, tenant: source, set: map[string]any{"enabled_attributes": []any{"uid", "displayName"}}},
			{name: "a source made in the same apply", op: opPlan, tenant: source, set: map[string]any{"source_id": unknown, "enabled_attributes": []any{"email"}}},
		}},
		{on: "ImportState", cases: importCases("sailpoint_source_attribute_sync_config", "SOURCE_ID", oneID("SOURCE_ID"))},
	}}
}

func entitlementRequestRules() ruleTable {
	base := map[string]any{"source_id": "s1"}
	steps := listOf
	step := func(typ string, id any) map[string]any {
		s := map[string]any{"approver_type": typ}
		if id != nil {
			s["approver_id"] = id
		}
		return s
	}
	duration := func(value any, unit string) map[string]any {
		return map[string]any{"max_permitted_access_duration": map[string]any{"value": value, "time_unit": unit}}
	}
	return ruleTable{kind: kindResource, typeName: "sailpoint_source_entitlement_request_config", base: base, rules: []rule{
		nonEmpty("source_id", map[string]any{"source_id": ""}),
		{on: "approval_schemes[*].approver_type", cases: []ruleCase{
			{name: "an access profile's type", set: steps("approval_schemes", step("OWNER", nil)),
				want: []wantDiag{oneOfError("approval_schemes[0].approver_type", client.EntitlementApproverTypes, "OWNER")}},
		}},
		{on: "approval_schemes[*].approver_id", cases: []ruleCase{
			{name: "blank", set: steps("approval_schemes", step("GOVERNANCE_GROUP", "")), want: []wantDiag{blankAt("approval_schemes[0].approver_id", "")}},
		}},
		{on: "revocation_approval_schemes[*].approver_type", cases: []ruleCase{
			{name: "lower case", set: steps("revocation_approval_schemes", step("manager", nil)),
				want: []wantDiag{oneOfError("revocation_approval_schemes[0].approver_type", client.EntitlementApproverTypes, "manager")}},
		}},
		{on: "revocation_approval_schemes[*].approver_id", cases: []ruleCase{
			{name: "blank", set: steps("revocation_approval_schemes", step("WORKFLOW", " ")), want: []wantDiag{blankAt("revocation_approval_schemes[0].approver_id", " ")}},
		}},
		{on: "max_permitted_access_duration.value", cases: []ruleCase{
			{name: "zero", set: duration(0, "DAYS"), want: []wantDiag{errAt("max_permitted_access_duration.value", outOfRange,
				fmt.Sprintf("Attribute max_permitted_access_duration.value value must be between 1 and %d, got: 0", 1<<31-1))}},
			{name: "unknown", set: duration(unknown, "DAYS")},
		}},
		{on: "max_permitted_access_duration.time_unit", cases: []ruleCase{
			{name: "YEARS", set: duration(1, "YEARS"), want: []wantDiag{oneOfError("max_permitted_access_duration.time_unit", client.AccessDurationUnits, "YEARS")}},
		}},
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "governance group without its id", set: steps("approval_schemes", step("GOVERNANCE_GROUP", nil)),
				want: []wantDiag{errAt("approval_schemes[0].approver_id", "Missing approver ID",
					"approval_schemes[0] has approver_type GOVERNANCE_GROUP, which names its approver: set approver_id to the governance group's ID.")}},
			{name: "manager with an id", set: steps("revocation_approval_schemes", step("SOURCE_OWNER", nil), step("MANAGER", "g1")),
				want: []wantDiag{errAt("revocation_approval_schemes[1].approver_id", "Approver ID not used",
					"revocation_approval_schemes[1] has approver_type MANAGER, for which ISC ignores approver_id: remove it, or use GOVERNANCE_GROUP or WORKFLOW.")}},
			{name: "workflow beside another step", set: steps("approval_schemes", step("WORKFLOW", "w1"), step("MANAGER", nil)),
				want: []wantDiag{errAt("approval_schemes[0]", "Workflow beside other approvals",
					"approval_schemes[0] is a WORKFLOW approval, which ISC allows only alone: remove the other 1 step(s), or the workflow.")}},
			{name: "workflow alone", set: steps("approval_schemes", step("WORKFLOW", "w1"))},
			{name: "governance group of unknown id", set: steps("approval_schemes", step("GOVERNANCE_GROUP", unknown))},
		}},
		{on: "ModifyPlan", cases: []ruleCase{
			{name: "a governance group that does not exist", op: opPlan, set: steps("approval_schemes", step("MANAGER", nil), step("GOVERNANCE_GROUP", "nope")),
				tenant: func(*testing.T, *client.Client) tenantSetup { return tenantSetup{} },
				want: []wantDiag{errAt("approval_schemes[1].approver_id", "No such governance group",
					`approval_schemes[1] names governance group "nope", which ISC does not have: use the ID of a governance group, such as sailpoint_governance_group.NAME.id.`)}},
			{name: "a governance group", op: opPlan, tenant: func(t *testing.T, c *client.Client) tenantSetup {
				g, err := c.CreateGovernanceGroup(context.Background(), &client.GovernanceGroup{Name: "Approvers"})
				must(t, err)
				return tenantSetup{set: steps("revocation_approval_schemes", step("GOVERNANCE_GROUP", g.ID))}
			}},
		}},
		{on: "ImportState", cases: importCases("sailpoint_source_entitlement_request_config", "SOURCE_ID", oneID("SOURCE_ID"))},
	}}
}

func sourceObjectsRules() ruleTable {
	base := map[string]any{"source_id": "s1"}
	return ruleTable{kind: kindDataSource, typeName: "sailpoint_source_objects", base: base, rules: []rule{
		{on: "source_id", cases: []ruleCase{{name: "blank", set: map[string]any{"source_id": " "}, want: []wantDiag{blankAt("source_id", " ")}}}},
		{on: "object_type", cases: []ruleCase{
			{name: "empty", set: map[string]any{"object_type": ""}, want: []wantDiag{blankAt("object_type", "")}},
			{name: "a connector's own type", set: map[string]any{"object_type": "resource"}},
		}},
		{on: "max_count", cases: []ruleCase{
			{name: "zero", set: map[string]any{"max_count": 0}, want: []wantDiag{errAt("max_count", outOfRange, "Attribute max_count value must be between 1 and 250, got: 0")}},
			{name: "above the cap", set: map[string]any{"max_count": 251}, want: []wantDiag{errAt("max_count", outOfRange, "Attribute max_count value must be between 1 and 250, got: 251")}},
			{name: "the cap", set: map[string]any{"max_count": 250}},
		}},
		{on: "attributes", cases: []ruleCase{
			{name: "blank", set: map[string]any{"attributes": []any{""}}, want: []wantDiag{blankAt(`attributes[Value("")]`, "")}},
		}},
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "a password", set: map[string]any{"attributes": []any{"mail", "password"}}, want: []wantDiag{errAt("attributes", "Secret attribute requested",
				`"password" names a secret, which sailpoint_source_objects never returns, since data source results are stored in plain text in the Terraform state: remove it from attributes.`)}},
			{name: "no secret", set: map[string]any{"attributes": []any{"mail", "displayName"}}},
			{name: "unknown", set: map[string]any{"attributes": []any{unknown}}},
		}},
	}}
}

func sourceConfigRules() ruleTable {
	return ruleTable{kind: kindDataSource, typeName: "sailpoint_source_config", base: map[string]any{"source_id": "s1"}, rules: []rule{
		{on: "source_id", cases: []ruleCase{{name: "blank", set: map[string]any{"source_id": ""}, want: []wantDiag{blankAt("source_id", "")}}}},
	}}
}
