package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/provider"
)

// actionsConfig has a reachable source and one whose host cannot be reached (the emulator's
// .invalid hosts), an identity profile, and actions of each type on them and on fixture
// identities, one that works and one that fails where ISC can fail; nothing triggers the
// actions, so only -invoke runs them.
func actionsConfig() string {
	var b strings.Builder
	b.WriteString(providerConfig)
	for name, host := range map[string]string{"crm": "crm.example.com", "broken": "crm.example.invalid"} {
		fmt.Fprintf(&b, `
resource "sailpoint_source" %[1]q {
  name                 = %[1]q
  connector            = "web-services"
  owner                = { id = %[2]q }
  connector_attributes = jsonencode({ baseUrl = "https://%[3]s/api" })
}
`, name, emulator.AdminIdentityID, host)
	}
	b.WriteString(`
resource "sailpoint_identity_profile" "crm" {
  name                 = "CRM users"
  authoritative_source = { id = sailpoint_source.crm.id }
}
`)
	for _, a := range [][3]string{
		{"sailpoint_source_aggregate", "crm", "source_id = sailpoint_source.crm.id"},
		{"sailpoint_source_aggregate", "broken", "source_id = sailpoint_source.broken.id"},
		{"sailpoint_source_test_connection", "crm", "source_id = sailpoint_source.crm.id"},
		{"sailpoint_source_test_connection", "broken", "source_id = sailpoint_source.broken.id"},
		{"sailpoint_identity_profile_process", "crm", "identity_profile_id = sailpoint_identity_profile.crm.id"},
		// The fixture identities: 16 and 36 of 50 are disabled, 13 is in processing error.
		{"sailpoint_identity_process", "disabled", `filters = "cloudStatus eq \"DISABLED\""`},
		{"sailpoint_identity_process", "broken", fmt.Sprintf("identity_ids = [%q]", emulator.FixtureIdentityID(13))},
		{"sailpoint_identity_sync_attributes", "admin", fmt.Sprintf("identity_id = %q", emulator.AdminIdentityID)},
		{"sailpoint_identity_sync_attributes", "broken", fmt.Sprintf("identity_id = %q", emulator.FixtureIdentityID(13))},
	} {
		fmt.Fprintf(&b, "\naction %q %q {\n  config {\n    %s\n  }\n}\n", a[0], a[1], a[2])
	}
	return b.String()
}

// TestActionsInvoke runs each action with terraform apply -invoke, which plugin-testing has no
// step for, on Terraform >= 1.14: the output shows the progress each reports, each calls its
// ISC operation and changes nothing else, and the failures print ISC's message and fail the
// command. Afterwards the plan is empty: actions leave nothing in the state.
func TestActionsInvoke(t *testing.T) {
	tf := newTerraform(t, t.TempDir(), nil, func(c *emulator.Config) { c.AggregationDelay = 1500 * time.Millisecond })
	tf.useNewCLI()
	tf.write("main.tf", actionsConfig())
	tf.must("apply", "-auto-approve")

	// invoke runs one action and checks the command's exit code, that its output holds want, in
	// order, and that the only change it made in ISC was on route.
	invoked := map[string]bool{}
	invoke := func(action string, code int, route string, want ...string) {
		t.Helper()
		invoked[strings.SplitN(action, ".", 2)[0]] = true
		tf.emu.ClearRequests()
		stdout, stderr, got := tf.run("apply", "-auto-approve", "-invoke=action."+action)
		out := strings.Join(strings.Fields(stdout+stderr), " ") // Terraform wraps long lines
		if got != code {
			t.Fatalf("-invoke=action.%s: exit code %d, want %d\n%s", action, got, code, out)
		}
		rest := out
		for _, w := range want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Fatalf("-invoke=action.%s: the output lacks %q (after what came before)\n%s", action, w, out)
			}
			rest = rest[i+len(w):]
		}
		changes := tf.changes()
		if len(changes) != 1 || changes[0].Route != apiVersion.Route(route) {
			t.Errorf("-invoke=action.%s changed %v in ISC, want one %s", action, changes, route)
		}
	}
	invoke("sailpoint_source_aggregate.crm", 0, "POST /sources/{id}/load-accounts",
		"Started the account aggregation of source", "Account aggregation of source", "% complete",
		"Account aggregation of source", "SUCCESS", "Apply complete!")
	invoke("sailpoint_source_test_connection.crm", 0, "POST /sources/{sourceId}/connector/check-connection",
		"Testing the connection of source", `ISC connected to source "crm"`)
	invoke("sailpoint_identity_profile_process.crm", 0, "POST /identity-profiles/{id}/process-identities",
		`ISC started processing the identities of identity profile "CRM users"`, "with no task to follow")
	invoke("sailpoint_source_test_connection.broken", 1, "POST /sources/{sourceId}/connector/check-connection",
		"SailPoint source connection test failed", `ISC could not connect to source "broken"`,
		"Unable to connect to crm.example.invalid")
	invoke("sailpoint_source_aggregate.broken", 1, "POST /sources/{id}/load-accounts",
		"Started the account aggregation of source", "SailPoint task failed", "ended with ERROR: Unable to connect to crm.example.invalid")
	invoke("sailpoint_identity_process.disabled", 0, "POST /identities/process",
		`The filter "cloudStatus eq \"DISABLED\"" matches 2 identities`, "Started the processing of 2 identities (batch 1 of 1)",
		"Processing of 2 identities (batch 1 of 1):", "% complete", "Processing of 2 identities (batch 1 of 1): SUCCESS", "Apply complete!")
	// Whether ISC serves these tasks at task-status is unknown (trap 68): without it, the
	// processing is started and not followed.
	if err := tf.emu.InjectFault(emulator.Fault{Kind: "404", Route: apiVersion.Route("GET /task-status/{id}")}); err != nil {
		t.Fatal(err)
	}
	invoke("sailpoint_identity_process.disabled", 0, "POST /identities/process",
		"Started the processing of 2 identities (batch 1 of 1)", "ISC does not expose the progress of task", "Apply complete!")
	invoke("sailpoint_identity_process.broken", 1, "POST /identities/process",
		"Started the processing of 1 identity (batch 1 of 1)", "SailPoint task failed",
		"ended with ERROR: Unable to process identity", "the identity is in processing error")
	invoke("sailpoint_identity_sync_attributes.admin", 0, "POST /identities/{identityId}/synchronize-attributes",
		"Synchronizing the attributes of identity "+emulator.AdminIdentityID, "ISC accepted the synchronization", "is QUEUED", "Apply complete!")
	invoke("sailpoint_identity_sync_attributes.broken", 1, "POST /identities/{identityId}/synchronize-attributes",
		"SailPoint attribute synchronization failed", "in status ERROR")

	// Every action the provider offers is invoked above.
	for _, typ := range provider.ActionTypes() {
		if !invoked[typ.Name] {
			t.Errorf("the test does not invoke %s: add it to actionsConfig and invoke it", typ.Name)
		}
	}

	if _, _, code := tf.run("plan", "-detailed-exitcode"); code != 0 {
		t.Errorf("plan after the actions: exit code %d, want 0 (no changes)", code)
	}
}
