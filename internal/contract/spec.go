// Package contract checks HTTP traffic against SailPoint's OpenAPI documents: every request a
// client sends and every answer a server gives, under the API's paths, must be one the documents
// describe. Tests put it in front of the emulator (NewServer) or of a real tenant (Proxy), so a
// violation fails the test that caused it, naming the operation, the side and where in the
// message the contract is broken.
//
// The documents are an input, like a tenant: the directory that holds them comes from the
// environment variable EnvDir (CI sets it to ../shared/isc-api). Without it nothing is checked,
// and the first test of a package to ask says so once.
package contract

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// EnvDir names the environment variable holding the directory of the OpenAPI documents. A
// relative path is taken from the repository root.
const EnvDir = "SAIL_OPENAPI_DIR"

// documentGlob selects the OpenAPI documents in that directory: the v2025 subset and its
// per-resource twin (openapi-subset.per-resource-v1.yaml).
const documentGlob = "openapi*.yaml"

// Spec is a set of loaded OpenAPI documents. It is read-only, so safe for concurrent use.
type Spec struct {
	docs []*document
}

// document is one OpenAPI document with the router over its paths.
type document struct {
	file string
	// prefix is the path its servers put in front of its paths: "/v2025" for the year-versioned
	// document, "" for the per-resource one, whose paths carry their version (/sources/v1/{id}).
	prefix string
	t      *openapi3.T
	router routers.Router
}

// Operation is one operation of a document.
type Operation struct {
	ID     string // operationId, e.g. getSource or getSourceV1
	Method string
	Path   string // the full path template, prefix included, e.g. /v2025/sources/{id}
	File   string // the document's file name
}

// Load reads every document matching openapi*.yaml in dir, validates it (examples aside: the
// published ones are known to be wrong, NOTES.md D) and builds a router over its paths.
func Load(dir string) (*Spec, error) {
	files, err := filepath.Glob(filepath.Join(dir, documentGlob))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no %s in %s", documentGlob, dir)
	}
	s := &Spec{}
	for _, f := range files {
		d, err := loadDocument(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		s.docs = append(s.docs, d)
	}
	return s, nil
}

func loadDocument(file string) (*document, error) {
	t, err := openapi3.NewLoader().LoadFromFile(file)
	if err != nil {
		return nil, err
	}
	if err := t.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, err
	}
	prefix, err := serverPrefix(t.Servers)
	if err != nil {
		return nil, err
	}
	// Route on the path alone: requests reach a test server or a proxy, not the tenant's host.
	t.Servers = openapi3.Servers{{URL: prefix}}
	if prefix == "" {
		t.Servers = nil
	}
	router, err := gorillamux.NewRouter(t)
	if err != nil {
		return nil, err
	}
	return &document{file: filepath.Base(file), prefix: prefix, t: t, router: router}, nil
}

var serverVariable = regexp.MustCompile(`\{[^{}]*\}`)

// serverPrefix is the path of the document's servers, which must all agree.
func serverPrefix(servers openapi3.Servers) (string, error) {
	var prefix string
	for i, s := range servers {
		u, err := url.Parse(serverVariable.ReplaceAllString(s.URL, "x"))
		if err != nil {
			return "", fmt.Errorf("server %q: %w", s.URL, err)
		}
		p := strings.TrimSuffix(u.Path, "/")
		if i > 0 && p != prefix {
			return "", fmt.Errorf("servers disagree on the path: %q and %q", prefix, p)
		}
		prefix = p
	}
	return prefix, nil
}

// route finds the operation of r in the documents, with its path parameters. A request whose
// path one document knows but not with r's method is reported as such.
func (s *Spec) route(r *http.Request) (*routers.Route, map[string]string, error) {
	err := routers.ErrPathNotFound
	for _, d := range s.docs {
		route, params, e := d.router.FindRoute(r)
		if e == nil {
			return route, params, nil
		}
		if errors.Is(e, routers.ErrMethodNotAllowed) {
			err = e
		}
	}
	return nil, nil, err
}

// Operations lists the operations of every document.
func (s *Spec) Operations() []Operation {
	var out []Operation
	for _, d := range s.docs {
		for _, path := range d.t.Paths.InMatchingOrder() {
			for method, op := range d.t.Paths.Value(path).Operations() {
				out = append(out, Operation{ID: op.OperationID, Method: method, Path: d.prefix + path, File: d.file})
			}
		}
	}
	slices.SortFunc(out, func(a, b Operation) int { return strings.Compare(a.File+a.ID, b.File+b.ID) })
	return out
}

// Lookup finds the operation of a route written as "METHOD /path/{param}", as a server lists its
// routes. Parameter names need not match the document's: only the shape of the path counts.
func (s *Spec) Lookup(route string) (Operation, bool) {
	method, path, _ := strings.Cut(route, " ")
	for _, op := range s.Operations() {
		if op.Method == method && sameTemplate(op.Path, path) {
			return op, true
		}
	}
	return Operation{}, false
}

func sameTemplate(a, b string) bool {
	return serverVariable.ReplaceAllString(a, "{}") == serverVariable.ReplaceAllString(b, "{}")
}

// resolveDir takes a relative dir from the repository root (the directory holding go.mod above
// the working directory), since go test runs each package in its own directory.
func resolveDir(dir string) (string, error) {
	if filepath.IsAbs(dir) {
		return dir, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for root := wd; ; root = filepath.Dir(root) {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			return filepath.Join(root, dir), nil
		}
		if filepath.Dir(root) == root {
			return "", fmt.Errorf("%s=%s is relative, and no go.mod is above %s to take it from", EnvDir, dir, wd)
		}
	}
}
