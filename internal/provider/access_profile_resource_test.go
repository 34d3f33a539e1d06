package provider

import (
	"encoding/json"
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
	accessProfileAddr  = "sailpoint_access_profile.test"
	accessProfilePatch = "PATCH /access-profiles/{id}"
)

// entitledSource is a delimited-file source made for a test, with the entitlements its aggregation
// found, by value.
type entitledSource struct {
	id           string
	entitlements map[string]string
}

// entitledSource makes a delimited-file source and aggregates the given entitlement values into
// it, as ISC gets entitlements; it deletes the source when the test ends.
func (e *accEnv) entitledSource(t *testing.T, name string, values ...string) entitledSource {
	t.Helper()
	src, err := e.client.CreateSource(background, &client.Source{Name: name, Connector: "delimited-file",
		Owner: &client.Reference{Type: client.RefIdentity, ID: e.ownerID}}, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if task, err := e.client.DeleteSource(background, src.ID); err == nil {
			_ = e.client.WaitForSourceDeleted(background, src.ID, task.ID)
		}
	})
	if _, err := e.client.LoadEntitlements(background, src.ID, []byte("value\n"+strings.Join(values, "\n")+"\n")); err != nil {
		t.Fatal(err)
	}
	found, _, err := e.client.ListEntitlements(background, client.ListOptions{Filters: client.FilterEq("source.id", src.ID)})
	if err != nil || len(found) != len(values) {
		t.Fatalf("the aggregation of %s gave %d entitlements (%v), want %d", name, len(found), err, len(values))
	}
	out := entitledSource{id: src.ID, entitlements: map[string]string{}}
	for _, en := range found {
		out.entitlements[en.Value] = en.ID
	}
	return out
}

// accessProfileConfig is the test access profile on src with the entitlements of these values,
// plus extra HCL in its body, beside a governance group that approves its requests.
func (e *accEnv) accessProfileConfig(name string, src entitledSource, values []string, extra string) string {
	ids := make([]string, len(values))
	for i, v := range values {
		ids[i] = fmt.Sprintf("%q", src.entitlements[v])
	}
	return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_governance_group" "approvers" {
  name  = "%[1]s approvers"
  owner = { id = %[2]q }
}

resource "sailpoint_access_profile" "test" {
  name            = %[1]q
  owner           = { id = %[2]q }
  source          = { id = %[3]q }
  entitlement_ids = [%[4]s]
%[5]s}
`, name, e.ownerID, src.id, strings.Join(ids, ", "), extra)
}

func accessProfileID(s *terraform.State) string {
	return s.RootModule().Resources[accessProfileAddr].Primary.ID
}

func TestAccAccessProfile_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll", "benefits")
	erp := e.entitledSource(t, name+" ERP", "ledger", "invoices")
	approval := `  enabled = true
  access_request_config = {
    comments_required = true
    approval_schemes  = [{ approver_type = "MANAGER" }, { approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.approvers.id }]
  }
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.accessProfileConfig(name, hr, []string{"payroll"}, approval),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accessProfileAddr, tfjsonpath.New("requestable"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(accessProfileAddr, tfjsonpath.New("source").AtMapKey("name"), knownvalue.StringExact(name+" HR")),
					statecheck.ExpectKnownValue(accessProfileAddr, tfjsonpath.New("entitlement_ids"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact(hr.entitlements["payroll"])})),
					statecheck.ExpectKnownValue(accessProfileAddr, tfjsonpath.New("revocation_request_config"), knownvalue.Null()),
				},
				// ISC holds the approval steps as configured, the group by its id.
				Check: func(s *terraform.State) error {
					p, err := e.client.GetAccessProfile(background, accessProfileID(s))
					if err != nil {
						return err
					}
					group := s.RootModule().Resources["sailpoint_governance_group.approvers"].Primary.ID
					if c := p.AccessRequestConfig; c == nil || !c.CommentsRequired || len(c.ApprovalSchemes) != 2 || c.ApprovalSchemes[1].ApproverID != group {
						return fmt.Errorf("ISC holds the request config %+v", c)
					}
					return nil
				},
			},
			{ResourceName: accessProfileAddr, ImportState: true, ImportStateVerify: true},
			{
				// One more entitlement and a description: one patch of just that.
				PreConfig: e.clearLog,
				Config:    e.accessProfileConfig(name, hr, []string{"payroll", "benefits"}, approval+"  description = \"Pay and benefits\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accessProfileAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					if e.emu == nil {
						return nil
					}
					ops := e.patchOps(t, accessProfilePatch)
					body, _ := json.Marshal(ops)
					if len(ops) != 2 || !strings.Contains(string(body), `"/description"`) || !strings.Contains(string(body), hr.entitlements["benefits"]) {
						return fmt.Errorf("the update sent %s", body)
					}
					return nil
				},
			},
			{
				// A new source that keeps the old source's entitlements is refused at plan time.
				Config:      e.accessProfileConfig(name, entitledSource{id: erp.id, entitlements: hr.entitlements}, []string{"payroll"}, approval),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Entitlements of the old source.*` + hr.entitlements["payroll"]),
			},
			{
				// The move to another source with its entitlements goes in place, in one patch.
				PreConfig: e.clearLog,
				Config:    e.accessProfileConfig(name, erp, []string{"ledger"}, approval),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accessProfileAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(e.requestCount(accessProfilePatch, 1),
					resource.TestCheckResourceAttr(accessProfileAddr, "source.name", name+" ERP")),
			},
			{
				// A disabled profile may have no entitlements; leaving the configs out keeps ISC's.
				Config: e.accessProfileConfig(name, erp, nil, "  requestable = false\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accessProfileAddr, tfjsonpath.New("entitlement_ids"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(accessProfileAddr, tfjsonpath.New("requestable"), knownvalue.Bool(false)),
				},
			},
		},
	})
}

func TestAccAccessProfile_disappears(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll")
	tc := disappears(e.accessProfileConfig(name, hr, []string{"payroll"}, ""), func(s *terraform.State) error {
		return e.client.DeleteAccessProfile(background, accessProfileID(s))
	}, []string{accessProfileAddr}, "sailpoint_governance_group.approvers")
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccAccessProfile_drift(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll", "benefits")
	tc := e.drift(e.accessProfileConfig(name, hr, []string{"payroll"}, ""),
		func(s *terraform.State) error {
			p, err := e.client.GetAccessProfile(background, accessProfileID(s))
			if err != nil {
				return err
			}
			to := *p
			to.Entitlements = append(to.Entitlements, client.Reference{Type: "ENTITLEMENT", ID: hr.entitlements["benefits"]})
			_, err = e.client.PatchAccessProfile(background, p.ID, p, &to)
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(accessProfileAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(accessProfileAddr, tfjsonpath.New("entitlement_ids"), knownvalue.SetSizeExact(1)),
		},
		e.expectPatch(t, accessProfilePatch, fmt.Sprintf(`[{"op":"replace","path":"/entitlements","value":[{"type":"ENTITLEMENT","id":%q}]}]`, hr.entitlements["payroll"])))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// The data source finds an access profile by id and by exact name.
func TestAccAccessProfileDataSource_lookups(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	hr := e.entitledSource(t, name+" HR", "payroll")
	config := e.accessProfileConfig(name, hr, []string{"payroll"}, "  description = \"Payroll\"\n") + `
data "sailpoint_access_profile" "by_id" {
  id = sailpoint_access_profile.test.id
}

data "sailpoint_access_profile" "by_name" {
  name = sailpoint_access_profile.test.name
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.sailpoint_access_profile.by_id", tfjsonpath.New("name"), accessProfileAddr, tfjsonpath.New("name"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.sailpoint_access_profile.by_name", tfjsonpath.New("id"), accessProfileAddr, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.sailpoint_access_profile.by_name", tfjsonpath.New("entitlement_ids"), accessProfileAddr, tfjsonpath.New("entitlement_ids"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.sailpoint_access_profile.by_name", tfjsonpath.New("source").AtMapKey("id"), knownvalue.StringExact(hr.id)),
			},
		}},
	})
}
