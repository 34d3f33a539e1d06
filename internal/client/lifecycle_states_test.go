package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// A lifecycle state's lifecycle: the run reads a profile's states from one list, which a write
// below it forgets; the delete's 202 names the state, and the wait polls until it is gone.
func TestLifecycleStateLifecycle(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	emu, c := newEmulatorClient(t, emulator.Config{Now: clock, DeleteDelay: 5 * time.Second})
	// The client's pauses move the emulator's clock instead of sleeping.
	var slept time.Duration
	c.wait = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		now, slept = now.Add(d), slept+d
		mu.Unlock()
		return ctx.Err()
	}
	c.deletes.clock = clock
	ctx := context.Background()
	profile := testIdentityProfile(t, c)
	list := "GET /identity-profiles/v1/{identityProfileId}/lifecycle-states"

	desc := "Working"
	l, err := c.CreateLifecycleState(ctx, profile, &ProfileLifecycleState{Name: "Active", TechnicalName: "active", Enabled: true, Description: &desc,
		AccessProfileIDs: []string{"ap2", "ap1"}, AccountActions: []AccountAction{{Action: "ENABLE", AllSources: true}}})
	if err != nil || l.ID == "" || l.Created == "" || l.EmailNotificationOption == nil {
		t.Fatalf("CreateLifecycleState = %+v, %v", l, err)
	}
	emu.ClearRequests()
	all, err := c.LifecycleStates(ctx, profile)
	if err != nil || len(all) != 1 {
		t.Fatalf("LifecycleStates = %+v, %v", all, err)
	}
	if got, err := c.GetLifecycleState(ctx, profile, l.ID); err != nil || got.TechnicalName != "active" {
		t.Fatalf("GetLifecycleState = %+v, %v", got, err)
	}
	if _, err := c.GetLifecycleState(ctx, profile, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetLifecycleState of another id: %v, want not found", err)
	}
	if n := countRoute(emu, list); n != 1 {
		t.Fatalf("%d list calls for three reads, want 1", n)
	}

	// Only what changed is patched; the order of a set is no change.
	want := *l
	newDesc := "On the payroll"
	want.Description, want.AccessProfileIDs = &newDesc, []string{"ap1", "ap2"}
	p, err := LifecycleStatePatch(l, &want)
	if err != nil || p.String() != `[{"op":"replace","path":"/description","value":"On the payroll"}]` {
		t.Fatalf("LifecycleStatePatch = %s, %v", p, err)
	}
	if _, err := c.PatchLifecycleState(ctx, profile, l.ID, p); err != nil {
		t.Fatal(err)
	}
	if got, err := c.GetLifecycleState(ctx, profile, l.ID); err != nil || *got.Description != newDesc || countRoute(emu, list) != 2 {
		t.Fatalf("after the patch GetLifecycleState = %+v, %v with %d list calls, want the new state from a second list", got, err, countRoute(emu, list))
	}

	ref, err := c.DeleteLifecycleState(ctx, profile, l.ID)
	if err != nil || ref.Type != "LIFECYCLE_STATE" || ref.ID != "" {
		t.Fatalf("DeleteLifecycleState = %+v, %v; want no task", ref, err)
	}
	if err := c.WaitForLifecycleStateDeleted(ctx, profile, l.ID, ref.ID); err != nil || slept < 5*time.Second {
		t.Fatalf("WaitForLifecycleStateDeleted = %v after %s, want it to wait out the delete", err, slept)
	}
	if n := countRoute(emu, "GET /task-status/v1/{id}"); n != 0 {
		t.Fatalf("%d task-status reads for a delete that named no task", n)
	}
	if _, err := c.GetLifecycleState(ctx, profile, l.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetLifecycleState after the delete: %v, want not found", err)
	}
}

// A profile with more states than ISC's largest page is read page by page.
func TestLifecycleStatesArePaged(t *testing.T) {
	_, c := newEmulatorClient(t, emulator.Config{})
	ctx := context.Background()
	profile := testIdentityProfile(t, c)
	const n = 260
	for i := range n {
		if _, err := c.CreateLifecycleState(ctx, profile, &ProfileLifecycleState{Name: "S", TechnicalName: fmt.Sprint("s", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if all, err := c.LifecycleStates(ctx, profile); err != nil || len(all) != n || all[n-1].TechnicalName != fmt.Sprint("s", n-1) {
		t.Fatalf("LifecycleStates = %d states, %v; want %d", len(all), err, n)
	}
}

func TestLifecycleStatePatch(t *testing.T) {
	ten := int64(10)
	desc := "d"
	base := ProfileLifecycleState{Name: "A", TechnicalName: "a", Description: &desc, Priority: &ten,
		AccountActions: []AccountAction{{Action: "DISABLE", SourceIDs: []string{"s2", "s1"}}}}
	for name, tc := range map[string]struct {
		change func(s *ProfileLifecycleState)
		want   string
	}{
		"nothing":                 {func(*ProfileLifecycleState) {}, `null`},
		"source order":            {func(s *ProfileLifecycleState) { s.AccountActions[0].SourceIDs = []string{"s1", "s2"} }, `null`},
		"a source more":           {func(s *ProfileLifecycleState) { s.AccountActions[0].SourceIDs = []string{"s1", "s2", "s3"} }, `[{"op":"replace","path":"/accountActions","value":[{"action":"DISABLE","sourceIds":["s1","s2","s3"],"allSources":false}]}]`},
		"no description":          {func(s *ProfileLifecycleState) { s.Description = nil }, `[{"op":"remove","path":"/description"}]`},
		"no priority stays":       {func(s *ProfileLifecycleState) { s.Priority = nil }, `null`},
		"name and technical name": {func(s *ProfileLifecycleState) { s.Name, s.TechnicalName, s.ID = "B", "b", "x" }, `null`},
		"notification option added": {func(s *ProfileLifecycleState) {
			s.EmailNotificationOption = &EmailNotificationOption{NotifyManagers: true}
		}, `[{"op":"add","path":"/emailNotificationOption","value":{"notifyManagers":true,"notifyAllAdmins":false,"notifySpecificUsers":false,"emailAddressList":[]}}]`},
		"access profiles emptied": {func(s *ProfileLifecycleState) { s.AccessProfileIDs = []string{}; s.Enabled = true }, `[{"op":"replace","path":"/enabled","value":true}]`},
	} {
		to := base
		to.AccountActions = append([]AccountAction(nil), base.AccountActions...)
		tc.change(&to)
		if p, err := LifecycleStatePatch(&base, &to); err != nil || p.String() != tc.want {
			t.Errorf("%s: LifecycleStatePatch = %s, %v; want %s", name, p, err, tc.want)
		}
	}
}

func countRoute(emu *emulator.Server, route string) int {
	n := 0
	for _, r := range emu.Requests() {
		if r.Route == route {
			n++
		}
	}
	return n
}
