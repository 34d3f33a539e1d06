package provider

import (
	"encoding/json"
	"errors"
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
	roleAddr  = "sailpoint_role.test"
	rolePatch = "PATCH /roles/{id}"
)

// roleConfig is the test role, with extra HCL in its body, beside two disabled access profiles
// of src (payroll and benefits) and a governance group that approves requests.
func (e *accEnv) roleConfig(name string, src entitledSource, extra string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_governance_group" "approvers" {
  name  = "%[1]s approvers"
  owner = { id = %[2]q }
}

resource "sailpoint_access_profile" "payroll" {
  name   = "%[1]s payroll"
  owner  = { id = %[2]q }
  source = { id = %[3]q }
}

resource "sailpoint_access_profile" "benefits" {
  name   = "%[1]s benefits"
  owner  = { id = %[2]q }
  source = { id = %[3]q }
}

resource "sailpoint_role" "test" {
  name  = %[1]q
  owner = { id = %[2]q }
%[4]s}
`, name, e.ownerID, src.id, extra)
}

// roleCriteria is a STANDARD membership: department Finance, or both an HR account of team value
// and the title prefix.
func roleCriteria(sourceID, team string) string {
	return fmt.Sprintf(`  membership = {
    type = "STANDARD"
    criteria = {
      operation = "OR"
      children = [
        { operation = "EQUALS", key = { type = "IDENTITY", property = "attribute.department" }, string_value = "Finance" },
        {
          operation = "AND"
          children = [
            { operation = "EQUALS", key = { type = "ACCOUNT", property = "attribute.team", source_id = %q }, string_value = %q },
            { operation = "STARTS_WITH", key = { type = "IDENTITY", property = "attribute.title" }, string_value = "Clerk" },
          ]
        },
      ]
    }
  }
`, sourceID, team)
}

func roleID(s *terraform.State) string { return s.RootModule().Resources[roleAddr].Primary.ID }

func TestAccRole_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll", "benefits")
	first := `  description        = "Pay"
  access_profile_ids = [sailpoint_access_profile.payroll.id]
  entitlement_ids    = [` + fmt.Sprintf("%q", hr.entitlements["payroll"]) + `]
  requestable        = true
  access_request_config = {
    comments_required = true
    approval_schemes  = [{ approver_type = "OWNER" }, { approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.approvers.id }]
  }
` + roleCriteria(hr.id, "Payables")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.roleConfig(name, hr, first),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("dimensional"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("owner").AtMapKey("name"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("membership").AtMapKey("identity_ids"), knownvalue.Null()),
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("membership").AtMapKey("criteria").AtMapKey("children").AtSliceIndex(1).
						AtMapKey("children").AtSliceIndex(0).AtMapKey("key").AtMapKey("source_id"), knownvalue.StringExact(hr.id)),
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("revocation_request_config"), knownvalue.Null()),
				},
				// ISC holds the criteria and the approval steps as configured.
				Check: func(s *terraform.State) error {
					r, err := e.client.GetRole(background, roleID(s))
					if err != nil {
						return err
					}
					group := s.RootModule().Resources["sailpoint_governance_group.approvers"].Primary.ID
					if c := r.AccessRequestConfig; c == nil || len(c.ApprovalSchemes) != 2 || c.ApprovalSchemes[1].ApproverID != group {
						return fmt.Errorf("ISC holds the request config %+v", c)
					}
					if m := r.Membership; m == nil || m.Criteria == nil || len(m.Criteria.Children) != 2 || len(m.Criteria.Children[1].Children) != 2 ||
						*m.Criteria.Children[1].Children[0].StringValue != "Payables" {
						return fmt.Errorf("ISC holds the membership %+v", m)
					}
					return nil
				},
			},
			{ResourceName: roleAddr, ImportState: true, ImportStateVerify: true},
			{
				// Another access profile and criteria value: one patch of just that.
				PreConfig: e.clearLog,
				Config: e.roleConfig(name, hr, strings.Replace(strings.Replace(first, "Payables", "Receivables", 1),
					"[sailpoint_access_profile.payroll.id]", "[sailpoint_access_profile.payroll.id, sailpoint_access_profile.benefits.id]", 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(roleAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					if e.emu == nil {
						return nil
					}
					ops := e.patchOps(t, rolePatch)
					body, _ := json.Marshal(ops)
					if len(ops) != 2 || ops[0].Path != "/accessProfiles" || ops[1].Path != "/membership" || !strings.Contains(string(body), "Receivables") {
						return fmt.Errorf("the update sent %s", body)
					}
					return nil
				},
			},
			{
				// A list of identities instead of criteria, enabled, without the description and
				// the request config.
				PreConfig: e.clearLog,
				Config: e.roleConfig(name, hr, fmt.Sprintf(`  enabled            = true
  access_profile_ids = [sailpoint_access_profile.benefits.id]
  membership         = { type = "IDENTITY_LIST", identity_ids = [%q] }
`, e.ownerID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(roleAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("membership").AtMapKey("identity_ids"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(e.ownerID)})),
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("membership").AtMapKey("criteria"), knownvalue.Null()),
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("entitlement_ids"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("description"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(e.requestCount(rolePatch, 1), func(s *terraform.State) error {
					r, err := e.client.GetRole(background, roleID(s))
					if err != nil {
						return err
					}
					if r.Description != nil || r.AccessRequestConfig != nil && len(r.AccessRequestConfig.ApprovalSchemes) > 0 || !r.Enabled {
						return fmt.Errorf("ISC holds description %v, request config %+v, enabled %v", r.Description, r.AccessRequestConfig, r.Enabled)
					}
					return nil
				}),
			},
			{
				// A new dimensional flag replaces the role: ISC sets it on create only.
				Config: e.roleConfig(name, hr, "  dimensional = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(roleAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("dimensional"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(roleAddr, tfjsonpath.New("membership"), knownvalue.Null()),
				},
			},
		},
	})
}

func TestAccRole_disappears(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll")
	tc := disappears(e.roleConfig(name, hr, "  access_profile_ids = [sailpoint_access_profile.payroll.id]\n"), func(s *terraform.State) error {
		return e.client.DeleteRole(background, roleID(s))
	}, []string{roleAddr}, "sailpoint_access_profile.payroll", "sailpoint_governance_group.approvers")
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccRole_drift(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll", "benefits")
	config := e.roleConfig(name, hr, fmt.Sprintf("  entitlement_ids = [%q]\n", hr.entitlements["payroll"])+roleCriteria(hr.id, "Payables"))
	tc := e.drift(config,
		func(s *terraform.State) error {
			r, err := e.client.GetRole(background, roleID(s))
			if err != nil {
				return err
			}
			to := *r
			to.Entitlements = append(to.Entitlements, client.Reference{ID: hr.entitlements["benefits"]})
			to.Membership = &client.RoleMembership{Type: "IDENTITY_LIST", Identities: []client.RoleMembershipIdentity{{ID: e.ownerID}}}
			_, err = e.client.PatchRole(background, r.ID, r, &to)
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(roleAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(roleAddr, tfjsonpath.New("entitlement_ids"), knownvalue.SetSizeExact(1)),
			plancheck.ExpectKnownValue(roleAddr, tfjsonpath.New("membership").AtMapKey("type"), knownvalue.StringExact("STANDARD")),
		},
		func(s *terraform.State) error {
			if e.emu == nil {
				return nil
			}
			ops := e.patchOps(t, rolePatch)
			if len(ops) != 2 || ops[0].Path != "/entitlements" || ops[1].Path != "/membership" || !strings.Contains(string(ops[1].Value), "STANDARD") {
				body, _ := json.Marshal(ops)
				return fmt.Errorf("the update sent %s", body)
			}
			return nil
		})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// Plan-time membership rules stop a plan before anything is sent; ISC refuses the delete of an
// access profile a role grants, so Terraform's order (the role first) is the one that works.
func TestAccRole_membershipRules(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll")
	tooDeep := `  membership = {
    type = "STANDARD"
    criteria = {
      operation = "AND"
      children = [{ operation = "AND", children = [{ operation = "EQUALS", key = { type = "IDENTITY", property = "attribute.a" }, string_value = "x" }] }]
    }
  }
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.roleConfig(name, hr, tooDeep), PlanOnly: true, ExpectError: regexp.MustCompile(`AND and OR must alternate`)},
			{
				Config: e.roleConfig(name, hr, "  access_profile_ids = [sailpoint_access_profile.payroll.id]\n"),
				Check: func(s *terraform.State) error {
					ap := s.RootModule().Resources["sailpoint_access_profile.payroll"].Primary.ID
					err := e.client.DeleteAccessProfile(background, ap)
					var apiErr *client.Error
					switch {
					case err == nil:
						return errors.New("ISC deleted an access profile a role grants")
					case e.emu != nil && (!errors.As(err, &apiErr) || apiErr.StatusCode != 400 || !strings.Contains(err.Error(), name)):
						return fmt.Errorf("deleting an access profile a role grants: %w, want ISC's 400 naming the role", err)
					}
					return nil
				},
			},
		},
	})
}

// The data source finds a role by id and by exact name.
func TestAccRoleDataSource_lookups(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll")
	config := e.roleConfig(name, hr, "  access_profile_ids = [sailpoint_access_profile.payroll.id]\n"+roleCriteria(hr.id, "Payables")) + `
data "sailpoint_role" "by_id" {
  id = sailpoint_role.test.id
}

data "sailpoint_role" "by_name" {
  name = sailpoint_role.test.name
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.sailpoint_role.by_id", tfjsonpath.New("name"), roleAddr, tfjsonpath.New("name"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.sailpoint_role.by_name", tfjsonpath.New("id"), roleAddr, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.sailpoint_role.by_name", tfjsonpath.New("access_profile_ids"), roleAddr, tfjsonpath.New("access_profile_ids"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.sailpoint_role.by_id", tfjsonpath.New("membership"), roleAddr, tfjsonpath.New("membership"), compare.ValuesSame()),
			},
		}},
	})
}
