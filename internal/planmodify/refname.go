// Package planmodify holds plan modifiers that are pure logic: they read the plan and the state
// and nothing else.
package planmodify

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// RefName plans the name of an object reference ({id, name}). A reference is identified by its
// id, and its name is informational: while the id stays the same, the plan keeps the state's name
// (ISC's, as the last refresh read it), whatever the configuration says, so a name never shows
// as a change. A configured name that differs from it is a warning, not an update. Terraform
// accepts a planned value equal to the prior state's in place of a configured one.
func RefName() planmodifier.String { return refName{} }

// RefNameSummary is the summary of the warning about a configured name that is not ISC's.
const RefNameSummary = "Reference name differs from ISC's"

type refName struct{}

func (refName) Description(context.Context) string {
	return "Keeps the referenced object's name from the state while its id is unchanged; a configured name that differs is a warning."
}

func (m refName) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (refName) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.StateValue.IsNull() || req.StateValue.IsUnknown() {
		return
	}
	idPath := req.Path.ParentPath().AtName("id")
	var planID, stateID types.String
	if d := req.Plan.GetAttribute(ctx, idPath, &planID); d.HasError() {
		return
	}
	if d := req.State.GetAttribute(ctx, idPath, &stateID); d.HasError() {
		return
	}
	if planID.IsUnknown() || !planID.Equal(stateID) {
		// Another object: its name is the configuration's, or ISC's after apply.
		return
	}
	resp.PlanValue = req.StateValue
	if cfg := req.ConfigValue; !cfg.IsNull() && !cfg.IsUnknown() && cfg.ValueString() != req.StateValue.ValueString() {
		resp.Diagnostics.AddAttributeWarning(req.Path, RefNameSummary, fmt.Sprintf(
			"%s is %q in the configuration, but ISC names the object of id %q %q. The reference is by id and its name is "+
				"only informational, so the plan keeps ISC's name and changes nothing. Remove %s from the configuration, "+
				"or set it to %q.", req.Path, cfg.ValueString(), stateID.ValueString(), req.StateValue.ValueString(), req.Path,
			req.StateValue.ValueString()))
	}
}
