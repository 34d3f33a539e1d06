// Package planmodify holds plan modifiers that are pure logic: they read the plan and the state
// and nothing else.
package planmodify

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// RefNameUnchanged keeps the known name of an object reference ({id, name}) in the plan while
// its id stays the same, so an untouched reference does not show "(known after apply)".
func RefNameUnchanged() planmodifier.String { return refNameUnchanged{} }

type refNameUnchanged struct{}

func (refNameUnchanged) Description(context.Context) string {
	return "Keeps the referenced object's name while its id is unchanged."
}

func (m refNameUnchanged) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (refNameUnchanged) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.PlanValue.IsUnknown() || req.StateValue.IsNull() || req.State.Raw.IsNull() {
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
	if !planID.IsUnknown() && planID.Equal(stateID) {
		resp.PlanValue = req.StateValue
	}
}
