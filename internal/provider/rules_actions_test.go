package provider

import "fmt"

// The plan-time rules of the actions: their arguments' validators and config validators.

// actionTimeoutsRule is the rule of an action's timeouts block.
func actionTimeoutsRule() rule {
	return rule{on: "timeouts.invoke", cases: []ruleCase{
		{name: "not a duration", set: map[string]any{"timeouts": map[string]any{"invoke": "soon"}},
			want: []wantDiag{errAt("timeouts.invoke", badDuration, timeoutDuration)}},
		{name: "a duration", set: map[string]any{"timeouts": map[string]any{"invoke": "2h"}}},
	}}
}

// objectIDActionRules is the rule table of an action whose only argument names the object it
// works on.
func objectIDActionRules(typeName, attr string) ruleTable {
	return ruleTable{kind: kindAction, typeName: typeName, base: map[string]any{attr: "x1"}, rules: []rule{nameRule(attr, setAt(attr))}}
}

func sourceAggregateRules() ruleTable {
	return ruleTable{kind: kindAction, typeName: "sailpoint_source_aggregate", base: map[string]any{"source_id": "s1"}, rules: []rule{
		nameRule("source_id", setAt("source_id")),
		{on: "accounts_csv", cases: []ruleCase{{name: "empty", set: map[string]any{"accounts_csv": ""}, want: []wantDiag{blankAt("accounts_csv", "")}}}},
		actionTimeoutsRule(),
	}}
}

func identityProcessRules() ruleTable {
	exactlyOne := "Exactly one of these attributes must be configured: [identity_ids,filters]"
	byFilter := func(kv map[string]any) map[string]any {
		kv["identity_ids"], kv["filters"] = nil, `cloudStatus eq "ACTIVE"`
		return kv
	}
	needsFilter := func(attr string) wantDiag {
		return errAt(attr, badCombination, `Attribute "filters" must be specified when "`+attr+`" is specified`)
	}
	between := func(attr string, high, got int) wantDiag {
		return errAt(attr, outOfRange, fmt.Sprintf("Attribute %s value must be between 1 and %d, got: %d", attr, high, got))
	}
	return ruleTable{kind: kindAction, typeName: "sailpoint_identity_process", base: map[string]any{"identity_ids": []any{"i1"}}, rules: []rule{
		{on: "ConfigValidators", cases: []ruleCase{
			{name: "neither ids nor filter", set: map[string]any{"identity_ids": nil}, want: []wantDiag{errAt("", "Missing Attribute Configuration", exactlyOne)}},
			{name: "ids and filter", set: map[string]any{"filters": "name sw \"A\""}, want: []wantDiag{errAt("identity_ids", badCombination, exactlyOne)}},
			{name: "a filter", set: byFilter(map[string]any{})},
			{name: "unknown ids", set: map[string]any{"identity_ids": unknown}},
		}},
		{on: "identity_ids", cases: []ruleCase{
			{name: "none", set: map[string]any{"identity_ids": []any{}}, want: []wantDiag{errAt("identity_ids", outOfRange, "Attribute identity_ids set must contain at least 1 elements, got: 0")}},
			blankIDCase("identity_ids", setAt("identity_ids")),
			{name: "many", set: map[string]any{"identity_ids": []any{"i1", "i2", "i3"}}},
		}},
		{on: "filters", cases: []ruleCase{
			{name: "blank", set: map[string]any{"identity_ids": nil, "filters": " "}, want: []wantDiag{blankAt("filters", " ")}},
		}},
		{on: "include_uncorrelated", cases: []ruleCase{
			{name: "without a filter", set: map[string]any{"include_uncorrelated": true}, want: []wantDiag{needsFilter("include_uncorrelated")}},
			{name: "with a filter", set: byFilter(map[string]any{"include_uncorrelated": true})},
		}},
		{on: "max_identities", cases: []ruleCase{
			{name: "without a filter", set: map[string]any{"max_identities": 10}, want: []wantDiag{needsFilter("max_identities")}},
			{name: "zero", set: byFilter(map[string]any{"max_identities": 0}), want: []wantDiag{between("max_identities", maxMaxIdentities, 0)}},
			{name: "above the cap", set: byFilter(map[string]any{"max_identities": 10001}), want: []wantDiag{between("max_identities", maxMaxIdentities, 10001)}},
			{name: "the cap", set: byFilter(map[string]any{"max_identities": 10000})},
		}},
		{on: "batch_size", cases: []ruleCase{
			{name: "zero", set: map[string]any{"batch_size": 0}, want: []wantDiag{between("batch_size", 250, 0)}},
			{name: "above ISC's limit", set: map[string]any{"batch_size": 251}, want: []wantDiag{between("batch_size", 250, 251)}},
			{name: "ISC's limit", set: map[string]any{"batch_size": 250}},
		}},
		actionTimeoutsRule(),
	}}
}
