package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

var _ action.ActionWithConfigure = (*identitySyncAttributesAction)(nil)

// NewIdentitySyncAttributesAction is the sailpoint_identity_sync_attributes action.
func NewIdentitySyncAttributesAction() action.Action {
	return &identitySyncAttributesAction{actionKit{
		actionClientHolder: actionClientHolder{suffix: "_identity_sync_attributes"},
		does: "Synchronizes an identity's attributes: ISC pushes the identity attributes that its sources' attribute sync configs enable " +
			"(`sailpoint_source_attribute_sync_config`) to the identity's accounts. ISC answers with a job whose status it never reports again, " +
			"so the action reports that status and ends; a job that ISC puts in error fails the action. ISC allows one synchronization per " +
			"identity every 10 seconds: the action waits out ISC's refusal of a faster one and sends it again. The operation is experimental in ISC.",
		triggerHint: "such as after a change of a source's attribute sync config",
		attributes: map[string]schema.Attribute{
			"identity_id": objectIDAttribute("The id of the identity whose attributes to synchronize."),
		},
	}}
}

type identitySyncAttributesAction struct {
	actionKit
}

type identitySyncAttributesModel struct {
	IdentityID types.String `tfsdk:"identity_id"`
}

func (a *identitySyncAttributesAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m identitySyncAttributesModel
	ctx, cancel, ok := a.start(ctx, req, resp, &m)
	defer cancel()
	if !ok {
		return
	}
	id := m.IdentityID.ValueString()
	progress(resp, "Synchronizing the attributes of identity %s", id)
	job, err := a.client.SynchronizeIdentityAttributes(ctx, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "synchronizing the attributes of", "identity "+id, err)
		return
	}
	// No operation reads the job later (trap 67): its first status is all there is to know.
	if job.Status == client.SyncJobError {
		resp.Diagnostics.AddAttributeError(path.Root("identity_id"), "SailPoint attribute synchronization failed", fmt.Sprintf(
			"ISC put the synchronization of the attributes of identity %s (job %s) in status %s and gives no reason. "+
				"Check the identity in ISC, such as its processing state and its accounts, then invoke the action again.", id, job.ID, job.Status))
		return
	}
	progress(resp, "ISC accepted the synchronization of the attributes of identity %s: job %s is %s; it goes on in the background, with no way to follow it", id, job.ID, job.Status)
}
