package provider

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

const (
	entitlementAddr      = "sailpoint_entitlement.test"
	entitlementPatch     = "PATCH /entitlements/{id}"
	entitlementConfigPut = "PUT /entitlements/{id}/entitlement-request-config"
)

// entitlementConfig adopts the entitlement of this value of src, with body as its arguments,
// beside a governance group that may approve its requests.
func (e *accEnv) entitlementConfig(name string, src entitledSource, value, body string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_governance_group" "approvers" {
  name  = "%[1]s approvers"
  owner = { id = %[2]q }
}

resource "sailpoint_entitlement" "test" {
  source_id = %[3]q
  value     = %[4]q
%[5]s}
`, name, e.ownerID, src.id, value, body)
}

// setEntitlement changes an entitlement in ISC behind Terraform's back.
func (e *accEnv) setEntitlement(id string, change func(*client.Entitlement)) error {
	got, err := e.client.GetEntitlement(background, id)
	if err != nil {
		return err
	}
	to := *got
	change(&to)
	_, err = e.client.PatchEntitlement(background, id, got, &to)
	return err
}

// markPrivileged makes en privileged as the environment's API version keeps it (trap 46): the
// flag in v2025, the direct level HIGH in v1.
func (e *accEnv) markPrivileged(en *client.Entitlement) {
	if e.version == apiversion.V2025 {
		en.Privileged = new(true)
		return
	}
	en.PrivilegeLevel = &client.PrivilegeLevel{Direct: "HIGH"}
}

func isPrivileged(en *client.Entitlement) bool {
	return (en.Privileged != nil && *en.Privileged) || (en.PrivilegeLevel != nil && en.PrivilegeLevel.Direct == "HIGH")
}

// expectPrivileged checks that the resource at addr holds a privileged entitlement in the
// attribute of the environment's API version, and null in the other.
func (e *accEnv) expectPrivileged(addr string) []statecheck.StateCheck {
	privileged, level := knownvalue.Check(knownvalue.Null()), knownvalue.Check(knownvalue.StringExact("HIGH"))
	if e.version == apiversion.V2025 {
		privileged, level = knownvalue.Bool(true), knownvalue.Null()
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("privileged"), privileged),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("privilege_level"), level),
	}
}

// Adopting patches what the configuration sets and keeps what ISC holds for the rest; the
// import takes both ID shapes; an update patches what changed; a new value adopts another
// entitlement and releases the first, which keeps its settings.
func TestAccEntitlement_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll", "benefits")
	payroll := hr.entitlements["payroll"]
	request := `  access_request_config = {
    comments_required = true
    approval_schemes  = [{ approver_type = "ENTITLEMENT_OWNER" }, { approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.approvers.id }]
  }
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				// The team that owned the entitlement before put it in a segment and marked it privileged.
				PreConfig: func() {
					if err := e.setEntitlement(payroll, func(en *client.Entitlement) { en.Segments = []string{"seg-hr"}; e.markPrivileged(en) }); err != nil {
						t.Fatal(err)
					}
					e.clearLog()
				},
				Config: e.entitlementConfig(name, hr, "payroll", "  description = \"Runs payroll\"\n  requestable = true\n"+request),
				ConfigStateChecks: append(e.expectPrivileged(entitlementAddr),
					statecheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("id"), knownvalue.StringExact(payroll)),
					statecheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("segments"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("seg-hr")})),
					statecheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("owner"), knownvalue.Null()),
					statecheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("revocation_request_config").AtMapKey("approval_schemes"), knownvalue.ListSizeExact(0)),
				),
				Check: resource.ComposeTestCheckFunc(
					// Only what the configuration sets, and the mark that keeps the description through aggregations.
					e.expectPatch(t, entitlementPatch, `[{"op":"replace","path":"/description","value":"Runs payroll"},`+
						`{"op":"replace","path":"/requestable","value":true},`+
						`{"op":"replace","path":"/manuallyUpdatedFields","value":{"DISPLAY_NAME":false,"DESCRIPTION":true}}]`),
					e.requestCount(entitlementConfigPut, 1),
					func(s *terraform.State) error {
						en, err := e.client.GetEntitlement(background, payroll)
						if err != nil {
							return err
						}
						if !slices.Equal(en.Segments, []string{"seg-hr"}) || !isPrivileged(en) || !en.Requestable {
							return fmt.Errorf("ISC holds %+v", en)
						}
						cfg, err := e.client.GetEntitlementRequestConfig(background, payroll)
						if err != nil {
							return err
						}
						group := s.RootModule().Resources["sailpoint_governance_group.approvers"].Primary.ID
						if a := cfg.AccessRequestConfig; a == nil || !a.RequestCommentRequired || len(a.ApprovalSchemes) != 2 || a.ApprovalSchemes[1].ApproverID != group {
							return fmt.Errorf("ISC holds the request config %+v", a)
						}
						return nil
					}),
			},
			{ResourceName: entitlementAddr, ImportState: true, ImportStateVerify: true},
			{ResourceName: entitlementAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importID(entitlementAddr, "source_id", "value")},
			{
				// A new description and an owner: one patch of just that. The request config left out keeps ISC's.
				PreConfig: e.clearLog,
				Config:    e.entitlementConfig(name, hr, "payroll", "  description = \"Pays people\"\n  requestable = true\n  owner = { id = \""+e.ownerID+"\" }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(entitlementAddr, "description", "owner")},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("access_request_config").AtMapKey("comments_required"), knownvalue.Bool(true)),
				},
				Check: resource.ComposeTestCheckFunc(
					e.expectPatch(t, entitlementPatch, `[{"op":"replace","path":"/description","value":"Pays people"},`+
						`{"op":"replace","path":"/owner","value":{"type":"IDENTITY","id":"`+e.ownerID+`"}}]`),
					e.requestCount(entitlementConfigPut, 0)),
			},
			{
				// Another value adopts another entitlement; the first stays as the resource left it.
				Config: e.entitlementConfig(name, hr, "benefits", "  requestable = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(entitlementAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("id"), knownvalue.StringExact(hr.entitlements["benefits"])),
				},
				Check: func(*terraform.State) error {
					en, err := e.client.GetEntitlement(background, payroll)
					if err != nil {
						return err
					}
					if en.Description == nil || *en.Description != "Pays people" || en.Owner == nil || !en.Requestable {
						return fmt.Errorf("the released entitlement is %+v", en)
					}
					return nil
				},
			},
		},
	})
}

// An entitlement that an aggregation no longer finds leaves the state; adopting it again fails,
// saying to aggregate, until an aggregation brings it back.
func TestAccEntitlement_disappears(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll", "benefits")
	config := e.entitlementConfig(name, hr, "payroll", "  requestable = true\n")
	tc := disappears(config, func(*terraform.State) error {
		_, err := e.client.LoadEntitlements(background, hr.id, []byte("value\nbenefits\n"))
		return err
	}, []string{entitlementAddr}, "sailpoint_governance_group.approvers")
	tc.Steps[1].ExpectError = regexp.MustCompile(`(?s)has no entitlement of value "payroll".*aggregate the source's\s+entitlements`)
	tc.Steps = append(tc.Steps, resource.TestStep{
		PreConfig: func() {
			if _, err := e.client.LoadEntitlements(background, hr.id, []byte("value\npayroll\nbenefits\n")); err != nil {
				t.Fatal(err)
			}
		},
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("requestable"), knownvalue.Bool(true)),
		},
	})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// A managed value changed in ISC shows in the plan and is patched back; an unmanaged one changes
// in the state only.
func TestAccEntitlement_drift(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll")
	payroll := hr.entitlements["payroll"]
	tc := e.drift(e.entitlementConfig(name, hr, "payroll", "  description = \"Runs payroll\"\n"),
		func(*terraform.State) error {
			return e.setEntitlement(payroll, func(en *client.Entitlement) {
				changed := "Changed by hand"
				en.Description, en.Requestable = &changed, true
			})
		},
		[]plancheck.PlanCheck{
			expectOnlyChanges(entitlementAddr, "description"),
			plancheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("requestable"), knownvalue.Bool(true)),
		},
		e.expectPatch(t, entitlementPatch, `[{"op":"replace","path":"/description","value":"Runs payroll"}]`))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// The data sources find an entitlement by id, by source and value, and in a list.
func TestAccEntitlementDataSource_lookups(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll", "benefits", "pensions")
	config := e.entitlementConfig(name, hr, "payroll", "  description = \"Runs payroll\"\n") + fmt.Sprintf(`
data "sailpoint_entitlement" "by_id" {
  id = sailpoint_entitlement.test.id
}

data "sailpoint_entitlement" "by_value" {
  source_id = %[1]q
  value     = "benefits"
}

data "sailpoint_entitlements" "all" {
  source_id = %[1]q
}

data "sailpoint_entitlements" "first" {
  source_id   = %[1]q
  max_results = 2
}

data "sailpoint_entitlements" "prefix" {
  source_id   = %[1]q
  name_prefix = "PEN"
}
`, hr.id)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.sailpoint_entitlement.by_id", tfjsonpath.New("description"), entitlementAddr, tfjsonpath.New("description"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.sailpoint_entitlement.by_id", tfjsonpath.New("value"), knownvalue.StringExact("payroll")),
					statecheck.ExpectKnownValue("data.sailpoint_entitlement.by_value", tfjsonpath.New("id"), knownvalue.StringExact(hr.entitlements["benefits"])),
					statecheck.ExpectKnownValue("data.sailpoint_entitlement.by_value", tfjsonpath.New("access_request_config").AtMapKey("approval_schemes"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue("data.sailpoint_entitlements.all", tfjsonpath.New("entitlements"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue("data.sailpoint_entitlements.all", tfjsonpath.New("entitlements").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("benefits")),
					statecheck.ExpectKnownValue("data.sailpoint_entitlements.all", tfjsonpath.New("truncated"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.sailpoint_entitlements.first", tfjsonpath.New("entitlements"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.sailpoint_entitlements.first", tfjsonpath.New("total"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue("data.sailpoint_entitlements.first", tfjsonpath.New("truncated"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.sailpoint_entitlements.prefix", tfjsonpath.New("entitlements"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(hr.entitlements["pensions"])})})),
				},
			},
			{
				Config:      config + "\ndata \"sailpoint_entitlement\" \"missing\" {\n  source_id = \"" + hr.id + "\"\n  value = \"Payroll\"\n}\n",
				ExpectError: errorText(`has no entitlement of value "Payroll"`),
			},
		},
	})
}

// checkReleased is the CheckDestroy of an adopted type: destroy releases the objects, so each one
// the state held is still in ISC, unless its source went with the destroy.
func (e *accEnv) checkReleased(s *terraform.State) error {
	for addr, rs := range s.RootModule().Resources {
		if rs.Type != "sailpoint_entitlement" {
			continue
		}
		_, err := e.client.GetEntitlement(background, rs.Primary.ID)
		if !errors.Is(err, client.ErrNotFound) {
			if err != nil {
				return fmt.Errorf("checking that %s was released: %w", addr, err)
			}
			continue
		}
		// An entitlement goes only with its source.
		switch _, err := e.client.GetSource(background, rs.Primary.Attributes["source_id"]); {
		case err == nil:
			return fmt.Errorf("%s (%s) is gone from ISC after destroy, which should have released it", addr, rs.Primary.ID)
		case !errors.Is(err, client.ErrNotFound):
			return fmt.Errorf("checking the source of %s: %w", addr, err)
		}
	}
	return nil
}

// In the per-resource API (v1, the default) the privilege is a level: adopting with one patches
// /privilegeOverride/level, privileged stays null and configuring it fails the plan; a level
// changed in ISC shows in the plan; left unset, the level is ISC's. The data sources tell the
// direct, inherited and effective levels.
func TestAccEntitlement_privilegeLevel(t *testing.T) {
	t.Setenv(envAPIVersion, string(apiversion.V1))
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll")
	payroll := hr.entitlements["payroll"]
	config := func(body string) string {
		return e.entitlementConfig(name, hr, "payroll", body) + `
data "sailpoint_entitlement" "test" {
  id         = sailpoint_entitlement.test.id
  depends_on = [sailpoint_entitlement.test]
}

data "sailpoint_entitlements" "high" {
  source_id  = sailpoint_entitlement.test.source_id
  filters    = "privilegeLevel.direct eq \"HIGH\""
  depends_on = [sailpoint_entitlement.test]
}
`
	}
	levels := func(direct, effective string, high int) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("privilege_level"), knownvalue.StringExact(direct)),
			statecheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("privileged"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.sailpoint_entitlement.test", tfjsonpath.New("privilege_level"), knownvalue.StringExact(direct)),
			statecheck.ExpectKnownValue("data.sailpoint_entitlement.test", tfjsonpath.New("effective_privilege_level"), knownvalue.StringExact(effective)),
			statecheck.ExpectKnownValue("data.sailpoint_entitlement.test", tfjsonpath.New("inherited_privilege_level"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.sailpoint_entitlement.test", tfjsonpath.New("privileged"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.sailpoint_entitlement.test", tfjsonpath.New("tags"), knownvalue.SetSizeExact(0)),
			statecheck.ExpectKnownValue("data.sailpoint_entitlements.high", tfjsonpath.New("entitlements"), knownvalue.ListSizeExact(high)),
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config:      config("  privileged = true\n"),
				ExpectError: regexp.MustCompile(`(?s)privileged is not in ISC's v1 API.*api_version = "v1".*set\s+privilege_level\s+instead`),
			},
			{
				PreConfig: e.clearLog,
				Config:    config("  privilege_level = \"MEDIUM\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("privileged"), knownvalue.Null()),
				}},
				ConfigStateChecks: levels("MEDIUM", "MEDIUM", 0),
				Check:             e.expectPatch(t, entitlementPatch, `[{"op":"replace","path":"/privilegeOverride/level","value":"MEDIUM"}]`),
			},
			{ResourceName: entitlementAddr, ImportState: true, ImportStateVerify: true},
			{
				// Changed in ISC: the plan shows it, and the apply sets it back.
				PreConfig: func() {
					if err := e.setEntitlement(payroll, func(en *client.Entitlement) { en.PrivilegeLevel = &client.PrivilegeLevel{Direct: "LOW"} }); err != nil {
						t.Fatal(err)
					}
					e.clearLog()
				},
				Config: config("  privilege_level = \"MEDIUM\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectOnlyChanges(entitlementAddr, "privilege_level"),
				}},
				ConfigStateChecks: levels("MEDIUM", "MEDIUM", 0),
				Check:             e.expectPatch(t, entitlementPatch, `[{"op":"replace","path":"/privilegeOverride/level","value":"MEDIUM"}]`),
			},
			{
				PreConfig: e.clearLog,
				Config:    config("  privilege_level = \"HIGH\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(entitlementAddr, plancheck.ResourceActionUpdate),
					expectOnlyChanges(entitlementAddr, "privilege_level"),
				}},
				ConfigStateChecks: levels("HIGH", "HIGH", 1),
			},
			{
				// Unset: ISC's level, left as it is.
				PreConfig: e.clearLog,
				Config:    config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(entitlementAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: levels("HIGH", "HIGH", 1),
				Check:             e.requestCount(entitlementPatch, 0),
			},
		},
	})
}

// In the v2025 API the privilege is the privileged flag: adopting with it patches /privileged,
// privilege_level stays null and configuring it fails the plan.
func TestAccEntitlement_privilegedV2025(t *testing.T) {
	t.Setenv(envAPIVersion, string(apiversion.V2025))
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config:      e.entitlementConfig(name, hr, "payroll", "  privilege_level = \"HIGH\"\n"),
				ExpectError: regexp.MustCompile(`(?s)privilege_level is not in ISC's v2025 API.*set\s+privileged\s+\(true\s+or\s+false\)\s+instead`),
			},
			{
				PreConfig: e.clearLog,
				Config:    e.entitlementConfig(name, hr, "payroll", "  privileged = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(entitlementAddr, tfjsonpath.New("privilege_level"), knownvalue.Null()),
				}},
				ConfigStateChecks: e.expectPrivileged(entitlementAddr),
				Check:             e.expectPatch(t, entitlementPatch, `[{"op":"replace","path":"/privileged","value":true}]`),
			},
			{ResourceName: entitlementAddr, ImportState: true, ImportStateVerify: true},
			{
				PreConfig: e.clearLog,
				Config:    e.entitlementConfig(name, hr, "payroll", "  privileged = false\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectOnlyChanges(entitlementAddr, "privileged"),
				}},
				Check: e.expectPatch(t, entitlementPatch, `[{"op":"replace","path":"/privileged","value":false}]`),
			},
		},
	})
}
