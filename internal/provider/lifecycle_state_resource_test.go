package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

const (
	lifecycleStateAddr       = "sailpoint_lifecycle_state.test"
	lifecycleStatePatchRoute = "PATCH /identity-profiles/{identityProfileId}/lifecycle-states/{id}"
)

// lifecycleStateConfig is a profile on the hr source of profileSources and a lifecycle state of
// it with the given arguments.
func (e *accEnv) lifecycleStateConfig(name, args string) string {
	return e.profileConfig(name, "  authoritative_source = { id = sailpoint_source.hr.id }\n") + fmt.Sprintf(`
resource "sailpoint_lifecycle_state" "test" {
  identity_profile_id = sailpoint_identity_profile.test.id
%s
}
`, args)
}

// leave names a lifecycle state "Leave of absence", technical name "leave".
const leave = `
  name           = "Leave of absence"
  technical_name = "leave"
`

func lifecycleStateIDs(s *terraform.State) (profile, state string) {
	a := s.RootModule().Resources[lifecycleStateAddr].Primary.Attributes
	return a["identity_profile_id"], a["id"]
}

func TestAccLifecycleState_basic(t *testing.T) {
	// The delete outlasts the first check, which reads the state itself while ISC still has it.
	e := newAccEnv(t, withDeleteDelay(1500*time.Millisecond))
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.lifecycleStateConfig(name, leave+`
  description = "Away for a while"
  enabled     = true
  priority    = 20
  account_actions = [
    { action = "DISABLE", source_ids = [sailpoint_source.hr.id, sailpoint_source.ad.id] },
  ]
  access_profile_ids = ["2c9180835d191a86015d28455b4a2329"]
  email_notification_option = {
    notify_managers = true
  }
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(lifecycleStateAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{32}$`))),
					statecheck.ExpectKnownValue(lifecycleStateAddr, tfjsonpath.New("identity_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(lifecycleStateAddr, tfjsonpath.New("identity_state"), knownvalue.Null()),
					statecheck.ExpectKnownValue(lifecycleStateAddr, tfjsonpath.New("email_notification_option").AtMapKey("email_address_list"), knownvalue.SetExact(nil)),
					statecheck.ExpectKnownValue(lifecycleStateAddr, tfjsonpath.New("access_action_configuration").AtMapKey("remove_all_access_enabled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(lifecycleStateAddr, tfjsonpath.New("account_actions").AtSliceIndex(0).AtMapKey("exclude_source_ids"), knownvalue.Null()),
				},
			},
			{
				ResourceName:            lifecycleStateAddr,
				ImportState:             true,
				ImportStateIdFunc:       importID(lifecycleStateAddr, "identity_profile_id", "id"),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// The updatable fields change in place, each replaced whole; the order of a set is no change.
				PreConfig: e.clearLog,
				Config: e.lifecycleStateConfig(name, leave+`
  enabled  = false
  priority = 20
  account_actions = [
    { action = "DISABLE", source_ids = [sailpoint_source.ad.id, sailpoint_source.hr.id] },
    { action = "DELETE", all_sources = true, exclude_source_ids = [sailpoint_source.hr.id] },
  ]
  access_action_configuration = { remove_all_access_enabled = true }
  email_notification_option = {
    notify_managers = true
  }
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(lifecycleStateAddr, "enabled", "description", "account_actions",
						"access_profile_ids", "access_action_configuration")},
				},
				Check: resource.ComposeTestCheckFunc(
					e.requestCount(lifecycleStatePatchRoute, 1),
					e.expectPatch(t, lifecycleStatePatchRoute, `[
						{"op":"replace","path":"/enabled","value":false},
						{"op":"remove","path":"/description"},
						{"op":"replace","path":"/accountActions"},
						{"op":"replace","path":"/accessProfileIds","value":[]},
						{"op":"replace","path":"/accessActionConfiguration","value":{"removeAllAccessEnabled":true}}]`),
				),
			},
			{
				// A new name replaces the state: ISC does not patch it.
				Config: e.lifecycleStateConfig(name, `
  name           = "On leave"
  technical_name = "leave"
  priority       = 20
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(lifecycleStateAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
			{
				// So does a new technical name.
				Config: e.lifecycleStateConfig(name, `
  name           = "On leave"
  technical_name = "on_leave"
  priority       = 20
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(lifecycleStateAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(lifecycleStateAddr, tfjsonpath.New("account_actions"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func TestAccLifecycleState_disappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.lifecycleStateConfig(uniqueName(t), leave)
	tc := disappears(config, func(s *terraform.State) error {
		profile, state := lifecycleStateIDs(s)
		ref, err := e.client.DeleteLifecycleState(background, profile, state)
		if err != nil {
			return err
		}
		return e.client.WaitForLifecycleStateDeleted(background, profile, state, ref.ID)
	}, []string{lifecycleStateAddr}, profileAddr)
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccLifecycleState_drift(t *testing.T) {
	e := newAccEnv(t)
	config := e.lifecycleStateConfig(uniqueName(t), leave+`
  enabled  = true
  priority = 10
`)
	tc := e.drift(config,
		func(s *terraform.State) error {
			profile, state := lifecycleStateIDs(s)
			_, err := e.client.PatchLifecycleState(background, profile, state, client.Patch{
				{Op: "replace", Path: "/enabled", Value: []byte("false")},
				{Op: "replace", Path: "/priority", Value: []byte("30")},
			})
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(lifecycleStateAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(lifecycleStateAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
		},
		e.expectPatch(t, lifecycleStatePatchRoute, `[
			{"op":"replace","path":"/enabled","value":true},
			{"op":"replace","path":"/priority","value":10}]`))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// Deleting the identity profile deletes its states: the next plan creates both again.
func TestAccLifecycleState_profileDisappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.lifecycleStateConfig(uniqueName(t), leave)
	tc := disappears(config, func(s *terraform.State) error {
		id := profileID(s)
		task, err := e.client.DeleteIdentityProfile(background, id)
		if err != nil {
			return err
		}
		return e.client.WaitForIdentityProfileDeleted(background, id, task.ID)
	}, []string{lifecycleStateAddr, profileAddr})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// The data source lists a profile's states by priority, those without one last; a profile that
// does not exist is an error that says so.
func TestAccLifecycleStatesDataSource_list(t *testing.T) {
	e := newAccEnv(t)
	config := e.lifecycleStateConfig(uniqueName(t), leave+"  priority = 20\n") + `
resource "sailpoint_lifecycle_state" "active" {
  identity_profile_id = sailpoint_identity_profile.test.id
  name                = "Active"
  technical_name      = "active"
  enabled             = true
  account_actions     = [{ action = "ENABLE", all_sources = true }]
}

data "sailpoint_lifecycle_states" "all" {
  identity_profile_id = sailpoint_identity_profile.test.id
  depends_on          = [sailpoint_lifecycle_state.test, sailpoint_lifecycle_state.active]
}
`
	states := tfjsonpath.New("lifecycle_states")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.sailpoint_lifecycle_states.all", states, knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.sailpoint_lifecycle_states.all", states.AtSliceIndex(0).AtMapKey("technical_name"), knownvalue.StringExact("leave")),
					statecheck.ExpectKnownValue("data.sailpoint_lifecycle_states.all", states.AtSliceIndex(0).AtMapKey("priority"), knownvalue.Int64Exact(20)),
					statecheck.ExpectKnownValue("data.sailpoint_lifecycle_states.all", states.AtSliceIndex(1).AtMapKey("account_actions").AtSliceIndex(0).AtMapKey("all_sources"), knownvalue.Bool(true)),
				},
			},
			{
				Config:      config + "\ndata \"sailpoint_lifecycle_states\" \"none\" {\n  identity_profile_id = \"0123456789abcdef0123456789abcdef\"\n}\n",
				ExpectError: errorText(`There is no identity profile with id "0123456789abcdef0123456789abcdef" in ISC`),
			},
		},
	})
}
