package provider

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/actionvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/boolvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// defaultProcessTimeout bounds the processing of all batches unless the timeouts block says
// otherwise.
const defaultProcessTimeout = 30 * time.Minute

var (
	_ action.ActionWithConfigure        = (*identityProcessAction)(nil)
	_ action.ActionWithConfigValidators = (*identityProcessAction)(nil)
)

// NewIdentityProcessAction is the sailpoint_identity_process action.
func NewIdentityProcessAction() action.Action {
	return &identityProcessAction{actionKit{
		actionClientHolder: actionClientHolder{suffix: "_identity_process"},
		does: "Processes (refreshes) identities, named by `identity_ids` or found by `filters`: ISC recalculates their attributes, lifecycle states, " +
			"managers and role assignments and provisions the access they lack. The action sends the identities in batches of at most 250, " +
			"ISC's limit, and follows the task of each batch until it completes, reporting its progress; a task that ISC ends in error fails " +
			"the action with ISC's messages, and the batches after it are not sent. When ISC does not let the task be read, the action says so " +
			"and ends once ISC has accepted the batches. ISC processes every identity twice a day and warns that this operation should not be " +
			"used to schedule your own identity processing or to perform system-wide identity refreshes: process the identities a change " +
			"concerns. The operation is experimental in ISC.",
		triggerHint: "such as after a change of the identity attributes that an identity profile maps",
		timeout:     defaultProcessTimeout, waitsFor: "the processing of every batch",
		attributes: map[string]schema.Attribute{
			"identity_ids": schema.SetAttribute{
				MarkdownDescription: "The ids of the identities to process. Exactly one of `identity_ids` and `filters` is set.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(validate.NotBlank())},
			},
			"filters": schema.StringAttribute{
				MarkdownDescription: "Processes the identities that match this filter, which the action lists first. " + identityFilterSyntax + " " + userTokensOnly,
				Optional:            true,
				Validators:          []validator.String{validate.NotBlank()},
			},
			"include_uncorrelated": schema.BoolAttribute{
				MarkdownDescription: "With `filters`: " + includeUncorrelatedDescription + " Default `false`, so the filter processes the identities ISC lists by default.",
				Optional:            true,
				Validators:          []validator.Bool{boolvalidator.AlsoRequires(path.MatchRoot("filters"))},
			},
			"max_identities": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("With `filters`: the most identities the filter may match, from 1 to %d; default %d. "+
					"A filter that matches more fails the action before anything is processed, so that a filter cannot process the whole tenant by accident.",
					maxMaxIdentities, defaultMaxIdentities),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, maxMaxIdentities), int64validator.AlsoRequires(path.MatchRoot("filters"))},
			},
			"batch_size": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many identities each request to ISC names, from 1 to %[1]d; default %[1]d.", client.MaxProcessIdentities),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, client.MaxProcessIdentities)},
			},
		},
	}}
}

type identityProcessAction struct {
	actionKit
}

type identityProcessModel struct {
	IdentityIDs         types.Set    `tfsdk:"identity_ids"`
	Filters             types.String `tfsdk:"filters"`
	IncludeUncorrelated types.Bool   `tfsdk:"include_uncorrelated"`
	MaxIdentities       types.Int64  `tfsdk:"max_identities"`
	BatchSize           types.Int64  `tfsdk:"batch_size"`
	actionTimeouts
}

func (a *identityProcessAction) ConfigValidators(context.Context) []action.ConfigValidator {
	return []action.ConfigValidator{actionvalidator.ExactlyOneOf(path.MatchRoot("identity_ids"), path.MatchRoot("filters"))}
}

func (a *identityProcessAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m identityProcessModel
	ctx, cancel, ok := a.start(ctx, req, resp, &m)
	defer cancel()
	if !ok {
		return
	}
	ids := a.identities(ctx, resp, &m)
	if resp.Diagnostics.HasError() || len(ids) == 0 {
		return
	}
	size := client.MaxProcessIdentities
	if !m.BatchSize.IsNull() {
		size = int(m.BatchSize.ValueInt64())
	}
	batches := slices.Collect(slices.Chunk(ids, size))
	followed := true
	for n, batch := range batches {
		what := fmt.Sprintf("processing of %s (batch %d of %d)", identitiesText(len(batch)), n+1, len(batches))
		task, err := a.client.StartIdentityProcessing(ctx, batch)
		if err != nil {
			addAPIError(&resp.Diagnostics, "processing", fmt.Sprintf("identities (batch %d of %d)", n+1, len(batches)), err)
			return
		}
		progress(resp, "Started the %s: task %s", what, task.ID)
		// Once ISC has hidden one task, it hides the others: the batches are then only sent.
		if followed {
			followed = a.followTask(ctx, resp, what, task.ID, m.invoke, true)
		}
		if resp.Diagnostics.HasError() {
			return
		}
	}
}

// identities are the ids to process, sorted: those of identity_ids, or those the filter matches,
// at most max_identities of them.
func (a *identityProcessAction) identities(ctx context.Context, resp *action.InvokeResponse, m *identityProcessModel) []string {
	if !m.IdentityIDs.IsNull() {
		var ids []string
		resp.Diagnostics.Append(m.IdentityIDs.ElementsAs(ctx, &ids, false)...)
		slices.Sort(ids)
		return ids
	}
	limit := defaultMaxIdentities
	if !m.MaxIdentities.IsNull() {
		limit = int(m.MaxIdentities.ValueInt64())
	}
	filter := m.Filters.ValueString()
	// One more than the limit tells a match count above it when ISC sends no total.
	list, total, err := a.client.ListIdentities(ctx, client.IdentityListOptions{
		ListOptions:         client.ListOptions{Filters: filter, Max: limit + 1},
		IncludeUncorrelated: m.IncludeUncorrelated.ValueBool(),
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "listing", "identities", err)
		return nil
	}
	if n := max(total, len(list)); n > limit {
		resp.Diagnostics.AddAttributeError(path.Root("filters"), "Too many SailPoint identities to process", fmt.Sprintf(
			"The filter %q matches %d identities, more than max_identities (%d): nothing was processed. "+
				"Narrow the filter, or raise max_identities (at most %d) if processing them all is what you mean.", filter, n, limit, maxMaxIdentities))
		return nil
	}
	if len(list) == 0 {
		resp.Diagnostics.AddWarning("No SailPoint identities to process", fmt.Sprintf("The filter %q matches no identity: nothing was processed.", filter))
		return nil
	}
	ids := make([]string, len(list))
	for i, id := range list {
		ids[i] = id.ID
	}
	slices.Sort(ids)
	progress(resp, "The filter %q matches %s", filter, identitiesText(len(ids)))
	return ids
}

// identitiesText is "1 identity" or "n identities".
func identitiesText(n int) string {
	if n == 1 {
		return "1 identity"
	}
	return fmt.Sprintf("%d identities", n)
}
