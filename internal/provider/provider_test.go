package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"sailpoint": NewServer("test"),
}

// accEnv is where an acceptance test runs: an in-process emulator, or the real tenant named
// by SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET; in the API version the provider
// takes from SAIL_API_VERSION, as the test configurations leave api_version out.
type accEnv struct {
	baseURL, clientID, clientSecret string
	version                         apiversion.Version
	// emu is nil against a real tenant.
	emu *emulator.Server
	// client changes things behind Terraform's back, and reads ISC as it is at each check: it
	// has no read cache.
	client *client.Client
	// ownerID is an identity that may own test sources.
	ownerID, ownerName string
}

// accOption adjusts the in-process emulator; against a real tenant it has no effect.
type accOption func(*emulator.Config)

// withIdentities makes the emulator generate n fixture identities (see emulator.FixtureIdentityID).
func withIdentities(n int) accOption {
	return func(c *emulator.Config) { c.Identities = n }
}

// withClock gives the emulator a clock of the test's own.
func withClock(now func() time.Time) accOption {
	return func(c *emulator.Config) { c.Now = now }
}

// withDeleteDelay makes the emulator's asynchronous deletes take d.
func withDeleteDelay(d time.Duration) accOption {
	return func(c *emulator.Config) { c.DeleteDelay = d }
}

func newAccEnv(t *testing.T, opts ...accOption) *accEnv {
	t.Helper()
	version, err := apiVersion("")
	if err != nil {
		t.Fatal(err)
	}
	e := &accEnv{version: version}
	if url := os.Getenv(envBaseURL); url != "" {
		e.baseURL, e.clientID, e.clientSecret = contract.Proxy(t, url), os.Getenv(envClientID), os.Getenv(envClientSecret)
		e.ownerID, e.ownerName = os.Getenv("SAIL_TEST_OWNER_ID"), os.Getenv("SAIL_TEST_OWNER_NAME")
		if e.ownerID == "" {
			t.Fatal("against a real tenant, set SAIL_TEST_OWNER_ID (and SAIL_TEST_OWNER_NAME) to an identity that may own test sources")
		}
	} else {
		cfg := emulator.Config{DeleteDelay: 100 * time.Millisecond}
		for _, o := range opts {
			o(&cfg)
		}
		e.emu = emulator.New(cfg)
		srv := contract.NewServer(t, e.emu)
		t.Cleanup(func() { servedRoutes.add(e.emu) })
		e.baseURL, e.clientID, e.clientSecret = srv.URL, emulator.DefaultClientID, emulator.DefaultClientSecret
		e.ownerID, e.ownerName = emulator.AdminIdentityID, emulator.AdminIdentityName
	}
	c, err := client.New(client.Config{BaseURL: e.baseURL, ClientID: e.clientID, ClientSecret: e.clientSecret, APIVersion: e.version,
		PollInterval: 100 * time.Millisecond, NoReadCache: true})
	if err != nil {
		t.Fatal(err)
	}
	e.client = c
	return e
}

// providerConfig is the provider block for this environment.
func (e *accEnv) providerConfig() string {
	return e.providerConfigWith("")
}

// providerConfigWith is the provider block for this environment with extra arguments.
func (e *accEnv) providerConfigWith(extra string) string {
	rps := 10
	if e.emu != nil {
		rps = 100
	}
	return fmt.Sprintf(`
provider "sailpoint" {
  base_url            = %q
  client_id           = %q
  client_secret       = %q
  requests_per_second = %d
%s
}
`, e.baseURL, e.clientID, e.clientSecret, rps, extra)
}

// requireEmulator stops a test that inspects the emulator's request log when it runs against
// a real tenant, which has no such log.
func (e *accEnv) requireEmulator(t *testing.T) {
	t.Helper()
	if e.emu == nil {
		t.Skip("checks the emulator's request log; not available against a real tenant")
	}
}

// route is where the environment's API version serves a resource route, such as
// "PATCH /sources/{id}": the route of the request log and of emulator faults.
func (e *accEnv) route(resourceRoute string) string { return e.version.Route(resourceRoute) }

// requests returns the logged API requests of a resource route, such as "PATCH /sources/{id}".
func (e *accEnv) requests(route string) []emulator.Request {
	var out []emulator.Request
	for _, r := range e.emu.Requests() {
		if r.Route == e.route(route) {
			out = append(out, r)
		}
	}
	return out
}

func (e *accEnv) clearLog() {
	if e.emu != nil {
		servedRoutes.add(e.emu) // before the log is cleared
		e.emu.ClearRequests()
	}
}

// patchOps returns the operations of every JSON Patch the emulator received on a route, in order.
func (e *accEnv) patchOps(t *testing.T, route string) []client.PatchOperation {
	t.Helper()
	var ops []client.PatchOperation
	for _, r := range e.requests(route) {
		if r.ContentType != client.JSONPatchContentType {
			t.Errorf("%s sent as %q", route, r.ContentType)
		}
		var p []client.PatchOperation
		if err := json.Unmarshal([]byte(r.Body), &p); err != nil {
			t.Fatalf("%s body %q: %v", route, r.Body, err)
		}
		ops = append(ops, p...)
	}
	return ops
}

// expectPatch checks that exactly these operations, in this order, were sent on the route since
// the request log was last cleared, in one request or several. Against a real tenant it checks
// nothing.
func (e *accEnv) expectPatch(t *testing.T, route, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e.emu == nil {
			return nil
		}
		return samePatchOps(e.patchOps(t, route), want)
	}
}

// expectPatchRequests checks that exactly one request per element of want was sent on the route
// since the request log was last cleared, each with exactly those operations, in this order.
// Against a real tenant it checks nothing.
func (e *accEnv) expectPatchRequests(route string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e.emu == nil {
			return nil
		}
		reqs := e.requests(route)
		if len(reqs) != len(want) {
			return fmt.Errorf("%d requests sent on %s, want %d", len(reqs), route, len(want))
		}
		for i, r := range reqs {
			if r.ContentType != client.JSONPatchContentType {
				return fmt.Errorf("request %d on %s sent as %q", i+1, route, r.ContentType)
			}
			var got []client.PatchOperation
			if err := json.Unmarshal([]byte(r.Body), &got); err != nil {
				return fmt.Errorf("request %d on %s, body %q: %w", i+1, route, r.Body, err)
			}
			if err := samePatchOps(got, want[i]); err != nil {
				return fmt.Errorf("request %d on %s: %w", i+1, route, err)
			}
		}
		return nil
	}
}

func samePatchOps(got []client.PatchOperation, want string) error {
	var w []client.PatchOperation
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		return err
	}
	if len(got) != len(w) {
		return fmt.Errorf("patch operations sent: %s, want %s", client.Patch(got), want)
	}
	for i := range w {
		if got[i].Op != w[i].Op || got[i].Path != w[i].Path || (len(w[i].Value) > 0 && !client.JSONEqual(got[i].Value, w[i].Value)) {
			return fmt.Errorf("patch operations sent: %s, want %s", client.Patch(got), want)
		}
	}
	return nil
}

// requestCount checks how many requests the emulator logged on a route since the log was last
// cleared. Against a real tenant it checks nothing.
func (e *accEnv) requestCount(route string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e.emu == nil {
			return nil
		}
		if got := len(e.requests(route)); got != want {
			return fmt.Errorf("%d requests on %s, want %d", got, route, want)
		}
		return nil
	}
}

// expectBody checks that exactly one request was sent on the route since the request log was last
// cleared, with a JSON body equal to want. Against a real tenant it checks nothing.
func (e *accEnv) expectBody(route, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e.emu == nil {
			return nil
		}
		reqs := e.requests(route)
		if len(reqs) != 1 {
			return fmt.Errorf("%d requests on %s, want 1", len(reqs), route)
		}
		if !client.JSONEqual([]byte(reqs[0].Body), []byte(want)) {
			return fmt.Errorf("%s sent %s, want %s", route, reqs[0].Body, want)
		}
		return nil
	}
}

// disappears is the test case of an object deleted behind Terraform's back: config is applied,
// remove deletes the object, and the next plan creates the resources at created and leaves those
// at kept as they are. Callers add checks of their own to the second step.
func disappears(config string, remove resource.TestCheckFunc, created []string, kept ...string) resource.TestCase {
	var expect []plancheck.PlanCheck
	for _, addr := range created {
		expect = append(expect, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate))
	}
	for _, addr := range kept {
		expect = append(expect, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop))
	}
	return resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config, Check: remove, ExpectNonEmptyPlan: true},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: expect}},
		},
	}
}

// deleteSource deletes the test source (sourceAddr) behind Terraform's back and waits until it
// is gone.
func (e *accEnv) deleteSource() resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[sourceAddr]
		if !ok {
			return fmt.Errorf("%s is not in the state", sourceAddr)
		}
		task, err := e.client.DeleteSource(background, rs.Primary.ID)
		if err != nil {
			return err
		}
		return e.client.WaitForSourceDeleted(background, rs.Primary.ID, task.ID)
	}
}

// importID builds the import ID of the resource at addr from its attributes, joined by "/",
// such as importID(addr, "source_id", "id").
func importID(addr string, attrs ...string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s is not in the state", addr)
		}
		parts := make([]string, len(attrs))
		for i, a := range attrs {
			if parts[i] = rs.Primary.Attributes[a]; parts[i] == "" {
				return "", fmt.Errorf("%s has no %s", addr, a)
			}
		}
		return strings.Join(parts, "/"), nil
	}
}

// errorText matches an error message as Terraform prints it, wrapped at any space.
func errorText(msg string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(msg), " ", `\s+`))
}

// uniqueName gives test objects names that do not collide on a shared tenant.
func uniqueName(t *testing.T) string {
	return fmt.Sprintf("tf-acc-%s-%d", strings.ToLower(strings.ReplaceAll(t.Name(), "/", "-")), time.Now().UnixNano()%1_000_000)
}

// uniqueShortName is uniqueName cut to 40 characters, keeping its unique end, for objects whose
// names ISC limits (transforms: 50).
func uniqueShortName(t *testing.T) string {
	const n = 40
	name := uniqueName(t)
	if len(name) <= n {
		return name
	}
	i := strings.LastIndexByte(name, '-')
	return name[:n-(len(name)-i)] + name[i:]
}

var background = context.Background()

// drift is the test case of an object changed behind Terraform's back: config is applied, change
// alters the object in ISC, and the next plan must bring it back in place, passing planChecks;
// after checks that apply (the wire, the state), whose requests alone the log holds.
func (e *accEnv) drift(config string, change resource.TestCheckFunc, planChecks []plancheck.PlanCheck, after resource.TestCheckFunc) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config, Check: change, ExpectNonEmptyPlan: true},
			{PreConfig: e.clearLog, Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: planChecks}, Check: after},
		},
	}
}

// checkDestroy is the CheckDestroy of every resource test: no object that the state held is left
// in ISC, whatever its type.
func (e *accEnv) checkDestroy(s *terraform.State) error {
	read := map[string]func(a map[string]string) error{
		"sailpoint_source": func(a map[string]string) error { _, err := e.client.GetSource(background, a["id"]); return err },
		"sailpoint_source_schema": func(a map[string]string) error {
			_, err := e.client.GetSchema(background, a["source_id"], a["id"])
			return err
		},
		"sailpoint_source_schedule": func(a map[string]string) error {
			_, err := e.client.GetSchedule(background, a["source_id"], a["type"])
			return err
		},
		"sailpoint_source_provisioning_policy": func(a map[string]string) error {
			_, err := e.client.GetProvisioningPolicy(background, a["source_id"], a["usage_type"])
			return err
		},
		"sailpoint_identity_profile": func(a map[string]string) error {
			_, err := e.client.GetIdentityProfile(background, a["id"])
			return err
		},
		"sailpoint_transform": func(a map[string]string) error { _, err := e.client.GetTransform(background, a["id"]); return err },
		"sailpoint_governance_group": func(a map[string]string) error {
			_, err := e.client.GetGovernanceGroup(background, a["id"])
			return err
		},
		"sailpoint_governance_group_members": e.membersLeft,
		"sailpoint_access_profile": func(a map[string]string) error {
			_, err := e.client.GetAccessProfile(background, a["id"])
			return err
		},
		"sailpoint_role": func(a map[string]string) error { _, err := e.client.GetRole(background, a["id"]); return err },
		"sailpoint_identity_attribute": func(a map[string]string) error {
			_, err := e.client.GetIdentityAttribute(background, a["name"])
			return err
		},
		"sailpoint_source_correlation_config": func(a map[string]string) error {
			_, err := e.client.GetCorrelationConfig(background, a["source_id"])
			return err
		},
		"sailpoint_source_native_change_detection_config": func(a map[string]string) error {
			_, err := e.client.GetNativeChangeDetectionConfig(background, a["source_id"])
			return err
		},
		"sailpoint_source_attribute_sync_config": func(a map[string]string) error {
			_, err := e.client.GetAttrSyncConfig(background, a["source_id"])
			return err
		},
		"sailpoint_source_entitlement_request_config": func(a map[string]string) error {
			_, err := e.client.GetSourceEntitlementRequestConfig(background, a["source_id"])
			return err
		},
		"sailpoint_lifecycle_state": func(a map[string]string) error {
			_, err := e.client.GetLifecycleState(background, a["identity_profile_id"], a["id"])
			return err
		},
	}
	for _, typ := range objectTypes {
		if typ.AdoptOnly {
			if err := e.checkReleased(s); err != nil {
				return err
			}
			continue
		}
		if read[typ.Name] == nil {
			return fmt.Errorf("checkDestroy cannot read a %s: add it", typ.Name)
		}
		if err := checkDestroyed(typ.Name, read[typ.Name])(s); err != nil {
			return err
		}
	}
	return nil
}

// checkDestroyed is a CheckDestroy: no resource of the type that the state held still exists in
// ISC, as read asks it (by the resource's state attributes).
func checkDestroyed(typeName string, read func(attrs map[string]string) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			if rs.Type != typeName {
				continue
			}
			err := read(rs.Primary.Attributes)
			switch {
			case err == nil:
				return fmt.Errorf("%s (%s) still exists in ISC after destroy", addr, rs.Primary.ID)
			case !errors.Is(err, client.ErrNotFound):
				return fmt.Errorf("checking that %s is gone: %w", addr, err)
			}
		}
		return nil
	}
}
