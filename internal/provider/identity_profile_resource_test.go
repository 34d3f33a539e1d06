package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

const (
	profileAddr       = "sailpoint_identity_profile.test"
	profilePatchRoute = "PATCH /identity-profiles/{id}"
)

// profileSources are two delimited-file sources, hr and ad, that a test profile can use.
func (e *accEnv) profileSources(name, hrDescription string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_source" "hr" {
  name             = "%[1]s-hr"
  description      = %[3]q
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = %[2]q }
}

resource "sailpoint_source" "ad" {
  name             = "%[1]s-ad"
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = %[2]q }
}
`, name, e.ownerID, hrDescription)
}

// profileConfig is the two sources and an identity profile with the given arguments.
func (e *accEnv) profileConfig(name, args string) string {
	return e.profileSources(name, "HR accounts") + fmt.Sprintf(`
resource "sailpoint_identity_profile" "test" {
  name = %q
%s
}
`, name, args)
}

// emailTransform is an attribute config computing email from an account attribute of a source.
func emailTransform(source, accountAttribute string) string {
	return fmt.Sprintf(`
  identity_attribute_config = {
    enabled = true
    attribute_transforms = {
      email = {
        transform_definition = {
          type       = "accountAttribute"
          attributes = jsonencode({ attributeName = %q, sourceName = sailpoint_source.%s.name })
        }
      }
    }
  }
`, accountAttribute, source)
}

func profileID(s *terraform.State) string { return s.RootModule().Resources[profileAddr].Primary.ID }

func TestAccIdentityProfile_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.profileConfig(name, fmt.Sprintf(`
  description          = "first"
  priority             = 10
  owner                = { id = %q }
  authoritative_source = { id = sailpoint_source.hr.id }
`, e.ownerID)+emailTransform("hr", "mail")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\S+$`))),
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("owner").AtMapKey("name"), knownvalue.StringExact(e.ownerName)),
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("authoritative_source").AtMapKey("name"), knownvalue.StringExact(name+"-hr")),
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("identity_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("identity_exception_report_reference"), knownvalue.Null()),
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("identity_attribute_config").AtMapKey("attribute_transforms").AtMapKey("email").
						AtMapKey("transform_definition").AtMapKey("attributes"), knownvalue.StringExact(fmt.Sprintf(`{"attributeName":"mail","sourceName":"%s-hr"}`, name))),
				},
			},
			{
				ResourceName:      profileAddr,
				ImportState:       true,
				ImportStateVerify: true,
				// Timeouts live only in configuration.
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				PreConfig: e.clearLog,
				Config: e.profileConfig(name, fmt.Sprintf(`
  description          = "second"
  priority             = 20
  owner                = { id = %q }
  authoritative_source = { id = sailpoint_source.hr.id }
`, e.ownerID)+emailTransform("hr", "email")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					// ISC may need an identity refresh, or find time-based attributes, after a change of the transforms.
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(profileAddr, "description", "priority",
						"identity_attribute_config.attribute_transforms.email.transform_definition.attributes",
						"identity_refresh_required", "has_time_based_attr")},
				},
				Check: e.expectPatch(t, profilePatchRoute, `[
					{"op":"replace","path":"/description","value":"second"},
					{"op":"replace","path":"/identityAttributeConfig/attributeTransforms/0/transformDefinition/attributes/attributeName","value":"email"},
					{"op":"replace","path":"/priority","value":20}]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("description"), knownvalue.StringExact("second")),
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("priority"), knownvalue.Int64Exact(20)),
				},
			},
			{
				// The same configuration, the transform's JSON spelled differently: nothing to do.
				Config: e.profileConfig(name, fmt.Sprintf(`
  description          = "second"
  priority             = 20
  owner                = { id = %q }
  authoritative_source = { id = sailpoint_source.hr.id }
  identity_attribute_config = {
    enabled = true
    attribute_transforms = {
      email = {
        transform_definition = {
          type       = "accountAttribute"
          attributes = jsonencode({ sourceName = sailpoint_source.hr.name, attributeName = "email" })
        }
      }
    }
  }
`, e.ownerID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// A plan of a profile shows what changes and nothing else: a changed description alone, one
// transform added or removed as exactly that element (with the flags ISC derives from the
// transforms, which may change), sent as one operation at ISC's index.
func TestAccIdentityProfile_keyedTransforms(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	transform := func(identityAttribute, accountAttribute string) string {
		return fmt.Sprintf(`
      %s = {
        transform_definition = {
          type       = "accountAttribute"
          attributes = jsonencode({ attributeName = %q, sourceName = sailpoint_source.hr.name })
        }
      }`, identityAttribute, accountAttribute)
	}
	config := func(description string, transforms ...string) string {
		return e.profileConfig(name, fmt.Sprintf(`
  description          = %q
  authoritative_source = { id = sailpoint_source.hr.id }
  identity_attribute_config = {
    enabled              = true
    attribute_transforms = {%s
    }
  }
`, description, strings.Join(transforms, "")))
	}
	const transforms = "identity_attribute_config.attribute_transforms"
	// ISC derives these from the transforms: a plan that changes them cannot know them.
	derived := []string{"identity_refresh_required", "has_time_based_attr"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: config("first", transform("uid", "id"), transform("email", "mail"))},
			{
				PreConfig: e.clearLog,
				Config:    config("second", transform("uid", "id"), transform("email", "mail")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(profileAddr, "description")},
				},
				Check: e.expectPatch(t, profilePatchRoute, `[{"op":"replace","path":"/description","value":"second"}]`),
			},
			{
				// ISC holds email, uid (created in name order); department goes at the end.
				PreConfig: e.clearLog,
				Config:    config("second", transform("uid", "id"), transform("department", "dept"), transform("email", "mail")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(profileAddr, append(derived, transforms+".department")...)},
				},
				Check: e.expectPatch(t, profilePatchRoute, fmt.Sprintf(`[{"op":"add","path":"/identityAttributeConfig/attributeTransforms/2","value":
					{"identityAttributeName":"department","transformDefinition":{"type":"accountAttribute","attributes":{"attributeName":"dept","sourceName":"%s-hr"}}}}]`, name)),
			},
			{
				PreConfig: e.clearLog,
				Config:    config("second", transform("department", "dept"), transform("email", "mail")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(profileAddr, append(derived, transforms+".uid")...)},
				},
				Check: e.expectPatch(t, profilePatchRoute, `[{"op":"remove","path":"/identityAttributeConfig/attributeTransforms/1"}]`),
			},
		},
	})
}

// A profile with only the required arguments takes ISC's defaults, and neither a second plan
// nor an import shows a difference.
func TestAccIdentityProfile_defaults(t *testing.T) {
	e := newAccEnv(t)
	config := e.profileConfig(uniqueName(t), `authoritative_source = { id = sailpoint_source.hr.id }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("identity_attribute_config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"enabled":              knownvalue.Bool(false),
						"attribute_transforms": knownvalue.MapExact(map[string]knownvalue.Check{}),
					})),
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("owner"), knownvalue.Null()),
				},
			},
			{ResourceName: profileAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Changing the authoritative source and the attribute config in one apply is one in-place
// update, sent as two patches: the authoritative source first, alone.
func TestAccIdentityProfile_twoPatches(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.profileConfig(name, `
  description          = "from HR"
  authoritative_source = { id = sailpoint_source.hr.id }
`+emailTransform("hr", "mail"))},
			{
				PreConfig: e.clearLog,
				Config: e.profileConfig(name, `
  description          = "from AD"
  authoritative_source = { id = sailpoint_source.ad.id }
`+emailTransform("ad", "mail")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(profileAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(
					func(s *terraform.State) error {
						return e.expectPatchRequests(profilePatchRoute,
							fmt.Sprintf(`[{"op":"replace","path":"/authoritativeSource/id","value":%q}]`, s.RootModule().Resources["sailpoint_source.ad"].Primary.ID),
							fmt.Sprintf(`[
								{"op":"replace","path":"/description","value":"from AD"},
								{"op":"replace","path":"/identityAttributeConfig/attributeTransforms/0/transformDefinition/attributes/sourceName","value":"%s-ad"}]`, name),
						)(s)
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("authoritative_source").AtMapKey("name"), knownvalue.StringExact(name+"-ad")),
				},
			},
		},
	})
}

// When ISC refuses the second of the two patches, the apply fails with ISC's answer, the state
// keeps what the first one changed, and the next apply sends only what is left.
func TestAccIdentityProfile_twoPatchesSecondRefused(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	// Another profile holds the name the second patch asks for.
	taken := fmt.Sprintf(`
resource "sailpoint_source" "other" {
  name             = "%[1]s-other"
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = %[2]q }
}

resource "sailpoint_identity_profile" "other" {
  name                 = "%[1]s-taken"
  authoritative_source = { id = sailpoint_source.other.id }
}
`, name, e.ownerID)
	config := func(profileName, source string) string {
		return taken + e.profileSources(name, "HR accounts") + fmt.Sprintf(`
resource "sailpoint_identity_profile" "test" {
  name                 = %q
  authoritative_source = { id = sailpoint_source.%s.id }
%s
}
`, profileName, source, emailTransform(source, "mail"))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		// Plans read the state as the failed apply left it, not as a refresh would find ISC.
		AdditionalCLIOptions: &resource.AdditionalCLIOptions{Plan: resource.PlanOptions{NoRefresh: true}},
		Steps: []resource.TestStep{
			{Config: config(name, "hr")},
			{
				Config:      config(name+"-taken", "ad"),
				ExpectError: regexp.MustCompile(`(?s)Error updating SailPoint identity profile.*already\s+exists`),
			},
			{
				PreConfig: e.clearLog,
				Config:    config(name, "ad"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(profileAddr, plancheck.ResourceActionUpdate)},
				},
				Check: e.expectPatchRequests(profilePatchRoute, fmt.Sprintf(`[
					{"op":"replace","path":"/identityAttributeConfig/attributeTransforms/0/transformDefinition/attributes/sourceName","value":"%s-ad"}]`, name)),
			},
		},
	})
}

func TestAccIdentityProfile_disappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.profileConfig(uniqueName(t), `authoritative_source = { id = sailpoint_source.hr.id }`)
	tc := disappears(config, func(s *terraform.State) error {
		task, err := e.client.DeleteIdentityProfile(background, profileID(s))
		if err != nil {
			return err
		}
		return e.client.WaitForIdentityProfileDeleted(background, profileID(s), task.ID)
	}, []string{profileAddr})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccIdentityProfile_drift(t *testing.T) {
	e := newAccEnv(t)
	config := e.profileConfig(uniqueName(t), `
  description          = "managed"
  priority             = 10
  authoritative_source = { id = sailpoint_source.hr.id }
`+emailTransform("hr", "mail"))
	tc := e.drift(config,
		func(s *terraform.State) error {
			_, err := e.client.PatchIdentityProfile(background, profileID(s), client.Patch{
				{Op: "replace", Path: "/description", Value: json.RawMessage(`"changed by hand"`)},
				{Op: "replace", Path: "/priority", Value: json.RawMessage(`99`)},
				{Op: "replace", Path: "/identityAttributeConfig/enabled", Value: json.RawMessage(`false`)},
				{Op: "replace", Path: "/identityAttributeConfig/attributeTransforms/0/transformDefinition/attributes/attributeName", Value: json.RawMessage(`"other"`)},
			})
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(profileAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(profileAddr, tfjsonpath.New("description"), knownvalue.StringExact("managed")),
		},
		e.expectPatch(t, profilePatchRoute, `[
			{"op":"replace","path":"/description","value":"managed"},
			{"op":"replace","path":"/identityAttributeConfig/attributeTransforms/0/transformDefinition/attributes/attributeName","value":"mail"},
			{"op":"replace","path":"/identityAttributeConfig/enabled","value":true},
			{"op":"replace","path":"/priority","value":10}]`))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccIdentityProfile_authoritativeNoDiff(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	withProfile := e.profileConfig(name, `authoritative_source = { id = sailpoint_source.hr.id }`)
	authoritative := func(want bool) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("sailpoint_source.hr", tfjsonpath.New("authoritative"), knownvalue.Bool(want))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: withProfile},
			{
				Config:            withProfile,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{authoritative(true)},
			},
			{
				// The profile goes while its source changes in place, in the same apply. The source's
				// authoritative stays out of the plan, and the apply records it as planned.
				Config: e.profileSources(name, "HR accounts, no profile"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(profileAddr, plancheck.ResourceActionDestroy),
						expectOnlyChanges("sailpoint_source.hr", "description"),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{authoritative(true)},
			},
			{
				Config:            e.profileSources(name, "HR accounts, no profile"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{authoritative(false)},
			},
		},
	})
}

func TestAccIdentityProfile_deleteTimeout(t *testing.T) {
	// Deletes take an hour of the emulator's clock, so step 3 plans, applies and plans again while
	// the profile still exists however busy the machine is. Step 4 moves the clock past the hour
	// and makes it run a thousand times faster, so the profile is gone and the sources' deletes at
	// the end take seconds.
	var released atomic.Int64 // when step 4 began, in Unix nanoseconds; 0 before
	e := newAccEnv(t, withDeleteDelay(time.Hour), withClock(func() time.Time {
		now := time.Now()
		if r := released.Load(); r != 0 {
			return now.Add(time.Hour + 1000*now.Sub(time.Unix(0, r)))
		}
		return now
	}))
	e.requireEmulator(t)
	name := uniqueName(t)
	withTimeout := func(timeout string) string {
		return e.profileConfig(name, fmt.Sprintf(`
  authoritative_source = { id = sailpoint_source.hr.id }
  timeouts {
    delete = %q
  }
`, timeout))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: withTimeout("1s")},
			{
				Config: e.profileSources(name, "HR accounts"),
				// Any space may be a line break in Terraform's output.
				ExpectError: regexp.MustCompile(strings.Join(strings.Fields(
					`gave up waiting for the deletion of identity profile \S+ \(task \S+\): context deadline exceeded; `+
						`ISC may still be deleting it: check the task with GET `+e.version.Path("/task-status/")+`\S+, or wait until `+
						`GET `+e.version.Path("/identity-profiles/")+`\S+ answers 404 \(the timeout is 1s; raise it with a timeouts block`), `\s+`)),
			},
			{
				// The profile is still in state and still in ISC: only the timeout changes.
				Config: withTimeout("1m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(profileAddr, plancheck.ResourceActionUpdate)},
				},
			},
			{
				// Once ISC has finished the delete, the profile leaves the state with nothing to do.
				PreConfig: func() { released.Store(time.Now().UnixNano()) },
				Config:    e.profileSources(name, "HR accounts"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccIdentityProfile_importIDMalformed(t *testing.T) {
	e := newAccEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:        e.profileConfig(uniqueName(t), `authoritative_source = { id = sailpoint_source.hr.id }`),
				ResourceName:  profileAddr,
				ImportState:   true,
				ImportStateId: "abc/def",
				ExpectError:   regexp.MustCompile(`expected IDENTITY_PROFILE_ID, got "abc/def"`),
			},
		},
	})
}

func TestAccIdentityProfile_planTimeRules(t *testing.T) {
	e := newAccEnv(t)
	transform := func(name, typ, attributes string) string {
		return fmt.Sprintf(`%q = {
      transform_definition = { type = %q, attributes = %s }
    }`, name, typ, attributes)
	}
	config := func(transforms ...string) string {
		return fmt.Sprintf(`
  authoritative_source      = { id = "any" }
  identity_attribute_config = {
    attribute_transforms = {
    %s
    }
  }`, strings.Join(transforms, "\n    "))
	}
	cases := map[string]struct{ name, args, want string }{
		"empty name": {"", `authoritative_source = { id = "any" }`, `Attribute name must contain a character other than whitespace (ISC refuses blank names), got: `},
		"blank name": {" \t ", `authoritative_source = { id = "any" }`, `Attribute name must contain a character other than whitespace (ISC refuses blank names)`},
		"empty source id": {"x", `authoritative_source = { id = "" }`,
			`Attribute authoritative_source.id string length must be at least 1, got: 0`},
		"attributes not an object": {"x", config(transform("email", "accountAttribute", `jsonencode(["mail"])`)),
			`identity_attribute_config.attribute_transforms["email"].transform_definition.attributes must be a JSON object such as jsonencode({ key = "value" }), got ["mail"]`},
		"attributes do not parse": {"x", config(transform("uid", "static", "null"), transform("email", "accountAttribute", `"{\"a\" 1}"`)),
			`identity_attribute_config.attribute_transforms["email"].transform_definition.attributes is not valid JSON: invalid character '1' after object key (at byte 6)`},
		"empty transform type": {"x", config(transform("email", "", "null")),
			`Attribute identity_attribute_config.attribute_transforms["email"].transform_definition.type string length must be at least 1, got: 0`},
		"blank identity attribute": {"x", config(transform("  ", "static", "null")),
			`Attribute identity_attribute_config.attribute_transforms["  "] must contain a character other than whitespace (ISC refuses blank names)`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config: e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_identity_profile" "test" {
  name = %q
%s
}
`, tc.name, tc.args),
					PlanOnly:    true,
					ExpectError: errorText(tc.want),
				}},
			})
		})
	}
}

// References are by id: a configured name that is not ISC's, and an object renamed in ISC, plan
// no change, and the state holds ISC's names.
func TestAccIdentityProfile_referenceNames(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	// The authoritative source is not Terraform's, so that it can be renamed behind its back.
	src, err := e.client.CreateSource(background, &client.Source{Name: name + "-hr", Connector: "delimited-file",
		Owner: &client.Reference{Type: client.RefIdentity, ID: e.ownerID}}, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if task, err := e.client.DeleteSource(background, src.ID); err == nil {
			_ = e.client.WaitForSourceDeleted(background, src.ID, task.ID)
		}
	})
	config := func(sourceName string) string {
		return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_identity_profile" "test" {
  name                 = %q
  owner                = { id = %q, name = "Somebody Else" }
  authoritative_source = { id = %q, name = %q }
}
`, name, e.ownerID, src.ID, sourceName)
	}
	names := func(owner, source string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("owner").AtMapKey("name"), knownvalue.StringExact(owner)),
			statecheck.ExpectKnownValue(profileAddr, tfjsonpath.New("authoritative_source").AtMapKey("name"), knownvalue.StringExact(source)),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			// A create must return the names it planned, the configured ones; the refresh after it
			// reads ISC's, and the plan after that is empty.
			{Config: config(name + "-hr")},
			{
				Config:            config(name + "-hr"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: names(e.ownerName, name+"-hr"),
			},
			{
				// The source is renamed in ISC; the configuration has its old name, as configuration
				// generated before the rename would.
				PreConfig: func() {
					if _, err := e.client.PatchSource(background, src.ID, client.Patch{
						{Op: "replace", Path: "/name", Value: json.RawMessage(fmt.Sprintf("%q", name+"-renamed"))}}); err != nil {
						t.Fatal(err)
					}
					// ISC's profile names its source anew.
					if _, err := e.client.PatchIdentityProfile(background, e.profileIDNamed(t, name), client.Patch{
						{Op: "replace", Path: "/authoritativeSource/id", Value: json.RawMessage(fmt.Sprintf("%q", src.ID))}}); err != nil {
						t.Fatal(err)
					}
				},
				Config:            config(name + "-hr"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: names(e.ownerName, name+"-renamed"),
			},
		},
	})
}

// profileIDNamed is the id of the identity profile of this name in ISC.
func (e *accEnv) profileIDNamed(t *testing.T, name string) string {
	t.Helper()
	profiles, _, err := e.client.ListIdentityProfiles(background, client.ListOptions{Filters: client.FilterEq("name", name)})
	if err != nil || len(profiles) != 1 {
		t.Fatalf("identity profile %q: %d found, %v", name, len(profiles), err)
	}
	return profiles[0].ID
}
