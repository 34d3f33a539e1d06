package client

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
)

// AccessProfile is an ISC access profile: entitlements of one source, requested together. The
// fields below the blank line are set by ISC.
type AccessProfile struct {
	ID                      string          `json:"id,omitempty"`
	Name                    string          `json:"name"`
	Description             *string         `json:"description,omitempty"`
	Owner                   *Reference      `json:"owner"`
	Source                  *Reference      `json:"source"`
	Entitlements            []Reference     `json:"entitlements"`
	Enabled                 bool            `json:"enabled"`
	Requestable             bool            `json:"requestable"`
	AccessRequestConfig     *Requestability `json:"accessRequestConfig,omitempty"`
	RevocationRequestConfig *Revocability   `json:"revocationRequestConfig,omitempty"`
	Segments                []string        `json:"segments,omitempty"`

	Created  string `json:"created,omitempty"`
	Modified string `json:"modified,omitempty"`
}

// Requestability is how an access profile (or role) is requested.
type Requestability struct {
	CommentsRequired        bool             `json:"commentsRequired"`
	DenialCommentsRequired  bool             `json:"denialCommentsRequired"`
	ReauthorizationRequired bool             `json:"reauthorizationRequired"`
	RequireEndDate          bool             `json:"requireEndDate"`
	ApprovalSchemes         []ApprovalScheme `json:"approvalSchemes"`
}

// Revocability is how an access profile (or role) is revoked.
type Revocability struct {
	ApprovalSchemes []ApprovalScheme `json:"approvalSchemes"`
}

// ApprovalScheme is one approval step; ApproverID names a governance group or workflow.
type ApprovalScheme struct {
	ApproverType string `json:"approverType"`
	ApproverID   string `json:"approverId,omitempty"`
}

// AccessProfileApproverTypes are the approver types ISC knows for access profiles.
var AccessProfileApproverTypes = []string{"APP_OWNER", "OWNER", "SOURCE_OWNER", "MANAGER", "GOVERNANCE_GROUP", "WORKFLOW",
	"ALL_OWNERS", "ADDITIONAL_OWNER", "ADDITIONAL_GOVERNANCE_GROUP"}

const accessProfilesPath = "/access-profiles"

var accessProfiles = object[AccessProfile]{path: accessProfilesPath, noun: "access profile",
	identify: func(p *AccessProfile) (string, string, string) { return p.ID, p.Name, p.Created }}

// accessProfileServerFields are the members of an access profile that ISC owns.
var accessProfileServerFields = []string{"id", "created", "modified"}

// CreateAccessProfile creates an access profile; see object.createNamed for a lost answer.
func (c *Client) CreateAccessProfile(ctx context.Context, p *AccessProfile) (*AccessProfile, error) {
	body := p.withoutRefNames()
	body.ID, body.Created, body.Modified = "", "", ""
	return accessProfiles.createNamed(ctx, c, body)
}

// GetAccessProfile reads an access profile; errors.Is(err, ErrNotFound) when it does not exist.
// Within a run it is served from one list of every access profile.
func (c *Client) GetAccessProfile(ctx context.Context, id string) (*AccessProfile, error) {
	return accessProfiles.get(ctx, c, id)
}

// ListAccessProfiles reads every access profile matching opts, page by page.
func (c *Client) ListAccessProfiles(ctx context.Context, opts ListOptions) ([]AccessProfile, int, error) {
	return accessProfiles.list(ctx, c, opts)
}

// AccessProfilePages reads the access profiles matching opts a page at a time.
func (c *Client) AccessProfilePages(ctx context.Context, opts ListOptions) iter.Seq2[[]AccessProfile, error] {
	return accessProfiles.pages(ctx, c, opts)
}

// AllAccessProfiles returns every access profile, from the run's read cache when it holds them
// all.
func (c *Client) AllAccessProfiles(ctx context.Context) ([]AccessProfile, error) {
	return accessProfiles.all(ctx, c)
}

// PatchAccessProfile changes an access profile from what from holds to what to holds with one
// JSON Patch (so a new source travels with its new entitlements, as ISC requires); nil and no
// request when nothing changed. References go by id. Entitlements and segments are sets whose
// order ISC keeps its own, so a change replaces the whole list rather than guess at indexes.
func (c *Client) PatchAccessProfile(ctx context.Context, id string, from, to *AccessProfile) (*AccessProfile, error) {
	p, err := DiffDocuments(from.withoutRefNames(), to.withoutRefNames(), append(accessProfileServerFields, "entitlements", "segments")...)
	if err == nil && !sameSet(refIDs(from.Entitlements), refIDs(to.Entitlements)) {
		var refs json.RawMessage
		refs, err = json.Marshal(to.withoutRefNames().Entitlements)
		p = append(p, PatchOperation{Op: "replace", Path: "/entitlements", Value: refs})
	}
	if err == nil {
		p, err = p.replaceSet("/segments", from.Segments, to.Segments)
	}
	if err != nil || len(p) == 0 {
		return nil, err
	}
	var out AccessProfile
	if _, err := c.do(ctx, request{method: http.MethodPatch, path: accessProfiles.itemPath(id), body: p, contentType: JSONPatchContentType, out: &out}); err != nil {
		return nil, err
	}
	accessProfiles.remember(c, id, &out)
	return &out, nil
}

// DeleteAccessProfile deletes an access profile. ISC refuses while a role or lifecycle state
// uses it.
func (c *Client) DeleteAccessProfile(ctx context.Context, id string) error {
	return accessProfiles.delete(ctx, c, id)
}

func refIDs(refs []Reference) []string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return ids
}

func (p *AccessProfile) withoutRefNames() *AccessProfile {
	out := *p
	dropRefNames(&out.Owner, &out.Source)
	out.Entitlements = make([]Reference, len(p.Entitlements))
	for i, e := range p.Entitlements {
		out.Entitlements[i] = Reference{Type: e.Type, ID: e.ID}
	}
	return &out
}
