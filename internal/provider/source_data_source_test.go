package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// A source is found by id and by exact name; a near miss names the candidates.
func TestAccSourceDataSource_lookups(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	config := e.sourceConfig(name, `  description = "HR feed"`) + `
data "sailpoint_source" "by_id" {
  id = sailpoint_source.test.id
}

data "sailpoint_source" "by_name" {
  name = sailpoint_source.test.name
}
`
	byName := "data.sailpoint_source.by_name"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.sailpoint_source.by_id", tfjsonpath.New("name"), sourceAddr, tfjsonpath.New("name"), compare.ValuesSame()),
					statecheck.CompareValuePairs(byName, tfjsonpath.New("id"), sourceAddr, tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs(byName, tfjsonpath.New("type"), sourceAddr, tfjsonpath.New("type"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("description"), knownvalue.StringExact("HR feed")),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("connector"), knownvalue.StringExact("delimited-file")),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("owner").AtMapKey("id"), knownvalue.StringExact(e.ownerID)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("owner").AtMapKey("name"), knownvalue.StringExact(e.ownerName)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("cluster"), knownvalue.Null()),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("authoritative"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("schemas").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("account")),
				},
			},
			{
				Config: config + fmt.Sprintf(`
data "sailpoint_source" "missing" {
  name = %q
}
`, name+"x"),
				ExpectError: regexp.MustCompile(`(?s)SailPoint source not found.*has\s+no\s+source\s+named.*Similar\s+names:\s+"` + regexp.QuoteMeta(name) + `"`),
			},
			{
				Config:      config + "\ndata \"sailpoint_source\" \"nope\" {\n  id = \"0123456789abcdef0123456789abcdef\"\n}\n",
				ExpectError: regexp.MustCompile(`There is no source with id "0123456789abcdef0123456789abcdef" in ISC`),
			},
		},
	})
}
