package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// actionsConfig has a reachable source and one whose host cannot be reached (the emulator's
// .invalid hosts), an identity profile, and an action of each type on them; nothing triggers
// the actions, so only -invoke runs them.
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
		{"sailpoint_source_aggregate", "crm", "source_id"}, {"sailpoint_source_aggregate", "broken", "source_id"},
		{"sailpoint_source_test_connection", "crm", "source_id"}, {"sailpoint_source_test_connection", "broken", "source_id"},
		{"sailpoint_identity_profile_process", "crm", "identity_profile_id"},
	} {
		object := "sailpoint_source." + a[1]
		if a[2] == "identity_profile_id" {
			object = "sailpoint_identity_profile." + a[1]
		}
		fmt.Fprintf(&b, "\naction %q %q {\n  config {\n    %s = %s.id\n  }\n}\n", a[0], a[1], a[2], object)
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
	invoke := func(action string, code int, route string, want ...string) {
		t.Helper()
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

	if _, _, code := tf.run("plan", "-detailed-exitcode"); code != 0 {
		t.Errorf("plan after the actions: exit code %d, want 0 (no changes)", code)
	}
}
