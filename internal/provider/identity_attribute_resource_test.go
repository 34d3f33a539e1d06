package provider

import (
	"fmt"
	"regexp"
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
	identityAttributeAddr     = "sailpoint_identity_attribute.test"
	identityAttributePutRoute = "PUT /identity-attributes/{id}"
)

// identityAttributeConfig is an identity attribute of the given name and further arguments.
func (e *accEnv) identityAttributeConfig(name, args string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_identity_attribute" "test" {
  name = %q
%s
}
`, name, args)
}

// promoteRule is the sources argument of an attribute promoted by ISC's own rule.
const promoteRule = `
  sources = [{
    type       = "rule"
    properties = jsonencode({ ruleType = "IdentityAttribute", ruleName = "Cloud Promote Identity Attribute" })
  }]
`

func TestAccIdentityAttribute_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.identityAttributeConfig(name, `
  display_name = "Cost Center"
  searchable   = true
`+promoteRule),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(identityAttributeAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(identityAttributeAddr, tfjsonpath.New("system"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(identityAttributeAddr, tfjsonpath.New("type"), knownvalue.Null()),
					statecheck.ExpectKnownValue(identityAttributeAddr, tfjsonpath.New("sources").AtSliceIndex(0).AtMapKey("properties"),
						knownvalue.StringExact(`{"ruleName":"Cloud Promote Identity Attribute","ruleType":"IdentityAttribute"}`)),
				},
			},
			{ResourceName: identityAttributeAddr, ImportState: true, ImportStateVerify: true},
			{
				// Everything but the name changes in place, with a PUT of the whole attribute.
				PreConfig: e.clearLog,
				Config: e.identityAttributeConfig(name, `
  display_name = "Cost centre"
  type         = "string"
  multi        = true
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(identityAttributeAddr, "display_name", "type", "multi", "searchable", "sources")},
				},
				Check: e.expectBody(identityAttributePutRoute, fmt.Sprintf(
					`{"name":%q,"displayName":"Cost centre","standard":false,"type":"string","multi":true,"searchable":false,"sources":[],"system":false}`, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(identityAttributeAddr, tfjsonpath.New("sources"), knownvalue.Null()),
				},
			},
			{
				// Without display_name, ISC's value is kept; the plan is empty.
				Config: e.identityAttributeConfig(name, `
  type  = "string"
  multi = true
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// A new name replaces the attribute.
				Config: e.identityAttributeConfig(name+"-2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(identityAttributeAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(identityAttributeAddr, tfjsonpath.New("display_name"), knownvalue.StringExact(name+"-2")),
				},
			},
		},
	})
}

func TestAccIdentityAttribute_disappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.identityAttributeConfig(uniqueName(t), promoteRule)
	tc := disappears(config, func(s *terraform.State) error {
		return e.client.DeleteIdentityAttribute(background, s.RootModule().Resources[identityAttributeAddr].Primary.ID)
	}, []string{identityAttributeAddr})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccIdentityAttribute_drift(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	config := e.identityAttributeConfig(name, `
  display_name = "Badge"
  searchable   = true
`)
	tc := e.drift(config,
		func(*terraform.State) error {
			_, err := e.client.UpdateIdentityAttribute(background, name, &client.IdentityAttribute{DisplayName: "Badge number", Multi: true})
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(identityAttributeAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(identityAttributeAddr, tfjsonpath.New("display_name"), knownvalue.StringExact("Badge")),
			plancheck.ExpectKnownValue(identityAttributeAddr, tfjsonpath.New("multi"), knownvalue.Bool(false)),
		},
		e.expectBody(identityAttributePutRoute, fmt.Sprintf(
			`{"name":%q,"displayName":"Badge","standard":false,"multi":false,"searchable":true,"sources":[],"system":false}`, name)))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// ISC refuses to delete a standard attribute: the plan of its destroy fails, and once it is no
// longer standard, the destroy goes through.
func TestAccIdentityAttribute_standard(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	standard := e.identityAttributeConfig(name, "  standard = true\n")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: standard},
			{Config: standard, Destroy: true, ExpectError: errorText(fmt.Sprintf(`identity attribute %q, a standard attribute, which ISC refuses to delete`, name))},
			{Config: e.identityAttributeConfig(name, "  standard = false\n")},
		},
	})
}

// The data source finds an attribute by its exact name; a name that matches none says which
// names come close.
func TestAccIdentityAttributeDataSource_lookup(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	config := e.identityAttributeConfig(name, "  display_name = \"Department\"\n"+promoteRule) + `
data "sailpoint_identity_attribute" "by_name" {
  name = sailpoint_identity_attribute.test.name
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.sailpoint_identity_attribute.by_name", tfjsonpath.New("sources"), identityAttributeAddr, tfjsonpath.New("sources"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.sailpoint_identity_attribute.by_name", tfjsonpath.New("display_name"), knownvalue.StringExact("Department")),
					statecheck.ExpectKnownValue("data.sailpoint_identity_attribute.by_name", tfjsonpath.New("id"), knownvalue.StringExact(name)),
				},
			},
			{
				Config:      config + fmt.Sprintf("\ndata \"sailpoint_identity_attribute\" \"missing\" {\n  name = %q\n}\n", name+"x"),
				ExpectError: regexp.MustCompile(`(?s)SailPoint identity attribute not found.*has\s+no\s+identity\s+attribute\s+named.*Similar\s+names:\s+"` + regexp.QuoteMeta(name) + `"`),
			},
		},
	})
}
