package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// providerData is what the provider hands every resource and data source at configuration: the
// one client, and what the plans of the run share.
type providerData struct {
	client *client.Client
	run    *runState
}

// clientHolder is embedded by every resource and data source: it receives the provider's one
// client and run state at configuration time.
type clientHolder struct {
	client *client.Client
	run    *runState
}

func (h *clientHolder) configure(data any, diags *diag.Diagnostics) {
	if data == nil { // the provider is not configured yet, e.g. during validation
		return
	}
	d, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", data))
		return
	}
	h.client, h.run = d.client, d.run
}

// Configure implements resource.ResourceWithConfigure for the embedding resource.
func (h *clientHolder) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	h.configure(req.ProviderData, &resp.Diagnostics)
}

// dataSourceClientHolder is clientHolder for data sources: its Configure, taking the data
// source's request type, stands in for the resource one.
type dataSourceClientHolder struct {
	clientHolder
}

// Configure implements datasource.DataSourceWithConfigure for the embedding data source.
func (h *dataSourceClientHolder) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	h.configure(req.ProviderData, &resp.Diagnostics)
}

// serverValue is the state's value of an attribute ISC maintains on its own, such as a count, a
// health status or whether a profile uses a source: ISC's value got, except after an apply whose
// plan knew the value. Such a plan keeps the state's value, since the update does not change it,
// and Terraform requires an apply to return what it planned: the next refresh brings ISC's.
func serverValue[T attr.Value](got, planned T, applied bool) T {
	if applied && !planned.IsUnknown() {
		return planned
	}
	return got
}

// addAPIError reports a failed client call as "Error <action> SailPoint <thing>", or, when
// Terraform interrupted it, as "Interrupted while <action> SailPoint <thing>" with what to do next.
func addAPIError(diags *diag.Diagnostics, action, thing string, err error) {
	addInterruptibleError(diags, action, thing, err,
		"What finished before the interrupt is recorded in the Terraform state: run terraform plan to see what is left to do, then terraform apply.")
}

// addDeleteError reports a failed delete; a 404 means the object is gone already, which is what
// the delete wanted.
func addDeleteError(diags *diag.Diagnostics, thing string, err error) {
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		addAPIError(diags, "deleting", thing, err)
	}
}

// addCreateError reports a failed create. When its answer was lost and ISC holds an object of
// the same key that the create did not provably make, it gives the import block that brings that
// object under this resource, should it be the one meant; nothing of it is put in the state.
func addCreateError(diags *diag.Diagnostics, typeName, thing string, err error) {
	var notOurs *client.NotOursError
	if !errors.As(err, &notOurs) {
		addAPIError(diags, "creating", thing, err)
		return
	}
	diags.AddError("Error creating SailPoint "+thing, fmt.Sprintf("%s.\n\n"+
		"Whether ISC created the %s this resource asked for is not known, and the object found is someone else's as far as "+
		"the provider can tell: it is not in the Terraform state, and nothing was changed, deleted or tainted. "+
		"Run terraform plan to see what ISC holds. If the object found is in fact the one this resource means, import it "+
		"with this block in the configuration (NAME being this resource's name) and run terraform apply:\n\n"+
		"import {\n  to = %s.NAME\n  id = %q\n}\n\n"+
		"If it is not, change this resource so that it does not clash with that object before applying again.",
		err, thing, typeName, notOurs.ImportID))
}

func addInterruptibleError(diags *diag.Diagnostics, action, thing string, err error, next string) {
	if errors.Is(err, context.Canceled) {
		diags.AddError(fmt.Sprintf("Interrupted while %s SailPoint %s", action, thing), err.Error()+"\n\n"+next)
		return
	}
	diags.AddError(fmt.Sprintf("Error %s SailPoint %s", action, thing), err.Error())
}

// addDeleteWaitError reports an asynchronous delete that did not finish. When the wait ran out of
// time, it says which timeout bounded it and how to raise it.
func addDeleteWaitError(diags *diag.Diagnostics, thing string, err error, timeout time.Duration) {
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("%w (the timeout is %s; raise it with a timeouts block: timeouts { delete = \"60m\" })", err, timeout)
	}
	addInterruptibleError(diags, "waiting for the deletion of", thing, err,
		"The "+thing+" stays in the Terraform state until ISC has deleted it: run terraform destroy (or apply) again to wait for the deletion once more.")
}

// deleteAsync deletes an object that ISC removes in a background task: it asks for the delete,
// then waits for the object to be gone, all within the resource's delete timeout. A 404 on the
// delete means it is gone already.
func deleteAsync(ctx context.Context, diags *diag.Diagnostics, t timeouts.Value, fallback time.Duration, thing string,
	del func(context.Context) (*client.TaskRef, error), wait func(ctx context.Context, taskID string) error) {
	timeout, d := t.Delete(ctx, fallback)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	task, err := del(ctx)
	if errors.Is(err, client.ErrNotFound) {
		return
	}
	if err != nil {
		addAPIError(diags, "deleting", thing, err)
		return
	}
	if err := wait(ctx, task.ID); err != nil {
		addDeleteWaitError(diags, thing, err, timeout)
	}
}

// parseImportID splits an import ID of the given shape, e.g. "SOURCE_ID/USAGE_TYPE". The error
// says which part is wrong.
func parseImportID(id, shape string) ([]string, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("expected %s, got %q: %s", shape, id, fmt.Sprintf(format, args...))
	}
	want := strings.Split(shape, "/")
	parts := strings.Split(id, "/")
	switch {
	case id == "":
		return nil, fail("the ID is empty")
	case len(parts) != len(want) && len(want) == 1:
		return nil, fail("it must not contain \"/\"")
	case len(parts) != len(want):
		return nil, fail("it needs %d parts separated by \"/\", not %d", len(want), len(parts))
	}
	for i, p := range parts {
		switch {
		case p == "":
			return nil, fail("%s is empty", want[i])
		case strings.TrimSpace(p) != p:
			return nil, fail("%s %q starts or ends with a space", want[i], p)
		}
	}
	return parts, nil
}

// importLastOneOf is an objectKit importCheck: the import ID's last part, called name in its
// shape, must be one of allowed, as written (ISC's enums are case-sensitive).
func importLastOneOf(name string, allowed []string) func(parts []string) string {
	return func(parts []string) string {
		if slices.Contains(allowed, parts[len(parts)-1]) {
			return ""
		}
		return name + " must be one of " + strings.Join(allowed, ", ")
	}
}

// codeList formats values for a MarkdownDescription: `A`, `B`, `C`.
func codeList(values []string) string {
	return "`" + strings.Join(values, "`, `") + "`"
}
