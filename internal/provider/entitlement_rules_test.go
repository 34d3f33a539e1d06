package provider

import (
	"fmt"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// inVersion is the environment of a rule case whose provider speaks API version v.
func inVersion(v apiversion.Version) map[string]string {
	return map[string]string{envAPIVersion: string(v)}
}

// adopted configures a rule case's provider for an emulator (ModifyPlan needs a client) and plans
// an update of an adopted entitlement.
func adopted(*testing.T, *client.Client) tenantSetup {
	return tenantSetup{prior: map[string]any{"id": "e1", "source_id": "s1", "value": "payroll"}}
}

func entitlementRules() ruleTable {
	base := map[string]any{"source_id": "s1", "value": "payroll"}
	schemes := func(attr string, steps ...map[string]any) map[string]any {
		list := make([]any, len(steps))
		for i, s := range steps {
			list[i] = s
		}
		return map[string]any{attr: map[string]any{"approval_schemes": list}}
	}
	step := func(typ, id string) map[string]any {
		if id == "" {
			return map[string]any{"approver_type": typ}
		}
		return map[string]any{"approver_type": typ, "approver_id": id}
	}
	withoutID := func(at, typ, thing string) wantDiag {
		return errAt(at+".approver_id", "Approver without an ID",
			fmt.Sprintf("Approval step 1 is a %s, which ISC names by ID: set approver_id to the %s's ID.", typ, thing))
	}
	released := warnAt("", "The entitlement stays in ISC", `Destroying this sailpoint_entitlement releases entitlement "payroll" (id e1) of source s1: `+
		"Terraform stops managing it, and ISC keeps it as it is")
	return ruleTable{kind: kindResource, typeName: "sailpoint_entitlement", base: base, rules: []rule{
		nameRule("source_id", setAt("source_id")),
		nameRule("value", setAt("value")),
		{on: "owner.id", cases: []ruleCase{{name: "empty", set: map[string]any{"owner": map[string]any{"id": ""}}, want: []wantDiag{lengthError("owner.id")}}}},
		{on: "segments", cases: []ruleCase{
			{name: "blank id", set: map[string]any{"segments": []any{" "}}, want: []wantDiag{blankAt(`segments[Value(" ")]`, " ")}},
			{name: "none", set: map[string]any{"segments": []any{}}},
		}},
		{on: "privilege_level", cases: []ruleCase{
			{name: "lower case", set: map[string]any{"privilege_level": "high"}, want: []wantDiag{oneOfError("privilege_level", client.PrivilegeLevels, "high")}},
			{name: "none", set: map[string]any{"privilege_level": "NONE"}},
		}},
		{on: "access_request_config.approval_schemes[*].approver_type", cases: []ruleCase{
			{name: "an access profile's type", set: schemes("access_request_config", step("OWNER", "")),
				want: []wantDiag{oneOfError("access_request_config.approval_schemes[0].approver_type", client.EntitlementApproverTypes, "OWNER")}},
			{name: "entitlement owner", set: schemes("access_request_config", step("ENTITLEMENT_OWNER", ""))},
		}},
		{on: "access_request_config.approval_schemes[*].approver_id", cases: []ruleCase{
			{name: "blank", set: schemes("access_request_config", step("GOVERNANCE_GROUP", " ")),
				want: []wantDiag{blankAt("access_request_config.approval_schemes[0].approver_id", " ")}},
		}},
		{on: "revocation_request_config.approval_schemes[*].approver_type", cases: []ruleCase{
			{name: "lower case", set: schemes("revocation_request_config", step("manager", "")),
				want: []wantDiag{oneOfError("revocation_request_config.approval_schemes[0].approver_type", client.EntitlementApproverTypes, "manager")}},
		}},
		{on: "revocation_request_config.approval_schemes[*].approver_id", cases: []ruleCase{
			{name: "empty", set: schemes("revocation_request_config", step("WORKFLOW", "")),
				want: []wantDiag{withoutID("revocation_request_config.approval_schemes[0]", "WORKFLOW", "workflow")}},
			{name: "blank", set: schemes("revocation_request_config", step("WORKFLOW", "\t")),
				want: []wantDiag{blankAt("revocation_request_config.approval_schemes[0].approver_id", "\t")}},
		}},
		{on: "ValidateConfig", cases: []ruleCase{
			{name: "governance group without id", set: schemes("access_request_config", step("GOVERNANCE_GROUP", "")),
				want: []wantDiag{withoutID("access_request_config.approval_schemes[0]", "GOVERNANCE_GROUP", "governance group")}},
			{name: "manager with an id", set: schemes("access_request_config", step("MANAGER", "g1")),
				want: []wantDiag{errAt("access_request_config.approval_schemes[0].approver_id", "Approver ID ISC does not use",
					"Approval step 1 is a MANAGER, which ISC finds by itself: ISC uses approver_id only for GOVERNANCE_GROUP and WORKFLOW. "+
						"Remove approver_id, or change approver_type.")}},
			{name: "workflow beside a manager", set: schemes("revocation_request_config", step("MANAGER", ""), step("WORKFLOW", "w1")),
				want: []wantDiag{errAt("revocation_request_config.approval_schemes[1].approver_type", "Workflow beside other approval steps",
					"Approval step 2 is a WORKFLOW, and ISC runs a workflow only as the one approval step: keep the workflow alone, or remove it.")}},
			{name: "workflow alone", set: schemes("access_request_config", step("WORKFLOW", "w1"))},
			{name: "governance group and owners", set: schemes("access_request_config", step("ENTITLEMENT_OWNER", ""), step("GOVERNANCE_GROUP", "g1"))},
			{name: "unknown group id", set: schemes("access_request_config", map[string]any{"approver_type": "GOVERNANCE_GROUP", "approver_id": unknown})},
			{name: "unknown steps", set: map[string]any{"access_request_config": map[string]any{"approval_schemes": unknown}}},
		}},
		{on: "ModifyPlan", cases: []ruleCase{
			{name: "destroy releases", op: opDestroy, set: map[string]any{"id": "e1", "source_id": "s1", "value": "payroll"}, want: []wantDiag{released}},
			{name: "adopt", op: opPlan},
			{name: "another value", op: opPlan, tenant: func(*testing.T, *client.Client) tenantSetup {
				return tenantSetup{prior: map[string]any{"id": "e1", "source_id": "s1", "value": "payroll"}}
			}, set: map[string]any{"value": "benefits"}, want: []wantDiag{warnAt("", "The entitlement stays in ISC",
				`Adopting another entitlement in its place releases entitlement "payroll" (id e1) of source s1`)}},
			// Each API version has one privilege attribute (trap 46); the other fails the plan.
			{name: "privileged in v1", op: opPlan, env: inVersion(apiversion.V1), tenant: adopted, set: map[string]any{"privileged": true},
				want: []wantDiag{errHas("privileged", `privileged is not in ISC's v1 API`, `This configuration sets privileged, which ISC's API `+
					`does not have with api_version = "v1". ISC's per-resource API (api_version = "v1", the default) replaced the privileged `+
					`flag by privilege levels: set privilege_level instead`)}},
			{name: "privilege level in v1", op: opPlan, env: inVersion(apiversion.V1), tenant: adopted, set: map[string]any{"privilege_level": "LOW"}},
			{name: "privilege level in v2025", op: opPlan, env: inVersion(apiversion.V2025), tenant: adopted, set: map[string]any{"privilege_level": "HIGH"},
				want: []wantDiag{errHas("privilege_level", `privilege_level is not in ISC's v2025 API`, `This configuration sets privilege_level, `+
					`which ISC's API does not have with api_version = "v2025". ISC's v2025 API has no privilege levels, only the privileged `+
					`flag: set privileged (true or false) instead, or set api_version = "v1"`)}},
			{name: "privileged in v2025", op: opPlan, env: inVersion(apiversion.V2025), tenant: adopted, set: map[string]any{"privileged": false}},
			{name: "same entitlement", op: opPlan, tenant: func(*testing.T, *client.Client) tenantSetup {
				return tenantSetup{prior: map[string]any{"id": "e1", "source_id": "s1", "value": "payroll"}}
			}, set: map[string]any{"requestable": true}},
		}},
		{on: "ImportState", cases: importCases("sailpoint_entitlement", entitlementImportShape, map[string]string{
			"":      "the ID is empty",
			" e1":   "it starts or ends with a space",
			"s1/v ": "it starts or ends with a space",
			"s1/":   "SOURCE_ID and VALUE must both be set",
			"/v":    "SOURCE_ID and VALUE must both be set",
		})},
	}}
}

func entitlementDataSourceRules() ruleTable {
	return ruleTable{kind: kindDataSource, typeName: "sailpoint_entitlement", base: map[string]any{}, rules: []rule{
		{on: "ConfigValidators", cases: []ruleCase{
			{name: "none", set: map[string]any{}, want: []wantDiag{errAt("", "Missing Attribute Configuration",
				"Exactly one of these attributes must be configured: [id,source_id]")}},
			{name: "id and source", set: map[string]any{"id": "e1", "source_id": "s1", "value": "v"}, want: []wantDiag{
				errAt("id", badCombination, "Exactly one of these attributes must be configured: [id,source_id]")}},
			{name: "source without value", set: map[string]any{"source_id": "s1"}, want: []wantDiag{
				errAt("source_id", badCombination, "These attributes must be configured together: [source_id,value]")}},
			{name: "source and value", set: map[string]any{"source_id": "s1", "value": "v"}},
			{name: "unknown id", set: map[string]any{"id": unknown}},
		}},
		nameRule("id", setAt("id")),
		nameRule("source_id", func(v any) map[string]any { return map[string]any{"source_id": v, "value": "v"} }),
		nameRule("value", func(v any) map[string]any { return map[string]any{"source_id": "s1", "value": v} }),
	}}
}

func entitlementsDataSourceRules() ruleTable {
	return ruleTable{kind: kindDataSource, typeName: "sailpoint_entitlements", base: map[string]any{}, rules: []rule{
		nameRule("source_id", setAt("source_id")),
		nonEmpty("name_prefix", map[string]any{"name_prefix": ""}),
		nonEmpty("filters", map[string]any{"filters": ""}),
		{on: "max_results", cases: []ruleCase{
			{name: "zero", set: map[string]any{"max_results": 0}, want: []wantDiag{errAt("max_results", outOfRange, "Attribute max_results value must be between 1 and 10000, got: 0")}},
			{name: "too many", set: map[string]any{"max_results": 10001}, want: []wantDiag{errAt("max_results", outOfRange, "Attribute max_results value must be between 1 and 10000, got: 10001")}},
			{name: "one", set: map[string]any{"max_results": 1}},
		}},
	}}
}
