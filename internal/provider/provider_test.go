package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"sailpoint": providerserver.NewProtocol6WithError(New("test")()),
}

// accEnv is where an acceptance test runs: an in-process emulator, or the real tenant named
// by SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET.
type accEnv struct {
	baseURL, clientID, clientSecret string
	// emu is nil against a real tenant.
	emu *emulator.Server
	// client changes things behind Terraform's back.
	client *client.Client
	// ownerID is an identity that may own test sources.
	ownerID, ownerName string
}

func newAccEnv(t *testing.T) *accEnv {
	t.Helper()
	e := &accEnv{}
	if url := os.Getenv(envBaseURL); url != "" {
		e.baseURL, e.clientID, e.clientSecret = url, os.Getenv(envClientID), os.Getenv(envClientSecret)
		e.ownerID, e.ownerName = os.Getenv("SAIL_TEST_OWNER_ID"), os.Getenv("SAIL_TEST_OWNER_NAME")
		if e.ownerID == "" {
			t.Fatal("against a real tenant, set SAIL_TEST_OWNER_ID (and SAIL_TEST_OWNER_NAME) to an identity that may own test sources")
		}
	} else {
		e.emu = emulator.New(emulator.Config{DeleteDelay: 100 * time.Millisecond})
		srv := httptest.NewServer(e.emu)
		t.Cleanup(srv.Close)
		e.baseURL, e.clientID, e.clientSecret = srv.URL, emulator.DefaultClientID, emulator.DefaultClientSecret
		e.ownerID, e.ownerName = emulator.AdminIdentityID, emulator.AdminIdentityName
	}
	c, err := client.New(client.Config{BaseURL: e.baseURL, ClientID: e.clientID, ClientSecret: e.clientSecret, PollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	e.client = c
	return e
}

// providerConfig is the provider block for this environment.
func (e *accEnv) providerConfig() string {
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
}
`, e.baseURL, e.clientID, e.clientSecret, rps)
}

// requireEmulator stops a test that inspects the emulator's request log when it runs against
// a real tenant, which has no such log.
func (e *accEnv) requireEmulator(t *testing.T) {
	t.Helper()
	if e.emu == nil {
		t.Skip("checks the emulator's request log; not available against a real tenant")
	}
}

// requests returns the logged API requests matching a method and route, such as
// "PATCH /v2025/sources/{id}".
func (e *accEnv) requests(route string) []emulator.Request {
	var out []emulator.Request
	for _, r := range e.emu.Requests() {
		if r.Route == route {
			out = append(out, r)
		}
	}
	return out
}

// uniqueName gives test objects names that do not collide on a shared tenant.
func uniqueName(t *testing.T) string {
	return fmt.Sprintf("tf-acc-%s-%d", strings.ToLower(strings.ReplaceAll(t.Name(), "/", "-")), time.Now().UnixNano()%1_000_000)
}

var background = context.Background()
