package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// expectRequests checks that the API requests logged since the log was last cleared, token
// requests aside, are exactly these routes, each this many times.
func (e *accEnv) expectRequests(want map[string]int) error {
	if e.emu == nil {
		return nil
	}
	got := map[string]int{}
	for _, r := range e.emu.Requests() {
		if r.Route != "POST /oauth/token" {
			got[r.Route]++
		}
	}
	if maps.Equal(got, want) {
		return nil
	}
	routes := slices.Sorted(maps.Keys(got))
	lines := make([]string, len(routes))
	for i, r := range routes {
		lines[i] = fmt.Sprintf("%d × %s", got[r], r)
	}
	return fmt.Errorf("requests sent:\n%s\nwant %v", strings.Join(lines, "\n"), want)
}

// requestsBeforeApply is a plan check of the request log: it runs after the plan (and the
// refresh in it), before anything is applied.
type requestsBeforeApply struct {
	e    *accEnv
	want map[string]int
}

func (c requestsBeforeApply) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c.e.expectRequests(c.want)
}

// A source with its account schema, two schedules and two policies: creating them costs one
// request each, and a plan without changes reads them all with one list call per kind.
func TestAccRequests_sourceWithChildren(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t)
	config := e.sourceConfig(uniqueName(t), "") + `
resource "sailpoint_source_schema" "account" {
  source_id          = sailpoint_source.test.id
  name               = "account"
  native_object_type = "User"
  identity_attribute = "id"
  display_attribute  = "name"
  features           = []
  configuration      = jsonencode({})
  attributes         = [{ name = "id" }, { name = "name" }]
}

resource "sailpoint_source_schedule" "accounts" {
  source_id       = sailpoint_source.test.id
  type            = "ACCOUNT_AGGREGATION"
  cron_expression = "0 0 5 * * ?"
}

resource "sailpoint_source_schedule" "groups" {
  source_id       = sailpoint_source.test.id
  type            = "GROUP_AGGREGATION"
  cron_expression = "0 0 6 * * ?"
}

resource "sailpoint_source_provisioning_policy" "update" {
  source_id  = sailpoint_source.test.id
  usage_type = "UPDATE"
  name       = "Account update"
  fields     = [{ name = "displayName" }]
}

resource "sailpoint_source_provisioning_policy" "disable" {
  source_id  = sailpoint_source.test.id
  usage_type = "DISABLE"
  name       = "Account disable"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: e.clearLog,
				Config:    config,
				// No reads: the schema's id comes from the new source's references, and the
				// schedules and policies are created outright.
				Check: func(*terraform.State) error {
					return e.expectRequests(map[string]int{
						"POST /v2025/sources":                                  1,
						"PUT /v2025/sources/{sourceId}/schemas/{schemaId}":     1,
						"POST /v2025/sources/{sourceId}/schedules":             2,
						"POST /v2025/sources/{sourceId}/provisioning-policies": 2,
					})
				},
			},
			{
				PreConfig: e.clearLog,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						requestsBeforeApply{e, map[string]int{
							"GET /v2025/sources":                                  1,
							"GET /v2025/sources/{sourceId}/schemas":               1,
							"GET /v2025/sources/{sourceId}/schedules":             1,
							"GET /v2025/sources/{sourceId}/provisioning-policies": 1,
						}},
					},
				},
			},
		},
	})
}
