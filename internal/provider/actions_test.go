package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// envTerraformNew names a Terraform CLI >= 1.14, for the tests of what older ones lack (make test
// and .ci/run set it to the build ../shared/tools/terraform/install.sh unpacks).
const envTerraformNew = "SAIL_TEST_TERRAFORM_NEW"

// needsTerraform114 runs the test on the Terraform that envTerraformNew names, when set, and
// returns the checks that skip it, saying so, on a CLI older than 1.14. The test may not run in
// parallel: the CLI's path is an environment variable of the whole test binary.
func needsTerraform114(t *testing.T) []tfversion.TerraformVersionCheck {
	t.Helper()
	if bin := os.Getenv(envTerraformNew); bin != "" {
		t.Setenv("TF_ACC_TERRAFORM_PATH", bin)
	}
	return []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}
}

// wrapped is a regular expression of an error as Terraform prints it: pattern, with each space
// matching any run of white space (Terraform wraps lines), across lines.
func wrapped(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// withAggregationDelay makes the emulator's account aggregations take d.
func withAggregationDelay(d time.Duration) accOption {
	return func(c *emulator.Config) { c.AggregationDelay = d }
}

// triggeredSourceConfig is a directory source at host whose creates and updates trigger the
// action of the given type, configured by config (HCL inside its config block).
func (e *accEnv) triggeredSourceConfig(name, host, actionType, config string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_source" "test" {
  name                 = %q
  connector            = "web-services"
  owner                = { id = %q }
  connector_attributes = jsonencode({ baseUrl = "https://%s/api" })

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.%s.test]
    }
  }
}

action %q "test" {
  config {
    source_id = sailpoint_source.test.id
%s
  }
}
`, name, e.ownerID, host, actionType, actionType, config)
}

// sourceEntitlementCount checks how many entitlements ISC holds for the test source.
func (e *accEnv) sourceEntitlementCount(want int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[sourceAddr].Primary.ID
		got, _, err := e.client.ListEntitlements(background, client.ListOptions{Filters: client.FilterEq("source.id", id)})
		if err != nil {
			return err
		}
		if len(got) != want {
			return fmt.Errorf("source %s has %d entitlements, want %d", id, len(got), want)
		}
		return nil
	}
}

// A source's create and a change of its connector attributes each aggregate it, accounts then
// entitlements, waiting for each task; once the host cannot be reached, the apply fails with the
// message of ISC's task.
func TestAccSourceAggregateAction_trigger(t *testing.T) {
	e := newAccEnv(t, withAggregationDelay(1500*time.Millisecond))
	e.requireEmulator(t)
	name := uniqueName(t)
	config := func(host string) string {
		return e.triggeredSourceConfig(name, host, "sailpoint_source_aggregate", "    entitlements = true")
	}
	aggregated := func(n int) resource.TestCheckFunc {
		return resource.ComposeTestCheckFunc(
			e.requestCount("POST /sources/{id}/load-accounts", n),
			e.requestCount("POST /sources/{sourceId}/load-entitlements", n),
			e.sourceEntitlementCount(5), // the emulator's fixture groups
			func(*terraform.State) error {
				// The aggregation took a while: the action polled its task until it completed.
				if polls := len(e.requests("GET /task-status/{id}")); polls < 2*n {
					return fmt.Errorf("%d task status polls, want at least %d", polls, 2*n)
				}
				return nil
			},
		)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   needsTerraform114(t),
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: config("hr.example.com"), Check: aggregated(1)},
			{PreConfig: e.clearLog, Config: config("hr2.example.com"), Check: aggregated(1)},
			{
				PreConfig:   e.clearLog,
				Config:      config("hr.example.invalid"),
				ExpectError: wrapped(`SailPoint task failed: ISC could not complete the account aggregation of source \S+: task \S+ ended with ERROR: Unable to connect to hr\.example\.invalid`),
			},
			// The source's change was applied before the action ran; nothing is left to do.
			{Config: config("hr.example.invalid"), PlanOnly: true},
		},
	})
}

// An aggregation that outlasts the action's timeout fails it, naming the timeout, the task to
// follow and how to wait longer.
func TestAccSourceAggregateAction_timeout(t *testing.T) {
	e := newAccEnv(t, withAggregationDelay(time.Hour))
	e.requireEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   needsTerraform114(t),
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{{
			Config: e.triggeredSourceConfig(uniqueName(t), "hr.example.com", "sailpoint_source_aggregate", `    timeouts {
      invoke = "3s"
    }`),
			ExpectError: wrapped(`Timed out waiting for a SailPoint task: The account aggregation of source \S+ did not complete within the timeout of 3s: ` +
				`gave up waiting for task \S+: context deadline exceeded; ISC may still be running it: follow it with GET /\S*task-status\S*.*timeouts \{ invoke = "6s" \}`),
		}},
	})
}

// A delimited-file source aggregates from the CSV the action sends; without one, ISC's task
// fails saying it needs one. (Each step names the source anew, which triggers the action again.)
func TestAccSourceAggregateAction_delimitedFile(t *testing.T) {
	e := newAccEnv(t, withAggregationDelay(-1))
	e.requireEmulator(t)
	config := func(csv string) string {
		return e.sourceConfig(uniqueName(t), `
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.sailpoint_source_aggregate.test]
    }
  }
`) + fmt.Sprintf(`
action "sailpoint_source_aggregate" "test" {
  config {
    source_id            = sailpoint_source.test.id
    disable_optimization = true
%s
  }
}
`, csv)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   needsTerraform114(t),
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config:      config(""),
				ExpectError: wrapped(`ended with ERROR: The source '\S+' is a delimited file source: send its accounts as a CSV file in the field 'file'\.\s`),
			},
			{
				PreConfig: e.clearLog,
				Config:    config(`    accounts_csv = "id,name\n1,Ada Lovelace\n"`),
				Check: func(*terraform.State) error {
					reqs := e.requests("POST /sources/{id}/load-accounts")
					if len(reqs) != 1 || !regexp.MustCompile(`(?s)name="disableOptimization"\r\n\r\ntrue.*filename="accounts.csv".*1,Ada Lovelace`).MatchString(reqs[0].Body) {
						return fmt.Errorf("load-accounts requests: %+v", reqs)
					}
					return nil
				},
			},
		},
	})
}

// A connection test that ISC reports failed, in a 200, fails the action with ISC's message; one
// that succeeds lets the apply through.
func TestAccSourceTestConnectionAction_trigger(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t)
	name := uniqueName(t)
	config := func(host string) string {
		return e.triggeredSourceConfig(name, host, "sailpoint_source_test_connection", "")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   needsTerraform114(t),
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: config("crm.example.com"), Check: e.requestCount("POST /sources/{sourceId}/connector/check-connection", 1)},
			{
				PreConfig: e.clearLog,
				Config:    config("crm.example.invalid"),
				ExpectError: wrapped(`SailPoint source connection test failed: ISC could not connect to source "\S+" \(\S+\): the test ended with FAILURE after \d+ ms: ` +
					`error: Unable to connect to crm\.example\.invalid.*Check the source's connector attributes and credentials`),
			},
		},
	})
}

// A change of an identity profile's attribute mappings triggers processing of its identities,
// which ISC accepts with no task to wait for.
func TestAccIdentityProfileProcessAction_trigger(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t)
	name := uniqueName(t)
	config := func(attribute string) string {
		return e.profileConfig(name, `
  authoritative_source = { id = sailpoint_source.hr.id }
`+emailTransform("hr", attribute)+`
  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.sailpoint_identity_profile_process.test]
    }
  }
`) + `
action "sailpoint_identity_profile_process" "test" {
  config {
    identity_profile_id = sailpoint_identity_profile.test.id
  }
}
`
	}
	process := "POST /identity-profiles/{id}/process-identities"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   needsTerraform114(t),
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: config("mail"), Check: e.requestCount(process, 0)},
			{PreConfig: e.clearLog, Config: config("email"), Check: e.requestCount(process, 1)},
		},
	})
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		3 * time.Second: "3s", 30 * time.Minute: "30m", time.Hour: "1h", 90 * time.Minute: "1h30m", 61 * time.Second: "1m1s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// triggeredIdentityConfig is a terraform_data resource whose creates and updates (a new input)
// trigger the named actions, then the action blocks of actions (HCL).
func (e *accEnv) triggeredIdentityConfig(input string, triggered []string, actions string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "terraform_data" "test" {
  input = %q

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [%s]
    }
  }
}
%s`, input, strings.Join(triggered, ", "), actions)
}

// processConfig triggers a sailpoint_identity_process action configured by config (HCL inside
// its config block).
func (e *accEnv) processConfig(step, config string) string {
	return e.triggeredIdentityConfig(step, []string{"action.sailpoint_identity_process.test"},
		"\naction \"sailpoint_identity_process\" \"test\" {\n  config {\n"+config+"\n  }\n}\n")
}

// processedBatches checks the identity batches the emulator was asked to process, in order.
func (e *accEnv) processedBatches(want ...[]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var got [][]string
		for _, r := range e.requests("POST /identities/process") {
			var body struct {
				IdentityIDs []string `json:"identityIds"`
			}
			if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
				return fmt.Errorf("process request %q: %w", r.Body, err)
			}
			got = append(got, body.IdentityIDs)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			return fmt.Errorf("processed the batches %v, want %v", got, want)
		}
		return nil
	}
}

// Identities named by id go in batches of batch_size, each task followed until it completes;
// a filter processes the identities it matches, the uncorrelated ones only on request, never
// more than max_identities; an identity ISC cannot process fails the action with ISC's message,
// and a task that ISC does not let be read ends the following, not the action.
func TestAccIdentityProcessAction_trigger(t *testing.T) {
	e := newAccEnv(t, withAggregationDelay(1500*time.Millisecond))
	e.requireEmulator(t)
	admin, first, second := emulator.AdminIdentityID, emulator.FixtureIdentityID(1), emulator.FixtureIdentityID(2)
	named := fmt.Sprintf("    identity_ids = [%q, %q, %q]\n    batch_size = 2", second, admin, first)
	sorted := slices.Sorted(slices.Values([]string{admin, first, second}))
	// The fixture identities are deterministic (emulator.FixtureIdentityID): of 50, 16 and 36 are
	// disabled, 9, 19, ... 49 uncorrelated and 13 and 38 in processing error.
	ids := func(is ...int) []string {
		out := make([]string, len(is))
		for k, i := range is {
			out[k] = emulator.FixtureIdentityID(i)
		}
		return slices.Sorted(slices.Values(out))
	}
	inError := "(" + emulator.FixtureIdentityID(13) + "|" + emulator.FixtureIdentityID(38) + ")"
	process := "POST /identities/process"
	notProcessed := func() {
		if n := len(e.requests(process)); n != 0 {
			t.Errorf("%d process requests, want none", n)
		}
		e.clearLog()
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   needsTerraform114(t),
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.processConfig("1", named),
				Check: resource.ComposeTestCheckFunc(
					e.processedBatches(sorted[:2], sorted[2:]),
					func(*terraform.State) error {
						// Each task took a while: the action polled it until it completed.
						if polls := len(e.requests("GET /task-status/{id}")); polls < 4 {
							return fmt.Errorf("%d task status polls, want at least 4", polls)
						}
						return nil
					},
				),
			},
			{PreConfig: e.clearLog, Config: e.processConfig("2", `    filters = "cloudStatus eq \"DISABLED\""`), Check: e.processedBatches(ids(16, 36))},
			{PreConfig: e.clearLog, Config: e.processConfig("3", `    filters = "cloudStatus eq \"UNREGISTERED\""`), Check: e.processedBatches()},
			{
				PreConfig: e.clearLog,
				Config:    e.processConfig("4", "    filters = \"cloudStatus eq \\\"UNREGISTERED\\\"\"\n    include_uncorrelated = true"),
				Check:     e.processedBatches(ids(9, 19, 29, 39, 49)),
			},
			{
				PreConfig: e.clearLog,
				Config:    e.processConfig("5", "    filters = \"correlated eq true\"\n    max_identities = 3"),
				ExpectError: wrapped(`Too many SailPoint identities to process.*The filter "correlated eq true" matches 45 identities, more than max_identities \(3\): ` +
					`nothing was processed`),
			},
			{
				PreConfig: notProcessed,
				Config:    e.processConfig("6", `    filters = "processingState eq \"ERROR\""`),
				ExpectError: wrapped(`SailPoint task failed: ISC could not complete the processing of 2 identities \(batch 1 of 1\): task \S+ ended with ERROR: ` +
					`Unable to process identity '[^']+' \(` + inError + `\): the identity is in processing error; Unable to process identity '[^']+' \(` + inError + `\)`),
			},
			{
				PreConfig: func() {
					e.clearLog()
					if err := e.emu.InjectFault(emulator.Fault{Kind: "404", Route: e.route("GET /task-status/{id}")}); err != nil {
						t.Fatal(err)
					}
				},
				Config: e.processConfig("7", named),
				Check: resource.ComposeTestCheckFunc(
					e.processedBatches(sorted[:2], sorted[2:]),
					// One try to follow the first task; the second is not followed.
					e.requestCount("GET /task-status/{id}", 1),
				),
			},
		},
	})
}

// The action synchronizes the identity's attributes; a second synchronization of the same
// identity within ISC's 10 seconds waits out the 429 and goes through; a job that ISC puts in
// error fails the action.
func TestAccIdentitySyncAttributesAction_trigger(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t)
	sync := func(label, id string) string {
		return fmt.Sprintf("\naction \"sailpoint_identity_sync_attributes\" %q {\n  config {\n    identity_id = %q\n  }\n}\n", label, id)
	}
	route := "POST /identities/{identityId}/synchronize-attributes"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   needsTerraform114(t),
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.triggeredIdentityConfig("1", []string{"action.sailpoint_identity_sync_attributes.a", "action.sailpoint_identity_sync_attributes.b"},
					sync("a", emulator.AdminIdentityID)+sync("b", emulator.AdminIdentityID)),
				Check: func(*terraform.State) error {
					var statuses []int
					for _, r := range e.requests(route) {
						if !strings.Contains(r.Path, emulator.AdminIdentityID) {
							return fmt.Errorf("synchronized %s", r.Path)
						}
						statuses = append(statuses, r.Status)
					}
					if want := []int{202, 429, 202}; !slices.Equal(statuses, want) {
						return fmt.Errorf("synchronize requests answered %v, want %v", statuses, want)
					}
					return nil
				},
			},
			{
				PreConfig: e.clearLog,
				Config:    e.triggeredIdentityConfig("2", []string{"action.sailpoint_identity_sync_attributes.a"}, sync("a", emulator.FixtureIdentityID(13))),
				ExpectError: wrapped(`SailPoint attribute synchronization failed.*ISC put the synchronization of the attributes of identity ` +
					emulator.FixtureIdentityID(13) + ` \(job \S+\) in status ERROR and gives no reason`),
			},
			{
				PreConfig:   e.clearLog,
				Config:      e.triggeredIdentityConfig("3", []string{"action.sailpoint_identity_sync_attributes.a"}, sync("a", "ffffffffffffffffffffffffffffffff")),
				ExpectError: wrapped(`Error synchronizing the attributes of SailPoint identity f{32}.*Identity with id 'f{32}' was not found`),
			},
		},
	})
}
