package client

import (
	"context"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// An entitlement is found by source and exact value; a patch sends only what changed, marks a new
// description manually updated once, and a request config put keeps the access duration ISC holds.
func TestEntitlementSettings(t *testing.T) {
	emu, c := newEmulatorClient(t, emulator.Config{})
	ctx := context.Background()
	src, err := c.CreateSource(ctx, &Source{Name: "HR", Connector: "delimited-file", Owner: &Reference{Type: RefIdentity, ID: emulator.AdminIdentityID}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.LoadEntitlements(ctx, src.ID, []byte("value\npayroll\nPayroll-EU\n")); err != nil {
		t.Fatal(err)
	}
	e, err := c.FindEntitlement(ctx, src.ID, "payroll")
	if err != nil || e == nil || e.Value != "payroll" {
		t.Fatalf("FindEntitlement(payroll) = %+v, %v", e, err)
	}
	if miss, err := c.FindEntitlement(ctx, src.ID, "Payroll"); err != nil || miss != nil {
		t.Fatalf("FindEntitlement(Payroll) = %+v, %v; want none: values match exactly", miss, err)
	}

	emu.ClearRequests()
	if got, err := c.PatchEntitlement(ctx, e.ID, e, e); got != nil || err != nil || len(emu.Requests()) != 0 {
		t.Fatalf("a patch of nothing gave %+v, %v after %d requests", got, err, len(emu.Requests()))
	}
	patched := func(change func(*Entitlement)) string {
		t.Helper()
		from, err := c.GetEntitlement(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		to := *from
		change(&to)
		emu.ClearRequests()
		if _, err := c.PatchEntitlement(ctx, e.ID, from, &to); err != nil {
			t.Fatal(err)
		}
		for _, r := range emu.Requests() {
			if r.Method == "PATCH" {
				return r.Body
			}
		}
		t.Fatal("no patch was sent")
		return ""
	}
	described := "Runs payroll"
	if body := patched(func(to *Entitlement) { to.Description, to.Segments = &described, []string{"s2", "s1"} }); body !=
		`[{"op":"replace","path":"/description","value":"Runs payroll"},{"op":"replace","path":"/segments","value":["s2","s1"]},`+
			`{"op":"replace","path":"/manuallyUpdatedFields","value":{"DESCRIPTION":true,"DISPLAY_NAME":false}}]` {
		t.Errorf("the first description sent %s", body)
	}
	again := "Pays people"
	if body := patched(func(to *Entitlement) { to.Description = &again }); strings.Contains(body, "manuallyUpdatedFields") {
		t.Errorf("a description already marked manually updated sent %s", body)
	}

	days := &AccessDuration{Value: 5, TimeUnit: "DAYS"}
	if _, err := c.PutEntitlementRequestConfig(ctx, e.ID, &EntitlementRequestConfig{AccessRequestConfig: &EntitlementAccessRequestConfig{
		ApprovalSchemes: []ApprovalScheme{}, MaxPermittedAccessDuration: days}}); err != nil {
		t.Fatal(err)
	}
	got, err := c.PutEntitlementRequestConfig(ctx, e.ID, &EntitlementRequestConfig{AccessRequestConfig: &EntitlementAccessRequestConfig{
		RequestCommentRequired: true, ApprovalSchemes: []ApprovalScheme{{ApproverType: "MANAGER"}}}})
	if err != nil || !got.AccessRequestConfig.RequestCommentRequired || got.AccessRequestConfig.MaxPermittedAccessDuration == nil || *got.AccessRequestConfig.MaxPermittedAccessDuration != *days {
		t.Fatalf("the second put gave %+v, %v; want the duration kept", got.AccessRequestConfig, err)
	}
}
