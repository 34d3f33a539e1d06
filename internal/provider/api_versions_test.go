package provider

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// api_version picks the paths of every request and wins over SAIL_API_VERSION; switching it
// leaves the state as it is. A value other than v1 and v2025, in the provider block or in the
// environment, fails the plan naming both.
func TestAccProvider_apiVersion(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t)
	t.Setenv(envAPIVersion, "v2024")
	name := uniqueShortName(t)
	config := func(version string) string {
		setting := ""
		if version != "" {
			setting = fmt.Sprintf("  api_version = %q", version)
		}
		return e.providerConfigWith(setting) + fmt.Sprintf(`
resource "sailpoint_transform" "test" {
  name = %q
  type = "uuid"
}
`, name)
	}
	// sentIn checks that every API request since the log was cleared went to version v's paths.
	sentIn := func(v apiversion.Version) resource.TestCheckFunc {
		return func(*terraform.State) error {
			n := 0
			for _, r := range e.emu.Requests() {
				if r.Route == "POST /oauth/token" {
					continue
				}
				if n++; apiversion.Of(r.Path) != string(v) || r.Route == "" {
					return fmt.Errorf("%s %s sent with api_version = %q", r.Method, r.Path, v)
				}
			}
			if n == 0 {
				return fmt.Errorf("no API request sent with api_version = %q", v)
			}
			return nil
		}
	}
	steps := []resource.TestStep{
		{Config: config("v3"), ExpectError: regexp.MustCompile(`(?s)api_version.*must be one of: \["v1" "v2025"\], got: "v3"`)},
		{Config: config(""), ExpectError: regexp.MustCompile(`(?s)Invalid SailPoint API version.*` + errorText(`SAIL_API_VERSION: unknown ISC API version "v2024": use "v1" or "v2025"`).String())},
	}
	for i, v := range append(apiversion.All(), apiversion.All()[0]) {
		step := resource.TestStep{PreConfig: e.clearLog, Config: config(string(v)), Check: sentIn(v)}
		if i > 0 { // the transform made in the first version is the same in the others
			step.ConfigPlanChecks = resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
		}
		steps = append(steps, step)
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, CheckDestroy: e.checkDestroy, Steps: steps})
}

// envEveryRoute makes the test binary prove, after its tests passed, that they made every API
// operation the provider calls succeed at least once on the API version they ran in: the check
// that a run of a subset of the tests in the other version (make test) still covers the
// provider's whole use of the API.
const envEveryRoute = "SAIL_TEST_EVERY_ROUTE"

// uncalledRoutes are the operations the emulator serves that the provider never calls, by
// resource route, with the reason.
var uncalledRoutes = map[string]string{
	"GET /sources/{sourceId}/password-policies":                 "a source's password policies are read with the source",
	"PUT /sources/{id}":                                         "sources are updated with JSON Patch",
	"GET /sources/{sourceId}/schemas/{schemaId}":                "schemas are read from their source's list",
	"GET /sources/{sourceId}/schedules/{scheduleType}":          "schedules are read from their source's list",
	"GET /sources/{sourceId}/provisioning-policies/{usageType}": "provisioning policies are read from their source's list",
	"DELETE /identity-attributes/bulk-delete":                   "identity attributes are deleted one by one",
}

// servedRoutes holds the routes the tests' emulators answered with a success.
var servedRoutes = routeSet{seen: map[string]bool{}}

type routeSet struct {
	mu   sync.Mutex
	seen map[string]bool
}

// add takes in the routes of the successful requests of emu's log; call it before the log is
// cleared.
func (s *routeSet) add(emu *emulator.Server) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range emu.Requests() {
		if r.Route != "" && r.Status >= 200 && r.Status < 300 {
			s.seen[r.Route] = true
		}
	}
}

// check compares the routes seen with those of the operations the provider calls, in version v.
func (s *routeSet) check(v apiversion.Version) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	uncalled := map[string]bool{}
	for r := range uncalledRoutes {
		uncalled[v.Route(r)] = true
	}
	var missing, called []string
	for _, route := range emulator.New(emulator.Config{}).Routes() {
		if _, path, _ := strings.Cut(route, " "); apiversion.Of(path) != string(v) {
			continue
		}
		switch {
		case uncalled[route] && s.seen[route]:
			called = append(called, route)
		case !uncalled[route] && !s.seen[route]:
			missing = append(missing, route)
		}
	}
	var problems []string
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("no test made these operations succeed in API version %s:\n  %s", v, strings.Join(missing, "\n  ")))
	}
	if len(called) > 0 {
		problems = append(problems, fmt.Sprintf("these operations are listed in uncalledRoutes but were called; remove them:\n  %s", strings.Join(called, "\n  ")))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	// A real tenant keeps no request log to check.
	if code == 0 && os.Getenv(envEveryRoute) != "" && os.Getenv(envBaseURL) == "" {
		v, err := apiVersion("")
		if err == nil {
			err = servedRoutes.check(v)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "FAIL: %s: %v\n", envEveryRoute, err)
			code = 1
		} else {
			fmt.Printf("%s: the tests made every operation the provider calls succeed in API version %s\n", envEveryRoute, v)
		}
	}
	os.Exit(code)
}
