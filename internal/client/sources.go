package client

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// ManagerCorrelationMapping matches a source account attribute to an identity attribute.
type ManagerCorrelationMapping struct {
	AccountAttributeName  string `json:"accountAttributeName,omitempty"`
	IdentityAttributeName string `json:"identityAttributeName,omitempty"`
}

// Source is an ISC source. The fields below the blank line are set by ISC.
type Source struct {
	ID                        string                     `json:"id,omitempty"`
	Name                      string                     `json:"name"`
	Description               string                     `json:"description,omitempty"`
	Owner                     *Reference                 `json:"owner"`
	Cluster                   *Reference                 `json:"cluster,omitempty"`
	AccountCorrelationConfig  *Reference                 `json:"accountCorrelationConfig,omitempty"`
	AccountCorrelationRule    *Reference                 `json:"accountCorrelationRule,omitempty"`
	ManagerCorrelationMapping *ManagerCorrelationMapping `json:"managerCorrelationMapping,omitempty"`
	ManagerCorrelationRule    *Reference                 `json:"managerCorrelationRule,omitempty"`
	BeforeProvisioningRule    *Reference                 `json:"beforeProvisioningRule,omitempty"`
	ManagementWorkgroup       *Reference                 `json:"managementWorkgroup,omitempty"`
	Features                  []string                   `json:"features,omitempty"`
	Type                      string                     `json:"type,omitempty"`
	Connector                 string                     `json:"connector"`
	ConnectorClass            string                     `json:"connectorClass,omitempty"`
	ConnectorAttributes       map[string]any             `json:"connectorAttributes,omitempty"`
	DeleteThreshold           *int64                     `json:"deleteThreshold,omitempty"`

	Schemas                   []Reference `json:"schemas,omitempty"`
	PasswordPolicies          []Reference `json:"passwordPolicies,omitempty"`
	Authoritative             bool        `json:"authoritative,omitempty"`
	Healthy                   bool        `json:"healthy,omitempty"`
	Status                    string      `json:"status,omitempty"`
	Since                     string      `json:"since,omitempty"`
	ConnectorID               string      `json:"connectorId,omitempty"`
	ConnectorName             string      `json:"connectorName,omitempty"`
	ConnectionType            string      `json:"connectionType,omitempty"`
	ConnectorImplementationID string      `json:"connectorImplementationId,omitempty"`
	Created                   string      `json:"created,omitempty"`
	Modified                  string      `json:"modified,omitempty"`
}

func sourcePath(id string) string { return "/sources/" + url.PathEscape(id) }

// CreateSource creates a source. provisionAsCsv makes it a delimited-file source, which ISC
// can only create through that query parameter.
func (c *Client) CreateSource(ctx context.Context, s *Source, provisionAsCsv bool) (*Source, error) {
	var q url.Values
	if provisionAsCsv {
		q = url.Values{"provisionAsCsv": {"true"}}
	}
	out, err := createOnce(ctx, c, creation[Source]{
		what: "source " + strconv.Quote(s.Name), sent: s,
		create: func(ctx context.Context) (*Source, error) {
			var out Source
			_, err := c.do(ctx, request{method: http.MethodPost, path: "/sources", query: q, body: s, out: &out})
			return &out, err
		},
		find: func(ctx context.Context) (*Source, error) {
			found, _, err := c.ListSources(ctx, ListOptions{Filters: FilterEq("name", s.Name), Max: 1})
			if err != nil || len(found) == 0 {
				return nil, err
			}
			return &found[0], nil
		},
		describe: func(s *Source) string { return fmt.Sprintf("source %q (id %s)", s.Name, s.ID) },
		importID: func(s *Source) string { return s.ID },
		path:     func(s *Source) string { return sourcePath(s.ID) },
		created:  func(s *Source) string { return s.Created },
	})
	if err == nil {
		c.keep(&c.cache.sources, out.ID, out)
	}
	return out, err
}

// GetSource reads one source; errors.Is(err, ErrNotFound) when it does not exist. Within a run
// it is served from one list of every source (see readCache).
func (c *Client) GetSource(ctx context.Context, id string) (*Source, error) {
	var out Source
	err := c.getObject(ctx, &c.cache.sources, id, &out, func(ctx context.Context) (json.RawMessage, error) {
		var raw json.RawMessage
		_, err := c.do(ctx, request{method: http.MethodGet, path: sourcePath(id), out: &raw})
		return raw, err
	})
	return &out, err
}

// AllSources returns every source. Within a run it reads the one list of every source (see
// readCache), so lookups by name cost one list per run.
func (c *Client) AllSources(ctx context.Context) ([]Source, error) {
	return listed(ctx, c, &c.cache.sources, func(ctx context.Context) ([]Source, error) {
		sources, _, err := c.ListSources(WithSecretKeys(ctx, c.cache.sources.logSecrets...), ListOptions{Query: c.cache.sources.query})
		return sources, err
	})
}

// SourceOfSchema returns the source that lists a schema of this id among its schemas; nil when
// none does. Within a run it reads the one list of every source (see readCache).
func (c *Client) SourceOfSchema(ctx context.Context, schemaID string) (*Source, error) {
	all, err := c.AllSources(ctx)
	if err != nil {
		return nil, err
	}
	for i := range all {
		for _, ref := range all[i].Schemas {
			if ref.ID == schemaID {
				return &all[i], nil
			}
		}
	}
	return nil, nil
}

// SourceSchemaRef tells, without a request, whether the source as this run last saw it (created,
// changed or read in this run) has a schema of this name: known is false when the run has not
// seen the source, or changed it since; ref is nil when the source has no such schema.
func (c *Client) SourceSchemaRef(sourceID, name string) (ref *Reference, known bool) {
	raw, ok := c.peekObject(&c.cache.sources, sourceID)
	if !ok {
		return nil, false
	}
	var src struct {
		Schemas []Reference `json:"schemas"`
	}
	if json.Unmarshal(raw, &src) != nil {
		return nil, false
	}
	for _, r := range src.Schemas {
		if r.Name == name {
			return &r, true
		}
	}
	return nil, true
}

// ListSources reads every source matching opts, page by page.
func (c *Client) ListSources(ctx context.Context, opts ListOptions) ([]Source, int, error) {
	return listAll[Source](ctx, c, "/sources", opts)
}

// SourcePages reads the sources matching opts a page at a time, to pass each on before the next
// is read.
func (c *Client) SourcePages(ctx context.Context, opts ListOptions) iter.Seq2[[]Source, error] {
	return listPages[Source](WithSecretKeys(ctx, c.cache.sources.logSecrets...), c, "/sources", opts, nil)
}

// PatchSource applies a JSON Patch to a source.
func (c *Client) PatchSource(ctx context.Context, id string, p Patch) (*Source, error) {
	var out Source
	_, err := c.do(ctx, request{method: http.MethodPatch, path: sourcePath(id), body: p, contentType: JSONPatchContentType, out: &out})
	if err == nil {
		c.keep(&c.cache.sources, id, &out)
	}
	return &out, err
}

// sourceServerFields are the members of a source that ISC owns or refuses to patch.
var sourceServerFields = []string{
	"id", "type", "connector", "connectorClass", "authoritative", "created", "modified", "passwordPolicies",
	"schemas", "healthy", "status", "since", "connectorId", "connectorName", "connectionType", "connectorImplementationId",
	"features", // patched apart, as a set
}

// SourcePatch returns the JSON Patch that turns source from into source to, touching only the
// members a client may change. Connector attributes are compared key by key, so keys ISC added
// and keys the caller does not manage stay as they are. Reference names are ISC's to fill in, so
// a changed reference is patched by its id. Features are a set, replaced whole when changed.
func SourcePatch(from, to *Source) (Patch, error) {
	p, err := diffDocuments(from.withoutRefNames(), to.withoutRefNames(), sourceServerFields, []string{"connectorAttributes"})
	if err != nil {
		return nil, err
	}
	return p.replaceSet("/features", from.Features, to.Features)
}

func (s *Source) withoutRefNames() *Source {
	c := *s
	dropRefNames(&c.Owner, &c.Cluster, &c.AccountCorrelationConfig, &c.AccountCorrelationRule,
		&c.ManagerCorrelationRule, &c.BeforeProvisioningRule, &c.ManagementWorkgroup)
	return &c
}

// DeleteSource asks ISC to delete a source. ISC first removes the source's accounts, in a task
// whose reference is returned; WaitForSourceDeleted waits for it.
func (c *Client) DeleteSource(ctx context.Context, id string) (*TaskRef, error) {
	return c.startDelete(ctx, sourcePath(id))
}

// WaitForSourceDeleted waits until ISC no longer has the source, failing if its delete task
// fails. Concurrent waits share their checks (see waitGone).
func (c *Client) WaitForSourceDeleted(ctx context.Context, id, taskID string) error {
	// The list must show ISC's own source too, as GET /sources/{id} does.
	list := goneList{path: c.cache.sources.path, query: c.cache.sources.query, secrets: c.cache.sources.logSecrets, byID: true}
	return c.waitGone(ctx, list, id, taskID, "source "+id, sourcePath(id))
}

// PasswordPolicyHolder links a password policy to a source.
type PasswordPolicyHolder struct {
	PolicyID   string          `json:"policyId"`
	PolicyName string          `json:"policyName,omitempty"`
	Selectors  json.RawMessage `json:"selectors,omitempty"`
}

func passwordPoliciesPath(sourceID string) string {
	return sourcePath(sourceID) + "/password-policies"
}

// GetPasswordPolicies reads the password policies of a source.
func (c *Client) GetPasswordPolicies(ctx context.Context, sourceID string) ([]PasswordPolicyHolder, error) {
	out, _, err := listAll[PasswordPolicyHolder](ctx, c, passwordPoliciesPath(sourceID), ListOptions{})
	return out, err
}

// SetPasswordPolicies replaces the password policies of a source. ISC takes the full list as
// plain JSON on this endpoint, not as a JSON Patch.
func (c *Client) SetPasswordPolicies(ctx context.Context, sourceID string, holders []PasswordPolicyHolder) ([]PasswordPolicyHolder, error) {
	if holders == nil {
		holders = []PasswordPolicyHolder{}
	}
	var out []PasswordPolicyHolder
	_, err := c.do(ctx, request{method: http.MethodPatch, path: passwordPoliciesPath(sourceID), body: holders, out: &out})
	return out, err
}
