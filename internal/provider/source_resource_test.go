package provider

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

const (
	sourceAddr       = "sailpoint_source.test"
	sourcePatchRoute = "PATCH /sources/{id}"
)

// sourceConfig is a delimited-file source with the given extra arguments.
func (e *accEnv) sourceConfig(name, extra string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_source" "test" {
  name             = %q
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = %q }
%s
}
`, name, e.ownerID, extra)
}

func TestAccSource_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.sourceConfig(name, `
  description          = "first"
  delete_threshold     = 10
  connector_attributes = jsonencode({ delimiter = ",", hasHeader = true, file = { name = "hr.csv" } })
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(sourceAddr, tfjsonpath.New("owner").AtMapKey("name"), knownvalue.StringExact(e.ownerName)),
					statecheck.ExpectKnownValue(sourceAddr, tfjsonpath.New("type"), knownvalue.StringExact("DelimitedFile")),
					statecheck.ExpectKnownValue(sourceAddr, tfjsonpath.New("schemas").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("account")),
					statecheck.ExpectKnownValue(sourceAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\S+$`))),
				},
			},
			{
				ResourceName:      sourceAddr,
				ImportState:       true,
				ImportStateVerify: true,
				// Timeouts live only in configuration.
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				PreConfig: e.clearLog,
				Config: e.sourceConfig(name, `
  description          = "second"
  delete_threshold     = 10
  connector_attributes = jsonencode({ delimiter = ";", hasHeader = true, file = { name = "hr.csv" } })
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					// What ISC maintains (authoritative, health, schemas) stays out of the plan.
					PreApply: []plancheck.PlanCheck{expectOnlyChanges(sourceAddr, "description", "connector_attributes")},
				},
				Check: e.expectPatch(t, sourcePatchRoute, `[
					{"op":"replace","path":"/connectorAttributes/delimiter","value":";"},
					{"op":"replace","path":"/description","value":"second"}]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(sourceAddr, tfjsonpath.New("description"), knownvalue.StringExact("second")),
				},
			},
			{
				Config: e.sourceConfig(name, `
  description          = "second"
  delete_threshold     = 10
  connector_attributes = jsonencode({ hasHeader = true, delimiter = ";", file = { name = "hr.csv" } })
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Optional arguments whose unset value is null are computed with a null default, only so that
// generated configuration leaves them out: removing one from the configuration still removes it
// from ISC.
func TestAccSource_unsetArguments(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.sourceConfig(name, `
  description                 = "people"
  manager_correlation_mapping = { account_attribute_name = "manager", identity_attribute_name = "uid" }
`)},
			{
				Config: e.sourceConfig(name, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(sourceAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(sourceAddr, tfjsonpath.New("description"), knownvalue.Null()),
					plancheck.ExpectKnownValue(sourceAddr, tfjsonpath.New("manager_correlation_mapping"), knownvalue.Null()),
				}},
				Check: func(s *terraform.State) error {
					src, err := e.client.GetSource(background, s.RootModule().Resources[sourceAddr].Primary.ID)
					if err != nil {
						return err
					}
					if src.Description != "" || src.ManagerCorrelationMapping != nil {
						return fmt.Errorf("ISC still has description %q and manager correlation mapping %+v", src.Description, src.ManagerCorrelationMapping)
					}
					return nil
				},
			},
		},
	})
}

func TestAccSource_removeConnectorAttribute(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.sourceConfig(name, `connector_attributes = jsonencode({ delimiter = ",", commentCharacter = "#" })`)},
			{
				PreConfig: e.clearLog,
				Config:    e.sourceConfig(name, `connector_attributes = jsonencode({ delimiter = "," })`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(sourceAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(
					e.expectPatch(t, sourcePatchRoute, `[{"op":"remove","path":"/connectorAttributes/commentCharacter"}]`),
					func(s *terraform.State) error {
						src, err := e.client.GetSource(background, s.RootModule().Resources[sourceAddr].Primary.ID)
						if err != nil {
							return err
						}
						if _, ok := src.ConnectorAttributes["commentCharacter"]; ok {
							return fmt.Errorf("commentCharacter is still in ISC: %v", src.ConnectorAttributes)
						}
						return nil
					},
				),
			},
		},
	})
}

func TestAccSource_disappears(t *testing.T) {
	e := newAccEnv(t)
	tc := disappears(e.sourceConfig(uniqueName(t), ""), e.deleteSource(), []string{sourceAddr})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSource_drift(t *testing.T) {
	e := newAccEnv(t)
	config := e.sourceConfig(uniqueName(t), `
  description          = "managed"
  connector_attributes = jsonencode({ delimiter = "," })
`)
	tc := e.drift(config,
		func(s *terraform.State) error {
			// Change a managed value and add a key Terraform does not manage.
			_, err := e.client.PatchSource(background, s.RootModule().Resources[sourceAddr].Primary.ID, client.Patch{
				{Op: "replace", Path: "/description", Value: json.RawMessage(`"changed by hand"`)},
				{Op: "replace", Path: "/connectorAttributes/delimiter", Value: json.RawMessage(`"|"`)},
				{Op: "add", Path: "/connectorAttributes/addedByHand", Value: json.RawMessage(`"kept"`)},
			})
			return err
		},
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(sourceAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(sourceAddr, tfjsonpath.New("description"), knownvalue.StringExact("managed")),
		},
		// The drift is put right; the key added by hand is left alone.
		e.expectPatch(t, sourcePatchRoute, `[
			{"op":"replace","path":"/connectorAttributes/delimiter","value":","},
			{"op":"replace","path":"/description","value":"managed"}]`))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSource_immutable(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.sourceConfig(name, "")},
			{
				Config: e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_source" "test" {
  name      = %q
  connector = "web-services"
  owner     = { id = %q }
}
`, name, e.ownerID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(sourceAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(sourceAddr, tfjsonpath.New("connector"), knownvalue.StringExact("web-services")),
				},
			},
		},
	})
}

func TestAccSource_secrets(t *testing.T) {
	const secret = "wo-Secret-Value-9137"
	logPath := filepath.Join(t.TempDir(), "acc.log")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_ACC_LOG", "TRACE")
	t.Setenv("TF_LOG", "TRACE")
	e := newAccEnv(t)
	e.requireEmulator(t)
	name := uniqueName(t)
	// Secrets reach Terraform the way they should in real use, through the environment: the
	// test harness logs configuration files, so nothing secret is written in them.
	t.Setenv(envClientSecret, e.clientSecret)
	t.Setenv("TF_VAR_source_password", secret)
	withSecret := func(version int) string {
		return fmt.Sprintf(`
provider "sailpoint" {
  base_url            = %q
  client_id           = %q
  requests_per_second = 100
}
variable "source_password" {
  type      = string
  sensitive = true
}
resource "sailpoint_source" "test" {
  name                            = %q
  connector                       = "delimited-file"
  provision_as_csv                = true
  owner                           = { id = %q }
  connector_attributes            = jsonencode({ delimiter = "," })
  connector_attributes_wo         = jsonencode({ password = var.source_password })
  connector_attributes_wo_version = %d
}
`, e.baseURL, e.clientID, name, e.ownerID, version)
	}
	notInState := func(s *terraform.State) error {
		for k, v := range s.RootModule().Resources[sourceAddr].Primary.Attributes {
			if strings.Contains(v, secret) || strings.Contains(v, "2:ENC:") {
				return fmt.Errorf("state attribute %s holds the secret or its cipher text: %q", k, v)
			}
		}
		return nil
	}
	sentTimes := func(route string, want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			n := 0
			for _, r := range e.requests(route) {
				if strings.Contains(r.Body, secret) {
					n++
				}
			}
			if n != want {
				return fmt.Errorf("%s carried the secret %d times, want %d", route, n, want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: withSecret(1),
				Check:  resource.ComposeTestCheckFunc(notInState, sentTimes("POST /sources", 1)),
			},
			{
				// Unchanged version: nothing to do, and the secret is not sent again.
				Config:           withSecret(1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            sentTimes("PATCH /sources/{id}", 0),
			},
			{
				PreConfig: e.clearLog,
				Config:    withSecret(2),
				Check: resource.ComposeTestCheckFunc(notInState,
					e.expectPatch(t, sourcePatchRoute, fmt.Sprintf(`[{"op":"add","path":"/connectorAttributes/password","value":%q}]`, secret))),
			},
		},
	})
	logs, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(logs), "ISC API request") || !strings.Contains(string(logs), "ISC API request body") {
		t.Fatalf("the trace log has no provider request lines; the check below would prove nothing")
	}
	for _, leak := range []string{secret, e.clientSecret} {
		if strings.Contains(string(logs), leak) {
			t.Errorf("the trace log contains %q", leak)
		}
	}
}

// ISC keeps the secrets of an imported source; the plan warns about each one the configuration
// neither sets nor acknowledges in connector_secrets_unmanaged, and acknowledging sends nothing.
func TestAccSource_secretsUnmanaged(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	src, err := e.client.CreateSource(background, &client.Source{Name: name, Connector: "delimited-file",
		Owner:               &client.Reference{Type: client.RefIdentity, ID: e.ownerID},
		ConnectorAttributes: map[string]any{"delimiter": ",", "password": "held-by-ISC", "privateKey": "also-held"}}, true)
	if err != nil {
		t.Fatal(err)
	}
	config := func(extra string) string {
		return e.sourceConfig(name, `  connector_attributes = jsonencode({ delimiter = "," })
`+extra) + fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", sourceAddr, src.ID)
	}
	var warnings warningRecorder
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: warnings.providers(),
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					warnings.expect(`does not set: password, privateKey.`, `connector_secrets_unmanaged = ["password", "privateKey"]`),
				}},
			},
			{
				PreConfig: func() { warnings.reset(); e.clearLog() },
				Config:    config(`  connector_secrets_unmanaged = ["password", "privateKey"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(sourceAddr, plancheck.ResourceActionUpdate), warnings.expect(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(sourceAddr, tfjsonpath.New("connector_secrets_unmanaged"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("password"), knownvalue.StringExact("privateKey")}))},
				Check: e.requestCount(sourcePatchRoute, 0),
			},
			{
				// A secret set in ISC later is not acknowledged: the plan names it alone.
				PreConfig: func() {
					warnings.reset()
					value, _ := json.Marshal("new-in-ISC")
					if _, err := e.client.PatchSource(background, src.ID, client.Patch{{Op: "add", Path: "/connectorAttributes/apiToken", Value: value}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(`  connector_secrets_unmanaged = ["password", "privateKey"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(), warnings.expect(`does not set: apiToken.`, `connector_secrets_unmanaged = ["apiToken"]`),
				}},
			},
		},
	})
}

// warningRecorder records the missing-secret warnings of the plans of a test case's provider.
type warningRecorder struct {
	mu     sync.Mutex
	detail []string
}

func (w *warningRecorder) providers() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){"sailpoint": func() (tfprotov6.ProviderServer, error) {
		srv, err := NewServer("test")()
		return recordingServer{ProviderServer: srv, rec: w}, err
	}}
}

func (w *warningRecorder) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.detail = nil
}

// expect checks that the plans since the last reset warned once about missing secrets, with a
// detail holding each fragment, or never without fragments.
func (w *warningRecorder) expect(fragments ...string) plancheck.PlanCheck {
	return planCheckFunc(func(resp *plancheck.CheckPlanResponse) {
		w.mu.Lock()
		defer w.mu.Unlock()
		details := slices.Compact(slices.Sorted(slices.Values(w.detail)))
		switch {
		case len(fragments) == 0 && len(details) > 0:
			resp.Error = fmt.Errorf("the plan warns about missing secrets: %q", details)
		case len(fragments) > 0 && len(details) != 1:
			resp.Error = fmt.Errorf("the plan warns %d different ways about missing secrets, want 1: %q", len(details), details)
		case len(fragments) > 0:
			for _, f := range fragments {
				if !strings.Contains(details[0], f) {
					resp.Error = fmt.Errorf("the missing-secret warning does not say %q: %s", f, details[0])
				}
			}
		}
	})
}

type recordingServer struct {
	tfprotov6.ProviderServer
	rec *warningRecorder
}

func (s recordingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		s.rec.mu.Lock()
		defer s.rec.mu.Unlock()
		for _, d := range resp.Diagnostics {
			if d.Summary == "Secret connector attributes are not in the configuration" {
				s.rec.detail = append(s.rec.detail, d.Detail)
			}
		}
	}
	return resp, err
}

// planCheckFunc is a plan check written as a function.
type planCheckFunc func(resp *plancheck.CheckPlanResponse)

func (f planCheckFunc) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	f(resp)
}

func TestAccSource_importIDMalformed(t *testing.T) {
	e := newAccEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config:        e.sourceConfig(uniqueName(t), ""),
				ResourceName:  sourceAddr,
				ImportState:   true,
				ImportStateId: "abc/def",
				ExpectError:   regexp.MustCompile(`expected SOURCE_ID, got "abc/def"`),
			},
		},
	})
}

func TestAccSource_planTimeRules(t *testing.T) {
	e := newAccEnv(t)
	cases := map[string]struct{ name, extra, want string }{
		"blank name":            {name: "  ", want: `Attribute name must contain a character other than whitespace\s+\(ISC\s+refuses\s+blank\s+names\)`},
		"delete threshold":      {extra: `delete_threshold = 101`, want: `delete_threshold[\s\S]*between 0 and 100, got: 101`},
		"feature":               {extra: `features = ["FLY"]`, want: `features[\s\S]*value must be one of`},
		"attributes not object": {extra: `connector_attributes = jsonencode(["a"])`, want: `connector_attributes must be a JSON object`},
		"secret twice": {extra: `
  connector_attributes            = jsonencode({ password = "x" })
  connector_attributes_wo         = jsonencode({ password = "y" })
  connector_attributes_wo_version = 1`, want: `The key "password" is in both`},
		"secret without version": {extra: `connector_attributes_wo = jsonencode({ password = "y" })`, want: `Set connector_attributes_wo_version`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				CheckDestroy:             e.checkDestroy,
				Steps: []resource.TestStep{{
					Config:      e.sourceConfig(cmp.Or(tc.name, "never-created"), tc.extra),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

func TestAccProvider_configErrors(t *testing.T) {
	e := newAccEnv(t)
	for _, env := range []string{envBaseURL, envClientID, envClientSecret} {
		t.Setenv(env, "")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "sailpoint" {
  base_url = %q
}
resource "sailpoint_source" "x" {
  name      = "never-created"
  connector = "delimited-file"
  owner     = { id = "x" }
}
`, e.baseURL),
				ExpectError: regexp.MustCompile(`(?s)client_id.*SAIL_CLIENT_ID`),
			},
			{
				Config: fmt.Sprintf(`
provider "sailpoint" {
  base_url      = %q
  client_id     = %q
  client_secret = "not-the-secret"
}
resource "sailpoint_source" "x" {
  name      = "never-created"
  connector = "delimited-file"
  owner     = { id = "x" }
}
`, e.baseURL, e.clientID),
				ExpectError: regexp.MustCompile(`token endpoint refused the client credentials`),
			},
		},
	})
}

// The plan warns before a source is replaced, naming what forces it; an in-place change does
// not warn.
func TestSourceReplacementWarning(t *testing.T) {
	r := &sourceResource{}
	var sr fwresource.SchemaResponse
	r.Schema(background, fwresource.SchemaRequest{}, &sr)
	// A plan of the attributes ModifyPlan reads; the others are null.
	model := func(connector string, description string) tfsdk.Plan {
		p := tfsdk.Plan{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(background), nil)}
		for name, v := range map[string]string{"id": "s1", "name": "HR", "description": description, "connector": connector} {
			if d := p.SetAttribute(background, path.Root(name), v); d.HasError() {
				t.Fatal(d)
			}
		}
		return p
	}
	prior := model("delimited-file", "a")
	for _, tc := range []struct {
		plan tfsdk.Plan
		warn bool
	}{
		{model("web-services", "a"), true},
		{model("delimited-file", "b"), false},
	} {
		resp := fwresource.ModifyPlanResponse{Plan: tc.plan}
		r.ModifyPlan(background, fwresource.ModifyPlanRequest{
			State: tfsdk.State{Schema: sr.Schema, Raw: prior.Raw},
			Plan:  tc.plan,
		}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		got := resp.Diagnostics.WarningsCount() > 0
		if got != tc.warn {
			t.Fatalf("warning = %v, want %v: %v", got, tc.warn, resp.Diagnostics)
		}
		if got {
			d := resp.Diagnostics.Warnings()[0]
			if !strings.Contains(d.Summary(), "deletes its accounts") || !strings.Contains(d.Detail(), "Changing connector forces the replacement of source \"HR\"") {
				t.Fatalf("warning = %s: %s", d.Summary(), d.Detail())
			}
		}
	}
}

func TestAccSource_passwordPolicies(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t) // the policy ids are the emulator's fixtures
	name := uniqueName(t)
	config := func(ids ...string) string {
		return e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_source" "test" {
  name                = %q
  connector           = "active-directory"
  owner               = { id = %q }
  password_policy_ids = %s
}
`, name, e.ownerID, hclList(ids))
	}
	policyRoute := "PATCH /sources/{sourceId}/password-policies"
	sentPolicies := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			reqs := e.requests(policyRoute)
			if len(reqs) != 1 || reqs[0].ContentType != "application/json" || !client.JSONEqual([]byte(reqs[0].Body), []byte(want)) {
				return fmt.Errorf("password-policies requests: %+v, want one with %s", reqs, want)
			}
			if n := len(e.requests(sourcePatchRoute)); n != 0 {
				return fmt.Errorf("%d source patches sent for a password policy change", n)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: config(emulator.CorporatePasswordPolicyID),
				Check:  sentPolicies(fmt.Sprintf(`[{"policyId":%q}]`, emulator.CorporatePasswordPolicyID)),
			},
			{ResourceName: sourceAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				PreConfig: e.clearLog,
				Config:    config(emulator.VendorPasswordPolicyID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(sourceAddr, plancheck.ResourceActionUpdate)},
				},
				Check: sentPolicies(fmt.Sprintf(`[{"policyId":%q}]`, emulator.VendorPasswordPolicyID)),
			},
			{
				PreConfig: e.clearLog,
				Config:    config(),
				Check:     sentPolicies(`[]`),
			},
		},
	})
}

func hclList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
