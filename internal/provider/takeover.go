package provider

import (
	"context"
	"errors"
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
	typeName string // the resource type, such as sailpoint_source_schedule
	thing    string
	// likelyExists tries the takeover first, for objects ISC usually has already; otherwise the
	// create goes first, and only ISC's refusal (400 or 409) prompts a takeover, so a new
	// object costs one request.
	likelyExists bool
	// find looks the object up for takeOver, nil when there is none. A nil find means takeOver
	// needs no lookup: it answers an error that errors.Is client.ErrNotFound when there is no
	// object to take over.
	find     func(context.Context) (*T, error)
	create   func(context.Context) (*T, error)
	takeOver func(ctx context.Context, existing *T) (*T, error)
}

// run returns the object as ISC holds it afterwards, or nil after reporting an error.
func (o createOrTakeOver[T]) run(ctx context.Context, diags *diag.Diagnostics) *T {
	if o.likelyExists {
		got, found, err := o.tryTakeOver(ctx)
		if err != nil {
			addAPIError(diags, "taking over the existing", o.thing, err)
			return nil
		}
		if found {
			return got
		}
	}
	created, err := o.create(ctx)
	if err == nil {
		return created
	}
	// A create whose answer was lost, after which ISC held an object not provably its own, is
	// never followed by a takeover: that object is left alone.
	var notOurs *client.NotOursError
	if o.likelyExists || !client.Refused(err) || errors.As(err, &notOurs) {
		addCreateError(diags, o.typeName, o.thing, err)
		return nil
	}
	got, found, terr := o.tryTakeOver(ctx)
	switch {
	case terr != nil:
		addCreateError(diags, o.typeName, o.thing, fmt.Errorf("%w; taking over an existing one failed too: %w", err, terr))
	case !found:
		// Refused for another reason: ISC's answer says why.
		addCreateError(diags, o.typeName, o.thing, err)
	default:
		return got
	}
	return nil
}

// tryTakeOver takes the existing object over; found is false when there is none.
func (o createOrTakeOver[T]) tryTakeOver(ctx context.Context) (got *T, found bool, err error) {
	var existing *T
	if o.find != nil {
		if existing, err = o.find(ctx); err != nil {
			return nil, false, fmt.Errorf("looking for it: %w", err)
		}
		if existing == nil {
			return nil, false, nil
		}
	}
	got, err = o.takeOver(ctx, existing)
	if o.find == nil && errors.Is(err, client.ErrNotFound) {
		return nil, false, nil
	}
	if err == nil {
		tflog.Info(ctx, "Took over an existing object", map[string]any{"object": o.thing})
	}
	return got, true, err
}
