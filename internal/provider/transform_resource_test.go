package provider

import (
	"encoding/json"
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
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

const (
	transformAddr     = "sailpoint_transform.test"
	transformPutRoute = "PUT /transforms/{id}"
)

// transformConfig is a transform of the given name, type and attributes (HCL, "" for none).
func (e *accEnv) transformConfig(name, typ, attributes string) string {
	attrs := ""
	if attributes != "" {
		attrs = "  attributes = jsonencode(" + attributes + ")\n"
	}
	return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_transform" "test" {
  name = %q
  type = %q
%s}
`, name, typ, attrs)
}

func transformID(s *terraform.State) string {
	return s.RootModule().Resources[transformAddr].Primary.ID
}

func TestAccTransform_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.transformConfig(name, "lower", `{ input = { type = "accountAttribute", attributes = { attributeName = "mail", sourceName = "HR" } } }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(transformAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\S+$`))),
					statecheck.ExpectKnownValue(transformAddr, tfjsonpath.New("attributes"),
						knownvalue.StringExact(`{"input":{"attributes":{"attributeName":"mail","sourceName":"HR"},"type":"accountAttribute"}}`)),
				},
			},
			{ResourceName: transformAddr, ImportState: true, ImportStateVerify: true},
			{
				// Only attributes change in place, with a PUT that echoes name and type.
				PreConfig: e.clearLog,
				Config:    e.transformConfig(name, "lower", `{ input = { type = "accountAttribute", attributes = { attributeName = "email", sourceName = "HR" } } }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(transformAddr, "attributes")},
				},
				Check: resource.ComposeTestCheckFunc(
					e.expectBody(transformPutRoute, fmt.Sprintf(
						`{"name":%q,"type":"lower","attributes":{"input":{"type":"accountAttribute","attributes":{"attributeName":"email","sourceName":"HR"}}}}`, name)),
					// ISC holds what was sent.
					func(s *terraform.State) error {
						tr, err := e.client.GetTransform(background, transformID(s))
						if err != nil {
							return err
						}
						got, err := json.Marshal(tr.Attributes)
						if want := `{"input":{"type":"accountAttribute","attributes":{"attributeName":"email","sourceName":"HR"}}}`; err != nil || !client.JSONEqual(got, []byte(want)) {
							return fmt.Errorf("ISC holds the attributes %s, want %s", got, want)
						}
						return nil
					},
				),
			},
			{
				// A type without attributes: attributes left out stay out.
				Config: e.transformConfig(name, "uuid", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(transformAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(transformAddr, tfjsonpath.New("attributes"), knownvalue.Null()),
				},
			},
			{
				// A new name replaces the transform.
				Config: e.transformConfig(name+"-2", "uuid", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(transformAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

func TestAccTransform_disappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.transformConfig(uniqueShortName(t), "upper", `{}`)
	tc := disappears(config, func(s *terraform.State) error {
		return e.client.DeleteTransform(background, transformID(s))
	}, []string{transformAddr})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccTransform_drift(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	config := e.transformConfig(name, "static", `{ value = "Human Resources" }`)
	tc := e.drift(config,
		func(s *terraform.State) error {
			_, err := e.client.UpdateTransform(background, transformID(s), &client.Transform{Name: name, Type: "static", Attributes: map[string]any{"value": "HR"}})
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(transformAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(transformAddr, tfjsonpath.New("attributes"), knownvalue.StringExact(`{"value":"Human Resources"}`)),
		},
		e.expectBody(transformPutRoute, fmt.Sprintf(`{"name":%q,"type":"static","attributes":{"value":"Human Resources"}}`, name)))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// The data source finds a transform by id and by exact name; a name that matches none says
// which names come close.
func TestAccTransformDataSource_lookups(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueShortName(t)
	config := e.transformConfig(name, "lower", `{ input = "x" }`) + `
data "sailpoint_transform" "by_id" {
  id = sailpoint_transform.test.id
}

data "sailpoint_transform" "by_name" {
  name = sailpoint_transform.test.name
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.sailpoint_transform.by_id", tfjsonpath.New("name"), transformAddr, tfjsonpath.New("name"), compare.ValuesSame()),
					statecheck.CompareValuePairs("data.sailpoint_transform.by_name", tfjsonpath.New("id"), transformAddr, tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.sailpoint_transform.by_name", tfjsonpath.New("attributes"), knownvalue.StringExact(`{"input":"x"}`)),
					statecheck.ExpectKnownValue("data.sailpoint_transform.by_name", tfjsonpath.New("type"), knownvalue.StringExact("lower")),
				},
			},
			{
				Config: config + fmt.Sprintf(`
data "sailpoint_transform" "missing" {
  name = %q
}
`, name+"x"),
				ExpectError: regexp.MustCompile(`(?s)SailPoint transform not found.*has\s+no\s+transform\s+named.*Similar\s+names:\s+"` + regexp.QuoteMeta(name) + `"`),
			},
			{
				Config:      config + "\ndata \"sailpoint_transform\" \"nope\" {\n  id = \"0123456789abcdef0123456789abcdef\"\n}\n",
				ExpectError: regexp.MustCompile(`There is no transform with id "0123456789abcdef0123456789abcdef" in ISC`),
			},
		},
	})
}

// An update ISC refuses leaves the state as it was: the next plan shows the same update again,
// not a transform without name or type.
func TestAccTransform_updateRefused(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t)
	name := uniqueShortName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.transformConfig(name, "static", `{ value = "a" }`)},
			{
				PreConfig: func() {
					if err := e.emu.InjectFault(emulator.Fault{Kind: "400", Route: e.route(transformPutRoute), Count: 1}); err != nil {
						t.Fatal(err)
					}
				},
				Config:      e.transformConfig(name, "static", `{ value = "b" }`),
				ExpectError: regexp.MustCompile(`Error updating SailPoint transform`),
			},
			{
				Config: e.transformConfig(name, "static", `{ value = "b" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(transformAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(transformAddr, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					},
				},
			},
		},
	})
}
