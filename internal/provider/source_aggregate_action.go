package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// defaultAggregateTimeout bounds an aggregation unless the action's timeouts block says otherwise.
const defaultAggregateTimeout = 30 * time.Minute

var _ action.ActionWithConfigure = (*sourceAggregateAction)(nil)

// NewSourceAggregateAction is the sailpoint_source_aggregate action.
func NewSourceAggregateAction() action.Action {
	return &sourceAggregateAction{actionKit{
		actionClientHolder: actionClientHolder{suffix: "_source_aggregate"},
		does: "Aggregates a source: ISC loads its accounts (and, with `entitlements`, then its entitlements) " +
			"in a task, which the action follows until it completes, reporting its progress. A task that ISC ends in error fails the action with ISC's messages.",
		triggerHint: "such as after a change of a source's connector attributes",
		timeout:     defaultAggregateTimeout, waitsFor: "the aggregation",
		attributes: map[string]schema.Attribute{
			"source_id": objectIDAttribute("The id of the source to aggregate."),
			"entitlements": schema.BoolAttribute{
				MarkdownDescription: "Whether to aggregate the source's entitlements too, once its accounts are aggregated. Default `false`. " +
					"ISC lets only user tokens (a personal access token) aggregate entitlements.",
				Optional: true,
			},
			"accounts_csv": schema.StringAttribute{
				MarkdownDescription: "The accounts of a delimited-file source, as CSV with a header line, such as `file(\"accounts.csv\")`. " +
					"ISC needs them for such a source and none for a source with a direct connection.",
				Optional:   true,
				Validators: []validator.String{validate.NotBlank()},
			},
			"disable_optimization": schema.BoolAttribute{
				MarkdownDescription: "Whether ISC reprocesses every account, changed or not, as after a change of the source's correlation. Default `false`.",
				Optional:            true,
			},
		},
	}}
}

type sourceAggregateAction struct {
	actionKit
}

type sourceAggregateModel struct {
	SourceID            types.String `tfsdk:"source_id"`
	Entitlements        types.Bool   `tfsdk:"entitlements"`
	AccountsCSV         types.String `tfsdk:"accounts_csv"`
	DisableOptimization types.Bool   `tfsdk:"disable_optimization"`
	actionTimeouts
}

func (a *sourceAggregateAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m sourceAggregateModel
	ctx, cancel, ok := a.start(ctx, req, resp, &m)
	defer cancel()
	if !ok {
		return
	}
	id := m.SourceID.ValueString()
	agg := client.AccountAggregation{DisableOptimization: m.DisableOptimization.ValueBool()}
	if !m.AccountsCSV.IsNull() {
		agg.CSV = []byte(m.AccountsCSV.ValueString())
	}
	task, err := a.client.LoadAccounts(ctx, id, agg)
	if err != nil {
		addAPIError(&resp.Diagnostics, "aggregating the accounts of", "source "+id, err)
		return
	}
	what := "account aggregation of source " + id
	progress(resp, "Started the %s (task %s)", what, task.ID)
	a.awaitTask(ctx, resp, what, task.ID, m.invoke)
	if resp.Diagnostics.HasError() || !m.Entitlements.ValueBool() {
		return
	}
	ref, err := a.client.LoadEntitlements(ctx, id, nil)
	if err != nil {
		addAPIError(&resp.Diagnostics, "aggregating the entitlements of", "source "+id, err)
		return
	}
	what = "entitlement aggregation of source " + id
	progress(resp, "Started the %s (task %s)", what, ref.ID)
	a.awaitTask(ctx, resp, what, ref.ID, m.invoke)
}
