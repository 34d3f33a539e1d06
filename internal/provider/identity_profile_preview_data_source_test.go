package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// The preview of a profile's attribute configuration follows the configuration: changing a
// transform changes the previewed value in the same plan, before the profile is updated.
func TestAccIdentityProfilePreviewDataSource_followsTheConfiguration(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t) // the values are those of the emulator's fixture identity
	name := uniqueName(t)
	config := func(transform string) string {
		return e.profileConfig(name, fmt.Sprintf(`
  authoritative_source = { id = sailpoint_source.hr.id }
  identity_attribute_config = {
    enabled = true
    attribute_transforms = {
      email = {
        transform_definition = {
          type       = %q
          attributes = jsonencode({ input = { type = "accountAttribute", attributes = { sourceName = sailpoint_source.hr.name, attributeName = "mail" } } })
        }
      }
      uid = {
        transform_definition = {
          type       = "accountAttribute"
          attributes = jsonencode({ sourceName = "No such source", attributeName = "uid" })
        }
      }
    }
  }
`, transform)) + fmt.Sprintf(`
data "sailpoint_identity_profile_preview" "test" {
  identity_id               = %q
  identity_attribute_config = sailpoint_identity_profile.test.identity_attribute_config
}
`, emulator.AdminIdentityID)
	}
	preview := "data.sailpoint_identity_profile_preview.test"
	attr := func(name, member string) tfjsonpath.Path {
		return tfjsonpath.New("attributes").AtMapKey(name).AtMapKey(member)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config("lower"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(preview, tfjsonpath.New("identity_name"), knownvalue.StringExact(emulator.AdminIdentityName)),
					statecheck.ExpectKnownValue(preview, attr("email", "value"), knownvalue.StringExact(emulator.AdminIdentityEmail)),
					statecheck.ExpectKnownValue(preview, attr("email", "changed"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(preview, attr("uid", "value"), knownvalue.Null()),
					statecheck.ExpectKnownValue(preview, attr("uid", "previous_value"), knownvalue.StringExact(emulator.AdminIdentityAlias)),
					statecheck.ExpectKnownValue(preview, attr("uid", "errors"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringRegexp(regexp.MustCompile(`no source is named 'No such source'`)),
					})),
					// An attribute the configuration does not compute keeps its value.
					statecheck.ExpectKnownValue(preview, attr("department", "changed"), knownvalue.Bool(false)),
				},
			},
			{
				Config: config("upper"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(preview, attr("email", "value"), knownvalue.StringExact("ISC.ADMIN@EXAMPLE.COM")),
					statecheck.ExpectKnownValue(preview, attr("email", "previous_value"), knownvalue.StringExact(emulator.AdminIdentityEmail)),
					statecheck.ExpectKnownValue(preview, attr("email", "changed"), knownvalue.Bool(true)),
				},
			},
		},
	})
}
