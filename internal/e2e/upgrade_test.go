package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
)

// upgradeDir holds a tenant (snapshot.json), a state that the provider wrote before keyed
// collections (v0-state.json: schema version 0, the schema attributes and attribute transforms as
// lists) after importing it, and the same objects in today's configuration (main.tf).
var upgradeDir = filepath.Join("testdata", "upgrade")

// A user upgrading the provider plans with the state the previous version wrote: no change,
// with or without a refresh. A configured reference name that is not ISC's is a warning. Then
// inserting one schema attribute and one attribute transform in the middle of the configuration
// shows as exactly those elements in the rendered plan, and each is one add at the end of ISC's
// array.
func TestUpgradeAndKeyedPlan(t *testing.T) {
	dir := t.TempDir()
	tf := newTerraform(t, dir, readSnapshotFile(t, filepath.Join(upgradeDir, "snapshot.json")))
	state, err := os.ReadFile(filepath.Join(upgradeDir, "v0-state.json"))
	if err != nil {
		t.Fatal(err)
	}
	tf.write("terraform.tfstate", string(state))
	config, err := os.ReadFile(filepath.Join(upgradeDir, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	tf.write("main.tf", providerConfig+string(config))

	for _, args := range [][]string{{"plan", "-refresh=false"}, {"plan"}} {
		out, _, code := tf.run(append(args, "-detailed-exitcode")...)
		if code != 0 {
			t.Fatalf("terraform %s after the upgrade: exit code %d, want 0 (no changes)\n%s", strings.Join(args, " "), code, out)
		}
		if !strings.Contains(out, "Warning: "+planmodify.RefNameSummary) ||
			!strings.Contains(strings.Join(strings.Fields(out), " "), `owner.name is "Somebody Else" in the configuration, but ISC names the object`) {
			t.Errorf("terraform %s does not warn about the owner's name:\n%s", strings.Join(args, " "), out)
		}
	}

	inserted := strings.NewReplacer(
		`    mail           = {}`, "    mail           = {}\n    departmentNumber = { description = \"Department\" }",
		`      email       = {`, "      department = { transform_definition = { type = \"static\", attributes = jsonencode({ value = \"Sales\" }) } }\n      email       = {",
	).Replace(string(config))
	if inserted == string(config) {
		t.Fatal("main.tf has not the lines to insert after")
	}
	tf.write("main.tf", providerConfig+inserted)
	out := tf.must("plan", "-out=insert.tfplan")
	checkOneElementAdded(t, out, "sailpoint_source_schema.account", "attributes", "departmentNumber")
	checkOneElementAdded(t, out, "sailpoint_identity_profile.staff", "attribute_transforms", "department",
		// ISC derives these from the transforms.
		"has_time_based_attr", "identity_refresh_required")
	if !strings.Contains(out, "Plan: 0 to add, 2 to change, 0 to destroy.") {
		t.Errorf("the plan does not change exactly the schema and the profile:\n%s", out)
	}

	tf.emu.ClearRequests()
	tf.must("apply", "insert.tfplan")
	want := map[string]string{
		apiVersion.Route("PATCH /identity-profiles/{id}"): `[{"op":"add","path":"/identityAttributeConfig/attributeTransforms/3",
			"value":{"identityAttributeName":"department","transformDefinition":{"type":"static","attributes":{"value":"Sales"}}}}]`,
		apiVersion.Route("PATCH /sources/{sourceId}/schemas/{schemaId}"): `[{"op":"add","path":"/attributes/5",
			"value":{"name":"departmentNumber","type":"STRING","description":"Department","isMulti":false,"isEntitlement":false,"isGroup":false}}]`,
	}
	sent := tf.changes()
	for _, r := range sent {
		if body, ok := want[r.Route]; !ok || !client.JSONEqual([]byte(r.Body), []byte(body)) {
			t.Errorf("sent %s %s", r.Route, r.Body)
		}
	}
	if len(sent) != len(want) {
		t.Errorf("%d requests changed something, want %d", len(sent), len(want))
	}
	if _, _, code := tf.run("plan", "-detailed-exitcode"); code != 0 {
		t.Errorf("the plan after the apply is not empty (exit code %d)", code)
	}
}

var changeLine = regexp.MustCompile(`^\s*([-+~]|-/\+|\+/-) `)

// checkOneElementAdded checks the rendered plan of the resource at addr: it updates the resource
// in place, adds the element key to the map attribute collection and changes nothing else, but
// for the computed attributes known only after apply.
func checkOneElementAdded(t *testing.T, plan, addr, collection, key string, unknown ...string) {
	t.Helper()
	block := plannedChange(plan, addr)
	if block == nil {
		t.Fatalf("the plan has no change of %s:\n%s", addr, plan)
	}
	var changes []string
	depth, inElement := 0, false
	for _, line := range block[1:] {
		trimmed := strings.TrimSpace(line)
		switch {
		case inElement:
			// The attributes of the new element are its own.
			depth += strings.Count(trimmed, "{") - strings.Count(trimmed, "}")
			if depth <= 0 {
				inElement = false
			}
		case strings.HasPrefix(trimmed, `+ "`+key+`" = {`):
			changes = append(changes, trimmed)
			inElement, depth = true, 1
		case changeLine.MatchString(line):
			changes = append(changes, trimmed)
		}
	}
	want := []string{"~ " + collection + " = {", `+ "` + key + `" = {`}
	if collection == "attribute_transforms" {
		want = slices.Insert(want, 0, "~ identity_attribute_config = {")
	}
	for _, u := range unknown {
		want = append(want, "~ "+u+" = false -> (known after apply)")
	}
	var got []string
	for _, c := range changes {
		got = append(got, strings.Join(strings.Fields(c), " "))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: the plan changes\n  %s\nwant\n  %s\nin:\n%s", addr, strings.Join(got, "\n  "), strings.Join(want, "\n  "), strings.Join(block, "\n"))
	}
}

// plannedChange returns the lines of the rendered plan from the header of the change of the
// resource at addr to its closing brace, nil when the plan does not change it.
func plannedChange(plan, addr string) []string {
	lines := strings.Split(plan, "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.TrimSpace(l) == "# "+addr+" will be updated in-place" })
	if start < 0 {
		return nil
	}
	for i := start + 1; i < len(lines); i++ {
		if lines[i] == "    }" {
			return lines[start+1 : i+1]
		}
	}
	return nil
}
