package client

import (
	"context"
	"encoding/json"
	"iter"
	"maps"
	"net/http"
	"net/url"
)

// Identity is an ISC identity (IdentityDto). Identities are read only: ISC builds them from the
// accounts of authoritative sources through identity profiles.
type Identity struct {
	ID              string          `json:"id"`
	Name            string          `json:"name"`
	Alias           string          `json:"alias,omitempty"`
	EmailAddress    string          `json:"emailAddress,omitempty"`
	ProcessingState string          `json:"processingState,omitempty"`
	IdentityStatus  string          `json:"identityStatus,omitempty"`
	ManagerRef      *Reference      `json:"managerRef,omitempty"`
	IsManager       bool            `json:"isManager,omitempty"`
	LastRefresh     string          `json:"lastRefresh,omitempty"`
	Attributes      map[string]any  `json:"attributes,omitempty"`
	LifecycleState  *LifecycleState `json:"lifecycleState,omitempty"`
	Created         string          `json:"created,omitempty"`
	Modified        string          `json:"modified,omitempty"`
}

// LifecycleState is an identity's lifecycle state (LifecycleStateDto).
type LifecycleState struct {
	StateName       string `json:"stateName"`
	ManuallyUpdated bool   `json:"manuallyUpdated"`
}

// ListedIdentity is an identity as a list of many reads it: the fields of Identity the provider
// exposes, with the attributes left as ISC's JSON. Decoding them into a map for every identity
// of a large list would cost more than all the other fields together; the reader converts the
// JSON as it stores it.
type ListedIdentity struct {
	ID              string           `json:"id"`
	Name            string           `json:"name"`
	Alias           string           `json:"alias"`
	EmailAddress    string           `json:"emailAddress"`
	ProcessingState string           `json:"processingState"`
	IdentityStatus  string           `json:"identityStatus"`
	ManagerRef      *IdentityManager `json:"managerRef"`
	IsManager       bool             `json:"isManager"`
	LastRefresh     string           `json:"lastRefresh"`
	Attributes      json.RawMessage  `json:"attributes"`
	LifecycleState  *LifecycleState  `json:"lifecycleState"`
	Created         string           `json:"created"`
	Modified        string           `json:"modified"`
}

// IdentityManager is the manager reference of a ListedIdentity, without the type every one of
// them has (IDENTITY).
type IdentityManager struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// IdentityListOptions narrows a list of identities. Filters may use id, name, alias, firstname,
// lastname, email, cloudStatus, processingState, correlated and protected; Sorters name, alias and
// cloudStatus.
type IdentityListOptions struct {
	ListOptions
	// IncludeUncorrelated lists identities without a correlated account too. ISC's default
	// (defaultFilter CORRELATED_ONLY) hides them.
	IncludeUncorrelated bool
}

func identityPath(id string) string { return "/identities/" + url.PathEscape(id) }

// GetIdentity reads one identity; errors.Is(err, ErrNotFound) when it does not exist.
// ISC serves identities to user tokens (personal access tokens) only.
func (c *Client) GetIdentity(ctx context.Context, id string) (*Identity, error) {
	var out Identity
	_, err := c.do(ctx, request{method: http.MethodGet, path: identityPath(id), out: &out})
	return &out, err
}

// ListIdentities reads the identities matching opts, page by page, and ISC's count of all matches.
// ISC serves identities to user tokens (personal access tokens) only.
func (c *Client) ListIdentities(ctx context.Context, opts IdentityListOptions) ([]Identity, int, error) {
	return listAll[Identity](ctx, c, "/identities", opts.list())
}

// IdentityPages yields the identities matching opts a page at a time, as ISC answers them, so
// that a large list is converted as it arrives and never held whole twice; it stops after a
// yielded error. *total, when total is not nil, receives ISC's count of all matches once the
// first page is read. The trace log shows the size of each page, not its body: a page is
// hundreds of kilobytes of personal data, and redacting it for the log would cost as much as
// reading it.
func (c *Client) IdentityPages(ctx context.Context, opts IdentityListOptions, total *int) iter.Seq2[[]ListedIdentity, error] {
	ctx = withBodiesUnlogged(ctx, "a page of identities")
	return listPages[ListedIdentity](ctx, c, "/identities", opts.list(), total)
}

// list is the list options ISC gets for opts.
func (opts IdentityListOptions) list() ListOptions {
	lo := opts.ListOptions
	if opts.IncludeUncorrelated {
		lo.Query = maps.Clone(lo.Query)
		if lo.Query == nil {
			lo.Query = url.Values{}
		}
		lo.Query.Set("defaultFilter", "NONE")
	}
	return lo
}
