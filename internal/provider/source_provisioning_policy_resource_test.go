package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
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
	policyAddr        = "sailpoint_source_provisioning_policy.test"
	policyCreateRoute = "POST /sources/{sourceId}/provisioning-policies"
	policyPatchRoute  = "PATCH /sources/{sourceId}/provisioning-policies/{usageType}"
	policyPutRoute    = "PUT /sources/{sourceId}/provisioning-policies/{usageType}"
	policyListRoute   = "GET /sources/{sourceId}/provisioning-policies"
)

// policyConfig is a delimited-file source (which ISC gives a CREATE policy) and a provisioning
// policy of the given usage type on it, with the given further arguments.
func (e *accEnv) policyConfig(sourceName, usageType, body string) string {
	return e.sourceConfig(sourceName, "") + fmt.Sprintf(`
resource "sailpoint_source_provisioning_policy" "test" {
  source_id  = sailpoint_source.test.id
  usage_type = %q
%s
}
`, usageType, body)
}

// field is one element of a policy's fields, with its is_required in the plan or state.
func field(i int, attr string) tfjsonpath.Path {
	return tfjsonpath.New("fields").AtSliceIndex(i).AtMapKey(attr)
}

// noIsRequiredSent checks that no policy create, patch or put carried the read-only isRequired.
func (e *accEnv) noIsRequiredSent(*terraform.State) error {
	if e.emu == nil {
		return nil
	}
	for _, route := range []string{policyCreateRoute, policyPatchRoute, policyPutRoute} {
		for _, r := range e.requests(route) {
			if strings.Contains(r.Body, "isRequired") {
				return fmt.Errorf("%s sent the read-only isRequired: %s", route, r.Body)
			}
		}
	}
	return nil
}

func TestAccSourceProvisioningPolicy_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	config := func(description, displayNameFrom, departmentDefaults string) string {
		return e.policyConfig(name, "UPDATE", fmt.Sprintf(`
  name        = "Account update"
  description = %q
  fields = [
    {
      name      = "displayName"
      type      = "string"
      transform = jsonencode({ type = "identityAttribute", attributes = { name = %q } })
    },
    {
      name       = "email"
      type       = "string"
      transform  = jsonencode({ type = "identityAttribute", attributes = { name = "email" } })
      attributes = jsonencode({ cloudRequired = "true" })
    },
    {
      name = "department"
      %s
    },
  ]
`, description, displayNameFrom, departmentDefaults))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				PreConfig: e.clearLog,
				Config:    config("first", "displayName", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\S+/UPDATE$`))),
					statecheck.ExpectKnownValue(policyAddr, field(0, "is_required"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(policyAddr, field(1, "is_required"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(policyAddr, field(2, "transform"), knownvalue.StringExact("{}")),
					statecheck.ExpectKnownValue(policyAddr, field(2, "is_multi_valued"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(policyAddr, field(2, "type"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(e.requestCount(policyCreateRoute, 1), e.noIsRequiredSent),
			},
			{
				ResourceName:      policyAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				PreConfig: e.clearLog,
				Config:    config("second", "cn", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						expectOnlyChanges(policyAddr, "description", "fields[0].transform"),
						// ISC's is_required stays known: no field's attributes change.
						plancheck.ExpectKnownValue(policyAddr, field(0, "is_required"), knownvalue.Bool(false)),
						plancheck.ExpectKnownValue(policyAddr, field(1, "is_required"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(policyAddr, field(2, "is_required"), knownvalue.Bool(false)),
					},
				},
				Check: resource.ComposeTestCheckFunc(
					e.expectPatch(t, policyPatchRoute, `[
						{"op":"replace","path":"/description","value":"second"},
						{"op":"replace","path":"/fields/0/transform/attributes/name","value":"cn"}]`),
					e.noIsRequiredSent,
				),
			},
			{
				// ISC's defaults spelled out are the same as left out.
				Config: config("second", "cn", `transform = jsonencode({})
      attributes = jsonencode({})
      is_multi_valued = false`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Adding a field and changing another's attributes leaves the is_required of the untouched
// field known in the plan, wherever the field moves in the list.
func TestAccSourceProvisioningPolicy_isRequiredPlan(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	email := `{
      name       = "email"
      transform  = jsonencode({ type = "identityAttribute", attributes = { name = "email" } })
      attributes = jsonencode({ cloudRequired = "true" })
    },`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.policyConfig(name, "UPDATE", `
  name   = "Account update"
  fields = [
    `+email+`
    { name = "department" },
  ]
`),
			},
			{
				PreConfig: e.clearLog,
				Config: e.policyConfig(name, "UPDATE", `
  name   = "Account update"
  fields = [
    { name = "displayName" },
    `+email+`
    { name = "department", attributes = jsonencode({ cloudRequired = "true" }) },
  ]
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(policyAddr, field(0, "is_required")),
						plancheck.ExpectKnownValue(policyAddr, field(1, "is_required"), knownvalue.Bool(true)),
						plancheck.ExpectUnknownValue(policyAddr, field(2, "is_required")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(policyAddr, field(0, "is_required"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(policyAddr, field(2, "is_required"), knownvalue.Bool(true)),
				},
				Check: resource.ComposeTestCheckFunc(
					e.expectPatch(t, policyPatchRoute, `[
						{"op":"add","path":"/fields/0","value":{"name":"displayName","isMultiValued":false,"transform":{},"attributes":{}}},
						{"op":"add","path":"/fields/2/attributes/cloudRequired","value":"true"}]`),
					e.noIsRequiredSent,
				),
			},
		},
	})
}

// Creating a policy of a usage type the source already has takes ISC's policy over.
func TestAccSourceProvisioningPolicy_takeover(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	config := e.policyConfig(name, "CREATE", `
  name   = "Account"
  fields = [
    {
      name       = "id"
      type       = "string"
      transform  = jsonencode({ type = "identityAttribute", attributes = { name = "uid" } })
      attributes = jsonencode({ cloudRequired = "true" })
    },
    {
      name      = "name"
      type      = "string"
      transform = jsonencode({ type = "identityAttribute", attributes = { name = "displayName" } })
    },
    {
      name      = "email"
      type      = "string"
      transform = jsonencode({ type = "identityAttribute", attributes = { name = "email" } })
    },
  ]
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				PreConfig: e.clearLog,
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(policyAddr, field(0, "is_required"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(policyAddr, field(2, "name"), knownvalue.StringExact("email")),
				},
				// The source has ISC's CREATE policy: it is replaced with the configuration, without its
				// description, which is not configured, in one request.
				Check: resource.ComposeTestCheckFunc(
					e.requestCount(policyCreateRoute, 0),
					e.requestCount(policyListRoute, 0),
					e.requestCount(policyPatchRoute, 0),
					e.expectBody(policyPutRoute, `{"name":"Account","usageType":"CREATE","fields":[
						{"name":"id","type":"string","isMultiValued":false,
							"transform":{"type":"identityAttribute","attributes":{"name":"uid"}},"attributes":{"cloudRequired":"true"}},
						{"name":"name","type":"string","isMultiValued":false,
							"transform":{"type":"identityAttribute","attributes":{"name":"displayName"}},"attributes":{}},
						{"name":"email","type":"string","isMultiValued":false,
							"transform":{"type":"identityAttribute","attributes":{"name":"email"}},"attributes":{}}]}`),
					e.noIsRequiredSent,
				),
			},
			{
				ResourceName:      policyAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

// A change ISC does not keep apart (an unset description and "") sends nothing, and ISC's
// is_required stays in the state.
func TestAccSourceProvisioningPolicy_emptyPatch(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	config := func(description string) string {
		return e.policyConfig(name, "UPDATE", description+`
  name   = "Account update"
  fields = [{ name = "id", attributes = jsonencode({ cloudRequired = "true" }) }]
`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: config("")},
			{
				PreConfig: e.clearLog,
				Config:    config(`description = ""`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("description"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(policyAddr, field(0, "is_required"), knownvalue.Bool(true)),
				},
				Check: resource.ComposeTestCheckFunc(e.requestCount(policyPatchRoute, 0), e.requestCount(policyPutRoute, 0)),
			},
		},
	})
}

func TestAccSourceProvisioningPolicy_disappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.policyConfig(uniqueName(t), "UPDATE", `name = "Account update"`)
	tc := disappears(config, func(s *terraform.State) error {
		return e.client.DeleteProvisioningPolicy(background, s.RootModule().Resources[sourceAddr].Primary.ID, "UPDATE")
	}, []string{policyAddr}, sourceAddr)
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// The source deleted behind Terraform's back: the next plan creates the source again, and the
// policy on it (taking over the CREATE policy ISC gives the new source).
func TestAccSourceProvisioningPolicy_sourceDisappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.policyConfig(uniqueName(t), "CREATE", `
  name   = "Account"
  fields = [{ name = "id", attributes = jsonencode({ cloudRequired = "true" }) }]
`)
	tc := disappears(config, e.deleteSource(), []string{sourceAddr, policyAddr})
	tc.Steps[1].ConfigStateChecks = []statecheck.StateCheck{
		statecheck.ExpectKnownValue(policyAddr, field(0, "is_required"), knownvalue.Bool(true)),
	}
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSourceProvisioningPolicy_drift(t *testing.T) {
	e := newAccEnv(t)
	config := e.policyConfig(uniqueName(t), "UPDATE", `
  name   = "Account update"
  fields = [
    {
      name      = "displayName"
      transform = jsonencode({ type = "identityAttribute", attributes = { name = "displayName" } })
    },
    { name = "department" },
  ]
`)
	tc := e.drift(config,
		func(s *terraform.State) error {
			_, err := e.client.PatchProvisioningPolicy(background, s.RootModule().Resources[sourceAddr].Primary.ID, "UPDATE", client.Patch{
				{Op: "replace", Path: "/name", Value: json.RawMessage(`"changed by hand"`)},
				{Op: "replace", Path: "/fields/0/transform/attributes/name", Value: json.RawMessage(`"cn"`)},
				{Op: "add", Path: "/fields/1/type", Value: json.RawMessage(`"int"`)},
			})
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(policyAddr, tfjsonpath.New("name"), knownvalue.StringExact("Account update")),
		},
		e.expectPatch(t, policyPatchRoute, `[
			{"op":"replace","path":"/fields/0/transform/attributes/name","value":"displayName"},
			{"op":"remove","path":"/fields/1/type"},
			{"op":"replace","path":"/name","value":"Account update"}]`))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSourceProvisioningPolicy_planTimeRules(t *testing.T) {
	e := newAccEnv(t)
	cases := map[string]struct{ body, want string }{
		"usage type": {`
  usage_type = "FLY"
  name       = "x"`, `usage_type[\s\S]*value must be one of:[\s\S]*"CREATE"[\s\S]*got: "FLY"`},
		"field type": {`
  usage_type = "CREATE"
  name       = "x"
  fields     = [{ name = "id", type = "text" }]`, `fields\[0\]\.type[\s\S]*value must be one of:[\s\S]*"secret"[\s\S]*got: "text"`},
		"transform not object": {`
  usage_type = "CREATE"
  name       = "x"
  fields     = [{ name = "id", transform = jsonencode(["a"]) }]`, `fields\[0\]\.transform must be a JSON object`},
		// Terraform 1.11 shows the error on the resource block, so its text names the element.
		"transform does not parse": {`
  usage_type = "CREATE"
  name       = "x"
  fields     = [{ name = "id" }, { name = "mail" }, { name = "cn", transform = "{bad" }]`,
			errorText(`fields[2].transform is not valid JSON: invalid character 'b' looking for beginning of object key string (at byte 2)`).String()},
		"duplicate field": {`
  usage_type = "CREATE"
  name       = "x"
  fields     = [{ name = "id" }, { name = "mail" }, { name = "id" }]`, `fields\[0\] and fields\[2\] are both named "id"`},
		"empty name": {`
  usage_type = "CREATE"
  name       = ""`, `Attribute name must contain a character other than whitespace`},
		"blank name": {`
  usage_type = "CREATE"
  name       = "   "`, `Attribute name must contain a character other than whitespace`},
		"blank field name": {`
  usage_type = "CREATE"
  name       = "x"
  fields     = [{ name = "id" }, { name = " " }]`, `Attribute fields\[1\]\.name must contain a character other than whitespace`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				CheckDestroy:             e.checkDestroy,
				Steps: []resource.TestStep{{
					Config: e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_source_provisioning_policy" "test" {
  source_id = "never-created"
%s
}
`, tc.body),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

func TestAccSourceProvisioningPolicy_importIDMalformed(t *testing.T) {
	e := newAccEnv(t)
	config := e.providerConfig() + `
resource "sailpoint_source_provisioning_policy" "test" {
  source_id  = "never-created"
  usage_type = "CREATE"
  name       = "x"
}
`
	for id, want := range map[string]string{
		"abc":          `expected SOURCE_ID/USAGE_TYPE, got "abc"`,
		"abc/CREATE/x": `expected SOURCE_ID/USAGE_TYPE, got "abc/CREATE/x"`,
		"abc/create":   `expected SOURCE_ID/USAGE_TYPE, got "abc/create": USAGE_TYPE must be one of ` + strings.Join(client.UsageTypes, ", "),
	} {
		t.Run(id, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				CheckDestroy:             e.checkDestroy,
				Steps: []resource.TestStep{{
					Config:        config,
					ResourceName:  policyAddr,
					ImportState:   true,
					ImportStateId: id,
					ExpectError:   errorText(want),
				}},
			})
		})
	}
}
