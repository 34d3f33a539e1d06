package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

const (
	nativeChangeAddr  = "sailpoint_source_native_change_detection_config.test"
	nativeChangeRoute = "PUT /sources/{sourceId}/native-change-detection-config"
)

func (e *accEnv) nativeChangeConfig(name, body string) string {
	return e.sourceConfig(name, "") + fmt.Sprintf(`
resource "sailpoint_source_native_change_detection_config" "test" {
  source_id = sailpoint_source.test.id
%s
}
`, body)
}

// expectNativeChange checks what ISC holds for the test source, as the JSON of the document, or
// that it holds none when want is "".
func (e *accEnv) expectNativeChange(want string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got, err := e.client.GetNativeChangeDetectionConfig(background, s.RootModule().Resources[sourceAddr].Primary.ID)
		if want == "" {
			if !errors.Is(err, client.ErrNotFound) {
				return fmt.Errorf("the source still has a native change detection config (%w)", err)
			}
			return nil
		}
		if err != nil {
			return err
		}
		if !sameDocument(got, mustDecode[client.NativeChangeDetectionConfig](want)) {
			return fmt.Errorf("ISC holds %+v, want %s", got, want)
		}
		return nil
	}
}

func (e *accEnv) setNativeChange(c client.NativeChangeDetectionConfig) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		_, err := e.client.PutNativeChangeDetectionConfig(background, s.RootModule().Resources[sourceAddr].Primary.ID, &c)
		return err
	}
}

const nativeChangeOn = `
  enabled                             = true
  operations                          = ["ACCOUNT_UPDATED", "ACCOUNT_CREATED"]
  all_entitlements                    = true
  selected_non_entitlement_attributes = ["lastName"]
`

func TestAccSourceNativeChangeDetectionConfig_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	updated := `
  enabled                             = true
  operations                          = ["ACCOUNT_CREATED"]
  all_entitlements                    = true
  selected_non_entitlement_attributes = ["lastName"]
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.nativeChangeConfig(name, nativeChangeOn),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(nativeChangeAddr, tfjsonpath.New("selected_entitlements"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(nativeChangeAddr, tfjsonpath.New("all_non_entitlement_attributes"), knownvalue.Bool(false)),
				},
				Check: e.expectNativeChange(`{"enabled":true,"operations":["ACCOUNT_CREATED","ACCOUNT_UPDATED"],"allEntitlements":true,` +
					`"allNonEntitlementAttributes":false,"selectedEntitlements":[],"selectedNonEntitlementAttributes":["lastName"]}`),
			},
			{
				ResourceName: nativeChangeAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: importID(nativeChangeAddr, "source_id"),
			},
			{
				PreConfig: e.clearLog,
				Config:    e.nativeChangeConfig(name, updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectOnlyChanges(nativeChangeAddr, "operations"),
					plancheck.ExpectResourceAction(nativeChangeAddr, plancheck.ResourceActionUpdate),
				}},
				Check: e.expectBody(nativeChangeRoute, `{"enabled":true,"operations":["ACCOUNT_CREATED"],"allEntitlements":true,`+
					`"allNonEntitlementAttributes":false,"selectedEntitlements":[],"selectedNonEntitlementAttributes":["lastName"]}`),
			},
			{
				Config:           e.nativeChangeConfig(name, updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// What the source holds is taken over on create; a destroy removes it, the source staying.
func TestAccSourceNativeChangeDetectionConfig_takeover(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, e.takeover(name, nativeChangeAddr, e.nativeChangeConfig(name, `  enabled = false`),
		e.expectNativeChange(""),
		e.setNativeChange(client.NativeChangeDetectionConfig{Enabled: true, Operations: []string{"ACCOUNT_DELETED"}, AllNonEntitlementAttributes: true}),
		e.expectNativeChange(`{"enabled":false,"operations":[],"allEntitlements":false,"allNonEntitlementAttributes":false,`+
			`"selectedEntitlements":[],"selectedNonEntitlementAttributes":[]}`),
		e.expectNativeChange("")))
}

// Removed behind Terraform's back, the configuration is put back; so it is with its source.
func TestAccSourceNativeChangeDetectionConfig_disappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.nativeChangeConfig(uniqueName(t), nativeChangeOn)
	tc := disappears(config, func(s *terraform.State) error {
		return e.client.DeleteNativeChangeDetectionConfig(background, s.RootModule().Resources[sourceAddr].Primary.ID)
	}, []string{nativeChangeAddr}, sourceAddr)
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSourceNativeChangeDetectionConfig_sourceDisappears(t *testing.T) {
	e := newAccEnv(t)
	tc := disappears(e.nativeChangeConfig(uniqueName(t), nativeChangeOn), e.deleteSource(), []string{sourceAddr, nativeChangeAddr})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSourceNativeChangeDetectionConfig_drift(t *testing.T) {
	e := newAccEnv(t)
	config := e.nativeChangeConfig(uniqueName(t), nativeChangeOn)
	tc := e.drift(config, e.setNativeChange(client.NativeChangeDetectionConfig{Enabled: false, Operations: []string{"ACCOUNT_UPDATED", "ACCOUNT_CREATED"},
		AllEntitlements: true, SelectedNonEntitlementAttributes: []string{"lastName"}}),
		[]plancheck.PlanCheck{
			expectOnlyChanges(nativeChangeAddr, "enabled"),
			plancheck.ExpectKnownValue(nativeChangeAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
		},
		e.requestCount(nativeChangeRoute, 1))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// mustDecode decodes a test's JSON literal.
func mustDecode[T any](doc string) *T {
	var v T
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		panic(err)
	}
	return &v
}
