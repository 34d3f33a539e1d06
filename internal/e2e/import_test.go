package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/provider"
)

// importBlock is one object of a tenant as an import block: its resource address and import ID.
type importBlock struct {
	to, id string
}

// tenantObject is one object of a tenant, found through the API for an object type of the
// provider's registry.
type tenantObject struct {
	typ provider.ObjectType
	// name is its resource name, such as corporate_ad_account: its parent's label, then its own.
	name     string
	importID string
}

// tenantObjects lists every object the emulator holds of every registered type, parents first.
func (tf *terraform) tenantObjects() []tenantObject {
	tf.t.Helper()
	read := tf.apiReader()
	var sources, profiles []map[string]any
	read("/sources?limit=250", &sources)
	read("/identity-profiles?limit=250", &profiles)
	// The objects that others live below, by the path parameter that names them.
	parentsOf := map[string][]map[string]any{"{sourceId}": sources, "{identityProfileId}": profiles}
	var out []tenantObject
	for _, typ := range provider.ObjectTypes() {
		parents, param := []map[string]any{nil}, ""
		for p, list := range parentsOf {
			if strings.Contains(typ.APIPath, p) {
				parents, param = list, p
			}
		}
		for _, parent := range parents {
			path, idPrefix, namePrefix := typ.APIPath, "", ""
			if parent != nil {
				id := fmt.Sprint(parent["id"])
				path = strings.Replace(path, param, id, 1)
				idPrefix, namePrefix = id+"/", label(fmt.Sprint(parent["name"]))+"_"
			}
			var objs []map[string]any
			read(path, &objs)
			for _, o := range objs {
				out = append(out, tenantObject{typ: typ, name: namePrefix + label(fmt.Sprint(o[typ.NameMember])),
					importID: idPrefix + fmt.Sprint(o[typ.KeyMember])})
			}
		}
	}
	return out
}

// tenantImports is an import block for every object of the tenant. Every registered type must
// have objects, so that a round trip covers them all.
func (tf *terraform) tenantImports() []importBlock {
	tf.t.Helper()
	var out []importBlock
	seen := map[string]bool{}
	for _, o := range tf.tenantObjects() {
		out = append(out, importBlock{o.typ.Name + "." + o.name, o.importID})
		seen[o.typ.Name] = true
	}
	for _, typ := range provider.ObjectTypes() {
		if !seen[typ.Name] {
			tf.t.Errorf("the tenant holds no %s: add one to the snapshot, so the round trip covers the type", typ.Name)
		}
	}
	return out
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// label turns an object name into a resource name: "Corporate AD" -> corporate_ad.
func label(name string) string {
	return strings.Trim(nonWord.ReplaceAllString(strings.ToLower(name), "_"), "_")
}

// secretAttributes are the names of a source's connector attributes that hold secrets.
func secretAttributes(src emulator.SnapshotSource) []string {
	var names []string
	for k := range src.ConnectorAttributes {
		if client.IsSecretKey(k) {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	return names
}

const missingSecretsSummary = "Secret connector attributes are not in the configuration"

// TestImportRoundTrip brings the whole snapshot under Terraform the way the import guide says:
// import blocks for every object, generated configuration that validates, a plan that only
// imports, an apply that writes nothing to ISC, and an empty plan after it. The plans warn about
// the secrets an import cannot read, and adding them as the warning says sends them.
func TestImportRoundTrip(t *testing.T) {
	snap := readSnapshot(t)
	tf := newTerraform(t, t.TempDir(), snap)
	imports := tf.tenantImports()
	var cfg strings.Builder
	cfg.WriteString(providerConfig)
	for _, im := range imports {
		fmt.Fprintf(&cfg, "\nimport {\n  to = %s\n  id = %q\n}\n", im.to, im.id)
	}
	tf.write("main.tf", cfg.String())

	// Generate the configuration; the plan names the secrets an import cannot bring along.
	out := tf.must("plan", "-generate-config-out=generated.tf", "-json")
	warnings := diagnostics(t, out, missingSecretsSummary)
	var withSecrets int
	for _, src := range snap.Sources {
		secrets := secretAttributes(src)
		addr := "sailpoint_source." + label(src.Name)
		i := slices.IndexFunc(warnings, func(d diagnostic) bool { return d.Address == addr })
		switch {
		case len(secrets) == 0 && i >= 0:
			t.Errorf("%s has no secrets but got the warning: %s", addr, warnings[i].Detail)
		case len(secrets) > 0 && i < 0:
			t.Errorf("%s holds %v but the plan does not warn about them", addr, secrets)
		case len(secrets) > 0 && !strings.Contains(warnings[i].Detail, "that this configuration does not set: "+strings.Join(secrets, ", ")+"."):
			t.Errorf("%s: the warning does not name %v: %s", addr, secrets, warnings[i].Detail)
		}
		if len(secrets) > 0 {
			withSecrets++
		}
	}
	if len(warnings) != withSecrets || withSecrets == 0 {
		t.Errorf("%d missing-secret warnings, want one for each of the %d sources with secrets", len(warnings), withSecrets)
	}
	generated, err := os.ReadFile(filepath.Join(tf.dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(generated), "\nresource \""); n != len(imports) {
		t.Fatalf("generated.tf has %d resources, want %d:\n%s", n, len(imports), generated)
	}

	var valid struct {
		Valid      bool `json:"valid"`
		ErrorCount int  `json:"error_count"`
	}
	if err := json.Unmarshal([]byte(tf.must("validate", "-json")), &valid); err != nil || !valid.Valid || valid.ErrorCount != 0 {
		t.Fatalf("terraform validate of the generated configuration: %+v %v", valid, err)
	}

	// The plan from the generated configuration only imports.
	tf.must("plan", "-out=import.tfplan")
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions   []string        `json:"actions"`
				Importing json.RawMessage `json:"importing"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(tf.must("show", "-json", "import.tfplan")), &plan); err != nil {
		t.Fatal(err)
	}
	planned := map[string]bool{}
	for _, rc := range plan.ResourceChanges {
		planned[rc.Address] = true
		if !slices.Equal(rc.Change.Actions, []string{"no-op"}) || len(rc.Change.Importing) == 0 {
			t.Errorf("%s: actions %v, importing %s; want only an import", rc.Address, rc.Change.Actions, rc.Change.Importing)
		}
	}
	for _, im := range imports {
		if !planned[im.to] {
			t.Errorf("the plan does not import %s", im.to)
		}
	}
	if len(plan.ResourceChanges) != len(imports) {
		t.Errorf("the plan has %d resource changes, want the %d imports", len(plan.ResourceChanges), len(imports))
	}
	if t.Failed() {
		t.FailNow()
	}

	tf.emu.ClearRequests()
	tf.must("apply", "import.tfplan")
	for _, r := range tf.changes() {
		t.Errorf("the import changed ISC: %s %s %s", r.Method, r.Path, r.Body)
	}
	if stdout, stderr, code := tf.run("plan", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after the import is not empty (exit code %d):\n%s\n%s", code, stdout, stderr)
	}

	// Adding the secrets as the warning says sends them, and silences the warning.
	ad := snap.Sources[0]
	addr := "sailpoint_source." + label(ad.Name)
	block := regexp.MustCompile(`(?s)resource "sailpoint_source" "` + label(ad.Name) + `" \{.*?\n\}\n`)
	withWO := block.ReplaceAllStringFunc(string(generated), func(b string) string {
		b = regexp.MustCompile(`connector_attributes_wo\s+= null`).ReplaceAllString(b, `connector_attributes_wo = jsonencode({ password = "rotated-in-the-vault" })`)
		return regexp.MustCompile(`connector_attributes_wo_version\s+= null`).ReplaceAllString(b, `connector_attributes_wo_version = 1`)
	})
	if withWO == string(generated) {
		t.Fatalf("no %s block with connector_attributes_wo = null in generated.tf", addr)
	}
	tf.write("generated.tf", withWO)
	tf.emu.ClearRequests()
	tf.must("apply", "-auto-approve")
	patched := tf.changes()
	want := `[{"op":"add","path":"/connectorAttributes/password","value":"rotated-in-the-vault"}]`
	if len(patched) != 1 || patched[0].Path != apiVersion.Path("/sources/"+ad.ID) || patched[0].Body != want {
		t.Fatalf("adding the secret sent %+v, want one patch of %s: %s", patched, ad.ID, want)
	}
	out = tf.must("plan", "-detailed-exitcode", "-json")
	for _, d := range diagnostics(t, out, missingSecretsSummary) {
		if d.Address == addr {
			t.Errorf("%s still warns after its secrets were added: %s", addr, d.Detail)
		}
	}
}
