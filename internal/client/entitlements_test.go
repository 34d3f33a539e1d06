package client

import (
	"context"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
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
	// v1's custom form (formDefinitionId), which the provider does not model, is kept too.
	form := "f1"
	if _, err := c.PutEntitlementRequestConfig(ctx, e.ID, &EntitlementRequestConfig{AccessRequestConfig: &EntitlementAccessRequestConfig{
		ApprovalSchemes: []ApprovalScheme{}, FormDefinitionID: &form}}); err != nil {
		t.Fatal(err)
	}
	got, err = c.PutEntitlementRequestConfig(ctx, e.ID, &EntitlementRequestConfig{AccessRequestConfig: &EntitlementAccessRequestConfig{
		ApprovalSchemes: []ApprovalScheme{}, RequireEndDate: true}})
	if err != nil || !got.AccessRequestConfig.RequireEndDate || got.AccessRequestConfig.FormDefinitionID == nil || *got.AccessRequestConfig.FormDefinitionID != form {
		t.Fatalf("the put after a form gave %+v, %v; want the form kept", got.AccessRequestConfig, err)
	}
}

// Each API version reads and patches its own privilege (trap 46): v1 the level, at
// /privilegeOverride/level, v2025 the flag, at /privileged; asking for the other's fails before
// any request.
func TestEntitlementPrivilegeByVersion(t *testing.T) {
	emu, v1 := newEmulatorClient(t, emulator.Config{})
	ctx := context.Background()
	src, err := v1.CreateSource(ctx, &Source{Name: "HR", Connector: "delimited-file", Owner: &Reference{Type: RefIdentity, ID: emulator.AdminIdentityID}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v1.LoadEntitlements(ctx, src.ID, []byte("value\npayroll\n")); err != nil {
		t.Fatal(err)
	}
	// Clients of one run would answer reads of what they wrote from their cache; these read ISC.
	newClient := func(v apiversion.Version) *Client {
		c, err := New(Config{BaseURL: v1.cfg.BaseURL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret,
			RequestsPerSecond: 1000, APIVersion: v, NoReadCache: true})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	v1, v2025 := newClient(apiversion.V1), newClient(apiversion.V2025)
	found, err := v1.FindEntitlement(ctx, src.ID, "payroll")
	if err != nil || found == nil {
		t.Fatalf("FindEntitlement = %+v, %v", found, err)
	}
	patch := func(c *Client, change func(*Entitlement)) (*Entitlement, string, error) {
		t.Helper()
		from, err := c.GetEntitlement(ctx, found.ID)
		if err != nil {
			t.Fatal(err)
		}
		to := *from
		change(&to)
		emu.ClearRequests()
		got, err := c.PatchEntitlement(ctx, found.ID, from, &to)
		for _, r := range emu.Requests() {
			if r.Method == "PATCH" {
				return got, r.Body, err
			}
		}
		return got, "", err
	}

	got, body, err := patch(v1, func(e *Entitlement) { e.PrivilegeLevel = &PrivilegeLevel{Direct: "MEDIUM"} })
	if err != nil || body != `[{"op":"replace","path":"/privilegeOverride/level","value":"MEDIUM"}]` ||
		got.Privileged != nil || got.PrivilegeLevel == nil || got.PrivilegeLevel.Direct != "MEDIUM" || got.PrivilegeLevel.Effective != "MEDIUM" {
		t.Fatalf("the v1 patch sent %s and gave %+v, %v", body, got, err)
	}
	if _, body, err := patch(v1, func(e *Entitlement) { e.Privileged = new(true) }); err == nil || body != "" || !strings.Contains(err.Error(), "no privileged flag") {
		t.Errorf("privileged in v1 sent %q, error %v", body, err)
	}

	got, body, err = patch(v2025, func(e *Entitlement) {
		if e.Privileged == nil || *e.Privileged || e.PrivilegeLevel != nil {
			t.Errorf("the v2025 entitlement of level MEDIUM is %+v", e)
		}
		e.Privileged = new(true)
	})
	if err != nil || body != `[{"op":"replace","path":"/privileged","value":true}]` || got.Privileged == nil || !*got.Privileged || got.PrivilegeLevel != nil {
		t.Fatalf("the v2025 patch sent %s and gave %+v, %v", body, got, err)
	}
	if _, body, err := patch(v2025, func(e *Entitlement) { e.PrivilegeLevel = &PrivilegeLevel{Direct: "LOW"} }); err == nil || body != "" || !strings.Contains(err.Error(), "no privilege levels") {
		t.Errorf("a level in v2025 sent %q, error %v", body, err)
	}
	if e, err := v1.GetEntitlement(ctx, found.ID); err != nil || e.PrivilegeLevel == nil || e.PrivilegeLevel.Direct != "HIGH" {
		t.Errorf("privileged in v2025 reads in v1 as %+v, %v", e, err)
	}
}
