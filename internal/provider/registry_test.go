package provider

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	fwaction "github.com/hashicorp/terraform-plugin-framework/action"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// Every registered object type has all its pieces: examples and docs, the standard acceptance
// tests, an import that names the registered shape, and the emulator's routes and snapshot list.
// (The rule inventory and the e2e sweeps check their own parts.)
func TestRegistryComplete(t *testing.T) {
	tests := testFunctions(t)
	routes := emulator.New(emulator.Config{}).Routes()
	snapshotLists := jsonFields(reflect.TypeFor[emulator.Snapshot](), "")
	snapshotLists = append(snapshotLists, jsonFields(reflect.TypeFor[emulator.SnapshotSource](), "sources[].")...)
	snapshotLists = append(snapshotLists, jsonFields(reflect.TypeFor[emulator.SnapshotIdentityProfile](), "identityProfiles[].")...)
	for _, typ := range objectTypes {
		t.Run(typ.Name, func(t *testing.T) {
			r := typ.resource()
			var meta fwresource.MetadataResponse
			r.Metadata(context.Background(), fwresource.MetadataRequest{ProviderTypeName: "sailpoint"}, &meta)
			if meta.TypeName != typ.Name {
				t.Errorf("the resource calls itself %s", meta.TypeName)
			}
			short := strings.TrimPrefix(typ.Name, "sailpoint_")
			files := []string{
				"examples/resources/" + typ.Name + "/resource.tf",
				"examples/resources/" + typ.Name + "/import.sh",
				"examples/resources/" + typ.Name + "/import-by-string-id.tf",
				"examples/resources/" + typ.Name + "/import-by-identity.tf",
				"docs/resources/" + short + ".md",
			}
			if typ.HasDataSource() {
				files = append(files, "examples/data-sources/"+typ.Name+"/data-source.tf", "docs/data-sources/"+short+".md")
			}
			for _, f := range files {
				if _, err := os.Stat(filepath.Join("..", "..", f)); err != nil {
					t.Errorf("missing %s", f)
				}
			}
			camel := camelCase(short)
			for _, c := range []string{"basic", "disappears", "drift"} {
				if name := "TestAcc" + camel + "_" + c; !tests[name] {
					t.Errorf("missing the acceptance test %s", name)
				}
			}
			if typ.HasDataSource() && !slices.ContainsFunc(mapKeys(tests), func(n string) bool { return strings.HasPrefix(n, "TestAcc"+camel+"DataSource_") }) {
				t.Errorf("missing an acceptance test TestAcc%sDataSource_...", camel)
			}
			importer, ok := r.(fwresource.ResourceWithImportState)
			if !ok {
				t.Fatal("the resource cannot be imported")
			}
			var sch fwresource.SchemaResponse
			r.Schema(context.Background(), fwresource.SchemaRequest{}, &sch)
			resp := &fwresource.ImportStateResponse{State: tfsdk.State{Schema: sch.Schema}}
			importer.ImportState(context.Background(), fwresource.ImportStateRequest{ID: ""}, resp)
			if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), "expected "+typ.ImportShape+", ") {
				t.Errorf("an empty import ID gives %v, want an error naming %s", resp.Diagnostics, typ.ImportShape)
			}
			methods := []string{"GET", "POST"}
			switch {
			case typ.Document:
				methods = []string{"GET", "PUT"}
			case typ.AdoptOnly:
				methods = []string{"GET"} // ISC has no create: the emulator must not serve one either
				for _, v := range apiversion.All() {
					if route := v.Route("POST " + typ.APIPath); slices.Contains(routes, route) {
						t.Errorf("the emulator serves %s for a type ISC creates only by itself", route)
					}
				}
			}
			for _, method := range methods {
				for _, v := range apiversion.All() {
					if route := v.Route(method + " " + typ.APIPath); !slices.Contains(routes, route) {
						t.Errorf("the emulator does not serve %s", route)
					}
				}
			}
			checkIdentityAndList(t, typ, r, tests)
			if !slices.Contains(snapshotLists, typ.Snapshot) {
				t.Errorf("emulator snapshots have no list %q (they have %v)", typ.Snapshot, snapshotLists)
			}
		})
	}
}

// Every registered action has its pieces: the name it registers, an example and docs, an
// acceptance test, and the emulator's routes of the operations it calls.
func TestRegistryActionsComplete(t *testing.T) {
	tests := testFunctions(t)
	routes := emulator.New(emulator.Config{}).Routes()
	for _, typ := range actionTypes {
		t.Run(typ.Name, func(t *testing.T) {
			var meta fwaction.MetadataResponse
			typ.action().Metadata(context.Background(), fwaction.MetadataRequest{ProviderTypeName: "sailpoint"}, &meta)
			if meta.TypeName != typ.Name {
				t.Errorf("the action calls itself %s", meta.TypeName)
			}
			short := strings.TrimPrefix(typ.Name, "sailpoint_")
			for _, f := range []string{"examples/actions/" + typ.Name + "/action.tf", "docs/actions/" + short + ".md"} {
				if _, err := os.Stat(filepath.Join("..", "..", f)); err != nil {
					t.Errorf("missing %s", f)
				}
			}
			prefix := "TestAcc" + camelCase(short) + "Action_"
			if !slices.ContainsFunc(mapKeys(tests), func(n string) bool { return strings.HasPrefix(n, prefix) }) {
				t.Errorf("missing an acceptance test %s...", prefix)
			}
			if len(typ.Routes) == 0 {
				t.Error("the action names no ISC operation")
			}
			for _, r := range typ.Routes {
				for _, v := range apiversion.All() {
					if route := v.Route(r); !slices.Contains(routes, route) {
						t.Errorf("the emulator does not serve %s", route)
					}
				}
			}
		})
	}
}

// checkIdentityAndList checks that the type has a resource identity of its import ID's attributes
// and a list resource, with their examples and acceptance tests.
func checkIdentityAndList(t *testing.T, typ ObjectType, r fwresource.Resource, tests map[string]bool) {
	t.Helper()
	withIdentity, ok := r.(fwresource.ResourceWithIdentity)
	if !ok {
		t.Error("the resource has no resource identity")
	} else {
		var resp fwresource.IdentitySchemaResponse
		withIdentity.IdentitySchema(context.Background(), fwresource.IdentitySchemaRequest{}, &resp)
		got := mapKeys(resp.IdentitySchema.Attributes)
		slices.Sort(got)
		want := slices.Sorted(slices.Values(typ.ImportAttributes))
		if !slices.Equal(got, want) {
			t.Errorf("the identity has the attributes %v, want those of the import ID, %v", got, want)
		}
	}
	if typ.list == nil {
		t.Error("the type has no list resource: declare its list in its objectKit")
	} else {
		var meta fwresource.MetadataResponse
		typ.list().Metadata(context.Background(), fwresource.MetadataRequest{ProviderTypeName: "sailpoint"}, &meta)
		if meta.TypeName != typ.Name {
			t.Errorf("the list resource calls itself %s", meta.TypeName)
		}
	}
	camel := camelCase(strings.TrimPrefix(typ.Name, "sailpoint_"))
	for _, name := range []string{"TestAcc" + camel + "_identity", "TestAcc" + camel + "ListResource_query"} {
		if !tests[name] {
			t.Errorf("missing the acceptance test %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "..", "examples", "list-resources", typ.Name, "list-resource.tfquery.hcl")); err != nil {
		t.Errorf("missing examples/list-resources/%s/list-resource.tfquery.hcl", typ.Name)
	}
}

// testFunctions returns the names of the test functions of this package.
func testFunctions(t *testing.T) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		parsed, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range parsed.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Test") {
				names[fn.Name.Name] = true
			}
		}
	}
	return names
}

// jsonFields lists the JSON names of a struct's slice fields and documents (pointers to
// structs), after prefix.
func jsonFields(typ reflect.Type, prefix string) []string {
	var out []string
	for f := range typ.Fields() {
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		document := f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct
		if (f.Type.Kind() == reflect.Slice || document) && tag != "" && tag != "-" {
			out = append(out, prefix+tag)
		}
	}
	return out
}

func camelCase(snake string) string {
	var b strings.Builder
	for _, part := range strings.Split(snake, "_") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
