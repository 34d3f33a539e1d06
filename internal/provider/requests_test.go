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
// requests aside, are exactly these resource routes, each this many times.
func (e *accEnv) expectRequests(resourceRoutes map[string]int) error {
	if e.emu == nil {
		return nil
	}
	want := map[string]int{}
	for r, n := range resourceRoutes {
		want[e.route(r)] = n
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
	cases := map[string]struct {
		schema, policyTypes string
		creates             map[string]int
	}{
		// The whole schema is configured, and the policies are new to the source.
		"whole schema, new policies": {
			schema: `
  native_object_type = "User"
  features           = []
  configuration      = jsonencode({})`,
			policyTypes: "UPDATE DISABLE",
			creates: map[string]int{
				"PUT /sources/{sourceId}/schemas/{schemaId}":     1,
				"POST /sources/{sourceId}/provisioning-policies": 2,
			},
		},
		// ISC's values stay for what the schema leaves unset, and ISC's own CREATE policy is
		// replaced.
		"partial schema, ISC's CREATE policy": {
			policyTypes: "CREATE UPDATE",
			creates: map[string]int{
				"PATCH /sources/{sourceId}/schemas/{schemaId}":              1,
				"PUT /sources/{sourceId}/provisioning-policies/{usageType}": 1,
				"POST /sources/{sourceId}/provisioning-policies":            1,
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := newAccEnv(t)
			e.requireEmulator(t)
			types := strings.Fields(tc.policyTypes)
			config := e.sourceConfig(uniqueName(t), "") + fmt.Sprintf(`
resource "sailpoint_source_schema" "account" {
  source_id          = sailpoint_source.test.id
  name               = "account"
  identity_attribute = "id"
  display_attribute  = "name"
  attributes         = { id = {}, name = {} }
%s
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

resource "sailpoint_source_provisioning_policy" "first" {
  source_id  = sailpoint_source.test.id
  usage_type = %q
  name       = "First"
  fields     = [{ name = "displayName" }]
}

resource "sailpoint_source_provisioning_policy" "second" {
  source_id  = sailpoint_source.test.id
  usage_type = %q
  name       = "Second"
}
`, tc.schema, types[0], types[1])
			creates := map[string]int{
				"POST /sources":                      1,
				"POST /sources/{sourceId}/schedules": 2,
			}
			maps.Copy(creates, tc.creates)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{
						PreConfig: e.clearLog,
						Config:    config,
						// No reads: the schema's id comes from the new source's references, and
						// the rest is created or replaced outright.
						Check: func(*terraform.State) error { return e.expectRequests(creates) },
					},
					{
						PreConfig: e.clearLog,
						Config:    config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{
								plancheck.ExpectEmptyPlan(),
								requestsBeforeApply{e, map[string]int{
									"GET /sources":                                  1,
									"GET /sources/{sourceId}/schemas":               1,
									"GET /sources/{sourceId}/schedules":             1,
									"GET /sources/{sourceId}/provisioning-policies": 1,
								}},
							},
						},
					},
				},
			})
		})
	}
}
