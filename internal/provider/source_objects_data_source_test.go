package provider

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// addAccountAttributes adds attributes to the test source's account schema behind Terraform's
// back, so that its accounts carry them.
func (e *accEnv) addAccountAttributes(names ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		sourceID := s.RootModule().Resources[sourceAddr].Primary.ID
		sc, err := e.client.FindSchema(background, sourceID, "account")
		if err != nil || sc == nil {
			return fmt.Errorf("the source has no account schema: %w", err)
		}
		var p client.Patch
		for _, n := range names {
			v, _ := json.Marshal(client.AttributeDefinition{Name: n, Type: "STRING"})
			p = append(p, client.PatchOperation{Op: "add", Path: "/attributes/-", Value: v})
		}
		_, err = e.client.PatchSchema(background, sourceID, sc.ID, p)
		return err
	}
}

// A peek returns at most max_count objects of the type asked for, with the attributes asked for,
// and never a secret, even one the account schema has.
func TestAccSourceObjectsDataSource_bounds(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	peeks := e.sourceConfig(name, "") + `
data "sailpoint_source_objects" "accounts" {
  source_id = sailpoint_source.test.id
  max_count = 3
}

data "sailpoint_source_objects" "some_attributes" {
  source_id  = sailpoint_source.test.id
  max_count  = 1
  attributes = ["department", "id", "missing"]
}

data "sailpoint_source_objects" "groups" {
  source_id   = sailpoint_source.test.id
  object_type = "group"
  max_count   = 2
}
`
	accounts, some, groups := "data.sailpoint_source_objects.accounts", "data.sailpoint_source_objects.some_attributes", "data.sailpoint_source_objects.groups"
	first := tfjsonpath.New("objects").AtSliceIndex(0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.sourceConfig(name, ""), Check: e.addAccountAttributes("department", "password")},
			{
				PreConfig: e.clearLog,
				Config:    peeks,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accounts, tfjsonpath.New("object_type"), knownvalue.StringExact("account")),
					statecheck.ExpectKnownValue(accounts, tfjsonpath.New("object_count"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(accounts, tfjsonpath.New("objects"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue(accounts, first.AtMapKey("attributes").AtMapKey("department"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(accounts, first.AtMapKey("attributes"), noKey("password")),
					statecheck.ExpectKnownValue(some, first.AtMapKey("attributes"), knownvalue.MapSizeExact(2)),
					statecheck.ExpectKnownValue(some, first.AtMapKey("attributes").AtMapKey("id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(groups, tfjsonpath.New("object_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(groups, first.AtMapKey("name"), knownvalue.StringExact("Finance")),
					statecheck.ExpectKnownValue(groups, tfjsonpath.New("max_count"), knownvalue.Int64Exact(2)),
				},
				// The bound goes to ISC, which runs the connector for no more.
				Check: func(*terraform.State) error {
					if e.emu == nil {
						return nil
					}
					for _, r := range e.requests("POST /sources/{sourceId}/connector/peek-resource-objects") {
						var body client.ResourceObjectsRequest
						if err := json.Unmarshal([]byte(r.Body), &body); err != nil || body.MaxCount < 1 || body.MaxCount > 3 {
							return fmt.Errorf("a peek asked for %s", r.Body)
						}
					}
					return nil
				},
			},
		},
	})
}

// noKey checks that a map has no such key.
func noKey(key string) knownvalue.Check { return mapWithout{key} }

type mapWithout struct{ key string }

func (c mapWithout) CheckValue(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("expected a map, got %T", v)
	}
	if _, found := m[c.key]; found {
		return fmt.Errorf("the map holds %q: %v", c.key, m[c.key])
	}
	return nil
}

func (c mapWithout) String() string { return "a map without " + c.key }

// The connector configuration of a source names its connector, without the form's values.
func TestAccSourceConfigDataSource_connector(t *testing.T) {
	e := newAccEnv(t)
	addr := "data.sailpoint_source_config.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{{
			Config: e.sourceConfig(uniqueName(t), "") + `
data "sailpoint_source_config" "test" {
  source_id = sailpoint_source.test.id
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("script_name"), knownvalue.StringExact("delimited-file")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Delimited File")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("file_upload"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("direct_connect"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("RELEASED")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("uploaded_files"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}
