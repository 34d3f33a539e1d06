package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The tests of resource identities (Terraform >= 1.12) and list resources (terraform query,
// Terraform >= 1.14) of every type. They skip on older Terraform; make test runs them once more
// on the Terraform >= 1.14 that SAIL_TEST_TERRAFORM_NEW names (NEW_TERRAFORM_TESTS in the
// GNUmakefile), so none is skipped there.

// queryCase is how the tests of a type make its test object and find it again.
type queryCase struct {
	// config is the configuration of the object at addr, named after name.
	config func(t *testing.T, e *accEnv, name string) string
	addr   string
	// lists are the list blocks that find it, in list "TYPE" "test" (and the lists it depends on),
	// with include_resource; NAME stands for name.
	lists string
	// found is how many objects list "TYPE" "test" finds: the object, and what ISC makes beside
	// it. atLeast means that other objects of the tenant may be listed too.
	found   int
	atLeast bool
	// none are the list blocks of lists that must find nothing.
	none []string
}

var queryCases = map[string]queryCase{
	"sailpoint_source": {
		config: func(_ *testing.T, e *accEnv, name string) string { return e.sourceConfig(name, "") },
		addr:   sourceAddr, found: 1, none: []string{"other_type"},
		lists: `
list "sailpoint_source" "test" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "NAME"
    type        = "DelimitedFile"
  }
}

list "sailpoint_source" "other_type" {
  provider = sailpoint
  config {
    name_prefix = "NAME"
    type        = "Active Directory - Direct"
  }
}
`,
	},
	"sailpoint_source_schema": {
		config: func(_ *testing.T, e *accEnv, name string) string {
			return e.sourceSchemaConfig(name, groupSchema(`{ dn = {}, cn = {} }`, ""))
		},
		addr: schemaAddr, found: 2, // the group schema, and the account schema ISC gives every source
		lists: sourceChildList("sailpoint_source_schema"),
	},
	"sailpoint_source_schedule": {
		config: func(_ *testing.T, e *accEnv, name string) string {
			return e.scheduleConfig(name, "ACCOUNT_AGGREGATION", "0 0 5,13,21 * * ?")
		},
		addr: scheduleAddr, found: 1,
		lists: sourceChildList("sailpoint_source_schedule"),
	},
	"sailpoint_source_provisioning_policy": {
		config: func(_ *testing.T, e *accEnv, name string) string {
			return e.policyConfig(name, "UPDATE", `  name = "Account update"`)
		},
		addr: "sailpoint_source_provisioning_policy.test", found: 2, // and the CREATE policy ISC gives a delimited-file source
		lists: sourceChildList("sailpoint_source_provisioning_policy"),
	},
	"sailpoint_identity_profile": {
		config: func(_ *testing.T, e *accEnv, name string) string {
			return e.profileConfig(name, "  authoritative_source = { id = sailpoint_source.hr.id }\n")
		},
		addr: profileAddr, found: 1,
		lists: namedList("sailpoint_identity_profile"),
	},
	"sailpoint_transform": {
		config: func(_ *testing.T, e *accEnv, name string) string {
			return e.transformConfig(name, "lower", `{ input = { type = "accountAttribute", attributes = { attributeName = "mail", sourceName = "HR" } } }`)
		},
		addr: transformAddr, found: 1,
		lists: namedList("sailpoint_transform"),
	},
	"sailpoint_governance_group": {
		config: func(_ *testing.T, e *accEnv, name string) string { return e.groupConfig(name, "") },
		addr:   groupAddr, found: 1,
		lists: namedList("sailpoint_governance_group"),
	},
	"sailpoint_governance_group_members": {
		config: func(_ *testing.T, e *accEnv, name string) string { return e.membersConfig(name, 2) },
		addr:   membersAddr, found: 1,
		lists: namedList("sailpoint_governance_group_members"),
	},
	"sailpoint_access_profile": {
		config: func(t *testing.T, e *accEnv, name string) string {
			return e.accessProfileConfig(name, e.entitledSource(t, name+" HR", "payroll"), []string{"payroll"}, "")
		},
		addr: accessProfileAddr, found: 1, // not the approvers group, nor the profiles of other sources
		lists: `
list "sailpoint_access_profile" "test" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "NAME"
    source_id   = list.sailpoint_source.parent.data[0].identity.id
  }
}

list "sailpoint_source" "parent" {
  provider = sailpoint
  config {
    name_prefix = "NAME HR"
  }
}
`,
	},
	"sailpoint_entitlement": {
		// Adopted: the aggregation makes two, the list finds the one of the name prefix.
		config: func(t *testing.T, e *accEnv, name string) string {
			return e.entitlementConfig(name, e.entitledSource(t, name+" HR", "payroll", "benefits"), "payroll", `  description = "Runs payroll"`+"\n")
		},
		addr: entitlementAddr, found: 1,
		lists: `
list "sailpoint_entitlement" "test" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "pay"
    source_id   = list.sailpoint_source.parent.data[0].identity.id
  }
}

list "sailpoint_source" "parent" {
  provider = sailpoint
  config {
    name_prefix = "NAME HR"
  }
}
`,
	},
	"sailpoint_role": {
		config: func(t *testing.T, e *accEnv, name string) string {
			return e.roleConfig(name, e.entitledSource(t, name+" HR", "payroll"), "")
		},
		addr: roleAddr, found: 1, // not the access profiles nor the approvers group named after it
		lists: namedList("sailpoint_role"),
	},
	"sailpoint_identity_attribute": {
		config: func(_ *testing.T, e *accEnv, name string) string {
			return e.identityAttributeConfig(strings.ReplaceAll(name, "-", ""), `  display_name = "Cost Center"`)
		},
		// ISC filters none, and a tenant has attributes of its own.
		addr: identityAttributeAddr, found: 1, atLeast: true,
		lists: `
list "sailpoint_identity_attribute" "test" {
  provider         = sailpoint
  include_resource = true
}
`,
	},
	"sailpoint_lifecycle_state": {
		config: func(_ *testing.T, e *accEnv, name string) string { return e.lifecycleStateConfig(name, leave) },
		addr:   lifecycleStateAddr, found: 1,
		lists: `
list "sailpoint_lifecycle_state" "test" {
  provider         = sailpoint
  include_resource = true
  config {
    identity_profile_id = list.sailpoint_identity_profile.parent.data[0].identity.id
  }
}

list "sailpoint_identity_profile" "parent" {
  provider = sailpoint
  config {
    name_prefix = "NAME"
  }
}
`,
	},
	"sailpoint_source_correlation_config": settingCase(correlationAddr, func(e *accEnv, name string) string {
		return e.correlationConfig(name, `{ identity_attribute = "uid", account_attribute = "id" }`)
	}),
	"sailpoint_source_native_change_detection_config": settingCase(nativeChangeAddr, func(e *accEnv, name string) string {
		return e.nativeChangeConfig(name, "  enabled = false") // set, though all off: ISC holds it, so an import finds it
	}),
	"sailpoint_source_attribute_sync_config": settingCase(attrSyncAddr, func(e *accEnv, name string) string {
		return e.attrSyncConfig(name, `["uid"]`)
	}),
	"sailpoint_source_entitlement_request_config": settingCase(entitlementRequestAddr, func(e *accEnv, name string) string {
		return e.entitlementRequestConfig(name, "  request_comment_required = true")
	}),
}

// settingCase is the case of a source's setting: the test source's, set by config, is found, and
// that of a second, new source, which holds what ISC gives it, is not.
func settingCase(addr string, config func(e *accEnv, name string) string) queryCase {
	typeName, _, _ := strings.Cut(addr, ".")
	return queryCase{
		config: func(_ *testing.T, e *accEnv, name string) string {
			bare := strings.TrimPrefix(e.sourceConfig("bare-"+name, ""), e.providerConfig())
			return config(e, name) + strings.Replace(bare, `"sailpoint_source" "test"`, `"sailpoint_source" "bare"`, 1)
		},
		addr: addr, found: 1, none: []string{"bare"},
		lists: sourceChildList(typeName) + fmt.Sprintf(`
list %q "bare" {
  provider = sailpoint
  config {
    source_id = list.sailpoint_source.bare.data[0].identity.id
  }
}

list "sailpoint_source" "bare" {
  provider = sailpoint
  config {
    name_prefix = "bare-NAME"
  }
}
`, typeName),
	}
}

// namedList lists the objects of a type whose names start with the test's name.
func namedList(typeName string) string {
	return fmt.Sprintf(`
list %q "test" {
  provider         = sailpoint
  include_resource = true
  config {
    name_prefix = "NAME"
  }
}
`, typeName)
}

// sourceChildList lists the children of the test source, found by its name.
func sourceChildList(typeName string) string {
	return fmt.Sprintf(`
list %q "test" {
  provider         = sailpoint
  include_resource = true
  config {
    source_id = list.sailpoint_source.parent.data[0].identity.id
  }
}

list "sailpoint_source" "parent" {
  provider = sailpoint
  config {
    name_prefix = "NAME"
  }
}
`, typeName)
}

// queryCaseOf is the case of a registered type; the test fails for a type without one.
func queryCaseOf(t *testing.T, typeName string) (ObjectType, queryCase) {
	t.Helper()
	typ, ok := objectType(typeName)
	c, found := queryCases[typeName]
	if !ok || !found {
		t.Fatalf("%s: registered %v, query case %v: both are needed", typeName, ok, found)
	}
	return typ, c
}

// captured holds attribute values of a resource as a step's check found them, for checks of
// later steps, which are written before the values exist.
type captured map[string]string

func (c captured) capture(addr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s is not in the state", addr)
		}
		for k, v := range rs.Primary.Attributes {
			c[k] = v
		}
		return nil
	}
}

// is checks a string against the captured value of attr.
func (c captured) is(attr string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		if want, ok := c[attr]; !ok || v != want {
			return fmt.Errorf("got %q, want %s = %q", v, attr, want)
		}
		return nil
	})
}

// identityOf checks an identity against the captured values of its attributes.
func (c captured) identityOf(typ ObjectType) map[string]knownvalue.Check {
	out := map[string]knownvalue.Check{}
	for _, a := range typ.ImportAttributes {
		out[a] = c.is(a)
	}
	return out
}

// testIdentity creates the type's test object, checks that its identity is its import ID's
// attributes, as the state holds them, and imports it by identity with no change.
func testIdentity(t *testing.T, typeName string) {
	typ, c := queryCaseOf(t, typeName)
	e := newAccEnv(t)
	name := uniqueShortName(t)
	identity := map[string]knownvalue.Check{}
	checks := []statecheck.StateCheck{}
	for _, a := range typ.ImportAttributes {
		identity[a] = knownvalue.StringRegexp(regexp.MustCompile(`^\S+$`))
		checks = append(checks, statecheck.ExpectIdentityValueMatchesState(c.addr, tfjsonpath.New(a)))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config:            c.config(t, e, name),
				ConfigStateChecks: append(checks, statecheck.ExpectIdentity(c.addr, identity)),
			},
			{
				ResourceName:    c.addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// testListResource creates the type's test object and finds it with terraform query: its
// identity, and with include_resource the resource an import of it reads.
func testListResource(t *testing.T, typeName string) {
	typ, c := queryCaseOf(t, typeName)
	e := newAccEnv(t)
	name := uniqueShortName(t)
	config := c.config(t, e, name)
	state := captured{}
	list := typeName + ".test"
	length := querycheck.ExpectLength(list, c.found)
	if c.atLeast {
		length = querycheck.ExpectLengthAtLeast(list, c.found)
	}
	checks := []querycheck.QueryResultCheck{
		length,
		querycheck.ExpectIdentity(list, state.identityOf(typ)),
		querycheck.ExpectResourceKnownValues(list, queryfilter.ByResourceIdentity(state.identityOf(typ)), []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New(typ.NameAttribute), KnownValue: state.is(typ.NameAttribute)},
		}),
	}
	for _, none := range c.none {
		checks = append(checks, querycheck.ExpectLength(typeName+"."+none, 0))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: config, Check: state.capture(c.addr)},
			{
				// The provider block is that of the configuration, which the step keeps beside.
				Query:             true,
				Config:            strings.ReplaceAll(c.lists, "NAME", name),
				QueryResultChecks: checks,
			},
			// The configuration again, so that the destroy at the end has it.
			{Config: config},
		},
	})
}

func TestAccSource_identity(t *testing.T)          { testIdentity(t, "sailpoint_source") }
func TestAccSourceListResource_query(t *testing.T) { testListResource(t, "sailpoint_source") }

func TestAccSourceSchema_identity(t *testing.T) { testIdentity(t, "sailpoint_source_schema") }
func TestAccSourceSchemaListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_source_schema")
}

func TestAccSourceSchedule_identity(t *testing.T) { testIdentity(t, "sailpoint_source_schedule") }
func TestAccSourceScheduleListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_source_schedule")
}

func TestAccSourceProvisioningPolicy_identity(t *testing.T) {
	testIdentity(t, "sailpoint_source_provisioning_policy")
}
func TestAccSourceProvisioningPolicyListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_source_provisioning_policy")
}

func TestAccIdentityProfile_identity(t *testing.T) { testIdentity(t, "sailpoint_identity_profile") }
func TestAccIdentityProfileListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_identity_profile")
}

func TestAccTransform_identity(t *testing.T)          { testIdentity(t, "sailpoint_transform") }
func TestAccTransformListResource_query(t *testing.T) { testListResource(t, "sailpoint_transform") }

func TestAccGovernanceGroup_identity(t *testing.T) { testIdentity(t, "sailpoint_governance_group") }
func TestAccGovernanceGroupListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_governance_group")
}

func TestAccGovernanceGroupMembers_identity(t *testing.T) {
	testIdentity(t, "sailpoint_governance_group_members")
}
func TestAccGovernanceGroupMembersListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_governance_group_members")
}

func TestAccAccessProfile_identity(t *testing.T) { testIdentity(t, "sailpoint_access_profile") }
func TestAccAccessProfileListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_access_profile")
}

func TestAccEntitlement_identity(t *testing.T) { testIdentity(t, "sailpoint_entitlement") }
func TestAccEntitlementListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_entitlement")
}

func TestAccRole_identity(t *testing.T)          { testIdentity(t, "sailpoint_role") }
func TestAccRoleListResource_query(t *testing.T) { testListResource(t, "sailpoint_role") }

func TestAccIdentityAttribute_identity(t *testing.T) { testIdentity(t, "sailpoint_identity_attribute") }
func TestAccIdentityAttributeListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_identity_attribute")
}

func TestAccLifecycleState_identity(t *testing.T) { testIdentity(t, "sailpoint_lifecycle_state") }
func TestAccLifecycleStateListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_lifecycle_state")
}

func TestAccSourceCorrelationConfig_identity(t *testing.T) {
	testIdentity(t, "sailpoint_source_correlation_config")
}
func TestAccSourceCorrelationConfigListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_source_correlation_config")
}

func TestAccSourceNativeChangeDetectionConfig_identity(t *testing.T) {
	testIdentity(t, "sailpoint_source_native_change_detection_config")
}
func TestAccSourceNativeChangeDetectionConfigListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_source_native_change_detection_config")
}

func TestAccSourceAttributeSyncConfig_identity(t *testing.T) {
	testIdentity(t, "sailpoint_source_attribute_sync_config")
}
func TestAccSourceAttributeSyncConfigListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_source_attribute_sync_config")
}

func TestAccSourceEntitlementRequestConfig_identity(t *testing.T) {
	testIdentity(t, "sailpoint_source_entitlement_request_config")
}
func TestAccSourceEntitlementRequestConfigListResource_query(t *testing.T) {
	testListResource(t, "sailpoint_source_entitlement_request_config")
}

// An import by identity with an empty or malformed part fails on that part, for every type. (The
// acceptance tests import by identity; ImportState needs Terraform's private state to succeed.)
func TestImportByIdentity(t *testing.T) {
	ctx := context.Background()
	for _, typ := range objectTypes {
		t.Run(typ.Name, func(t *testing.T) {
			r := typ.resource()
			var sch fwresource.SchemaResponse
			r.Schema(ctx, fwresource.SchemaRequest{}, &sch)
			var ids fwresource.IdentitySchemaResponse
			r.(fwresource.ResourceWithIdentity).IdentitySchema(ctx, fwresource.IdentitySchemaRequest{}, &ids)
			importBy := func(values map[string]string) *fwresource.ImportStateResponse {
				identity := &tfsdk.ResourceIdentity{Schema: ids.IdentitySchema, Raw: tftypes.NewValue(ids.IdentitySchema.Type().TerraformType(ctx), nil)}
				for k, v := range values {
					identity.SetAttribute(ctx, path.Root(k), v)
				}
				resp := &fwresource.ImportStateResponse{
					State:    tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil)},
					Identity: &tfsdk.ResourceIdentity{Schema: ids.IdentitySchema, Raw: tftypes.NewValue(ids.IdentitySchema.Type().TerraformType(ctx), nil)},
				}
				r.(fwresource.ResourceWithImportState).ImportState(ctx, fwresource.ImportStateRequest{Identity: identity}, resp)
				return resp
			}
			// Values an import check accepts, but for the part at fault: a schedule's or a policy's last
			// part is an enum.
			good := map[string]string{}
			for _, a := range typ.ImportAttributes {
				good[a] = "x1"
			}
			switch typ.Name {
			case "sailpoint_source_schedule":
				good["type"] = "ACCOUNT_AGGREGATION"
			case "sailpoint_source_provisioning_policy":
				good["usage_type"] = "CREATE"
			}
			last := typ.ImportAttributes[len(typ.ImportAttributes)-1]
			for _, bad := range []string{"", "a/b", " x1"} {
				values := maps.Clone(good)
				values[last] = bad
				resp := importBy(values)
				if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), fmt.Sprintf("identity attribute %q is %q", last, bad)) {
					t.Errorf("identity %v: %v, want an error naming %s", values, resp.Diagnostics, last)
				}
			}
		})
	}
}
