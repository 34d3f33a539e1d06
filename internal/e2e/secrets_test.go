package e2e

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/provider"
)

// sweepConfig manages every resource type and reads data sources. The secrets come from
// variables set in the environment, as an operator's pipeline would set them; ephemeral, since
// terraform records the values of other variables in saved plans.
const sweepConfig = providerConfig + `
variable "ad_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "api_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "oauth_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "wo_version" {
  type    = number
  default = 1
}

data "sailpoint_identity" "admin" {
  alias = "isc.admin"
}

data "sailpoint_identities" "admins" {
  filters     = "name sw \"ISC\""
  max_results = 5
}

resource "sailpoint_source" "ad" {
  name      = "Sweep AD"
  connector = "active-directory"
  owner     = { id = data.sailpoint_identity.admin.id }

  connector_attributes = jsonencode({ domain = "corp.example.com" })
  connector_attributes_wo = jsonencode({
    password  = var.ad_password
    apiTokens = ["not-the-secret", var.api_token]
    oauth     = { clientId = "sweep", clientSecret = var.oauth_secret }
  })
  connector_attributes_wo_version = var.wo_version
}

resource "sailpoint_source_schema" "group" {
  source_id          = sailpoint_source.ad.id
  name               = "group"
  native_object_type = "group"
  identity_attribute = "dn"
  display_attribute  = "cn"
  attributes         = { dn = {}, cn = {} }
}

resource "sailpoint_source_schedule" "accounts" {
  source_id       = sailpoint_source.ad.id
  type            = "ACCOUNT_AGGREGATION"
  cron_expression = "0 0 5 * * ?"
}

resource "sailpoint_source_provisioning_policy" "create" {
  source_id  = sailpoint_source.ad.id
  usage_type = "CREATE"
  name       = "Account"
  fields = [{
    name      = "sAMAccountName"
    type      = "string"
    transform = jsonencode({ type = "identityAttribute", attributes = { name = "uid" } })
  }]
}

resource "sailpoint_identity_profile" "staff" {
  name                 = "Sweep staff"
  priority             = 10
  owner                = { id = data.sailpoint_identity.admin.id }
  authoritative_source = { id = sailpoint_source.ad.id }
}

resource "sailpoint_transform" "email" {
  name       = "Sweep Email"
  type       = "lower"
  attributes = jsonencode({ input = { type = "accountAttribute", attributes = { attributeName = "mail", sourceName = sailpoint_source.ad.name } } })
}

data "sailpoint_transform" "email" {
  name = sailpoint_transform.email.name
}

resource "sailpoint_governance_group" "approvers" {
  name  = "Sweep Approvers"
  owner = { id = data.sailpoint_identity.admin.id }
}

resource "sailpoint_governance_group_members" "approvers" {
  governance_group_id = sailpoint_governance_group.approvers.id
  identity_ids        = data.sailpoint_identities.admins.identities[*].id
}

data "sailpoint_governance_group" "approvers" {
  name = sailpoint_governance_group.approvers.name
}

resource "sailpoint_access_profile" "vpn" {
  name   = "Sweep VPN"
  owner  = { id = data.sailpoint_identity.admin.id }
  source = { id = sailpoint_source.ad.id }
  access_request_config = {
    approval_schemes = [{ approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.approvers.id }]
  }
}

data "sailpoint_access_profile" "vpn" {
  id = sailpoint_access_profile.vpn.id
}

# The ERP was aggregated before: its entitlement is adopted, and released by the destroy.
data "sailpoint_source" "erp" {
  name = "Finance ERP"
}

resource "sailpoint_entitlement" "clerk" {
  source_id   = data.sailpoint_source.erp.id
  value       = "AP_CLERK"
  description = "Sweep clerk"
  access_request_config = {
    approval_schemes = [{ approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.approvers.id }]
  }
}

data "sailpoint_entitlement" "clerk" {
  source_id = sailpoint_entitlement.clerk.source_id
  value     = sailpoint_entitlement.clerk.value
}

data "sailpoint_entitlements" "erp" {
  source_id = data.sailpoint_source.erp.id
}

resource "sailpoint_role" "remote" {
  name               = "Sweep Remote Workers"
  owner              = { id = data.sailpoint_identity.admin.id }
  access_profile_ids = [sailpoint_access_profile.vpn.id]
  membership = {
    type = "STANDARD"
    criteria = {
      operation = "OR"
      children = [
        { operation = "EQUALS", key = { type = "ACCOUNT", property = "attribute.workplace", source_id = sailpoint_source.ad.id }, string_value = "remote" },
        { operation = "EQUALS", key = { type = "IDENTITY", property = "attribute.department" }, string_value = "Sales" },
      ]
    }
  }
  revocation_request_config = {
    approval_schemes = [{ approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.approvers.id }]
  }
}

data "sailpoint_role" "remote" {
  name = sailpoint_role.remote.name
}

resource "sailpoint_identity_attribute" "badge" {
  name         = "sweepBadge"
  display_name = "Sweep badge"
  searchable   = true
}

data "sailpoint_identity_attribute" "badge" {
  name = sailpoint_identity_attribute.badge.name
}

resource "sailpoint_lifecycle_state" "leave" {
  identity_profile_id = sailpoint_identity_profile.staff.id
  name                = "Sweep leave"
  technical_name      = "leave"
  account_actions     = [{ action = "DISABLE", source_ids = [sailpoint_source.ad.id] }]
}

data "sailpoint_lifecycle_states" "staff" {
  identity_profile_id = sailpoint_lifecycle_state.leave.identity_profile_id
}

resource "sailpoint_source_correlation_config" "ad" {
  source_id             = sailpoint_source.ad.id
  attribute_assignments = [{ identity_attribute = "uid", account_attribute = "sAMAccountName" }]
}

resource "sailpoint_source_native_change_detection_config" "ad" {
  source_id  = sailpoint_source.ad.id
  enabled    = true
  operations = ["ACCOUNT_UPDATED"]
}

resource "sailpoint_source_attribute_sync_config" "ad" {
  source_id          = sailpoint_source_provisioning_policy.create.source_id
  enabled_attributes = ["uid"]
}

resource "sailpoint_source_entitlement_request_config" "ad" {
  source_id        = sailpoint_source.ad.id
  approval_schemes = [{ approver_type = "GOVERNANCE_GROUP", approver_id = sailpoint_governance_group.approvers.id }]
}

data "sailpoint_source_objects" "ad" {
  source_id = sailpoint_source_schema.group.source_id
  max_count = 2
}

data "sailpoint_source_config" "ad" {
  source_id = sailpoint_source.ad.id
}

output "admins" {
  value = length(data.sailpoint_identities.admins.identities)
}

output "email_transform" {
  value = data.sailpoint_transform.email.id
}
`

// managedResources returns the managed resources of a state (as showState gives it) by address,
// each with its type in the provider's registry.
func managedResources(t *testing.T, state map[string]map[string]any) map[string]provider.ObjectType {
	t.Helper()
	types := map[string]provider.ObjectType{}
	for _, typ := range provider.ObjectTypes() {
		types[typ.Name] = typ
	}
	out := map[string]provider.ObjectType{}
	for addr := range state {
		if strings.HasPrefix(addr, "data.") {
			continue
		}
		name, _, _ := strings.Cut(addr, ".")
		typ, ok := types[name]
		if !ok {
			t.Fatalf("%s is of no registered type", addr)
		}
		out[addr] = typ
	}
	return out
}

// secret is a value that must never leave the places it belongs in.
type secret struct {
	name, value string
}

// TestSecretsSweep runs one whole lifecycle of every registered resource type and data sources at
// TF_LOG=trace: a create that ISC refuses, a create, a plan, the import of every resource, an
// update re-sending the write-only secrets that ISC refuses, the same update through a saved
// plan, and a destroy. Then it searches every trace log, every output, the state files and the
// JSON of the state and of the saved plans for the client secret, the write-only connector
// secrets and every access token the emulator issued, in plain text and encoded.
func TestSecretsSweep(t *testing.T) {
	secrets := []secret{
		{"client secret", "sweep-client-secret/Qz8+Kv=&x%7d!"},
		{"password", "AD-bind-passw0rd/Lm4+Tn=&w%2f!"},
		{"api token", "nested-api-t0ken/Rb6+Yc=&v%3a!"},
		{"oauth secret", "deep-oauth-s3cret/Hd2+Pj=&u%5b!"},
	}
	tf := newTerraform(t, t.TempDir(), aggregatedERP(t), func(c *emulator.Config) { c.ClientID, c.ClientSecret = "sweep-client", secrets[0].value })
	tf.env = append(tf.env, "TF_VAR_ad_password="+secrets[1].value, "TF_VAR_api_token="+secrets[2].value, "TF_VAR_oauth_secret="+secrets[3].value)
	tf.traceDir = t.TempDir()
	tf.write("main.tf", sweepConfig)

	// A create whose POST carries the secrets and fails in ISC.
	inject(t, tf.emu, emulator.Fault{Kind: "500", Route: apiVersion.Route("POST /sources")})
	mustFail(t, tf, "ISC answered POST "+apiVersion.Path("/sources")+" with 500", "apply", "-auto-approve")

	tf.emu.ClearRequests()
	tf.must("apply", "-auto-approve")
	posted := sentTo(tf.emu, apiVersion.Route("POST /sources"))
	for _, s := range secrets[1:] {
		if leak(posted, s.value) == "" {
			t.Fatalf("the create did not send the %s: %s sent %s", s.name, apiVersion.Route("POST /sources"), posted)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	state := sweepState(t, tf, "create")
	sourceID := state["sailpoint_source.ad"]["id"].(string)
	checkEncrypted(t, tf, sourceID)
	if _, _, code := tf.run("plan", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after the create is not empty (exit code %d)", code)
	}

	// Forget every resource, then import them all.
	var imports strings.Builder
	rm := []string{"state", "rm"}
	for addr, typ := range managedResources(t, state) {
		fmt.Fprintf(&imports, "import {\n  to = %s\n  id = %q\n}\n\n", addr, typ.ImportID(state[addr]))
		rm = append(rm, addr)
	}
	tf.must(rm...)
	tf.write("imports.tf", imports.String())
	tf.must("plan", "-out=import.tfplan")
	tf.must("show", "-json", "import.tfplan")
	tf.must("apply", "import.tfplan")
	if err := os.Remove(filepath.Join(tf.dir, "imports.tf")); err != nil {
		t.Fatal(err)
	}
	if stdout, _, code := tf.run("plan", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after the import is not empty (exit code %d):\n%s", code, stdout)
	}
	sweepState(t, tf, "import")

	// A new connector_attributes_wo_version sends the secrets again; ISC refuses the first try.
	inject(t, tf.emu, emulator.Fault{Kind: "400", Route: apiVersion.Route("PATCH /sources/{id}")})
	tf.emu.ClearRequests()
	mustFail(t, tf, "ISC answered PATCH "+apiVersion.Path("/sources/"+sourceID)+" with 400", "apply", "-auto-approve", "-var=wo_version=2")
	patched := sentTo(tf.emu, apiVersion.Route("PATCH /sources/{id}"))
	for _, s := range secrets[1:] {
		if leak(patched, s.value) == "" {
			t.Errorf("the refused update did not carry the %s: it sent %s", s.name, patched)
		}
	}
	if _, _, code := tf.run("plan", "-detailed-exitcode", "-var=wo_version=2", "-out=update.tfplan"); code != 2 {
		t.Fatalf("after the refused update, the plan has exit code %d, want 2: the update is still to do", code)
	}
	tf.must("show", "-json", "update.tfplan")
	tf.emu.ClearRequests()
	tf.must("apply", "update.tfplan")
	if patched := sentTo(tf.emu, apiVersion.Route("PATCH /sources/{id}")); leak(patched, secrets[1].value) == "" {
		t.Errorf("the update did not send the secrets again: %s", patched)
	}
	if _, _, code := tf.run("plan", "-detailed-exitcode", "-var=wo_version=2"); code != 0 {
		t.Fatalf("the plan after the update is not empty (exit code %d)", code)
	}
	tf.must("destroy", "-auto-approve", "-var=wo_version=2")

	// Every access token is a secret too; each terraform command fetched its own.
	tokens := tf.emu.IssuedTokens()
	if len(tokens) < tf.runs {
		t.Fatalf("the emulator issued %d tokens in %d terraform commands", len(tokens), tf.runs)
	}
	for i, tok := range tokens {
		secrets = append(secrets, secret{fmt.Sprintf("access token %d", i+1), tok})
	}

	if d := os.Getenv("SWEEP_KEEP"); d != "" {
		_ = os.CopyFS(d, os.DirFS(tf.traceDir))
	}
	files, err := filepath.Glob(filepath.Join(tf.traceDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		// Every command but show and state configures the provider, which logs its requests and,
		// since each reads or writes the source, a body with its secrets redacted.
		if cmd := strings.TrimLeft(filepath.Base(f), "0123456789-"); cmd != "show.log" && cmd != "state.log" && filepath.Ext(f) == ".log" {
			if log := readFile(t, f); !strings.Contains(log, "ISC API request: ") || !strings.Contains(log, "**REDACTED**") {
				t.Errorf("%s lacks the client's request lines or a redacted body", filepath.Base(f))
			}
		}
	}
	// The state, its backup and the backups state rm made.
	states, err := filepath.Glob(filepath.Join(tf.dir, "terraform.tfstate*"))
	if err != nil || len(states) < 3 {
		t.Fatalf("state files %v, want the state and at least two backups (%v)", states, err)
	}
	files = append(files, states...)
	for _, f := range files {
		text := readFile(t, f)
		for _, s := range secrets {
			if where := leak(text, s.value); where != "" {
				t.Errorf("the %s appears in %s %s", s.name, filepath.Base(f), where)
			}
		}
	}
}

// TestSecretsWriteOnlyName follows a write-only connector value under a name that does not look
// like a secret, which ISC therefore keeps in plain text: the create, a re-send and the reads and
// delete wait around them must still keep it out of the trace logs.
func TestSecretsWriteOnlyName(t *testing.T) {
	const value = "plain-named-cr3dential/Wq7+Zs=&k%4e!"
	tf := newTerraform(t, t.TempDir(), nil)
	tf.env = append(tf.env, "TF_VAR_bind_credential="+value)
	tf.traceDir = t.TempDir()
	tf.write("main.tf", providerConfig+`
variable "bind_credential" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "wo_version" {
  type    = number
  default = 1
}

data "sailpoint_identity" "admin" {
  alias = "isc.admin"
}

resource "sailpoint_source" "ldap" {
  name                            = "Plain-named secret"
  connector                       = "ldap"
  owner                           = { id = data.sailpoint_identity.admin.id }
  connector_attributes_wo         = jsonencode({ bindCredential = var.bind_credential })
  connector_attributes_wo_version = var.wo_version
}
`)
	tf.must("apply", "-auto-approve")
	tf.must("apply", "-auto-approve", "-var=wo_version=2")
	if patched := sentTo(tf.emu, apiVersion.Route("PATCH /sources/{id}")); leak(patched, value) == "" {
		t.Fatalf("the update did not send the value again: %s", patched)
	}
	tf.must("destroy", "-auto-approve", "-var=wo_version=2")

	files, err := filepath.Glob(filepath.Join(tf.traceDir, "*.log"))
	if err != nil || len(files) != 3 {
		t.Fatalf("trace logs %v (%v), want one per command", files, err)
	}
	for _, f := range files {
		log := readFile(t, f)
		// A refresh reads the source from the list of every source, whose logs redact the
		// connector attributes whole.
		if !strings.Contains(log, `\"bindCredential\":\"**REDACTED**\"`) && !strings.Contains(log, `\"connectorAttributes\":\"**REDACTED**\"`) {
			t.Errorf("%s shows no body with the value redacted", filepath.Base(f))
		}
		if where := leak(log, value); where != "" {
			t.Errorf("the write-only value appears in %s %s", filepath.Base(f), where)
		}
	}
}

// aggregatedERP is a tenant that holds only the snapshot's Finance ERP source, aggregated: its
// entitlements, which ISC makes only by aggregation, are there to adopt.
func aggregatedERP(t *testing.T) *emulator.Snapshot {
	t.Helper()
	snap := readSnapshot(t)
	out := &emulator.Snapshot{Identities: snap.Identities}
	for _, src := range snap.Sources {
		if src.Name == "Finance ERP" {
			out.Sources = append(out.Sources, src)
		}
	}
	for _, e := range snap.Entitlements {
		if len(out.Sources) == 1 && e.Source.ID == out.Sources[0].ID {
			out.Entitlements = append(out.Entitlements, e)
		}
	}
	if len(out.Sources) != 1 || len(out.Entitlements) == 0 {
		t.Fatal("the shipped snapshot has no aggregated Finance ERP source")
	}
	return out
}

// sweepState returns the state's resources after the step named, which must hold a resource of
// every registered type: the sweep covers them all.
func sweepState(t *testing.T, tf *terraform, step string) map[string]map[string]any {
	t.Helper()
	state := showState(t, tf)
	held := map[string]bool{}
	for _, typ := range managedResources(t, state) {
		held[typ.Name] = true
	}
	for _, typ := range provider.ObjectTypes() {
		if !held[typ.Name] {
			t.Fatalf("no %s is in the state after the %s: sweepConfig needs one of every registered type", typ.Name, step)
		}
	}
	return state
}

// TestLeak proves the search of the sweep finds a secret in every spelling it checks.
func TestLeak(t *testing.T) {
	s := "sweep-client-secret/Qz8+Kv=&x%7d!"
	html, _ := json.Marshal(s)
	for _, text := range []string{
		"a " + s + " b",
		"x" + url.QueryEscape(s) + "y",
		"x" + url.PathEscape(s) + "y",
		"x" + string(html) + "y",
		"x" + strconv.Quote(s),
		base64.StdEncoding.EncodeToString([]byte(s)),
		base64.URLEncoding.EncodeToString([]byte("ab" + s + "cd")),
		base64.RawStdEncoding.EncodeToString([]byte("prefix=" + s)),
		"Basic " + base64.StdEncoding.EncodeToString([]byte("id:"+s)),
	} {
		if leak(text, s) == "" {
			t.Errorf("leak does not find the secret in %q", text)
		}
	}
	if where := leak("sweep-client-secret/Qz8+Kv=&x%7d", s); where != "" {
		t.Errorf("leak finds the secret in a shorter string, %s", where)
	}
}

// leak says where value appears in text, in plain text, JSON- or Go-quoted, URL-encoded or in
// base64 at any alignment; "" when it does not.
func leak(text, value string) string {
	for _, sp := range spellings(value) {
		if i := strings.Index(text, sp.text); i >= 0 {
			return fmt.Sprintf("at line %d (%s)", strings.Count(text[:i], "\n")+1, sp.kind)
		}
	}
	return ""
}

type spelling struct{ kind, text string }

func spellings(value string) []spelling {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(value)
	html, _ := json.Marshal(value)
	out := []spelling{
		{"plain", value},
		{"JSON", strings.Trim(strings.TrimSpace(buf.String()), `"`)},
		{"JSON, HTML-escaped", strings.Trim(string(html), `"`)},
		{"quoted", strings.Trim(strconv.Quote(value), `"`)},
		{"URL query-encoded", url.QueryEscape(value)},
		{"URL path-encoded", url.PathEscape(value)},
	}
	// In base64 a value encodes differently at each of the three byte offsets it may start at;
	// the characters that depend on the value alone are the same wherever it is embedded.
	for _, e := range []struct {
		kind string
		enc  *base64.Encoding
	}{{"base64", base64.StdEncoding}, {"base64url", base64.URLEncoding}} {
		for k := range 3 {
			b64 := e.enc.EncodeToString(append(make([]byte, k), value...))
			from, to := (8*k+5)/6, 8*(k+len(value))/6
			out = append(out, spelling{fmt.Sprintf("%s at offset %d", e.kind, k), b64[from:to]})
		}
	}
	return out
}

// mustFail runs terraform and fails the test unless the command fails with an error containing
// want.
func mustFail(t *testing.T, tf *terraform, want string, args ...string) {
	t.Helper()
	stdout, stderr, code := tf.run(args...)
	if code != 1 || !strings.Contains(stderr, want) {
		t.Fatalf("terraform %s: exit code %d, want 1 and an error with %q\n%s\n%s", strings.Join(args, " "), code, want, stdout, stderr)
	}
}

func inject(t *testing.T, emu *emulator.Server, f emulator.Fault) {
	t.Helper()
	if err := emu.InjectFault(f); err != nil {
		t.Fatal(err)
	}
}

// sentTo joins the bodies of the requests to route in the emulator's request log.
func sentTo(emu *emulator.Server, route string) string {
	var bodies []string
	for _, r := range emu.Requests() {
		if r.Route == route {
			bodies = append(bodies, r.Body)
		}
	}
	return strings.Join(bodies, "\n")
}

// showState returns the values of the resources in state by address, as terraform show -json
// has them.
func showState(t *testing.T, tf *terraform) map[string]map[string]any {
	t.Helper()
	var show struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(tf.must("show", "-json")), &show); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, r := range show.Values.RootModule.Resources {
		out[r.Address] = r.Values
	}
	return out
}

// checkEncrypted proves the secrets reached the source in ISC: the emulator holds them and
// answers with cipher text, as ISC does.
func checkEncrypted(t *testing.T, tf *terraform, id string) {
	t.Helper()
	var src struct {
		ConnectorAttributes struct {
			Password  string   `json:"password"`
			APITokens []string `json:"apiTokens"`
			OAuth     struct {
				ClientSecret string `json:"clientSecret"`
			} `json:"oauth"`
		} `json:"connectorAttributes"`
	}
	tf.apiReader()("/sources/"+id, &src)
	ca := src.ConnectorAttributes
	for _, v := range []string{ca.Password, ca.OAuth.ClientSecret, ca.APITokens[len(ca.APITokens)-1]} {
		if !strings.HasPrefix(v, "2:ENC:") {
			t.Errorf("the emulator does not hold a secret of the source encrypted: %+v", ca)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
