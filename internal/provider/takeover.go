package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// createOrTakeOver is the create of a source child that ISC may have already: the account schema
// it makes with every source, the CREATE policy it gives some connectors, or one made by hand.
// A source has at most one of each, so an existing one is taken over (brought to the
// configuration) instead of failing.
type createOrTakeOver[T any] struct {
	thing string
	// lookFirst looks for an existing object before writing anything, for objects that usually
	// exist; otherwise the create goes first, and only ISC's refusal (400 or 409) prompts a look,
	// so a new object costs one request.
	lookFirst bool
	// find returns the existing object, or nil when there is none.
	find     func(context.Context) (*T, error)
	create   func(context.Context) (*T, error)
	takeOver func(ctx context.Context, existing *T) (*T, error)
}

// run returns the object as ISC holds it afterwards, or nil after reporting an error.
func (o createOrTakeOver[T]) run(ctx context.Context, diags *diag.Diagnostics) *T {
	var existing *T
	if o.lookFirst {
		var err error
		if existing, err = o.find(ctx); err != nil {
			addAPIError(diags, "looking for an existing", o.thing, err)
			return nil
		}
	}
	if existing == nil {
		created, err := o.create(ctx)
		if err == nil {
			return created
		}
		if o.lookFirst || !client.Refused(err) {
			addAPIError(diags, "creating", o.thing, err)
			return nil
		}
		found, ferr := o.find(ctx)
		if ferr != nil {
			err = fmt.Errorf("%w; looking for an existing one to take over failed too: %w", err, ferr)
		}
		if found == nil {
			// Refused for another reason: ISC's answer says why.
			addAPIError(diags, "creating", o.thing, err)
			return nil
		}
		existing = found
	}
	tflog.Info(ctx, "Taking over an existing object", map[string]any{"object": o.thing})
	got, err := o.takeOver(ctx, existing)
	if err != nil {
		addAPIError(diags, "taking over the existing", o.thing, err)
		return nil
	}
	return got
}
