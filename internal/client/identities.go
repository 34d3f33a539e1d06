package client

import (
	"context"
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
	lo := opts.ListOptions
	if opts.IncludeUncorrelated {
		lo.Query = maps.Clone(lo.Query)
		if lo.Query == nil {
			lo.Query = url.Values{}
		}
		lo.Query.Set("defaultFilter", "NONE")
	}
	return listAll[Identity](ctx, c, "/identities", lo)
}
