package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// An import whose ID names no object of the imported type ends, by default, in Terraform's
// "Cannot import non-existent remote object", which does not say what is wrong. The first read
// after an import (ImportState sets privateImported) asks instead what the ID names, with the
// lists of sources and identity profiles that the run reads once anyway, and says so.

// privateImported marks a resource just imported, until its first read.
const privateImported = "imported"

// markImported is ImportState's part: the next read is the first after the import.
func markImported(ctx context.Context, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, []byte(`true`))...)
}

// justImported tells a read whether it is the first after an import, and forgets it for later
// reads.
func justImported(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) bool {
	flag, diags := req.Private.GetKey(ctx, privateImported)
	resp.Diagnostics.Append(diags...)
	if len(flag) == 0 {
		return false
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
	return true
}

// importMiss is an object that an import looked for and ISC does not have.
type importMiss struct {
	// resource is the imported Terraform type, thing what it manages ("source").
	resource, thing string
	// id is the ID of the object itself, or of its source for a source's child, child the child
	// the source lacks ("schedule ACCOUNT_AGGREGATION") and schemaID the id of a missing schema.
	id, child, schemaID string
}

// explain reports, after a read found no object for a fresh import, what the import ID names
// instead when the run's lists tell; it returns false when they tell nothing, which leaves
// Terraform's own error. Looking up a profile costs one list call per run, a source or a
// schema another one.
func (h *clientHolder) explainImportMiss(ctx context.Context, m importMiss, diags *diag.Diagnostics) bool {
	msg, err := h.importMissMessage(ctx, m)
	if err != nil {
		// The read's 404 stands: Terraform says the object does not exist.
		return false
	}
	if msg == "" {
		return false
	}
	diags.AddError("Cannot import SailPoint "+m.thing, msg)
	return true
}

func (h *clientHolder) importMissMessage(ctx context.Context, m importMiss) (string, error) {
	if m.child == "" {
		// The object itself: is its ID that of an object of another type?
		for _, other := range []struct {
			resource, thing string
			name            func(ctx context.Context, id string) (string, error)
		}{
			{"sailpoint_identity_profile", "identity profile", func(ctx context.Context, id string) (string, error) {
				p, err := h.client.GetIdentityProfile(ctx, id)
				return p.Name, err
			}},
			{"sailpoint_source", "source", func(ctx context.Context, id string) (string, error) {
				s, err := h.client.GetSource(ctx, id)
				return s.Name, err
			}},
			{"sailpoint_transform", "transform", func(ctx context.Context, id string) (string, error) {
				t, err := h.client.GetTransform(ctx, id)
				return t.Name, err
			}},
			{"sailpoint_governance_group", "governance group", func(ctx context.Context, id string) (string, error) {
				g, err := h.client.GetGovernanceGroup(ctx, id)
				return g.Name, err
			}},
			{"sailpoint_access_profile", "access profile", func(ctx context.Context, id string) (string, error) {
				p, err := h.client.GetAccessProfile(ctx, id)
				return p.Name, err
			}},
			{"sailpoint_role", "role", func(ctx context.Context, id string) (string, error) {
				r, err := h.client.GetRole(ctx, id)
				return r.Name, err
			}},
		} {
			if other.resource == m.resource {
				continue
			}
			name, err := other.name(ctx, m.id)
			if err == nil {
				return fmt.Sprintf("ID %q is %s (%q), not %s; import it as %s.", m.id, withArticle(other.thing), name, withArticle(m.thing), other.resource), nil
			}
			if !errors.Is(err, client.ErrNotFound) {
				return "", err
			}
		}
		owner, err := h.client.SourceOfSchema(ctx, m.id)
		if err != nil || owner == nil {
			return "", err
		}
		return fmt.Sprintf("ID %q is %s, not %s; import it as sailpoint_source_schema with the ID %s/%s.",
			m.id, schemaOf(owner, m.id), withArticle(m.thing), owner.ID, m.id), nil
	}
	// A child of a source: does the source exist, and, for a schema, is it another source's?
	src, err := h.client.GetSource(ctx, m.id)
	if errors.Is(err, client.ErrNotFound) {
		what := "no source has this ID"
		if owner, err := h.client.SourceOfSchema(ctx, m.id); err == nil && owner != nil {
			what = "it is " + schemaOf(owner, m.id)
		}
		return fmt.Sprintf("SOURCE_ID %q of the import ID is not a source: %s.", m.id, what), nil
	}
	if err != nil {
		return "", err
	}
	if m.schemaID != "" {
		owner, err := h.client.SourceOfSchema(ctx, m.schemaID)
		if err != nil {
			return "", err
		}
		if owner != nil && owner.ID != src.ID {
			return fmt.Sprintf("Schema %q belongs to source %q (id %s), not to source %q (id %s); import it with the ID %s/%s.",
				m.schemaID, owner.Name, owner.ID, src.Name, src.ID, owner.ID, m.schemaID), nil
		}
	}
	return fmt.Sprintf("Source %q (id %s) has no %s.", src.Name, src.ID, m.child), nil
}

// withArticle puts "a" or "an" before a thing.
func withArticle(thing string) string {
	if strings.ContainsRune("aeiou", rune(thing[0])) {
		return "an " + thing
	}
	return "a " + thing
}

// schemaOf describes the schema of this id of source s.
func schemaOf(s *client.Source, schemaID string) string {
	for _, ref := range s.Schemas {
		if ref.ID == schemaID {
			return fmt.Sprintf("the schema %q of source %q (id %s)", ref.Name, s.Name, s.ID)
		}
	}
	return fmt.Sprintf("a schema of source %q (id %s)", s.Name, s.ID)
}
