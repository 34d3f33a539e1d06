package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// inUseConfig is two sources, hr (of the given connector) and ad, and, unless profileSource is
// empty, an identity profile whose authoritative source is that source ("hr" or "ad").
func (e *accEnv) inUseConfig(name, hrConnector, profileSource string) string {
	config := e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_source" "hr" {
  name      = "%[1]s-hr"
  connector = %[3]q
  owner     = { id = %[2]q }
}

resource "sailpoint_source" "ad" {
  name      = "%[1]s-ad"
  connector = "delimited-file"
  owner     = { id = %[2]q }
}
`, name, e.ownerID, hrConnector)
	if profileSource != "" {
		config += fmt.Sprintf(`
resource "sailpoint_identity_profile" "test" {
  name                 = %q
  authoritative_source = { id = sailpoint_source.%s.id }
}
`, name, profileSource)
	}
	return config
}

// inUseError matches the plan-time refusal to delete source hr while the profile uses it.
func inUseError(name, change string) *regexp.Regexp {
	return regexp.MustCompile(`SailPoint source in use by an identity profile[\s\S]*` + errorText(change+` source "`+name+`-hr"`).String() +
		`[\s\S]*` + errorText(`is the authoritative source of identity profile "`+name+`"`).String() +
		`[\s\S]*` + errorText(`terraform apply -target=<the profile's address>`).String())
}

// noSourceDeletes checks that no source delete reached ISC since the log was last cleared.
func (e *accEnv) noSourceDeletes() resource.TestCheckFunc {
	return e.requestCount("DELETE /sources/{id}", 0)
}

// Changing the connector of a source that an identity profile uses would replace it, and ISC
// refuses to delete it: the plan fails, naming the profile, and nothing is changed.
func TestAccSource_replaceInUse(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.inUseConfig(name, "delimited-file", "hr")},
			{
				PreConfig:   e.clearLog,
				Config:      e.inUseConfig(name, "active-directory", "hr"),
				ExpectError: inUseError(name, "Changing connector replaces, and so deletes,"),
			},
			{
				// Nothing was deleted or changed: the first configuration plans nothing.
				Config: e.inUseConfig(name, "delimited-file", "hr"),
				Check:  e.noSourceDeletes(),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// The ways out of the refusal work: point the profile at another source first, then replace the
// source; or remove the profile first, then replace the source.
func TestAccSource_replaceInUseWayOut(t *testing.T) {
	e := newAccEnv(t)
	for _, tc := range []struct{ name, first string }{
		{"point the profile elsewhere", "ad"},
		{"remove the profile", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := uniqueName(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				CheckDestroy:             e.checkDestroy,
				Steps: []resource.TestStep{
					{Config: e.inUseConfig(name, "delimited-file", "hr")},
					{Config: e.inUseConfig(name, "delimited-file", tc.first)},
					{
						Config: e.inUseConfig(name, "active-directory", tc.first),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("sailpoint_source.hr", plancheck.ResourceActionDestroyBeforeCreate)},
						},
					},
				},
			})
		})
	}
}

// A source that a profile made outside Terraform uses cannot be destroyed either: the plan fails,
// naming the profile.
func TestAccSource_destroyInUse(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	var profile *client.IdentityProfile
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.inUseConfig(name, "delimited-file", ""),
				Check: func(s *terraform.State) error {
					var err error
					profile, err = e.client.CreateIdentityProfile(background, &client.IdentityProfile{Name: name,
						AuthoritativeSource: &client.Reference{Type: client.RefSource, ID: s.RootModule().Resources["sailpoint_source.hr"].Primary.ID}})
					return err
				},
			},
			{
				Config:      e.providerConfig(),
				ExpectError: inUseError(name, "This plan destroys"),
			},
			{
				// With the profile gone, the source goes too.
				PreConfig: func() {
					task, err := e.client.DeleteIdentityProfile(background, profile.ID)
					if err == nil {
						err = e.client.WaitForIdentityProfileDeleted(background, profile.ID, task.ID)
					}
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: e.providerConfig(),
			},
		},
	})
}

// A source is the authoritative source of one profile at most: a second profile using it is
// refused at plan time, naming the first.
func TestAccIdentityProfile_sourceTaken(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	second := fmt.Sprintf(`
resource "sailpoint_identity_profile" "second" {
  name                 = "%s-second"
  authoritative_source = { id = sailpoint_source.hr.id }
}
`, name)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.inUseConfig(name, "delimited-file", "hr")},
			{
				Config: e.inUseConfig(name, "delimited-file", "hr") + second,
				ExpectError: regexp.MustCompile(`Source already in use by an identity profile[\s\S]*` +
					errorText(`is the authoritative source of identity profile "`+name+`"`).String()),
			},
		},
	})
}

// A tainted profile is replaced on its source: Terraform plans the new profile while the old one
// still uses the source, and deletes the old one first.
func TestAccIdentityProfile_replaceTainted(t *testing.T) {
	e := newAccEnv(t)
	config := e.inUseConfig(uniqueName(t), "delimited-file", "hr")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: config},
			{
				Config: config,
				Taint:  []string{profileAddr},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(profileAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}
