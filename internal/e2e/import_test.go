package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"

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
	sourceNames := map[string]string{}
	for _, src := range sources {
		sourceNames[fmt.Sprint(src["id"])] = fmt.Sprint(src["name"])
	}
	var out []tenantObject
	for _, typ := range provider.ObjectTypes() {
		if typ.Document {
			// A source's setting: one document per source, an object where the source sets it.
			set, ok := settingSet[typ.Name]
			if !ok {
				tf.t.Fatalf("settingSet does not say when a source sets its %s: add it", typ.Name)
			}
			for _, src := range sources {
				id := fmt.Sprint(src["id"])
				var doc map[string]any
				if read(pathParam.ReplaceAllString(typ.APIPath, id), &doc) && set(doc) {
					out = append(out, tenantObject{typ: typ, name: label(fmt.Sprint(src["name"])), importID: id})
				}
			}
			continue
		}
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
				prefix := namePrefix
				if ref, ok := o[typ.SourceMember].(map[string]any); ok && typ.SourceMember != "" {
					prefix = label(sourceNames[fmt.Sprint(ref["id"])]) + "_"
				}
				out = append(out, tenantObject{typ: typ, name: prefix + label(fmt.Sprint(o[typ.NameMember])),
					importID: idPrefix + fmt.Sprint(o[typ.KeyMember])})
			}
		}
	}
	return out
}

// settingSet says, by type, whether a source's setting document sets anything: every source has
// a correlation config, an attribute sync config and an entitlement request config, which count
// as objects of the tenant only when they hold more than a new source's (empty or default) one.
var settingSet = map[string]func(doc map[string]any) bool{
	"sailpoint_source_correlation_config": func(doc map[string]any) bool {
		pairs, _ := doc["attributeAssignments"].([]any)
		return len(pairs) > 0
	},
	"sailpoint_source_native_change_detection_config": func(map[string]any) bool { return true }, // a 404 where there is none
	"sailpoint_source_attribute_sync_config": func(doc map[string]any) bool {
		attrs, _ := doc["attributes"].([]any)
		return slices.ContainsFunc(attrs, func(a any) bool { m, _ := a.(map[string]any); return m["enabled"] == true })
	},
	"sailpoint_source_entitlement_request_config": func(doc map[string]any) bool {
		// Through the client's type, which leaves out what is null.
		var c client.SourceEntitlementRequestConfig
		b, _ := json.Marshal(doc)
		if json.Unmarshal(b, &c) != nil {
			return true
		}
		b, _ = json.Marshal(c)
		return !client.JSONEqual(b, defaultEntitlementRequest)
	},
}

// defaultEntitlementRequest is a new source's entitlement request config.
var defaultEntitlementRequest = func() []byte {
	b, _ := json.Marshal(client.DefaultEntitlementRequestConfig())
	return b
}()

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

var (
	nonWord = regexp.MustCompile(`[^a-z0-9]+`)
	// pathParam is a parameter of a registered API path, such as {sourceId}.
	pathParam = regexp.MustCompile(`\{[^}]+\}`)
)

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
// the secrets an import cannot read; adding them as the warning says sends them, and
// acknowledging them as unmanaged sends nothing; either silences the warning for them alone.
// It runs on the terraform on PATH (1.11 in CI) and on the Terraform >= 1.14 that
// SAIL_TEST_TERRAFORM_NEW names, which asks the provider for the generated configuration: only
// there is it free of server-owned values and null arguments.
func TestImportRoundTrip(t *testing.T) {
	t.Run("terraform on PATH", func(t *testing.T) {
		importRoundTrip(t, newTerraform(t, t.TempDir(), readSnapshot(t)))
	})
	t.Run("terraform 1.14 or later", func(t *testing.T) {
		tf := newTerraform(t, t.TempDir(), readSnapshot(t))
		tf.useNewCLI()
		importRoundTrip(t, tf)
	})
}

func importRoundTrip(t *testing.T, tf *terraform) {
	snap := readSnapshot(t)
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
	if len(warnings) != withSecrets || withSecrets < 2 {
		t.Errorf("%d missing-secret warnings, want one for each of the %d sources with secrets (at least 2)", len(warnings), withSecrets)
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
	changes, planned := tf.planImports()
	addresses := map[string]bool{}
	for _, rc := range changes {
		addresses[rc.Address] = true
	}
	for _, im := range imports {
		if !addresses[im.to] {
			t.Errorf("the plan does not import %s", im.to)
		}
	}
	if len(changes) != len(imports) {
		t.Errorf("the plan has %d resource changes, want the %d imports", len(changes), len(imports))
	}
	checkGenerated(t, tf, string(generated), planned)
	if t.Failed() {
		t.FailNow()
	}
	tf.applyImports()

	// Adding one source's secrets as the warning says sends them; acknowledging another's as
	// unmanaged sends nothing. Either silences the warning for that source, and the others
	// still warn.
	ad, ldap := snap.Sources[0], snap.Sources[1]
	if secretAttributes(ad) == nil || !slices.Equal(secretAttributes(ldap), []string{"password"}) {
		t.Fatalf("the snapshot's first two sources, %s and %s, should hold secrets, the second only a password", ad.Name, ldap.Name)
	}
	edited := editSource(t, string(generated), label(ad.Name), func(b string) string {
		b = setArgument(b, "connector_attributes_wo", `jsonencode({ password = "rotated-in-the-vault" })`)
		return setArgument(b, "connector_attributes_wo_version", "1")
	})
	edited = editSource(t, edited, label(ldap.Name), func(b string) string {
		return setArgument(b, "connector_secrets_unmanaged", `["password"]`)
	})
	tf.write("generated.tf", edited)
	tf.emu.ClearRequests()
	tf.must("apply", "-auto-approve")
	patched := tf.changes()
	want := `[{"op":"add","path":"/connectorAttributes/password","value":"rotated-in-the-vault"}]`
	if len(patched) != 1 || patched[0].Path != apiVersion.Path("/sources/"+ad.ID) || patched[0].Body != want {
		t.Fatalf("adding the secret sent %+v, want one patch of %s: %s", patched, ad.ID, want)
	}
	out = tf.must("plan", "-detailed-exitcode", "-json")
	var still []string
	for _, d := range diagnostics(t, out, missingSecretsSummary) {
		still = append(still, d.Address)
	}
	for _, src := range snap.Sources {
		addr := "sailpoint_source." + label(src.Name)
		silenced := src.ID == ad.ID || src.ID == ldap.ID || secretAttributes(src) == nil
		if slices.Contains(still, addr) == silenced {
			t.Errorf("%s: warned %v, want %v (warnings for %v)", addr, !silenced, silenced, still)
		}
	}
}

// importChange is a resource change of a plan that imports: the resource and what it imports,
// an ID or an identity.
type importChange struct {
	Address string `json:"address"`
	Type    string `json:"type"`
	Change  struct {
		Actions   []string `json:"actions"`
		Importing *struct {
			ID       string            `json:"id"`
			Identity map[string]string `json:"identity"`
		} `json:"importing"`
	} `json:"change"`
}

// planImports plans the configuration into import.tfplan and returns its resource changes and
// its configuration; any change but an import without an update fails the test.
func (tf *terraform) planImports() ([]importChange, generatedConfiguration) {
	t := tf.t
	t.Helper()
	tf.must("plan", "-out=import.tfplan")
	var plan struct {
		ResourceChanges []importChange         `json:"resource_changes"`
		Configuration   generatedConfiguration `json:"configuration"`
	}
	if err := json.Unmarshal([]byte(tf.must("show", "-json", "import.tfplan")), &plan); err != nil {
		t.Fatal(err)
	}
	for _, rc := range plan.ResourceChanges {
		if !slices.Equal(rc.Change.Actions, []string{"no-op"}) || rc.Change.Importing == nil {
			t.Errorf("%s: actions %v, importing %v; want only an import", rc.Address, rc.Change.Actions, rc.Change.Importing)
		}
	}
	return plan.ResourceChanges, plan.Configuration
}

// applyImports applies import.tfplan, which must write nothing to ISC, and checks that a plan
// after it is empty.
func (tf *terraform) applyImports() {
	t := tf.t
	t.Helper()
	tf.emu.ClearRequests()
	tf.must("apply", "import.tfplan")
	for _, r := range tf.changes() {
		t.Errorf("the import changed ISC: %s %s %s", r.Method, r.Path, r.Body)
	}
	if stdout, stderr, code := tf.run("plan", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after the import is not empty (exit code %d):\n%s\n%s", code, stdout, stderr)
	}
}

// generatedConfiguration is the configuration part of terraform show -json of a plan: the
// arguments each resource block sets, with their values when they are constants.
type generatedConfiguration struct {
	RootModule struct {
		Resources []struct {
			Address     string `json:"address"`
			Type        string `json:"type"`
			Expressions map[string]struct {
				ConstantValue any `json:"constant_value"`
			} `json:"expressions"`
		} `json:"resources"`
	} `json:"root_module"`
}

// schemaAttribute is an attribute of a resource schema as terraform providers schema -json shows
// it.
type schemaAttribute struct {
	Optional   bool `json:"optional"`
	Computed   bool `json:"computed"`
	WriteOnly  bool `json:"write_only"`
	NestedType *struct {
		Attributes  map[string]schemaAttribute `json:"attributes"`
		NestingMode string                     `json:"nesting_mode"`
	} `json:"nested_type"`
}

// resourceSchemas are the provider's resource attributes by type, as Terraform sees them.
func (tf *terraform) resourceSchemas() map[string]map[string]schemaAttribute {
	tf.t.Helper()
	var schemas struct {
		ProviderSchemas map[string]struct {
			ResourceSchemas map[string]struct {
				Block struct {
					Attributes map[string]schemaAttribute `json:"attributes"`
				} `json:"block"`
			} `json:"resource_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal([]byte(tf.must("providers", "schema", "-json")), &schemas); err != nil {
		tf.t.Fatal(err)
	}
	out := map[string]map[string]schemaAttribute{}
	for name, r := range schemas.ProviderSchemas[providerAddress].ResourceSchemas {
		out[name] = r.Block.Attributes
	}
	return out
}

// nullArgument is a line of generated configuration that sets an argument to null.
var nullArgument = regexp.MustCompile(`(?m)^\s*([a-z0-9_]+)\s*=\s*null\s*$`)

// checkGenerated checks the generated configuration of every resource against the provider's
// schema. It never sets a computed-only attribute. From Terraform 1.14, which asks the provider
// for it, it sets no attribute whose value ISC fills in by itself (ObjectType.ISCFilled) and no
// argument to null, but a write-only one: Terraform writes "= null" for every unset argument that
// is not computed, and a write-only argument cannot be. Older Terraform writes every argument,
// null or not, and values ISC fills in, so for it the check is that it still does: the check
// would notice if they went away.
func checkGenerated(t *testing.T, tf *terraform, generated string, cfg generatedConfiguration) {
	t.Helper()
	strict := tf.atLeast(1, 14)
	schemas := tf.resourceSchemas()
	var nulls, filled []string
	for _, m := range resourceBlock.FindAllStringSubmatch(generated, -1) {
		for _, n := range nullArgument.FindAllStringSubmatch(m[0], -1) {
			if a := schemas[m[1]][n[1]]; !a.WriteOnly {
				nulls = append(nulls, m[1]+"."+m[2]+": "+strings.TrimSpace(n[0]))
			}
		}
	}
	byName := map[string]provider.ObjectType{}
	for _, typ := range provider.ObjectTypes() {
		byName[typ.Name] = typ
	}
	for _, r := range cfg.RootModule.Resources {
		if _, ok := byName[r.Type]; !ok {
			continue
		}
		iscFilled := byName[r.Type].ISCFilled()
		var walk func(p path.Path, a schemaAttribute, v any)
		walk = func(p path.Path, a schemaAttribute, v any) {
			switch {
			case a.Computed && !a.Optional:
				t.Errorf("%s: generated configuration sets %s, which only the provider sets", r.Address, p)
			case v != nil && iscFilled.Matches(p):
				filled = append(filled, r.Address+"."+p.String())
			}
			if a.NestedType == nil || v == nil {
				return
			}
			objects := map[string]any{"": v}
			switch a.NestedType.NestingMode {
			case "list", "set": // a set's elements by position too: nothing ISC fills in is inside one
				objects = map[string]any{}
				for i, o := range v.([]any) {
					objects[strconv.Itoa(i)] = o
				}
			case "map":
				objects = v.(map[string]any)
			}
			for key, o := range objects {
				at := p
				switch a.NestedType.NestingMode {
				case "list", "set":
					i, _ := strconv.Atoi(key)
					at = p.AtListIndex(i)
				case "map":
					at = p.AtMapKey(key)
				}
				for name, nv := range o.(map[string]any) {
					walk(at.AtName(name), a.NestedType.Attributes[name], nv)
				}
			}
		}
		for name, e := range r.Expressions {
			walk(path.Root(name), schemas[r.Type][name], e.ConstantValue)
		}
	}
	if !strict {
		// Terraform < 1.14 writes every argument and does not ask the provider.
		if len(nulls) == 0 || len(filled) == 0 {
			t.Errorf("Terraform < 1.14 wrote %d null arguments and %d values ISC fills in: if it no longer writes them, check it as strictly as 1.14", len(nulls), len(filled))
		}
		return
	}
	for _, n := range nulls {
		t.Errorf("generated configuration sets an argument to null: %s", n)
	}
	for _, f := range filled {
		t.Errorf("generated configuration sets %s, which ISC fills in", f)
	}
}

// resourceBlock is a resource block of generated configuration: its type and name.
var resourceBlock = regexp.MustCompile(`(?s)resource "([a-z0-9_]+)" "([a-z0-9_]+)" \{.*?\n\}\n`)

// editSource changes the block of one source in generated configuration.
func editSource(t *testing.T, hcl, name string, edit func(string) string) string {
	t.Helper()
	block := regexp.MustCompile(`(?s)resource "sailpoint_source" "` + name + `" \{.*?\n\}\n`)
	if !block.MatchString(hcl) {
		t.Fatalf("no block of sailpoint_source.%s in the generated configuration", name)
	}
	return block.ReplaceAllStringFunc(hcl, edit)
}

// setArgument sets a top-level argument of a resource block, replacing the line that sets it.
func setArgument(block, name, value string) string {
	line := name + " = " + value
	arg := regexp.MustCompile(`(?m)^  ` + name + `\s*=.*$`)
	if arg.MatchString(block) {
		return arg.ReplaceAllLiteralString(block, "  "+line)
	}
	return strings.TrimSuffix(block, "}\n") + "  " + line + "\n}\n"
}
