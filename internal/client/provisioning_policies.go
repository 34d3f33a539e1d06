package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// ProvisioningPolicy is a provisioning policy of a source (ProvisioningPolicyDto): the account
// attributes ISC generates for one kind of provisioning, such as account creation. ISC gives it
// no ID: a source has at most one policy of each usage type, and the usage type names it.
type ProvisioningPolicy struct {
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	UsageType   string         `json:"usageType"`
	Fields      []FieldDetails `json:"fields"`
}

// FieldDetails is one field of a provisioning policy (FieldDetailsDto). Transform and Attributes
// are free-form objects; ISC fills a missing transform with {}.
type FieldDetails struct {
	Name          string         `json:"name"`
	Type          string         `json:"type,omitempty"`
	IsMultiValued bool           `json:"isMultiValued"`
	Transform     map[string]any `json:"transform"`
	Attributes    map[string]any `json:"attributes"`
	// IsRequired is read-only in ISC: it is read, never sent (omitempty keeps it out of a body
	// built by the caller, and ProvisioningPolicyPatch leaves it out of patches).
	IsRequired bool `json:"isRequired,omitempty"`
}

// UsageTypes are the values of ISC's UsageType, the key of a source's provisioning policies.
var UsageTypes = []string{
	"CREATE", "UPDATE", "ENABLE", "DISABLE", "DELETE", "ASSIGN", "UNASSIGN", "CREATE_GROUP", "UPDATE_GROUP",
	"DELETE_GROUP", "REGISTER", "CREATE_IDENTITY", "UPDATE_IDENTITY", "EDIT_GROUP", "UNLOCK", "CHANGE_PASSWORD",
}

// FieldTypes are the values ISC accepts for a provisioning policy field's type.
var FieldTypes = []string{"string", "int", "long", "date", "boolean", "secret"}

func provisioningPoliciesPath(sourceID string) string {
	return sourcePath(sourceID) + "/provisioning-policies"
}

func provisioningPolicyPath(sourceID, usageType string) string {
	return provisioningPoliciesPath(sourceID) + "/" + url.PathEscape(usageType)
}

// CreateProvisioningPolicy creates a policy on a source. ISC refuses a second policy of a usage
// type the source already has; when the answer to the create is lost, a policy of that usage
// type found afterwards is taken for the one created.
func (c *Client) CreateProvisioningPolicy(ctx context.Context, sourceID string, p *ProvisioningPolicy) (*ProvisioningPolicy, error) {
	body := p.withoutReadOnly()
	return createOnce(ctx, c, creation[ProvisioningPolicy]{
		what: p.UsageType + " provisioning policy of source " + sourceID, sent: body,
		create: func(ctx context.Context) (*ProvisioningPolicy, error) {
			var out ProvisioningPolicy
			_, err := c.do(ctx, request{method: http.MethodPost, path: provisioningPoliciesPath(sourceID), body: body, out: &out})
			return &out, err
		},
		find: func(ctx context.Context) (*ProvisioningPolicy, error) {
			return c.FindProvisioningPolicy(ctx, sourceID, p.UsageType)
		},
		describe: func(p *ProvisioningPolicy) string {
			return fmt.Sprintf("%s provisioning policy %q of source %s", p.UsageType, p.Name, sourceID)
		},
		importID: func(p *ProvisioningPolicy) string { return sourceID + "/" + p.UsageType },
		path:     func(p *ProvisioningPolicy) string { return provisioningPolicyPath(sourceID, p.UsageType) },
		// A policy has no creation time; it is known to be new only on a source this run made,
		// and for CREATE not even there, since ISC gives some connectors' sources one.
		absentBefore: p.UsageType != "CREATE" && c.newChildOfNewSource(sourceID, provisioningPolicyPath(sourceID, p.UsageType)),
	})
}

// FindProvisioningPolicy returns the source's policy of a usage type, or nil when it has none;
// errors.Is(err, ErrNotFound) when the source does not exist. It is served from the source's
// policy list, read once per run.
func (c *Client) FindProvisioningPolicy(ctx context.Context, sourceID, usageType string) (*ProvisioningPolicy, error) {
	return findChild(ctx, c, provisioningPoliciesPath(sourceID), func(p *ProvisioningPolicy) bool { return p.UsageType == usageType })
}

// ProvisioningPolicies returns every provisioning policy of a source, from the source's policy
// list read once per run.
func (c *Client) ProvisioningPolicies(ctx context.Context, sourceID string) ([]ProvisioningPolicy, error) {
	return children[ProvisioningPolicy](ctx, c, provisioningPoliciesPath(sourceID))
}

// GetProvisioningPolicy reads the policy of a usage type; errors.Is(err, ErrNotFound) when the
// source has none of that type, or does not exist. It is served like FindProvisioningPolicy.
func (c *Client) GetProvisioningPolicy(ctx context.Context, sourceID, usageType string) (*ProvisioningPolicy, error) {
	return getChild(ctx, c, provisioningPoliciesPath(sourceID), provisioningPolicyPath(sourceID, usageType), usageType+" provisioning policy",
		func(p *ProvisioningPolicy) bool { return p.UsageType == usageType })
}

// PutProvisioningPolicy replaces the policy of a usage type whole with p.
func (c *Client) PutProvisioningPolicy(ctx context.Context, sourceID string, p *ProvisioningPolicy) (*ProvisioningPolicy, error) {
	var out ProvisioningPolicy
	_, err := c.do(ctx, request{method: http.MethodPut, path: provisioningPolicyPath(sourceID, p.UsageType), body: p.withoutReadOnly(), out: &out})
	return &out, err
}

// PatchProvisioningPolicy applies a JSON Patch to the policy of a usage type.
func (c *Client) PatchProvisioningPolicy(ctx context.Context, sourceID, usageType string, p Patch) (*ProvisioningPolicy, error) {
	var out ProvisioningPolicy
	_, err := c.do(ctx, request{method: http.MethodPatch, path: provisioningPolicyPath(sourceID, usageType), body: p, contentType: JSONPatchContentType, out: &out})
	return &out, err
}

// DeleteProvisioningPolicy deletes the policy of a usage type.
func (c *Client) DeleteProvisioningPolicy(ctx context.Context, sourceID, usageType string) error {
	_, err := c.do(ctx, request{method: http.MethodDelete, path: provisioningPolicyPath(sourceID, usageType)})
	return err
}

// ProvisioningPolicyPatch returns the JSON Patch that turns policy from into policy to. The usage
// type is the policy's key and never patched; each field's isRequired is ISC's to compute and
// never patched either. A missing transform or attributes object counts as {}, ISC's default, so
// the patch holds no change between the two.
func ProvisioningPolicyPatch(from, to *ProvisioningPolicy) (Patch, error) {
	return DiffDocuments(from.withoutReadOnly(), to.withoutReadOnly(), "usageType")
}

// withoutReadOnly is a copy of the policy without what a client never sends, and with ISC's
// defaults filled in.
func (p *ProvisioningPolicy) withoutReadOnly() *ProvisioningPolicy {
	c := *p
	c.Fields = make([]FieldDetails, len(p.Fields))
	for i, f := range p.Fields {
		f.IsRequired = false
		if f.Transform == nil {
			f.Transform = map[string]any{}
		}
		if f.Attributes == nil {
			f.Attributes = map[string]any{}
		}
		c.Fields[i] = f
	}
	return &c
}
