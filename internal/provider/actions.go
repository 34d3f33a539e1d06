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

// Configure implements action.ActionWithConfigure for the embedding action.
func (h *actionClientHolder) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	h.configure(req.ProviderData, &resp.Diagnostics)
}

// actionKit is what every action shares: its name and client, the frame of its documentation
// and, for an action that waits for ISC, its timeouts block. An action embeds one, filled in by
// its New function, so that the action itself is its attributes, its config model and Invoke.
type actionKit struct {
	actionClientHolder
	// does says what the action does; the documentation puts actionsNeed before it and how to
	// run it after.
	does string
	// triggerHint, when set, ends "Trigger it from a resource's lifecycle, ...", such as "such as
	// after a change of a source's connector attributes".
	triggerHint string
	attributes  map[string]schema.Attribute
	// timeout, when set, gives the action a timeouts block whose invoke timeout defaults to it;
	// waitsFor names what it bounds ("the aggregation"). The config model then embeds
	// actionTimeouts.
	timeout  time.Duration
	waitsFor string
}

// Schema implements action.Action for the embedding action.
func (k *actionKit) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	hint := ""
	if k.triggerHint != "" {
		hint = ", " + k.triggerHint
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("%s%s Trigger it from a resource's lifecycle%s, or run it with `terraform apply -invoke=action.%s%s.NAME`.",
			actionsNeed, k.does, hint, providerTypeName, k.suffix),
		Attributes: k.attributes,
	}
	if k.timeout > 0 {
		resp.Schema.Blocks = map[string]schema.Block{
			"timeouts": timeouts.BlockWithOpts(ctx, timeouts.Opts{InvokeDescription: fmt.Sprintf(
				"How long to wait for %s, such as `\"1h\"`; default `%q`. ISC goes on with a task the action stops waiting for.", k.waitsFor, shortDuration(k.timeout))}),
		}
	}
}

// actionTimeouts is the timeouts block of an action that waits, embedded in its config model.
type actionTimeouts struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	// invoke is the timeout in effect, which start reads from Timeouts.
	invoke time.Duration
}

func (t *actionTimeouts) timeouts() *actionTimeouts { return t }

// start reads an invoked action's config into model; false when that failed or the provider is
// not configured, which the diagnostics then say. When model embeds actionTimeouts, the context
// it returns ends with the invoke timeout; cancel (never nil) releases it.
func (k *actionKit) start(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse, model any) (_ context.Context, cancel context.CancelFunc, ok bool) {
	cancel = func() {}
	resp.Diagnostics.Append(req.Config.Get(ctx, model)...)
	if resp.Diagnostics.HasError() {
		return ctx, cancel, false
	}
	if k.client == nil {
		resp.Diagnostics.AddError("SailPoint provider not configured", "The action needs a configured sailpoint provider; this is a bug in the provider or Terraform.")
		return ctx, cancel, false
	}
	if m, timed := model.(interface{ timeouts() *actionTimeouts }); timed {
		t := m.timeouts()
		var diags diag.Diagnostics
		t.invoke, diags = t.Timeouts.Invoke(ctx, k.timeout)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return ctx, cancel, false
		}
		ctx, cancel = context.WithTimeout(ctx, t.invoke)
	}
	return ctx, cancel, true
}

// objectIDAttribute is the required argument naming the ISC object an action works on.
func objectIDAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Required: true, Validators: []validator.String{validate.NotBlank()}}
}

// progress reports a line of an action's progress to Terraform, which shows it as it comes.
func progress(resp *action.InvokeResponse, format string, args ...any) {
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
}

// awaitTask follows an ISC task of an action until it completes, reporting its progress as it
// changes. A failed task is an error with ISC's messages, a task that completed with warnings a
// warning with them; running out of time says which timeout it was and how to raise it.
func (k *actionKit) awaitTask(ctx context.Context, resp *action.InvokeResponse, what, taskID string, timeout time.Duration) {
	k.followTask(ctx, resp, what, taskID, timeout, false)
}

// followTask is awaitTask; with mayBeHidden, for a task that ISC may not serve at task-status
// (trap 68), a 404 there is no error: followTask then reports that the task cannot be followed
// and returns false.
func (k *actionKit) followTask(ctx context.Context, resp *action.InvokeResponse, what, taskID string, timeout time.Duration, mayBeHidden bool) (followed bool) {
	last, subject := "", strings.ToUpper(what[:1])+what[1:]
	st, err := k.client.WaitForTask(ctx, taskID, func(st *client.TaskStatus) {
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
	case mayBeHidden && errors.Is(err, client.ErrNotFound):
		progress(resp, "%s: ISC does not expose the progress of task %s; it goes on in the background", subject, taskID)
		return false
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
	return true
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
