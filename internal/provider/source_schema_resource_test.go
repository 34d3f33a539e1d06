package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
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
	schemaAddr        = "sailpoint_source_schema.test"
	schemaPatchRoute  = "PATCH /sources/{sourceId}/schemas/{schemaId}"
	schemaCreateRoute = "POST /sources/{sourceId}/schemas"
)

// sourceSchemaConfig is the test source with the given schema resources.
func (e *accEnv) sourceSchemaConfig(sourceName, schemas string) string {
	return e.sourceConfig(sourceName, "") + schemas
}

// groupSchema is a group schema of the test source with the given attributes and extra arguments.
func groupSchema(attributes, extra string) string {
	return fmt.Sprintf(`
resource "sailpoint_source_schema" "test" {
  source_id          = sailpoint_source.test.id
  name               = "group"
  native_object_type = "group"
  identity_attribute = "dn"
  attributes         = %s
%s
}
`, attributes, extra)
}

// schemaOf reads the schema a state holds at addr from ISC.
func (e *accEnv) schemaOf(s *terraform.State, addr string) (*client.Schema, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return nil, fmt.Errorf("%s is not in the state", addr)
	}
	return e.client.GetSchema(background, rs.Primary.Attributes["source_id"], rs.Primary.ID)
}

// schemaTest runs a test case that has an emulator of its own (or unique names on a tenant) in
// parallel, checking after destroy that its objects are gone from ISC.
func (e *accEnv) schemaTest(t *testing.T, tc resource.TestCase) {
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSourceSchema_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	const (
		three = `{
    dn       = { description = "Distinguished name" }
    cn       = {}
    memberOf = { is_multi = true }
  }`
		four = `{
    dn          = { description = "Distinguished name" }
    cn          = {}
    description = { type = "STRING", description = "Group description" }
    memberOf    = { is_multi = true }
  }`
		fourChanged = `{
    dn          = { description = "Distinguished name" }
    cn          = { description = "Common name" }
    description = { type = "STRING", description = "Group description" }
    memberOf    = { is_multi = true }
  }`
	)
	// The arguments of the basic test besides the attributes.
	args := func(display, member string) string {
		return fmt.Sprintf(`
  display_attribute   = %q
  hierarchy_attribute = "memberOf"
  include_permissions = true
  features            = ["PROVISIONING"]
  configuration       = jsonencode({ groupMemberAttribute = %q })`, display, member)
	}
	e.schemaTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: e.sourceSchemaConfig(name, groupSchema(three, args("cn", "member"))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(schemaAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\S+$`))),
					statecheck.ExpectKnownValue(schemaAddr, tfjsonpath.New("attributes").AtMapKey("cn"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"type": knownvalue.StringExact("STRING"), "description": knownvalue.Null(),
						"is_multi": knownvalue.Bool(false), "is_entitlement": knownvalue.Bool(false), "is_group": knownvalue.Bool(false),
						"schema_id": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue(schemaAddr, tfjsonpath.New("configuration"), knownvalue.StringExact(`{"groupMemberAttribute":"member"}`)),
				},
				Check: func(s *terraform.State) error {
					sc, err := e.schemaOf(s, schemaAddr)
					if err != nil {
						return err
					}
					// In name order: the map has none, and ISC keeps what it is given.
					if len(sc.Attributes) != 3 || sc.Attributes[2].Name != "memberOf" || !sc.Attributes[2].IsMulti ||
						sc.HierarchyAttribute != "memberOf" || !sc.IncludePermissions {
						return fmt.Errorf("schema in ISC: %+v", sc)
					}
					return nil
				},
			},
			{
				ResourceName:      schemaAddr,
				ImportState:       true,
				ImportStateIdFunc: importID(schemaAddr, "source_id", "id"),
				ImportStateVerify: true,
			},
			{
				// An attribute inserted between others is one new element in the plan, and one add at the end of
				// ISC's array: the others are not rewritten.
				PreConfig: e.clearLog,
				Config:    e.sourceSchemaConfig(name, groupSchema(four, args("cn", "member"))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(schemaAddr, "attributes.description")},
				},
				Check: e.expectPatch(t, schemaPatchRoute, `[{"op":"add","path":"/attributes/3","value":
					{"name":"description","type":"STRING","description":"Group description","isMulti":false,"isEntitlement":false,"isGroup":false}}]`),
			},
			{
				PreConfig: e.clearLog,
				Config:    e.sourceSchemaConfig(name, groupSchema(fourChanged, args("description", "uniqueMember"))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(schemaAddr,
						"attributes.cn.description", "configuration", "display_attribute")},
				},
				Check: e.expectPatch(t, schemaPatchRoute, `[
					{"op":"add","path":"/attributes/0/description","value":"Common name"},
					{"op":"replace","path":"/configuration/groupMemberAttribute","value":"uniqueMember"},
					{"op":"replace","path":"/displayAttribute","value":"description"}]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(schemaAddr, tfjsonpath.New("attributes").AtMapKey("cn").AtMapKey("description"), knownvalue.StringExact("Common name")),
				},
			},
			{
				// Removing one attribute is one element less in the plan, and one remove at ISC's index.
				PreConfig: e.clearLog,
				Config: e.sourceSchemaConfig(name, groupSchema(`{
    dn          = { description = "Distinguished name" }
    cn          = { description = "Common name" }
    description = { type = "STRING", description = "Group description" }
  }`, args("description", "uniqueMember"))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(schemaAddr, "attributes.memberOf")},
				},
				Check: e.expectPatch(t, schemaPatchRoute, `[{"op":"remove","path":"/attributes/2"}]`),
			},
			{
				// The same definition, written differently.
				Config: e.sourceSchemaConfig(name, groupSchema(`{
    description = { description = "Group description", is_group = false }
    cn          = { description = "Common name", type = "STRING" }
    dn          = { description = "Distinguished name", is_multi = false }
  }`, args("description", "uniqueMember"))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccSourceSchema_disappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.sourceSchemaConfig(uniqueName(t), groupSchema(`{ dn = {} }`, ""))
	e.schemaTest(t, disappears(config, func(s *terraform.State) error {
		rs := s.RootModule().Resources[schemaAddr].Primary
		return e.client.DeleteSchema(background, rs.Attributes["source_id"], rs.ID)
	}, []string{schemaAddr}, sourceAddr))
}

func TestAccSourceSchema_sourceDisappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.sourceSchemaConfig(uniqueName(t), groupSchema(`{ dn = {} }`, ""))
	e.schemaTest(t, disappears(config, e.deleteSource(), []string{sourceAddr, schemaAddr}))
}

func TestAccSourceSchema_drift(t *testing.T) {
	e := newAccEnv(t)
	config := e.sourceSchemaConfig(uniqueName(t), groupSchema(`{
    dn = { description = "Distinguished name" }
    cn = {}
  }`, `display_attribute = "cn"`))
	e.schemaTest(t, e.drift(config,
		func(s *terraform.State) error {
			rs := s.RootModule().Resources[schemaAddr].Primary
			_, err := e.client.PatchSchema(background, rs.Attributes["source_id"], rs.ID, client.Patch{
				{Op: "replace", Path: "/displayAttribute", Value: json.RawMessage(`"dn"`)},
				{Op: "replace", Path: "/attributes/1/description", Value: json.RawMessage(`"changed by hand"`)},
				{Op: "add", Path: "/attributes/-", Value: json.RawMessage(`{"name":"addedByHand","type":"STRING"}`)},
			})
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(schemaAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(schemaAddr, tfjsonpath.New("display_attribute"), knownvalue.StringExact("cn")),
		},
		// The configured definition is restored, with one operation per difference, at ISC's indexes.
		e.expectPatch(t, schemaPatchRoute, `[
			{"op":"replace","path":"/attributes/1/description","value":"Distinguished name"},
			{"op":"remove","path":"/attributes/2"},
			{"op":"replace","path":"/displayAttribute","value":"cn"}]`)))
}

// setAccountHierarchy gives the account schema of the source named sourceName a hierarchy
// attribute behind Terraform's back.
func (e *accEnv) setAccountHierarchy(t *testing.T, sourceName, hierarchy string) {
	t.Helper()
	sources, _, err := e.client.ListSources(background, client.ListOptions{Filters: client.FilterEq("name", sourceName)})
	if err != nil || len(sources) != 1 {
		t.Fatalf("source %q: %d found, %v", sourceName, len(sources), err)
	}
	sc, err := e.client.FindSchema(background, sources[0].ID, "account")
	if err != nil || sc == nil {
		t.Fatalf("account schema of %q: %+v, %v", sourceName, sc, err)
	}
	if _, err := e.client.PatchSchema(background, sources[0].ID, sc.ID,
		client.Patch{{Op: "add", Path: "/hierarchyAttribute", Value: json.RawMessage(strconv.Quote(hierarchy))}}); err != nil {
		t.Fatal(err)
	}
}

// Creating the account schema ISC made with the source takes it over; destroying it leaves it in ISC.
func TestAccSourceSchema_takeoverAccount(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	account := `
resource "sailpoint_source_schema" "test" {
  source_id          = sailpoint_source.test.id
  name               = "account"
  identity_attribute = "employeeId"
  display_attribute  = "displayName"
  attributes = {
    employeeId  = { description = "Employee number" }
    displayName = {}
    startDate   = { type = "DATE" }
  }
}
`
	e.schemaTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: e.sourceSchemaConfig(name, "")},
			{
				// ISC's account schema has a hierarchy attribute, which the configuration leaves unset.
				PreConfig: func() {
					e.setAccountHierarchy(t, name, "memberOf")
					e.clearLog()
				},
				Config: e.sourceSchemaConfig(name, account),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(schemaAddr, plancheck.ResourceActionCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					// The source's own account schema, not a second one.
					resource.TestCheckResourceAttrPair(schemaAddr, "id", sourceAddr, "schemas.0.id"),
					// The run has not seen the source, so the schema list gives the schema's id; then one
					// patch of what the configuration sets: arguments left unset keep ISC's values. An
					// unset hierarchy attribute means none: ISC's goes in a second patch, since a patch
					// value may not be null.
					e.requestCount(schemaCreateRoute, 0),
					e.requestCount("GET /sources/{sourceId}/schemas", 1),
					e.requestCount("PUT /sources/{sourceId}/schemas/{schemaId}", 0),
					e.expectPatchRequests(schemaPatchRoute, `[
						{"op":"add","path":"/includePermissions","value":false},
						{"op":"add","path":"/identityAttribute","value":"employeeId"},
						{"op":"add","path":"/displayAttribute","value":"displayName"},
						{"op":"add","path":"/attributes"}]`,
						`[{"op":"remove","path":"/hierarchyAttribute"}]`),
					resource.TestCheckNoResourceAttr(schemaAddr, "hierarchy_attribute"),
					func(s *terraform.State) error {
						sc, err := e.schemaOf(s, schemaAddr)
						if err != nil {
							return err
						}
						if sc.IdentityAttribute != "employeeId" || len(sc.Attributes) != 3 || sc.Attributes[2].Name != "startDate" || sc.Attributes[2].Type != "DATE" {
							return fmt.Errorf("account schema in ISC: %+v", sc)
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					// Left unset, ISC's value stays.
					statecheck.ExpectKnownValue(schemaAddr, tfjsonpath.New("native_object_type"), knownvalue.StringExact("User")),
				},
			},
			{
				// Removing the resource leaves the schema, as configured, to its source.
				Config: e.sourceSchemaConfig(name, ""),
				Check: func(s *terraform.State) error {
					sc, err := e.client.FindSchema(background, s.RootModule().Resources[sourceAddr].Primary.ID, "account")
					if err != nil {
						return err
					}
					if sc == nil || len(sc.Attributes) != 3 {
						return fmt.Errorf("account schema after destroying the resource: %+v", sc)
					}
					return nil
				},
			},
		},
	})
}

// A group attribute of the account schema points at a group schema that Terraform creates first.
func TestAccSourceSchema_groupEntitlement(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	config := e.sourceSchemaConfig(name, `
resource "sailpoint_source_schema" "group" {
  source_id          = sailpoint_source.test.id
  name               = "group"
  native_object_type = "group"
  identity_attribute = "dn"
  attributes         = { dn = {} }
}

resource "sailpoint_source_schema" "test" {
  source_id          = sailpoint_source.test.id
  name               = "account"
  identity_attribute = "id"
  attributes = {
    id       = {}
    memberOf = { is_multi = true, is_entitlement = true, is_group = true, schema_id = sailpoint_source_schema.group.id }
  }
}
`)
	e.schemaTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair(schemaAddr, "attributes.memberOf.schema_id", "sailpoint_source_schema.group", "id"),
					func(s *terraform.State) error {
						sc, err := e.schemaOf(s, schemaAddr)
						if err != nil {
							return err
						}
						if ref := sc.Attributes[1].Schema; ref == nil || ref.Name != "group" || ref.Type != client.RefConnectorSchema {
							return fmt.Errorf("memberOf points at %+v", ref)
						}
						return nil
					},
				),
			},
			{
				ResourceName:      schemaAddr,
				ImportState:       true,
				ImportStateIdFunc: importID(schemaAddr, "source_id", "id"),
				ImportStateVerify: true,
			},
			{
				// Destroying both schemas deletes the group schema; the account schema stays with its source.
				PreConfig: e.clearLog,
				Config:    e.sourceSchemaConfig(name, ""),
				Check: resource.ComposeTestCheckFunc(
					e.requestCount("DELETE /sources/{sourceId}/schemas/{schemaId}", 1),
					func(s *terraform.State) error {
						sourceID := s.RootModule().Resources[sourceAddr].Primary.ID
						for schema, want := range map[string]bool{"group": false, "account": true} {
							sc, err := e.client.FindSchema(background, sourceID, schema)
							if err != nil {
								return err
							}
							if (sc != nil) != want {
								return fmt.Errorf("after destroy, the %s schema exists: %v, want %v", schema, sc != nil, want)
							}
						}
						return nil
					},
				),
			},
		},
	})
}

func TestAccSourceSchema_importIDMalformed(t *testing.T) {
	e := newAccEnv(t)
	for id, reason := range map[string]string{
		"abc":   `it needs 2 parts separated by "/", not 1`,
		"abc/":  "SCHEMA_ID is empty",
		"a/b/c": `it needs 2 parts separated by "/", not 3`,
	} {
		t.Run(id, func(t *testing.T) {
			e.schemaTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:        e.sourceSchemaConfig(uniqueName(t), groupSchema(`{}`, "")),
					ResourceName:  schemaAddr,
					ImportState:   true,
					ImportStateId: id,
					ExpectError:   errorText(fmt.Sprintf(`expected SOURCE_ID/SCHEMA_ID, got %q: %s`, id, reason)),
				}},
			})
		})
	}
}

func TestAccSourceSchema_planTimeRules(t *testing.T) {
	e := newAccEnv(t)
	cases := map[string]struct{ attributes, extra, want string }{
		"group needs entitlement": {`{
    id       = {}
    memberOf = { is_group = true, schema_id = "g1" }
  }`, "", `attributes\["memberOf"\]\.is_group is true, but is_entitlement is not[\s\S]*Set is_entitlement = true on\s+attribute "memberOf"`},
		"group needs a schema": {`{ memberOf = { is_entitlement = true, is_group = true } }`, "",
			`attributes\["memberOf"\]\.is_group is true, but schema_id is unset`},
		"names differing only in case": {`{
    mail = {}
    cn   = {}
    Mail = {}
  }`, "", `The attributes "Mail" and "mail" differ only in case, and ISC compares\s+attribute names ignoring case`},
		"attribute type":  {`{ n = { type = "FLOAT" } }`, "", `attributes\["n"\]\.type[\s\S]*value must be one of:[\s\S]*"STRING"`},
		"feature":         {`{}`, `features = ["FLY"]`, `features[\s\S]*value must be one of`},
		"configuration":   {`{}`, `configuration = jsonencode(["a"])`, `configuration must be a JSON object`},
		"empty attribute": {`{ "" = {} }`, "", `Attribute attributes\[""\] must contain a character other than whitespace`},
		"blank attribute": {`{
    id   = {}
    "  " = {}
  }`, "", `Attribute attributes\["  "\] must contain a character other than whitespace`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e.schemaTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      e.sourceSchemaConfig("never-created", groupSchema(tc.attributes, tc.extra)),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
