package planmodify

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// DerivedFrom plans a computed value that ISC derives from the attributes at paths: the state's
// value while none of them changes, unknown (ISC's after apply) when one does. Unlike
// UseStateForUnknown, an update that changes what the value depends on shows it as known after
// apply, and any other update leaves it out of the plan. The paths must be configured values
// (or defaults): every attribute's modifiers see the plan before any modifier ran, where a
// computed value is still unknown.
func DerivedFrom(paths ...path.Path) planmodifier.Bool { return derivedFrom{paths: paths} }

type derivedFrom struct{ paths []path.Path }

func (m derivedFrom) Description(context.Context) string {
	names := make([]string, len(m.paths))
	for i, p := range m.paths {
		names[i] = p.String()
	}
	return "Keeps the state's value unless " + strings.Join(names, " or ") + " changes."
}

func (m derivedFrom) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m derivedFrom) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if !req.PlanValue.IsUnknown() || req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.StateValue.IsNull() {
		return
	}
	for _, p := range m.paths {
		var planned, prior attr.Value
		if req.Plan.GetAttribute(ctx, p, &planned).HasError() || req.State.GetAttribute(ctx, p, &prior).HasError() {
			return
		}
		if planned == nil || prior == nil || !planned.Equal(prior) {
			return
		}
	}
	resp.PlanValue = req.StateValue
}
