package client

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strconv"
)

// Transform is an ISC transform: a named, reusable computation of an attribute value. Only its
// attributes can change; name and type are fixed at creation.
type Transform struct {
	ID         string         `json:"id,omitempty"`
	Name       string         `json:"name"`
	Type       string         `json:"type"`
	Attributes map[string]any `json:"attributes"`
	// Internal is set by ISC on SailPoint's own transforms.
	Internal bool `json:"internal,omitempty"`
}

const transformsPath = "/transforms"

var transforms = object[Transform]{path: transformsPath}

// CreateTransform creates a transform. Transforms carry no creation time, so when ISC's answer
// is lost, a transform found under the name is not taken for the one created.
func (c *Client) CreateTransform(ctx context.Context, t *Transform) (*Transform, error) {
	body := *t
	body.ID, body.Internal = "", false
	out, err := createOnce(ctx, c, creation[Transform]{
		what: "transform " + strconv.Quote(t.Name), sent: &body,
		create: func(ctx context.Context) (*Transform, error) {
			return transforms.write(ctx, c, http.MethodPost, "", &body)
		},
		find:     func(ctx context.Context) (*Transform, error) { return c.FindTransform(ctx, t.Name) },
		describe: func(t *Transform) string { return fmt.Sprintf("transform %q (id %s)", t.Name, t.ID) },
		importID: func(t *Transform) string { return t.ID },
		path:     func(t *Transform) string { return transforms.itemPath(t.ID) },
	})
	if err == nil {
		transforms.remember(c, out.ID, out)
	}
	return out, err
}

// GetTransform reads a transform; errors.Is(err, ErrNotFound) when it does not exist. Within a
// run it is served from one list of every transform.
func (c *Client) GetTransform(ctx context.Context, id string) (*Transform, error) {
	return transforms.get(ctx, c, id)
}

// ListTransforms reads every transform matching opts (filters on name and internal), page by page.
func (c *Client) ListTransforms(ctx context.Context, opts ListOptions) ([]Transform, int, error) {
	return transforms.list(ctx, c, opts)
}

// TransformPages reads the transforms matching opts a page at a time.
func (c *Client) TransformPages(ctx context.Context, opts ListOptions) iter.Seq2[[]Transform, error] {
	return transforms.pages(ctx, c, opts)
}

// FindTransform returns the transform of a name, or nil when there is none.
func (c *Client) FindTransform(ctx context.Context, name string) (*Transform, error) {
	found, _, err := c.ListTransforms(ctx, ListOptions{Filters: FilterEq("name", name)})
	if err != nil {
		return nil, err
	}
	for i := range found {
		if found[i].Name == name {
			return &found[i], nil
		}
	}
	return nil, nil
}

// AllTransforms returns every transform, from the run's read cache when it holds them all, so
// that lookups by name cost one list per run.
func (c *Client) AllTransforms(ctx context.Context) ([]Transform, error) {
	return transforms.all(ctx, c)
}

// UpdateTransform replaces a transform's attributes. ISC's PUT wants the unchanged name and type
// in the body too.
func (c *Client) UpdateTransform(ctx context.Context, id string, t *Transform) (*Transform, error) {
	body := *t
	body.ID, body.Internal = "", false
	out, err := transforms.write(ctx, c, http.MethodPut, id, &body)
	if err == nil {
		transforms.remember(c, id, out)
	}
	return out, err
}

// DeleteTransform deletes a transform. ISC refuses while an identity profile maps it.
func (c *Client) DeleteTransform(ctx context.Context, id string) error {
	return transforms.delete(ctx, c, id)
}
