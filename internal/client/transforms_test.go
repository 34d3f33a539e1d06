package client

import (
	"context"
	"errors"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// A transform's lifecycle: the run reads what it wrote without asking again, a PUT echoes the
// unchanged name and type, and the lookup by name matches exactly.
func TestTransformLifecycle(t *testing.T) {
	emu := emulator.New(emulator.Config{})
	srv := contract.NewServer(t, emu)
	c, err := New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret, RequestsPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tr, err := c.CreateTransform(ctx, &Transform{Name: "Lower Email", Type: "lower", Attributes: map[string]any{"input": "a"}})
	if err != nil {
		t.Fatal(err)
	}
	emu.ClearRequests()
	got, err := c.GetTransform(ctx, tr.ID)
	if err != nil || got.Name != "Lower Email" || len(emu.Requests()) != 0 {
		t.Fatalf("GetTransform = %+v, %v after %d requests, want the create's answer", got, err, len(emu.Requests()))
	}
	upd, err := c.UpdateTransform(ctx, tr.ID, &Transform{Name: "Lower Email", Type: "lower", Attributes: map[string]any{"input": "b"}})
	if err != nil || upd.Attributes["input"] != "b" {
		t.Fatalf("UpdateTransform = %+v, %v", upd, err)
	}
	if found, err := c.FindTransform(ctx, "lower email"); err != nil || found != nil {
		t.Fatalf("FindTransform of another spelling = %+v, %v, want none", found, err)
	}
	if found, err := c.FindTransform(ctx, "Lower Email"); err != nil || found == nil || found.ID != tr.ID {
		t.Fatalf("FindTransform = %+v, %v", found, err)
	}
	if err := c.DeleteTransform(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetTransform(ctx, tr.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetTransform after the delete: %v, want not found", err)
	}
}
