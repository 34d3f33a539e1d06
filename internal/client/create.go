package client

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// createOnce runs create, and when its outcome is unknown (the answer was lost) looks the object
// up by its natural key with find before trying again: an object that was created after all is
// adopted instead of created twice. find returns nil when there is no such object.
func createOnce[T any](ctx context.Context, c *Client, what string, create, find func(context.Context) (*T, error)) (*T, error) {
	for attempt := 1; ; attempt++ {
		out, err := create(ctx)
		var unknown *OutcomeUnknownError
		if err == nil || !errors.As(err, &unknown) {
			return out, err
		}
		tflog.Warn(ctx, "ISC create outcome unknown; looking for the object before trying again", map[string]any{"object": what, "error": err.Error()})
		found, ferr := find(ctx)
		if ferr != nil {
			return nil, fmt.Errorf("%w; looking for %s afterwards failed too: %w", err, what, ferr)
		}
		if found != nil {
			return found, nil
		}
		if attempt > c.cfg.MaxRetries {
			return nil, err
		}
		if werr := c.wait(ctx, c.backoff(attempt)); werr != nil {
			return nil, fmt.Errorf("%w; interrupted before trying again: %w", err, werr)
		}
	}
}
