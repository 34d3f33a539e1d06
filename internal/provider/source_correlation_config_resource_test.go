package provider

import (
	"fmt"
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
	correlationAddr  = "sailpoint_source_correlation_config.test"
	correlationRoute = "PUT /sources/{id}/correlation-config"
)

// correlationConfig is a source with a correlation config of the given pairs (HCL objects).
func (e *accEnv) correlationConfig(name, pairs string) string {
	return e.sourceConfig(name, "") + fmt.Sprintf(`
resource "sailpoint_source_correlation_config" "test" {
  source_id             = sailpoint_source.test.id
  attribute_assignments = [%s]
}
`, pairs)
}

// expectCorrelation checks the pairs ISC holds for the test source, as "property=value" items.
func (e *accEnv) expectCorrelation(want ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got, err := e.client.GetCorrelationConfig(background, s.RootModule().Resources[sourceAddr].Primary.ID)
		if err != nil {
			return err
		}
		var pairs []string
		for _, a := range got.AttributeAssignments {
			pairs = append(pairs, a.Property+"="+a.Value)
		}
		if fmt.Sprint(pairs) != fmt.Sprint(want) {
			return fmt.Errorf("ISC correlates %v, want %v", pairs, want)
		}
		return nil
	}
}

// setCorrelation replaces the test source's correlation config behind Terraform's back.
func (e *accEnv) setCorrelation(pairs ...client.CorrelationAssignment) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		_, err := e.client.PutCorrelationConfig(background, s.RootModule().Resources[sourceAddr].Primary.ID,
			&client.CorrelationConfig{AttributeAssignments: pairs})
		return err
	}
}

const twoPairs = `
    { identity_attribute = "uid", account_attribute = "id" },
    { identity_attribute = "email", account_attribute = "mail", ignore_case = true, match_mode = "ANYWHERE" },
  `

func TestAccSourceCorrelationConfig_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.correlationConfig(name, twoPairs),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(correlationAddr, tfjsonpath.New("id"), sourceAddr, tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(correlationAddr, tfjsonpath.New("name"), knownvalue.StringExact(name+" Account Correlation")),
					statecheck.ExpectKnownValue(correlationAddr, tfjsonpath.New("attribute_assignments").AtSliceIndex(0).AtMapKey("operation"), knownvalue.StringExact("EQ")),
					statecheck.ExpectKnownValue(correlationAddr, tfjsonpath.New("attribute_assignments").AtSliceIndex(0).AtMapKey("match_mode"), knownvalue.Null()),
				},
				Check: e.expectCorrelation("uid=id", "email=mail"),
			},
			{
				ResourceName: correlationAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: importID(correlationAddr, "source_id"),
			},
			{
				PreConfig: e.clearLog,
				Config: e.correlationConfig(name, `
    { identity_attribute = "email", account_attribute = "mail", ignore_case = true, match_mode = "ANYWHERE" },
    { identity_attribute = "uid", account_attribute = "id" },
  `),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectOnlyChanges(correlationAddr, "attribute_assignments"),
					plancheck.ExpectResourceAction(correlationAddr, plancheck.ResourceActionUpdate),
				}},
				// The whole document goes, in the new order, with ignoreCase always sent.
				Check: resource.ComposeTestCheckFunc(e.expectCorrelation("email=mail", "uid=id"), e.expectBody(correlationRoute,
					`{"attributeAssignments":[{"property":"email","value":"mail","operation":"EQ","complex":false,"ignoreCase":true,"matchMode":"ANYWHERE"},`+
						`{"property":"uid","value":"id","operation":"EQ","complex":false,"ignoreCase":false}]}`)),
			},
			{
				Config:           e.correlationConfig(name, `{ identity_attribute = "email", account_attribute = "mail", ignore_case = true, match_mode = "ANYWHERE" }, { identity_attribute = "uid", account_attribute = "id" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// takeover is the test case of a source's setting that a create takes over and a destroy
// releases: the source alone, whose setting before checks and set changes behind Terraform's
// back; then config, the setting's resource, whose create taken checks; then the source alone
// again, the resource destroyed, which released checks.
func (e *accEnv) takeover(name, addr, config string, before, set, taken, released resource.TestCheckFunc) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.sourceConfig(name, ""), Check: resource.ComposeTestCheckFunc(before, set)},
			{Config: config, Check: taken},
			{
				Config: e.sourceConfig(name, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroy),
					plancheck.ExpectResourceAction(sourceAddr, plancheck.ResourceActionNoop),
				}},
				Check: released,
			},
		},
	}
}

// A source's correlation config is taken over on create, whatever it held, with one PUT, and a
// destroy leaves the empty document while the source stays.
func TestAccSourceCorrelationConfig_takeover(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	tc := e.takeover(name, correlationAddr, e.correlationConfig(name, `{ identity_attribute = "uid", account_attribute = "id" }`),
		e.expectCorrelation(), e.setCorrelation(client.CorrelationAssignment{Property: "displayName", Value: "name", Operation: "EQ"}),
		resource.ComposeTestCheckFunc(e.expectCorrelation("uid=id"), e.requestCount(correlationRoute, 1)), e.expectCorrelation())
	tc.Steps[1].PreConfig = e.clearLog
	resource.ParallelTest(t, tc)
}

func TestAccSourceCorrelationConfig_disappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.correlationConfig(uniqueName(t), `{ identity_attribute = "uid", account_attribute = "id" }`)
	tc := disappears(config, e.deleteSource(), []string{sourceAddr, correlationAddr})
	tc.Steps[1].Check = e.expectCorrelation("uid=id")
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSourceCorrelationConfig_drift(t *testing.T) {
	e := newAccEnv(t)
	config := e.correlationConfig(uniqueName(t), twoPairs)
	tc := e.drift(config, e.setCorrelation(client.CorrelationAssignment{Property: "uid", Value: "id", Operation: "EQ", IgnoreCase: true}),
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(correlationAddr, plancheck.ResourceActionUpdate),
			expectOnlyChanges(correlationAddr, "attribute_assignments"),
		},
		e.expectCorrelation("uid=id", "email=mail"))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}
