package emulator

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

// resourceRoutes are the emulator's operations by resource route ("GET /sources/{id}"), read
// back from the year-versioned form of Routes.
func resourceRoutes(t *testing.T, routes []string) []string {
	t.Helper()
	var out []string
	for _, r := range routes {
		if method, path, _ := strings.Cut(r, " "); apiversion.Of(path) == string(apiversion.V2025) {
			out = append(out, method+" "+strings.TrimPrefix(path, "/"+string(apiversion.V2025)))
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s route among %v", apiversion.V2025, routes)
	}
	return out
}

// Every operation is served at its path in every API version, by one implementation: the same
// request gets the same answer, and the request log names the route that matched.
func TestRoutesServedInEveryVersion(t *testing.T) {
	h := newHarness(t, Config{}).offContract() // requests without their bodies, on purpose
	routes := h.srv.Routes()
	ops := resourceRoutes(t, routes)
	if len(routes) != len(ops)*len(apiversion.All()) {
		t.Fatalf("%d routes for %d operations in %d versions: %v", len(routes), len(ops), len(apiversion.All()), routes)
	}
	for _, op := range ops {
		method, path, _ := strings.Cut(op, " ")
		concrete := templateParam.ReplaceAllString(path, "nope")
		var statuses []int
		for _, v := range apiversion.All() {
			route := v.Route(op)
			if !slices.Contains(routes, route) {
				t.Errorf("Routes() lacks %s", route)
			}
			h.srv.Reset()
			r := h.raw(method, v.Path(concrete), "application/json", "", h.token)
			statuses = append(statuses, r.status)
			if log := h.srv.Requests(); len(log) != 1 || log[0].Route != route {
				t.Errorf("%s %s was logged as %+v, want route %s", method, v.Path(concrete), log, route)
			}
		}
		if len(slices.Compact(slices.Clone(statuses))) != 1 {
			t.Errorf("%s answers %v in versions %v, want one status", op, statuses, apiversion.All())
		}
	}

	// A path of no operation that names a version is an API request: authenticated, then a 404
	// whatever the method (never the mux's 405 or a redirect).
	for _, path := range []string{"/sources/v1/x/nothing", "/nothing/v1", "/v2025/nothing"} {
		h.raw("GET", path, "", "", "").expect(http.StatusUnauthorized)
	}
	for _, method := range []string{"PUT", "DELETE"} {
		for _, v := range apiversion.All() {
			h.raw(method, v.Path("/sources"), "application/json", "", h.token).expectError(http.StatusNotFound, "did not find")
		}
	}
	h.raw("GET", "/nothing", "", "", "").expectError(http.StatusNotFound, "did not find")
}
