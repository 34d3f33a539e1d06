package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

var _ action.ActionWithConfigure = (*identityProfileProcessAction)(nil)

// NewIdentityProfileProcessAction is the sailpoint_identity_profile_process action.
func NewIdentityProfileProcessAction() action.Action {
	return &identityProfileProcessAction{actionKit{
		actionClientHolder: actionClientHolder{suffix: "_identity_profile_process"},
		does: "Processes (refreshes) the identities of an identity profile: ISC recomputes their attributes from the profile's mappings, " +
			"their managers, and their access from their lifecycle states and role criteria. ISC starts the processing and returns no task to follow, " +
			"so the action ends once ISC has accepted it; the identities are processed in the background. ISC advises processing only a profile " +
			"whose `identity_refresh_required` is true, such as after a change of its attribute mappings or lifecycle states, and not as a schedule of your own " +
			"(ISC processes every identity twice a day).",
		attributes: map[string]schema.Attribute{
			"identity_profile_id": objectIDAttribute("The id of the identity profile whose identities to process."),
		},
	}}
}

type identityProfileProcessAction struct {
	actionKit
}

type identityProfileProcessModel struct {
	IdentityProfileID types.String `tfsdk:"identity_profile_id"`
}

func (a *identityProfileProcessAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m identityProfileProcessModel
	ctx, cancel, ok := a.start(ctx, req, resp, &m)
	defer cancel()
	if !ok {
		return
	}
	id := m.IdentityProfileID.ValueString()
	profile, err := a.client.GetIdentityProfile(ctx, id)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("identity_profile_id"), "SailPoint identity profile not found",
			"ISC has no identity profile "+id+": check identity_profile_id, such as sailpoint_identity_profile.NAME.id.")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "reading", "identity profile "+id, err)
		return
	}
	if !profile.IdentityRefreshRequired {
		progress(resp, "ISC says identity profile %q (%s) needs no refresh; processing its identities all the same", profile.Name, id)
	}
	if err := a.client.ProcessIdentityProfile(ctx, id); err != nil {
		addAPIError(&resp.Diagnostics, "processing the identities of", "identity profile "+id, err)
		return
	}
	progress(resp, "ISC started processing the identities of identity profile %q (%s); it goes on in the background, with no task to follow", profile.Name, id)
}
