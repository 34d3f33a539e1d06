package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

const (
	groupAddr        = "sailpoint_governance_group.test"
	membersAddr      = "sailpoint_governance_group_members.test"
	groupPatchRoute  = "PATCH /workgroups/{id}"
	membersAddRoute  = "POST /workgroups/{workgroupId}/members/bulk-add"
	membersDropRoute = "POST /workgroups/{workgroupId}/members/bulk-delete"
)

// groupConfig is a governance group owned by the test owner; description "" leaves it out.
func (e *accEnv) groupConfig(name, description string) string {
	desc := ""
	if description != "" {
		desc = fmt.Sprintf("  description = %q\n", description)
	}
	return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_governance_group" "test" {
  name  = %q
  owner = { id = %q }
%s}
`, name, e.ownerID, desc)
}

func groupID(s *terraform.State) string { return s.RootModule().Resources[groupAddr].Primary.ID }

func TestAccGovernanceGroup_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.groupConfig(name, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\S+$`))),
					statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("owner").AtMapKey("name"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("description"), knownvalue.Null()),
				},
				// ISC holds the group, its owner's name filled in.
				Check: func(s *terraform.State) error {
					g, err := e.client.GetGovernanceGroup(background, groupID(s))
					if err == nil && (g.Name != name || g.Owner == nil || g.Owner.ID != e.ownerID || g.Owner.Name == "") {
						err = fmt.Errorf("ISC holds %+v", g)
					}
					return err
				},
			},
			{ResourceName: groupAddr, ImportState: true, ImportStateVerify: true},
			{
				// A description and a new name change in place, in one patch of just those two.
				PreConfig: e.clearLog,
				Config:    e.groupConfig(name+"-2", "Approves database access"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionUpdate)},
				},
				Check: e.expectPatch(t, groupPatchRoute,
					fmt.Sprintf(`[{"op":"add","path":"/description","value":"Approves database access"},{"op":"replace","path":"/name","value":%q}]`, name+"-2")),
			},
			{
				// Leaving the description out removes it.
				Config: e.groupConfig(name+"-2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("description"), knownvalue.Null()),
				},
			},
		},
	})
}

func TestAccGovernanceGroup_disappears(t *testing.T) {
	e := newAccEnv(t)
	tc := disappears(e.groupConfig(uniqueShortName(t), "gone soon"), func(s *terraform.State) error {
		return e.client.DeleteGovernanceGroup(background, groupID(s))
	}, []string{groupAddr})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccGovernanceGroup_drift(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	tc := e.drift(e.groupConfig(name, "Approvers"),
		func(s *terraform.State) error {
			g, err := e.client.GetGovernanceGroup(background, groupID(s))
			if err != nil {
				return err
			}
			to := *g
			to.Description = "Changed in the UI"
			_, err = e.client.PatchGovernanceGroup(background, g.ID, g, &to)
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(groupAddr, tfjsonpath.New("description"), knownvalue.StringExact("Approvers")),
		},
		e.expectPatch(t, groupPatchRoute, `[{"op":"replace","path":"/description","value":"Approvers"}]`))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// The data source finds a governance group by id and by exact name.
func TestAccGovernanceGroupDataSource_lookups(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	config := e.groupConfig(name, "Looked up") + `
data "sailpoint_governance_group" "by_id" {
  id = sailpoint_governance_group.test.id
}

data "sailpoint_governance_group" "by_name" {
  name = sailpoint_governance_group.test.name
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.sailpoint_governance_group.by_id", tfjsonpath.New("name"), groupAddr, tfjsonpath.New("name"), compare.ValuesSame()),
					statecheck.CompareValuePairs("data.sailpoint_governance_group.by_name", tfjsonpath.New("id"), groupAddr, tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.sailpoint_governance_group.by_name", tfjsonpath.New("description"), knownvalue.StringExact("Looked up")),
					statecheck.ExpectKnownValue("data.sailpoint_governance_group.by_name", tfjsonpath.New("owner").AtMapKey("id"), knownvalue.StringExact(e.ownerID)),
				},
			},
			{
				Config:      config + fmt.Sprintf("\ndata \"sailpoint_governance_group\" \"missing\" {\n  name = %q\n}\n", strings.ToUpper(name)),
				ExpectError: regexp.MustCompile(`(?s)SailPoint governance group not found.*Similar\s+names:\s+"` + regexp.QuoteMeta(name) + `"`),
			},
		},
	})
}

// membersConfig is the test group with the first n identities ISC lists as members, plus extra
// identity ids.
func (e *accEnv) membersConfig(name string, n int, extra ...string) string {
	ids := fmt.Sprintf("slice(data.sailpoint_identities.some.identities[*].id, 0, %d)", n)
	if len(extra) > 0 {
		ids = fmt.Sprintf("concat(%s, %q)", ids, extra)
		ids = strings.ReplaceAll(ids, `" "`, `", "`)
	}
	return e.groupConfig(name, "") + fmt.Sprintf(`
data "sailpoint_identities" "some" {
  max_results = 4
}

resource "sailpoint_governance_group_members" "test" {
  governance_group_id = sailpoint_governance_group.test.id
  identity_ids        = %s
}
`, ids)
}

// membersOf reads the member ids of the test group.
func (e *accEnv) membersOf(s *terraform.State) ([]string, error) {
	members, err := e.client.GovernanceGroupMembers(background, groupID(s))
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = m.ID
	}
	return ids, err
}

func expectMemberCount(e *accEnv, want int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		ids, err := e.membersOf(s)
		if err == nil && len(ids) != want {
			err = fmt.Errorf("the group has %d members, want %d", len(ids), want)
		}
		return err
	}
}

func TestAccGovernanceGroupMembers_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.membersConfig(name, 2),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(membersAddr, tfjsonpath.New("identity_ids"), knownvalue.SetSizeExact(2)),
					statecheck.CompareValuePairs(membersAddr, tfjsonpath.New("id"), groupAddr, tfjsonpath.New("id"), compare.ValuesSame()),
				},
				Check: expectMemberCount(e, 2),
			},
			{ResourceName: membersAddr, ImportState: true, ImportStateVerify: true},
			{
				// One more member is one add of just that identity.
				PreConfig: e.clearLog,
				Config:    e.membersConfig(name, 3),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(membersAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(expectMemberCount(e, 3), e.requestCount(membersAddRoute, 1), e.requestCount(membersDropRoute, 0)),
			},
			{
				// Fewer members: one remove.
				PreConfig: e.clearLog,
				Config:    e.membersConfig(name, 1),
				Check:     resource.ComposeTestCheckFunc(expectMemberCount(e, 1), e.requestCount(membersAddRoute, 0), e.requestCount(membersDropRoute, 1)),
			},
			{
				// Another group replaces the resource.
				Config: strings.Replace(e.membersConfig(name, 1), `resource "sailpoint_governance_group_members"`, `
resource "sailpoint_governance_group" "other" {
  name  = "`+name+`-other"
  owner = { id = "`+e.ownerID+`" }
}

resource "sailpoint_governance_group_members"`, 1) + "\n",
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(membersAddr, plancheck.ResourceActionNoop)},
				},
			},
		},
	})
}

func TestAccGovernanceGroupMembers_disappears(t *testing.T) {
	e := newAccEnv(t)
	tc := disappears(e.membersConfig(uniqueShortName(t), 2), func(s *terraform.State) error {
		return e.client.DeleteGovernanceGroup(background, groupID(s))
	}, []string{groupAddr, membersAddr})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// A member added behind Terraform's back shows in the plan, which removes it.
func TestAccGovernanceGroupMembers_drift(t *testing.T) {
	e := newAccEnv(t)
	tc := e.drift(e.membersConfig(uniqueShortName(t), 1),
		func(s *terraform.State) error {
			ids, err := e.membersOf(s)
			if err != nil {
				return err
			}
			all, _, err := e.client.ListIdentities(background, client.IdentityListOptions{ListOptions: client.ListOptions{Max: 3}})
			if err != nil {
				return err
			}
			_, err = e.client.SetGovernanceGroupMembers(background, groupID(s), append(ids, all[2].ID))
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(membersAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(membersAddr, tfjsonpath.New("identity_ids"), knownvalue.SetSizeExact(1)),
		},
		resource.ComposeTestCheckFunc(expectMemberCount(e, 1), e.requestCount(membersDropRoute, 1)))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// A change ISC makes for some identities only fails, naming each identity that failed, and the
// state holds the members the group has: the next plan shows the rest again.
func TestAccGovernanceGroupMembers_partialChange(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t)
	name := uniqueShortName(t)
	const ghost = "0123456789abcdef0123456789abcdef"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.membersConfig(name, 1)},
			{
				Config:      e.membersConfig(name, 2, ghost),
				ExpectError: regexp.MustCompile(`(?s)ISC did not add 1 of the members of governance group.*identity ` + ghost + `: 404`),
			},
			{
				Config: e.membersConfig(name, 2, ghost),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(membersAddr, plancheck.ResourceActionUpdate),
						// The identity that went through is in the state: only the ghost is planned.
						plancheck.ExpectKnownValue(membersAddr, tfjsonpath.New("identity_ids"), knownvalue.SetSizeExact(3)),
					},
				},
				Check:       expectMemberCount(e, 2),
				ExpectError: regexp.MustCompile(`identity ` + ghost + `: 404`),
			},
		},
	})
}

// membersLeft is checkDestroy's read of a members resource: not found once the group has none
// of the identities the state held (or is gone).
func (e *accEnv) membersLeft(a map[string]string) error {
	members, err := e.client.GovernanceGroupMembers(background, a["governance_group_id"])
	if err != nil {
		return err
	}
	for k, v := range a {
		if !strings.HasPrefix(k, "identity_ids.") || k == "identity_ids.#" {
			continue
		}
		for _, m := range members {
			if m.ID == v {
				return nil
			}
		}
	}
	return &client.Error{StatusCode: 404, Messages: []string{"none of the members is left"}}
}
