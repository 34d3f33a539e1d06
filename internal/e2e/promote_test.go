package e2e

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// promoteExample is the configuration of the guide "Promote an identity model between tenants".
var promoteExample = filepath.Join(repoRoot, "examples", "promote-identity-model")

// TestPromoteIdentityModel follows the guide: one configuration, applied to a sandbox tenant and
// then to a production tenant that holds the same objects under other IDs, each with a state of
// its own. Production's plan creates everything with production's IDs; after each apply the
// lookups by name hold that tenant's own IDs, ISC holds objects wired to them, and the next
// plan is empty.
func TestPromoteIdentityModel(t *testing.T) {
	sandboxSnap := readSnapshot(t)
	productionSnap := withOtherIDs(t, sandboxSnap)
	tenants := map[string]*terraform{}
	for name, snap := range map[string]*emulator.Snapshot{"sandbox": sandboxSnap, "production": productionSnap} {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(promoteExample)); err != nil {
			t.Fatal(err)
		}
		tenants[name] = newTerraform(t, dir, snap)
	}
	sandbox, production := tenants["sandbox"], tenants["production"]
	want := map[*terraform]tenantIDs{sandbox: idsOf(t, sandboxSnap), production: idsOf(t, productionSnap)}
	if want[sandbox] == want[production] {
		t.Fatalf("the two tenants share IDs: %+v", want[sandbox])
	}

	sandbox.must("apply", "-auto-approve")

	// The plan on production, before its apply: everything is new there, wired to its own objects.
	plan := production.must("plan", "-no-color")
	if !strings.Contains(plan, "Plan: 5 to add, 0 to change, 0 to destroy.") {
		t.Errorf("production's first plan does not create the 5 resources of the model:\n%s", plan)
	}
	if !strings.Contains(plan, want[production].partnerSource) || strings.Contains(plan, want[sandbox].partnerSource) {
		t.Errorf("production's plan does not name production's Partner LDAP source (%s) alone:\n%s", want[production].partnerSource, plan)
	}
	production.must("apply", "-auto-approve")

	created := map[string]bool{}
	for _, tf := range []*terraform{sandbox, production} {
		w := want[tf]
		state := showState(t, tf)
		checks := []struct{ addr, what, got, want string }{
			{"data.sailpoint_source.partners", "id", fmt.Sprint(state["data.sailpoint_source.partners"]["id"]), w.partnerSource},
			{"data.sailpoint_identity.owner", "id", fmt.Sprint(state["data.sailpoint_identity.owner"]["id"]), w.owner},
			{"data.sailpoint_identity_profile.employees", "id", fmt.Sprint(state["data.sailpoint_identity_profile.employees"]["id"]), w.employees},
			{"data.sailpoint_transform.work_email", "id", fmt.Sprint(state["data.sailpoint_transform.work_email"]["id"]), w.workEmail},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s: %s %s = %s, want the tenant's own %s", tf.dir, c.addr, c.what, c.got, c.want)
			}
		}
		profileID := fmt.Sprint(state["sailpoint_identity_profile.partners"]["id"])
		created[profileID] = true
		// What ISC holds is wired to the tenant's objects.
		var profile struct {
			Priority            int64        `json:"priority"`
			Owner               emulator.Ref `json:"owner"`
			AuthoritativeSource emulator.Ref `json:"authoritativeSource"`
		}
		tf.apiReader()("/identity-profiles/"+profileID, &profile)
		if profile.AuthoritativeSource.ID != w.partnerSource || profile.Owner.ID != w.owner || profile.Priority != w.employeesPriority+10 {
			t.Errorf("%s: ISC holds the Partners profile with source %s, owner %s and priority %d, want %s, %s and %d",
				tf.dir, profile.AuthoritativeSource.ID, profile.Owner.ID, profile.Priority, w.partnerSource, w.owner, w.employeesPriority+10)
		}
		var states []struct {
			TechnicalName  string `json:"technicalName"`
			AccountActions []struct {
				SourceIDs []string `json:"sourceIds"`
			} `json:"accountActions"`
		}
		tf.apiReader()("/identity-profiles/"+profileID+"/lifecycle-states", &states)
		if len(states) != 2 {
			t.Errorf("%s: the Partners profile has %d lifecycle states, want 2", tf.dir, len(states))
		}
		for _, s := range states {
			if len(s.AccountActions) != 1 || fmt.Sprint(s.AccountActions[0].SourceIDs) != fmt.Sprint([]string{w.partnerSource}) {
				t.Errorf("%s: lifecycle state %s has account actions %+v, want one on source %s", tf.dir, s.TechnicalName, s.AccountActions, w.partnerSource)
			}
		}
		if _, _, code := tf.run("plan", "-detailed-exitcode"); code != 0 {
			t.Errorf("%s: the plan after the apply exits %d, want 0 (no changes)", tf.dir, code)
		}
	}
	if len(created) != 2 {
		t.Errorf("the two tenants' Partners profiles have the same ID: %v", created)
	}
}

// tenantIDs are the IDs of the objects the guide's configuration looks up by name, in one tenant.
type tenantIDs struct {
	partnerSource, owner, employees, workEmail string
	employeesPriority                          int64
}

func idsOf(t *testing.T, snap *emulator.Snapshot) tenantIDs {
	t.Helper()
	var ids tenantIDs
	for _, s := range snap.Sources {
		if s.Name == "Partner LDAP" {
			ids.partnerSource = s.ID
		}
	}
	for _, i := range snap.Identities {
		if i.Alias == "dev.patel" {
			ids.owner = i.ID
		}
	}
	for _, p := range snap.IdentityProfiles {
		if p.Name == "Employees" {
			ids.employees, ids.employeesPriority = p.ID, p.Priority
		}
	}
	for _, tr := range snap.Transforms {
		if tr.Name == "Work Email" {
			ids.workEmail = tr.ID
		}
	}
	if ids.partnerSource == "" || ids.owner == "" || ids.employees == "" || ids.workEmail == "" {
		t.Fatalf("the tenant snapshot lacks an object the guide looks up: %+v", ids)
	}
	return ids
}

// withOtherIDs is the tenant of snap under other IDs: every object the snapshot defines gets a
// new ID, derived from the old one, everywhere it is named. The built-in fixtures it refers to
// keep theirs, as they are the emulator's own.
func withOtherIDs(t *testing.T, snap *emulator.Snapshot) *emulator.Snapshot {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot, "examples", "tenant-snapshot", "snapshot.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range snap.Sources {
		ids = append(ids, s.ID)
		for _, sch := range s.Schemas {
			ids = append(ids, sch.ID)
		}
	}
	for _, p := range snap.IdentityProfiles {
		ids = append(ids, p.ID)
		for _, l := range p.LifecycleStates {
			ids = append(ids, l.ID)
		}
	}
	for _, i := range snap.Identities {
		ids = append(ids, i.ID)
	}
	for _, tr := range snap.Transforms {
		ids = append(ids, tr.ID)
	}
	for _, w := range snap.Workgroups {
		ids = append(ids, w.ID)
	}
	for _, e := range snap.Entitlements {
		ids = append(ids, e.ID)
	}
	for _, a := range snap.AccessProfiles {
		ids = append(ids, a.ID)
	}
	for _, id := range ids {
		if id == "" {
			continue
		}
		sum := sha256.Sum256([]byte("production/" + id))
		raw = bytes.ReplaceAll(raw, []byte(`"`+id+`"`), []byte(`"`+hex.EncodeToString(sum[:16])+`"`))
	}
	out, err := emulator.ReadSnapshot(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the snapshot under other IDs: %v", err)
	}
	return out
}
