package contract

import (
	"compress/gzip"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// stub answers like a server under test, right or wrong, per path.
type stub struct{}

func (stub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	answer := func(status int, body string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
	if r.URL.Query().Get("fault") != "" {
		w.Header().Set(FaultHeader, "503")
		answer(503, `{}`)
		return
	}
	switch r.Method + " " + r.URL.Path {
	case "GET /v2025/things":
		answer(200, `[{"id":"1","name":"a"}]`)
	case "POST /v2025/things":
		answer(201, `{"id":"2","size":"big"}`)
	case "GET /v2025/things/gone":
		answer(410, `{}`)
	case "GET /v2025/things/drop":
		conn, _, _ := http.NewResponseController(w).Hijack()
		conn.Close()
	case "GET /things/v1/1":
		answer(200, `{}`)
	default:
		answer(404, `{}`)
	}
}

func testdataSpec(t *testing.T) *Spec {
	t.Helper()
	spec, err := Load("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// brief is a finding without its wording, which is kin-openapi's.
func brief(f Finding) string {
	return strings.TrimSpace(fmt.Sprintf("%s | %s | %s %d | %s | %s", f.Operation, f.Route, f.Side, f.Status, f.Where, f.Keyword))
}

func TestHandler(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(testdataSpec(t).Handler(stub{}, func(f Finding) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, brief(f))
	}))
	defer srv.Close()

	for _, c := range []struct {
		method, path, body string
		status             int // what the client gets: the server's answer, untouched
		want               []string
	}{
		{"GET", "/v2025/things?limit=10", "", 200, nil},
		{"GET", "/v2025/things?limit=999", "", 200, []string{`listThings | GET /v2025/things | request 0 | query parameter "limit" | maximum`}},
		{"POST", "/v2025/things", `{"size":1}`, 201, []string{
			"createThing | POST /v2025/things | request 0 | body /name | required",
			"createThing | POST /v2025/things | response 201 | body /name | required",
			"createThing | POST /v2025/things | response 201 | body /size | type",
		}},
		{"POST", "/v2025/things", `{"id":"x","name":"n"}`, 201, []string{
			"createThing | POST /v2025/things | request 0 | body /id | readOnly",
			"createThing | POST /v2025/things | response 201 | body /name | required",
			"createThing | POST /v2025/things | response 201 | body /size | type",
		}},
		{"GET", "/v2025/things/gone", "", 410, []string{"getThing | GET /v2025/things/{id} | response 410 | status |"}},
		{"GET", "/v2025/nothing", "", 404, []string{"| GET /v2025/nothing | request 0 | path |"}},
		{"DELETE", "/v2025/things/1", "", 404, []string{"| DELETE /v2025/things/1 | request 0 | path |"}},
		{"GET", "/things/v1/1", "", 200, []string{"getThingV1 | GET /things/v1/{id} | response 200 | body /name | required"}},
		// Outside the documents: not checked.
		{"POST", "/oauth/token", "grant_type=nonsense", 404, nil},
		{"GET", "/__emulator/requests", "", 404, nil},
		// An answer a fault made up is not checked, the request is.
		{"GET", "/v2025/things?fault=503", "", 503, nil},
		{"GET", "/v2025/things?fault=503&limit=-1", "", 503, []string{`listThings | GET /v2025/things | request 0 | query parameter "limit" | minimum`}},
		// No answer: nothing to check.
		{"GET", "/v2025/things/drop", "", 0, nil},
	} {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			got = nil
			req, _ := http.NewRequest(c.method, srv.URL+c.path, strings.NewReader(c.body))
			if c.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := http.DefaultClient.Do(req)
			if c.status == 0 {
				if err == nil {
					t.Fatalf("status %d, want the connection dropped", resp.StatusCode)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != c.status {
					t.Errorf("status %d, want %d", resp.StatusCode, c.status)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestLookup(t *testing.T) {
	spec := testdataSpec(t)
	for route, want := range map[string]string{
		"GET /v2025/things/{thingId}": "getThing", // parameter names need not match
		"GET /things/v1/{x}":          "getThingV1",
		"POST /v2025/things":          "createThing",
		"PUT /v2025/things/{id}":      "",
		"GET /things/{id}":            "",
	} {
		op, ok := spec.Lookup(route)
		if op.ID != want || ok != (want != "") {
			t.Errorf("Lookup(%q) = %v, %v; want %q", route, op, ok, want)
		}
	}
	if n := len(spec.Operations()); n != 4 {
		t.Errorf("%d operations, want 4", n)
	}
}

func TestAllowance(t *testing.T) {
	a := Allowance{Operation: "listThings", Side: Response, Where: "body /*/attributes", Keyword: "oneOf", Problem: "more than one"}
	f := Finding{Operation: "listThings", Side: Response, Status: 200, Where: "body /3/attributes", Keyword: "oneOf", Problem: `value matches more than one schema from "oneOf"`}
	if !a.Matches(f) {
		t.Error("does not match its finding")
	}
	twin := f
	twin.Operation = "listThingsV1"
	if !a.Matches(twin) {
		t.Error("does not match the per-resource twin")
	}
	for name, change := range map[string]func(*Finding){
		"operation": func(f *Finding) { f.Operation = "getThing" },
		"side":      func(f *Finding) { f.Side = Request },
		"where":     func(f *Finding) { f.Where = "body /3/attributes/input" },
		"keyword":   func(f *Finding) { f.Keyword = "type" },
		"problem":   func(f *Finding) { f.Problem = `value doesn't match any schema from "oneOf"` },
	} {
		other := f
		change(&other)
		if a.Matches(other) {
			t.Errorf("matches a finding with another %s", name)
		}
	}
	withStatus := Allowance{Operation: "createThing", Side: Response, Status: 404, Where: "status"}
	if !withStatus.Matches(Finding{Operation: "createThing", Side: Response, Status: 404, Where: "status"}) ||
		withStatus.Matches(Finding{Operation: "createThing", Side: Response, Status: 409, Where: "status"}) {
		t.Error("status not matched exactly")
	}
}

// gzipped compresses the answers of h for clients that accept it.
type gzipped struct{ h http.Handler }

func (g gzipped) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		g.h.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	g.h.ServeHTTP(rec, r)
	maps.Copy(w.Header(), rec.Header())
	w.Header().Set("Content-Encoding", "gzip")
	w.WriteHeader(rec.Code)
	zw := gzip.NewWriter(w)
	_, _ = zw.Write(rec.Body.Bytes())
	_ = zw.Close()
}

// fakeT records what Check reports at the end of a test.
type fakeT struct {
	testing.TB
	errors   []string
	cleanups []func()
}

func (f *fakeT) Helper()           {}
func (f *fakeT) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeT) Errorf(format string, a ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, a...))
}
func (f *fakeT) end() {
	for _, fn := range slices.Backward(f.cleanups) {
		fn()
	}
}

// Check and Proxy fail the test at its end, once per finding however often it recurred. This is
// the only test of the package that reads EnvDir, which is loaded once per test binary.
func TestCheckFailsTheTestAtItsEnd(t *testing.T) {
	t.Setenv(EnvDir, "internal/contract/testdata") // relative: from the repository root
	ft := &fakeT{TB: t}
	checked := NewServer(ft, stub{})
	plain := httptest.NewServer(gzipped{stub{}}) // as a tenant may answer
	defer plain.Close()
	proxied := Proxy(ft, plain.URL)
	for _, u := range []string{checked.URL, checked.URL, proxied} {
		resp, err := http.Get(u + "/v2025/things?limit=999")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("status %d through %s", resp.StatusCode, u)
		}
	}
	if len(ft.errors) != 0 {
		t.Fatalf("reported before the end: %v", ft.errors)
	}
	ft.end()
	slices.Sort(ft.errors)
	want := `contract: listThings (GET /v2025/things) request: query parameter "limit" [maximum]: number must be at most 250`
	if len(ft.errors) != 2 || ft.errors[0] != want || ft.errors[1] != want+" (2 times)" {
		t.Errorf("reported\n%s", strings.Join(ft.errors, "\n"))
	}

	t.Setenv(EnvDir, "")
	h := &stub{}
	if Check(t, h) != http.Handler(h) || Proxy(t, plain.URL) != plain.URL {
		t.Error("checks without the documents")
	}
}

// The documents in EnvDir, when set, load, and hold what this package assumes of them: the
// per-resource twin of an operation is its id ending in V1, and every allow-list entry names an
// operation.
func TestDocuments(t *testing.T) {
	dir := os.Getenv(EnvDir)
	if dir == "" {
		t.Logf("%s is not set: nothing to load", EnvDir)
		return
	}
	dir, err := resolveDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]map[string]bool{} // by file
	for _, op := range spec.Operations() {
		if ids[op.File] == nil {
			ids[op.File] = map[string]bool{}
		}
		ids[op.File][op.ID] = true
	}
	versioned, perResource := ids["openapi-subset.yaml"], ids["openapi-subset.per-resource-v1.yaml"]
	if len(versioned) == 0 || len(versioned) != len(perResource) {
		t.Fatalf("operations per document: %d and %d", len(versioned), len(perResource))
	}
	for id := range versioned {
		if !perResource[id+"V1"] {
			t.Errorf("%s has no per-resource twin %sV1", id, id)
		}
	}
	for _, a := range AllowList() {
		if !versioned[a.Operation] || a.Reason == "" {
			t.Errorf("allow-list entry %+v: no such operation, or no reason", a)
		}
	}
}
