package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

const (
	identitiesAddr      = "data.sailpoint_identities.test"
	identitiesListRoute = "GET /identities"
)

func (e *accEnv) identitiesConfig(args string) string {
	return e.providerConfig() + fmt.Sprintf("\ndata \"sailpoint_identities\" \"test\" {\n%s\n}\n", args)
}

// expectPages checks the list requests since the log was last cleared: one read, made of pages
// with these limits and offsets, in order.
func (e *accEnv) expectPages(pages ...[2]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := e.requests(identitiesListRoute)
		var desc []string
		for _, r := range got {
			q, _ := url.ParseQuery(r.Query)
			desc = append(desc, fmt.Sprintf("limit=%s offset=%s", q.Get("limit"), q.Get("offset")))
		}
		var want []string
		for _, p := range pages {
			want = append(want, fmt.Sprintf("limit=%d offset=%d", p[0], p[1]))
		}
		if fmt.Sprint(desc) != fmt.Sprint(want) {
			return fmt.Errorf("%s requests: %v, want %v", identitiesListRoute, desc, want)
		}
		return nil
	}
}

func TestAccIdentitiesDataSource_pages(t *testing.T) {
	e := newAccEnv(t, withIdentities(600))
	e.requireEmulator(t)
	first := tfjsonpath.New("identities").AtSliceIndex(0)
	second := tfjsonpath.New("identities").AtSliceIndex(1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: e.clearLog,
				Config:    e.identitiesConfig(`include_uncorrelated = true`),
				Check:     e.expectPages([2]int{250, 0}, [2]int{250, 250}, [2]int{250, 500}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(identitiesAddr, tfjsonpath.New("identities"), knownvalue.ListSizeExact(600)),
					statecheck.ExpectKnownValue(identitiesAddr, tfjsonpath.New("total"), knownvalue.Int64Exact(600)),
					statecheck.ExpectKnownValue(identitiesAddr, first.AtMapKey("id"), knownvalue.StringExact(emulator.AdminIdentityID)),
					statecheck.ExpectKnownValue(identitiesAddr, first.AtMapKey("manager"), knownvalue.Null()),
					statecheck.ExpectKnownValue(identitiesAddr, second.AtMapKey("id"), knownvalue.StringExact(emulator.FixtureIdentityID(1))),
					statecheck.ExpectKnownValue(identitiesAddr, second.AtMapKey("manager"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(emulator.AdminIdentityID), "name": knownvalue.StringExact(emulator.AdminIdentityName),
					})),
					statecheck.ExpectKnownValue(identitiesAddr, second.AtMapKey("lifecycle_state"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"state_name": knownvalue.StringExact("active"), "manually_updated": knownvalue.Bool(false),
					})),
					// Identity 599 has no correlated account.
					statecheck.ExpectKnownValue(identitiesAddr, tfjsonpath.New("identities").AtSliceIndex(599).AtMapKey("identity_status"), knownvalue.StringExact("UNREGISTERED")),
				},
			},
			{
				// max_results stops the read early; total still counts every match.
				PreConfig: e.clearLog,
				Config:    e.identitiesConfig("include_uncorrelated = true\n  max_results = 100"),
				Check:     e.expectPages([2]int{100, 0}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(identitiesAddr, tfjsonpath.New("identities"), knownvalue.ListSizeExact(100)),
					statecheck.ExpectKnownValue(identitiesAddr, tfjsonpath.New("total"), knownvalue.Int64Exact(600)),
				},
			},
		},
	})
}

func TestAccIdentitiesDataSource_filtersAndSorters(t *testing.T) {
	e := newAccEnv(t)
	filter := `cloudStatus eq "ACTIVE"`
	want, total, err := e.client.ListIdentities(background, client.IdentityListOptions{ListOptions: client.ListOptions{Filters: filter, Sorters: "-name", Max: 3}})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 3 {
		t.Fatalf("the tenant needs three active identities for this test, it has %d", len(want))
	}
	var names []knownvalue.Check
	for _, i := range want {
		names = append(names, knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(i.Name), "identity_status": knownvalue.StringExact("ACTIVE")}))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.identitiesConfig(fmt.Sprintf("filters = %q\n  sorters = \"-name\"\n  max_results = 3", filter)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(identitiesAddr, tfjsonpath.New("identities"), knownvalue.ListExact(names)),
				statecheck.ExpectKnownValue(identitiesAddr, tfjsonpath.New("total"), knownvalue.Int64Exact(int64(total))),
			},
		}},
	})
}

func TestAccIdentitiesDataSource_planTimeRules(t *testing.T) {
	e := newAccEnv(t)
	sortersRule := `must be a comma-separated list of the fields name, alias and cloudStatus (the only ones ISC sorts identities by), ` +
		`each optionally prefixed with - for descending order, without spaces, such as "name,-cloudStatus"`
	cases := map[string]struct{ args, want string }{
		"unknown sorter":   {`sorters = "name,-created"`, `Attribute sorters ` + sortersRule + `, got: name,-created`},
		"sorter spaces":    {`sorters = "name, alias"`, `Attribute sorters ` + sortersRule + `, got: name, alias`},
		"max_results zero": {`max_results = 0`, `Attribute max_results value must be between 1 and 10000, got: 0`},
		"max_results big":  {`max_results = 10001`, `Attribute max_results value must be between 1 and 10000, got: 10001`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      e.identitiesConfig(tc.args),
					PlanOnly:    true,
					ExpectError: errorText(tc.want),
				}},
			})
		})
	}
}

func TestAccIdentitiesDataSource_badFilter(t *testing.T) {
	e := newAccEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			// ISC's strings must be quoted; its answer reaches the diagnostic.
			Config:      e.identitiesConfig(`filters = "name eq Jane"`),
			ExpectError: regexp.MustCompile(`Error listing SailPoint identities[\s\S]*` + errorText(`ISC answered GET `+e.version.Path("/identities")+` with 400 Bad Request`).String()),
		}},
	})
}
