package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// actionsNeed is what every action's documentation says first.
const actionsNeed = "Actions need Terraform 1.14 or later. "

// actionClientHolder is clientHolder for actions: its Configure, taking the action's request
// type, stands in for the resource one. It also names the action (suffix is its type name after
// the provider's, such as "_source_aggregate").
type actionClientHolder struct {
	clientHolder
	suffix string
}

// Metadata implements action.Action for the embedding action.
func (h *actionClientHolder) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + h.suffix
}

// start reads an invoked action's config into model; false when that failed or the provider is
// not configured, which the diagnostics then say.
func (h *actionClientHolder) start(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse, model any) bool {
	resp.Diagnostics.Append(req.Config.Get(ctx, model)...)
	if resp.Diagnostics.HasError() {
		return false
	}
	if h.client == nil {
		resp.Diagnostics.AddError("SailPoint provider not configured", "The action needs a configured sailpoint provider; this is a bug in the provider or Terraform.")
		return false
	}
	return true
}

// objectIDAttribute is the required argument naming the ISC object an action works on.
func objectIDAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Required: true, Validators: []validator.String{validate.NotBlank()}}
}

// Configure implements action.ActionWithConfigure for the embedding action.
func (h *actionClientHolder) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	h.configure(req.ProviderData, &resp.Diagnostics)
}

// progress reports a line of an action's progress to Terraform, which shows it as it comes.
func progress(resp *action.InvokeResponse, format string, args ...any) {
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
}

// invokeTimeout is the action's invoke timeout from its timeouts block, else fallback.
func invokeTimeout(ctx context.Context, t timeouts.Value, fallback time.Duration, diags *diag.Diagnostics) time.Duration {
	d, ds := t.Invoke(ctx, fallback)
	diags.Append(ds...)
	return d
}

// awaitTask follows an ISC task of an action until it completes, reporting its progress as it
// changes. A failed task is an error with ISC's messages, a task that completed with warnings a
// warning with them; running out of time says which timeout it was and how to raise it.
func (h *actionClientHolder) awaitTask(ctx context.Context, resp *action.InvokeResponse, what, taskID string, timeout time.Duration) {
	last, subject := "", strings.ToUpper(what[:1])+what[1:]
	st, err := h.client.WaitForTask(ctx, taskID, func(st *client.TaskStatus) {
		line := fmt.Sprintf("%s: %d%% complete", subject, st.PercentComplete)
		if st.CompletionStatus != nil {
			line = fmt.Sprintf("%s: %s", subject, *st.CompletionStatus)
		}
		if line != last {
			progress(resp, "%s", line)
			last = line
		}
	})
	var failed *client.TaskFailedError
	switch {
	case errors.As(err, &failed):
		resp.Diagnostics.AddError("SailPoint task failed", fmt.Sprintf("ISC could not complete the %s: %s", what, err))
	case errors.Is(err, context.DeadlineExceeded):
		resp.Diagnostics.AddError("Timed out waiting for a SailPoint task", fmt.Sprintf(
			"The %s did not complete within the timeout of %s: %s.\n\nRaise the timeout in the action's config, such as timeouts { invoke = %q }.",
			what, shortDuration(timeout), err, shortDuration(2*timeout)))
	case err != nil:
		addInterruptibleError(&resp.Diagnostics, "waiting for", "task "+taskID, err,
			"ISC goes on with the task: follow it in ISC before invoking the action again.")
	default:
		if warnings := st.MessagesOf("WARN"); len(warnings) > 0 {
			resp.Diagnostics.AddWarning("SailPoint task completed with warnings", fmt.Sprintf("The %s completed with warnings: %v", what, warnings))
		}
	}
}

// shortDuration writes d as a timeouts block takes it, without zero minutes or seconds: "1h", not
// "1h0m0s".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
