package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// raceConfig is a source that two workspaces both declare, with their own description.
func raceConfig(description string) string {
	return providerConfig + fmt.Sprintf(`
resource "sailpoint_source" "hr" {
  name             = "Raced HR"
  description      = %q
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = %q }
}
`, description, emulator.AdminIdentityID)
}

// Two workspaces apply a source of one name at the same moment, and ISC's answers to both creates
// are lost: one create made the source, the other was refused. Each looks the name up and finds
// the one source. The workspace whose create made it adopts it; the other fails naming it, with
// its import block, and never writes to it, not even on destroy.
func TestTwoWorkspacesRacingOnOneName(t *testing.T) {
	a := newTerraform(t, t.TempDir(), nil)
	b := *a
	b.dir = t.TempDir()
	workspaces := map[string]*terraform{"first": a, "second": &b}
	for desc, tf := range workspaces {
		tf.write("main.tf", raceConfig(desc))
	}
	if err := a.emu.InjectFault(emulator.Fault{Kind: emulator.FaultDropAfterCommit, Route: apiVersion.Route("POST /sources"), Count: 2}); err != nil {
		t.Fatal(err)
	}

	type outcome struct {
		stdout, stderr string
		code           int
	}
	outcomes := map[string]outcome{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for desc, tf := range workspaces {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stdout, stderr, code := tf.run("apply", "-auto-approve")
			mu.Lock()
			outcomes[desc] = outcome{stdout, stderr, code}
			mu.Unlock()
		}()
	}
	wg.Wait()

	var sources []struct{ ID, Name, Description string }
	a.apiReader()("/sources?filters="+url.QueryEscape(`name eq "Raced HR"`), &sources)
	if len(sources) != 1 {
		t.Fatalf("ISC has %d sources named Raced HR, want 1: %+v", len(sources), sources)
	}
	winner, loser := sources[0].Description, "first"
	if winner == loser {
		loser = "second"
	}
	if posts := len(requestsOn(a.emu, apiVersion.Route("POST /sources"))); posts != 2 {
		t.Errorf("%d creates sent, want one per workspace", posts)
	}
	if o := outcomes[winner]; o.code != 0 {
		t.Fatalf("the %s workspace, whose create made the source, failed:\n%s", winner, o.stderr)
	}
	o := outcomes[loser]
	for _, want := range []string{
		"is not provably the one this request created",
		"nothing was changed, deleted or tainted",
		"to = sailpoint_source.NAME",
		fmt.Sprintf("id = %q", sources[0].ID),
	} {
		if o.code == 0 || !strings.Contains(strings.Join(strings.Fields(o.stderr), " "), want) {
			t.Fatalf("the %s workspace (exit code %d) does not say %q:\n%s%s", loser, o.code, want, o.stdout, o.stderr)
		}
	}
	if state := workspaces[winner].must("state", "show", "sailpoint_source.hr"); !strings.Contains(state, sources[0].ID) {
		t.Fatalf("the %s workspace's state does not hold the source %s:\n%s", winner, sources[0].ID, state)
	}

	// The losing workspace has nothing in its state: its destroy writes nothing.
	a.emu.ClearRequests()
	workspaces[loser].must("destroy", "-auto-approve")
	for _, r := range a.emu.Requests() {
		if r.Method != http.MethodGet && apiversion.Of(r.Path) != "" {
			t.Errorf("the %s workspace's destroy sent %s %s", loser, r.Method, r.Path)
		}
	}
	workspaces[winner].must("destroy", "-auto-approve")
	a.apiReader()("/sources?filters="+url.QueryEscape(`name eq "Raced HR"`), &sources)
	if len(sources) != 0 {
		t.Fatalf("after both destroys ISC still has %+v", sources)
	}
}

// requestsOn lists the logged requests of a route, such as "POST /sources/v1".
func requestsOn(emu *emulator.Server, route string) []emulator.Request {
	var out []emulator.Request
	for _, r := range emu.Requests() {
		if r.Route == route {
			out = append(out, r)
		}
	}
	return out
}
