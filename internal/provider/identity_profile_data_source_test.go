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
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// A profile is found by id and by exact name, with the resource's view of it; a near miss names
// the candidates, an unknown id says so, and however many lookups a run makes, it lists the
// profiles once and reads none by id.
func TestAccIdentityProfileDataSource_lookups(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	config := e.profileConfig(name, fmt.Sprintf(`
  description          = "Looked up"
  priority             = 40
  owner                = { id = %q }
  authoritative_source = { id = sailpoint_source.hr.id }
`, e.ownerID)+emailTransform("hr", "mail")) + `
data "sailpoint_identity_profile" "by_id" {
  id = sailpoint_identity_profile.test.id
}

data "sailpoint_identity_profile" "by_name" {
  name = sailpoint_identity_profile.test.name
}
`
	byID, byName := "data.sailpoint_identity_profile.by_id", "data.sailpoint_identity_profile.by_name"
	attrConfig := tfjsonpath.New("identity_attribute_config")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(byID, tfjsonpath.New("name"), profileAddr, tfjsonpath.New("name"), compare.ValuesSame()),
					statecheck.CompareValuePairs(byName, tfjsonpath.New("id"), profileAddr, tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs(byName, attrConfig, profileAddr, attrConfig, compare.ValuesSame()),
					statecheck.CompareValuePairs(byID, attrConfig, profileAddr, attrConfig, compare.ValuesSame()),
					statecheck.CompareValuePairs(byName, tfjsonpath.New("authoritative_source").AtMapKey("id"), "sailpoint_source.hr", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("authoritative_source").AtMapKey("name"), knownvalue.StringExact(name+"-hr")),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("description"), knownvalue.StringExact("Looked up")),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("priority"), knownvalue.Int64Exact(40)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("owner").AtMapKey("name"), knownvalue.StringExact(e.ownerName)),
					statecheck.ExpectKnownValue(byName, attrConfig.AtMapKey("attribute_transforms").AtMapKey("email").AtMapKey("transform_definition").AtMapKey("type"),
						knownvalue.StringExact("accountAttribute")),
				},
			},
			{
				// A plan reads the profile for the resource and both lookups from one list.
				PreConfig: e.clearLog,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						requestsBeforeApply{e, map[string]int{"GET /sources": 1, "GET /identity-profiles": 1}},
					},
				},
			},
			{
				Config: config + fmt.Sprintf("\ndata \"sailpoint_identity_profile\" \"missing\" {\n  name = %q\n}\n", strings.ToUpper(name)),
				ExpectError: regexp.MustCompile(`(?s)SailPoint identity profile not found.*has\s+no\s+identity\s+profile\s+named.*Similar\s+names:\s+"` +
					regexp.QuoteMeta(name) + `"`),
			},
			{
				Config:      config + "\ndata \"sailpoint_identity_profile\" \"nope\" {\n  id = \"0123456789abcdef0123456789abcdef\"\n}\n",
				ExpectError: errorText(`There is no identity profile with id "0123456789abcdef0123456789abcdef" in ISC`),
			},
			{
				Config:      config + "\ndata \"sailpoint_identity_profile\" \"both\" {\n  id   = sailpoint_identity_profile.test.id\n  name = \"x\"\n}\n",
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*id.*name`),
			},
		},
	})
}
