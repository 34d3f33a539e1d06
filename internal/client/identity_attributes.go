package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"
)

// IdentityAttribute is an ISC identity attribute (IdentityAttribute-2). It has no id: its
// technical name is its key, and it is changed with a PUT of the whole attribute. ISC allows
// creates, updates and deletes only with a user context (a personal access token).
type IdentityAttribute struct {
	Name        string                    `json:"name"`
	DisplayName string                    `json:"displayName,omitempty"`
	Standard    bool                      `json:"standard"`
	Type        *string                   `json:"type,omitempty"`
	Multi       bool                      `json:"multi"`
	Searchable  bool                      `json:"searchable"`
	Sources     []IdentityAttributeSource `json:"sources"`
	// System is set by ISC on its own attributes, which cannot be configured.
	System bool `json:"system"`
}

// IdentityAttributeSource is one rule of how the attribute's value is derived (Source-2), such
// as {type: rule, properties: {ruleType: IdentityAttribute, ruleName: ...}}.
type IdentityAttributeSource struct {
	Type       string         `json:"type"`
	Properties map[string]any `json:"properties,omitempty"`
}

const identityAttributesPath = "/identity-attributes"

var identityAttributes = object[IdentityAttribute]{path: identityAttributesPath}

// CreateIdentityAttribute creates an identity attribute. Attributes carry no creation time and
// are keyed by the name the request sends, so when ISC's answer is lost, an attribute found
// under that name is never taken for the one created: the create fails with a *NotOursError
// whose import ID is the name.
func (c *Client) CreateIdentityAttribute(ctx context.Context, a *IdentityAttribute) (*IdentityAttribute, error) {
	body := a.withSources()
	body.System = false
	out, err := createOnce(ctx, c, creation[IdentityAttribute]{
		what: "identity attribute " + strconv.Quote(a.Name), sent: body,
		create: func(ctx context.Context) (*IdentityAttribute, error) {
			return identityAttributes.write(ctx, c, http.MethodPost, "", body)
		},
		// Asked of ISC itself: the run's list was read before the create.
		find: func(ctx context.Context) (*IdentityAttribute, error) {
			var found IdentityAttribute
			_, err := c.do(ctx, request{method: http.MethodGet, path: identityAttributes.itemPath(a.Name), out: &found})
			if errors.Is(err, ErrNotFound) {
				return nil, nil
			}
			return &found, err
		},
		describe: func(a *IdentityAttribute) string { return fmt.Sprintf("identity attribute %q", a.Name) },
		importID: func(a *IdentityAttribute) string { return a.Name },
		path:     func(a *IdentityAttribute) string { return identityAttributes.itemPath(a.Name) },
	})
	if err == nil {
		identityAttributes.remember(c, out.Name, out)
	}
	return out, err
}

// GetIdentityAttribute reads the identity attribute of a name; errors.Is(err, ErrNotFound) when
// there is none. Within a run it is served from one list of every attribute, system ones included.
func (c *Client) GetIdentityAttribute(ctx context.Context, name string) (*IdentityAttribute, error) {
	return identityAttributes.get(ctx, c, name)
}

// AllIdentityAttributes returns every identity attribute, system ones included, from the run's
// read cache when it holds them all.
func (c *Client) AllIdentityAttributes(ctx context.Context) ([]IdentityAttribute, error) {
	return identityAttributes.all(ctx, c)
}

// IdentityAttributePages reads the identity attributes, system ones included, in the one page ISC
// answers.
func (c *Client) IdentityAttributePages(ctx context.Context) iter.Seq2[[]IdentityAttribute, error] {
	return identityAttributes.pages(ctx, c, ListOptions{})
}

// UpdateIdentityAttribute replaces the identity attribute of a name with a; the name stays.
func (c *Client) UpdateIdentityAttribute(ctx context.Context, name string, a *IdentityAttribute) (*IdentityAttribute, error) {
	body := a.withSources()
	body.Name = name
	out, err := identityAttributes.write(ctx, c, http.MethodPut, name, body)
	if err == nil {
		identityAttributes.remember(c, name, out)
	}
	return out, err
}

// DeleteIdentityAttribute deletes an identity attribute. ISC refuses while it is standard or
// system, or while an identity profile maps it.
func (c *Client) DeleteIdentityAttribute(ctx context.Context, name string) error {
	return identityAttributes.delete(ctx, c, name)
}

// withSources is a copy whose sources are [] rather than null, which the contract does not allow.
func (a *IdentityAttribute) withSources() *IdentityAttribute {
	out := *a
	if out.Sources == nil {
		out.Sources = []IdentityAttributeSource{}
	}
	return &out
}
