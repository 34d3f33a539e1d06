package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const (
	attrSyncAddr  = "sailpoint_source_attribute_sync_config.test"
	attrSyncRoute = "PUT /sources/{id}/attribute-sync-config"
)

// attrSyncConfig is a delimited-file source, whose CREATE policy ISC maps from uid and
// displayName, with those of enabled synchronized.
func (e *accEnv) attrSyncConfig(name, enabled string) string {
	return e.sourceConfig(name, "") + fmt.Sprintf(`
resource "sailpoint_source_attribute_sync_config" "test" {
  source_id          = sailpoint_source.test.id
  enabled_attributes = %s
}
`, enabled)
}

// expectSynced checks which identity attributes ISC synchronizes to the test source.
func (e *accEnv) expectSynced(want ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got, err := e.client.GetAttrSyncConfig(background, s.RootModule().Resources[sourceAddr].Primary.ID)
		if err != nil {
			return err
		}
		on := []string{}
		for _, a := range got.Attributes {
			if a.Enabled {
				on = append(on, a.Name)
			}
		}
		slices.Sort(on)
		if fmt.Sprint(on) != fmt.Sprint(want) {
			return fmt.Errorf("ISC synchronizes %v, want %v", on, want)
		}
		return nil
	}
}

// setSynced enables exactly the named attributes behind Terraform's back.
func (e *accEnv) setSynced(names ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		sourceID := s.RootModule().Resources[sourceAddr].Primary.ID
		doc, err := e.client.GetAttrSyncConfig(background, sourceID)
		if err != nil {
			return err
		}
		for i := range doc.Attributes {
			doc.Attributes[i].Enabled = slices.Contains(names, doc.Attributes[i].Name)
		}
		_, err = e.client.PutAttrSyncConfig(background, sourceID, doc)
		return err
	}
}

func TestAccSourceAttributeSyncConfig_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.attrSyncConfig(name, `["uid"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(attrSyncAddr, tfjsonpath.New("targets"),
						knownvalue.MapExact(map[string]knownvalue.Check{"uid": knownvalue.StringExact("id"), "displayName": knownvalue.StringExact("name")})),
				},
				Check: e.expectSynced("uid"),
			},
			{
				ResourceName: attrSyncAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: importID(attrSyncAddr, "source_id"),
			},
			{
				PreConfig: e.clearLog,
				Config:    e.attrSyncConfig(name, `["uid", "displayName"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectOnlyChanges(attrSyncAddr, "enabled_attributes"),
					plancheck.ExpectKnownValue(attrSyncAddr, tfjsonpath.New("targets").AtMapKey("uid"), knownvalue.StringExact("id")),
				}},
				Check: resource.ComposeTestCheckFunc(e.expectSynced("displayName", "uid"), e.requestCount(attrSyncRoute, 1)),
			},
			{
				Config:           e.attrSyncConfig(name, `["displayName", "uid"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// The source's settings are taken over on create, and a destroy switches every attribute off.
func TestAccSourceAttributeSyncConfig_takeover(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, e.takeover(name, attrSyncAddr, e.attrSyncConfig(name, `["uid"]`),
		e.expectSynced(), e.setSynced("displayName"), e.expectSynced("uid"), e.expectSynced()))
}

// An attribute the source's CREATE policy does not map is refused at plan time for a source that
// exists, and at apply time for one made in the same apply.
func TestAccSourceAttributeSyncConfig_unsyncable(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config:      e.attrSyncConfig(name, `["email"]`),
				ExpectError: errorText("ISC cannot synchronize email to source"),
			},
			{
				Config:      e.attrSyncConfig(name, `["uid", "email"]`),
				PlanOnly:    true,
				ExpectError: errorText("it syncs only the identity attributes that the source's CREATE provisioning policy maps directly to an account attribute, and for this source those are: uid (to id), displayName (to name)."),
			},
		},
	})
}

func TestAccSourceAttributeSyncConfig_disappears(t *testing.T) {
	e := newAccEnv(t)
	tc := disappears(e.attrSyncConfig(uniqueName(t), `["uid"]`), e.deleteSource(), []string{sourceAddr, attrSyncAddr})
	tc.Steps[1].Check = e.expectSynced("uid")
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSourceAttributeSyncConfig_drift(t *testing.T) {
	e := newAccEnv(t)
	tc := e.drift(e.attrSyncConfig(uniqueName(t), `["uid"]`), e.setSynced("displayName"),
		[]plancheck.PlanCheck{expectOnlyChanges(attrSyncAddr, "enabled_attributes")},
		e.expectSynced("uid"))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}
