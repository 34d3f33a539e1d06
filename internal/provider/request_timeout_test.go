package provider

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// silentServer accepts connections on 127.0.0.1 and never answers on them. It drops them after
// giveUp, so that a provider without a timeout fails the test rather than hangs it.
func silentServer(t *testing.T, giveUp time.Duration) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	closeAll := func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
		conns = nil
	}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			go func() { _, _ = io.Copy(io.Discard, conn) }()
		}
	}()
	stop := time.AfterFunc(giveUp, closeAll)
	t.Cleanup(func() {
		stop.Stop()
		ln.Close()
		closeAll()
	})
	return ln.Addr().String()
}

// errorParts matches an error that holds each part in this order, as Terraform prints it.
func errorParts(parts ...string) *regexp.Regexp {
	res := make([]string, len(parts))
	for i, p := range parts {
		res[i] = errorText(p).String()
	}
	return regexp.MustCompile(strings.Join(res, `[\s\S]*`))
}

// A token endpoint that accepts the connection and never answers fails the plan within
// request_timeout and max_retries, saying what timed out and what to check.
func TestAccProvider_tokenRequestTimesOut(t *testing.T) {
	addr := silentServer(t, 30*time.Second)
	var start time.Time
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			PreConfig: func() { start = time.Now() }, // after the pause of a parallel test
			Config: fmt.Sprintf(`
provider "sailpoint" {
  base_url        = "http://%s"
  client_id       = "id"
  client_secret   = "secret"
  request_timeout = "1s"
  max_retries     = 1
}

data "sailpoint_identity" "x" {
  id = %q
}
`, addr, ownerID),
			ExpectError: errorParts("Cannot authenticate to SailPoint ISC",
				"POST /oauth/token timed out: ISC did not answer within 1s (2 attempts).",
				fmt.Sprintf("Check that base_url (http://%s) is the tenant's API URL, of the form https://TENANT.api.identitynow.com", addr),
				"raise request_timeout (or SAIL_REQUEST_TIMEOUT), now 1s per attempt."),
		}},
	})
	if elapsed := time.Since(start); elapsed > 20*time.Second {
		t.Errorf("the run took %v with a 1s request timeout", elapsed)
	}
}

// A base_url that leads to a web site rather than ISC's API, such as the tenant's web interface,
// fails saying to check base_url, not the credentials.
func TestAccProvider_baseURLNotAnAPI(t *testing.T) {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "<!doctype html><html><body>Page not found</body></html>")
	}))
	defer site.Close()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "sailpoint" {
  base_url      = %q
  client_id     = "id"
  client_secret = "secret"
}

data "sailpoint_identity" "x" {
  id = %q
}
`, site.URL, ownerID),
			ExpectError: errorParts("SailPoint base_url is not an ISC API",
				site.URL+" does not look like an ISC API: its token endpoint (POST /oauth/token) answered 404 Not Found (text/html), not an access token.",
				"Check base_url: it is the tenant's API URL, of the form https://TENANT.api.identitynow.com"),
		}},
	})
}

// A read that ISC never answers is retried max_retries times, each attempt bounded by
// request_timeout, and then fails the plan with what timed out.
func TestAccProvider_readTimesOut(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t)
	const route = "GET /identities/{id}"
	if err := e.emu.InjectFault(emulator.Fault{Kind: emulator.FaultHang, Route: e.route(route), Count: 3}); err != nil {
		t.Fatal(err)
	}
	var start time.Time
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			PreConfig: func() { start = time.Now() }, // after the pause of a parallel test
			Config: e.providerConfigWith(`  request_timeout = "1s"
  max_retries     = 1`) + fmt.Sprintf(`
data "sailpoint_identity" "x" {
  id = %q
}
`, e.ownerID),
			ExpectError: errorParts(
				fmt.Sprintf("GET %s timed out: ISC did not answer within 1s (2 attempts).", e.version.Path("/identities/"+e.ownerID)),
				fmt.Sprintf("Check that base_url (%s)", e.baseURL),
				"and that the network lets this machine reach it",
				"raise request_timeout (or SAIL_REQUEST_TIMEOUT), now 1s per attempt."),
		}},
	})
	if elapsed := time.Since(start); elapsed > 20*time.Second {
		t.Errorf("the run took %v with a 1s request timeout and one retry", elapsed)
	}
	reqs := e.requests(route)
	if len(reqs) != 2 {
		t.Fatalf("%d requests on %s, want 2: the first and one retry", len(reqs), route)
	}
	for _, r := range reqs {
		if r.Fault != emulator.FaultHang || r.Status != 0 {
			t.Errorf("request %+v, want one held unanswered", r)
		}
	}
}

// An update that ISC never answers is not repeated, since ISC may have carried it out: the apply
// fails saying so and what to run next, and the next plan shows what is left to do.
func TestAccProvider_updateTimesOut(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t)
	name := uniqueName(t)
	config := func(description string) string {
		return e.providerConfigWith(`  request_timeout = "1s"
  max_retries     = 2`) + fmt.Sprintf(`
resource "sailpoint_source" "test" {
  name             = %q
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = %q }
  description      = %q
}
`, name, e.ownerID, description)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: config("first")},
			{
				PreConfig: func() {
					e.clearLog()
					if err := e.emu.InjectFault(emulator.Fault{Kind: emulator.FaultHang, Route: e.route(sourcePatchRoute)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("second"),
				ExpectError: errorParts("Error updating SailPoint source",
					"PATCH "+e.version.Path("/sources/"), "may or may not have been carried out by ISC:",
					"timed out: ISC did not answer within 1s.",
					"Run terraform plan to see what ISC holds now"),
			},
			{
				PreConfig: func() {
					if n := len(e.requests(sourcePatchRoute)); n != 1 {
						t.Errorf("%d requests on %s, want 1: an update that may have been carried out is not repeated", n, sourcePatchRoute)
					}
				},
				Config: config("second"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(sourceAddr, plancheck.ResourceActionUpdate)},
				},
			},
		},
	})
}
