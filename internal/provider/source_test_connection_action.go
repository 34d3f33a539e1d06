package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

var _ action.ActionWithConfigure = (*sourceTestConnectionAction)(nil)

// NewSourceTestConnectionAction is the sailpoint_source_test_connection action.
func NewSourceTestConnectionAction() action.Action {
	return &sourceTestConnectionAction{actionKit{
		actionClientHolder: actionClientHolder{suffix: "_source_test_connection"},
		does: "Tests a source's connection: ISC connects to the source with its configured credentials. " +
			"A failed test, which ISC reports as a success of the request, fails the action with what ISC says went wrong.",
		triggerHint: "such as after a change of a source's connector attributes",
		attributes: map[string]schema.Attribute{
			"source_id": objectIDAttribute("The id of the source whose connection to test."),
		},
	}}
}

type sourceTestConnectionAction struct {
	actionKit
}

type sourceTestConnectionModel struct {
	SourceID types.String `tfsdk:"source_id"`
}

func (a *sourceTestConnectionAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m sourceTestConnectionModel
	ctx, cancel, ok := a.start(ctx, req, resp, &m)
	defer cancel()
	if !ok {
		return
	}
	id := m.SourceID.ValueString()
	progress(resp, "Testing the connection of source %s", id)
	st, err := a.client.CheckSourceConnection(ctx, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "testing the connection of", "source "+id, err)
		return
	}
	// ISC reports a failed test in a 200 (trap 51): the status says.
	if st.Status != client.ConnectionSuccess {
		resp.Diagnostics.AddAttributeError(path.Root("source_id"), "SailPoint source connection test failed", fmt.Sprintf(
			"ISC could not connect to source %q (%s): the test ended with %s after %d ms%s\n\nCheck the source's connector attributes and credentials, then invoke the action again.",
			st.Name, id, st.Status, st.ElapsedMillis, detailsText(st.Details)))
		return
	}
	progress(resp, "ISC connected to source %q (%s) in %d ms", st.Name, id, st.ElapsedMillis)
}

// detailsText renders what ISC said about a connection test, whose shape depends on the
// connector: ": key: value; ..." in key order, values other than strings as JSON.
func detailsText(details map[string]any) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(details)) {
		v, ok := details[k].(string)
		if !ok {
			b, _ := json.Marshal(details[k])
			v = string(b)
		}
		parts = append(parts, k+": "+v)
	}
	if len(parts) == 0 {
		return "."
	}
	return ": " + strings.Join(parts, "; ")
}
