package provider

import (
	"fmt"
	"os"
	"regexp"
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
