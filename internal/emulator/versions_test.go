package emulator

import (
	"bufio"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

// pathParam matches a templated path parameter such as {sourceId}.
var pathParam = regexp.MustCompile(`\{[^}]*\}`)

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
	h := newHarness(t, Config{})
	routes := h.srv.Routes()
	ops := resourceRoutes(t, routes)
	if len(routes) != len(ops)*len(apiversion.All()) {
		t.Fatalf("%d routes for %d operations in %d versions: %v", len(routes), len(ops), len(apiversion.All()), routes)
	}
	for _, op := range ops {
		method, path, _ := strings.Cut(op, " ")
		concrete := pathParam.ReplaceAllString(path, "nope")
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

// specDir is the folder of SailPoint's OpenAPI documents: ISC_OPENAPI_DIR, else shared/isc-api
// beside the repository, where CI has it. explicit says the environment named it.
func specDir() (dir string, explicit bool) {
	if dir := os.Getenv("ISC_OPENAPI_DIR"); dir != "" {
		return dir, true
	}
	return filepath.Join("..", "..", "..", "shared", "isc-api"), false
}

// specOperations lists the operations of an OpenAPI document in YAML as "METHOD /path/{}", the
// path below the host (the first server's path, then the path item) with parameter names
// dropped: path items are the keys indented by two spaces that start with "/", their operations
// the method keys below them.
func specOperations(t *testing.T, file string) map[string]bool {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	server := regexp.MustCompile(`^- url: \S+?://[^/\s]+(/\S*)?\s*$`)
	pathItem := regexp.MustCompile(`^  (/\S*):\s*$`)
	operation := regexp.MustCompile(`^    (get|put|post|delete|patch|head|options):\s*$`)
	ops, base, path, inServers := map[string]bool{}, "", "", false
	for sc := bufio.NewScanner(f); sc.Scan(); {
		line := sc.Text()
		if line == "servers:" {
			inServers = true
		} else if m := server.FindStringSubmatch(line); m != nil && inServers {
			base, inServers = m[1], false
		} else if m := pathItem.FindStringSubmatch(line); m != nil {
			path = base + pathParam.ReplaceAllString(m[1], "{}")
		} else if m := operation.FindStringSubmatch(line); m != nil && path != "" {
			ops[strings.ToUpper(m[1])+" "+path] = true
		} else if !strings.HasPrefix(line, "   ") && strings.TrimSpace(line) != "" {
			path = "" // left the path item
		}
	}
	if len(ops) == 0 {
		t.Fatalf("no operations found in %s", file)
	}
	return ops
}

// Every operation the emulator serves is in SailPoint's OpenAPI document of each version, at the
// path apiversion maps it to: the year-versioned subset, and the per-resource one.
func TestRoutesInSpec(t *testing.T) {
	dir, explicit := specDir()
	if _, err := os.Stat(dir); err != nil {
		if explicit {
			t.Fatalf("ISC_OPENAPI_DIR: %v", err)
		}
		t.Logf("%s not found (set ISC_OPENAPI_DIR): the emulator's routes are not checked against SailPoint's OpenAPI documents", dir)
		return
	}
	files := map[apiversion.Version]string{
		apiversion.V2025: "openapi-subset.yaml",
		apiversion.V1:    "openapi-subset.per-resource-v1.yaml",
	}
	for _, v := range apiversion.All() {
		spec := specOperations(t, filepath.Join(dir, files[v]))
		for _, op := range resourceRoutes(t, New(Config{}).Routes()) {
			if route := v.Route(op); !spec[pathParam.ReplaceAllString(route, "{}")] {
				t.Errorf("the emulator serves %s, which %s does not have", route, files[v])
			}
		}
	}
}
