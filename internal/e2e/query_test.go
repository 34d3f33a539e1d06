package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/provider"
)

// TestQueryRoundTrip brings the whole snapshot under Terraform the way the import guide says for
// Terraform >= 1.14: a list block of every registered type, terraform query
// -generate-config-out, a plan of the generated file that imports every object of the tenant by
// its identity and changes nothing, an apply that writes nothing to ISC, and an empty plan after
// it. plugin-testing's Query steps generate no configuration, hence the CLI.
func TestQueryRoundTrip(t *testing.T) {
	snap := readSnapshot(t)
	tf := newTerraform(t, t.TempDir(), snap)
	tf.useNewCLI()
	var lists strings.Builder
	for _, typ := range provider.ObjectTypes() {
		fmt.Fprintf(&lists, "list %q \"all\" {\n  provider         = sailpoint\n  include_resource = true\n}\n\n", typ.Name)
	}
	tf.write("main.tf", providerConfig)
	tf.write("tenant.tfquery.hcl", lists.String())

	// terraform query shows each object found; with -generate-config-out it writes the file.
	shown := tf.must("query")
	found := tf.must("query", "-json") // the objects found, resources included
	tf.must("query", "-generate-config-out=generated.tf")
	raw, err := os.ReadFile(filepath.Join(tf.dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	generated := string(raw)

	// One import block by identity and one resource block for every object of the tenant.
	objects := tf.tenantObjects()
	for _, typ := range provider.ObjectTypes() {
		if !slices.ContainsFunc(objects, func(o tenantObject) bool { return o.typ.Name == typ.Name }) {
			t.Errorf("the tenant holds no %s: add one to the snapshot, so the round trip covers the type", typ.Name)
		}
	}
	if n := strings.Count(generated, "\nresource \""); n != len(objects) {
		t.Errorf("generated.tf has %d resources, want one for each of the %d objects of the tenant:\n%s", n, len(objects), generated)
	}
	if n := strings.Count(generated, "\n  identity = {"); n != len(objects) {
		t.Errorf("generated.tf has %d import blocks by identity, want %d", n, len(objects))
	}
	if n := len(regexp.MustCompile(`(?m)^list\.sailpoint_\S+\.all\s`).FindAllString(shown, -1)); n != len(objects) {
		t.Errorf("terraform query showed %d objects, want %d:\n%s", n, len(objects), shown)
	}
	// Secrets stay in ISC: no secret value of the snapshot is in what the query found, nor in the
	// generated file.
	var secrets int
	for _, src := range snap.Sources {
		for k, v := range src.ConnectorAttributes {
			s, ok := v.(string)
			if !ok || !client.IsSecretKey(k) || s == "" {
				continue
			}
			secrets++
			if strings.Contains(found, s) || strings.Contains(generated, s) {
				t.Errorf("the query's results or generated.tf hold the secret %s of source %s", k, src.Name)
			}
		}
	}
	if secrets == 0 || !strings.Contains(found, `"connector_attributes"`) {
		t.Errorf("the snapshot has %d secrets, and terraform query -json shows no connector attributes: the check checks nothing", secrets)
	}

	// The plan imports exactly the tenant's objects, each by its identity, and changes nothing.
	changes, planned := tf.planImports()
	byName := map[string]provider.ObjectType{}
	for _, typ := range provider.ObjectTypes() {
		byName[typ.Name] = typ
	}
	var got, want []string
	for _, rc := range changes {
		if rc.Change.Importing == nil || rc.Change.Importing.Identity == nil {
			t.Errorf("%s is not imported by identity", rc.Address)
			continue
		}
		values := map[string]any{}
		for k, v := range rc.Change.Importing.Identity {
			values[k] = v
		}
		got = append(got, rc.Type+" "+byName[rc.Type].ImportID(values))
	}
	for _, o := range objects {
		want = append(want, o.typ.Name+" "+o.importID)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the plan imports\n%s\nwant the objects of the tenant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	checkGenerated(t, tf, generated, planned)
	if t.Failed() {
		t.FailNow()
	}
	tf.applyImports()
}
