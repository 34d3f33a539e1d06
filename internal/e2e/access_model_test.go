package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// TestAccessModelExample applies examples/access-model to the tenant snapshot: the ERP's
// aggregated entitlements, one of them adopted, bundled into an access profile and a role that a
// governance group owns and approves. ISC holds them wired together, the next plan is empty, and
// the destroy removes what the configuration created and leaves the adopted entitlement in ISC.
func TestAccessModelExample(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot, "examples", "access-model"))); err != nil {
		t.Fatal(err)
	}
	tf := newTerraform(t, dir, readSnapshot(t))
	tf.must("apply", "-auto-approve")
	if _, _, code := tf.run("plan", "-detailed-exitcode"); code != 0 {
		t.Errorf("the plan after the apply exits %d, want 0 (no changes)", code)
	}

	state := showState(t, tf)
	id := func(addr string) string {
		t.Helper()
		v, ok := state[addr]["id"].(string)
		if !ok || v == "" {
			t.Fatalf("%s has no id in the state", addr)
		}
		return v
	}
	group, entitlement := id("sailpoint_governance_group.ledger_owners"), id("sailpoint_entitlement.general_ledger")
	profile, role := id("sailpoint_access_profile.general_ledger"), id("sailpoint_role.accountants")
	read := tf.apiReader()

	type ref struct {
		ID string `json:"id"`
	}
	type approvals struct {
		ApprovalSchemes []struct {
			ApproverType string `json:"approverType"`
			ApproverID   string `json:"approverId"`
		} `json:"approvalSchemes"`
	}
	var ap struct {
		Source              ref       `json:"source"`
		Entitlements        []ref     `json:"entitlements"`
		AccessRequestConfig approvals `json:"accessRequestConfig"`
	}
	read("/access-profiles/"+profile, &ap)
	if len(ap.Entitlements) != 2 || !slices.Contains(ap.Entitlements, ref{entitlement}) {
		t.Errorf("ISC's access profile grants %v, want two entitlements of the ERP, %s among them", ap.Entitlements, entitlement)
	}
	if s := ap.AccessRequestConfig.ApprovalSchemes; len(s) != 2 || s[1].ApproverType != "GOVERNANCE_GROUP" || s[1].ApproverID != group {
		t.Errorf("ISC's access profile is approved by %+v, want the manager, then governance group %s", s, group)
	}
	var r struct {
		AccessProfiles      []ref     `json:"accessProfiles"`
		AccessRequestConfig approvals `json:"accessRequestConfig"`
	}
	read("/roles/"+role, &r)
	if len(r.AccessProfiles) != 1 || r.AccessProfiles[0].ID != profile {
		t.Errorf("ISC's role grants %v, want access profile %s", r.AccessProfiles, profile)
	}
	if s := r.AccessRequestConfig.ApprovalSchemes; len(s) != 1 || s[0].ApproverID != group {
		t.Errorf("ISC's role is approved by %+v, want governance group %s", s, group)
	}
	var e emulator.Entitlement
	read("/entitlements/"+entitlement, &e)
	if e.Value != "GL_USER" || e.Description == nil || *e.Description != "Post and review general ledger journals" {
		t.Errorf("ISC holds the adopted entitlement as %+v, want GL_USER with the configuration's description", e)
	}

	tf.must("destroy", "-auto-approve")
	for _, path := range []string{"/roles/" + role, "/access-profiles/" + profile, "/workgroups/" + group} {
		if read(path, &struct{}{}) {
			t.Errorf("%s is still in ISC after the destroy", path)
		}
	}
	if !read("/entitlements/"+entitlement, &struct{}{}) {
		t.Errorf("the destroy deleted the adopted entitlement %s; it must only be released", entitlement)
	}
}
