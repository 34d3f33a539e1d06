package client

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"reflect"
	"slices"
	"strings"
)

// Role is an ISC role: access profiles and entitlements granted together to the identities its
// membership selects. The fields below the blank line are set by ISC.
type Role struct {
	ID                      string          `json:"id,omitempty"`
	Name                    string          `json:"name"`
	Description             *string         `json:"description,omitempty"`
	Owner                   *Reference      `json:"owner"`
	AccessProfiles          []Reference     `json:"accessProfiles"`
	Entitlements            []Reference     `json:"entitlements"`
	Membership              *RoleMembership `json:"membership,omitempty"`
	Enabled                 bool            `json:"enabled"`
	Requestable             bool            `json:"requestable"`
	AccessRequestConfig     *Requestability `json:"accessRequestConfig,omitempty"`
	RevocationRequestConfig *Revocability   `json:"revocationRequestConfig,omitempty"`
	Segments                []string        `json:"segments,omitempty"`
	// Dimensional is set on create only: ISC's PATCH does not list it.
	Dimensional bool `json:"dimensional"`

	Created  string `json:"created,omitempty"`
	Modified string `json:"modified,omitempty"`
}

// RoleMembership selects a role's members: by criteria (STANDARD) or by a list of identities
// (IDENTITY_LIST).
type RoleMembership struct {
	Type       string                   `json:"type"`
	Criteria   *RoleCriteria            `json:"criteria,omitempty"`
	Identities []RoleMembershipIdentity `json:"identities,omitempty"`
}

// RoleCriteria is one node of membership criteria: a leaf tests Key against StringValue; AND and
// OR nodes combine their children. ISC takes three levels at most.
type RoleCriteria struct {
	Operation   string           `json:"operation"`
	Key         *RoleCriteriaKey `json:"key,omitempty"`
	StringValue *string          `json:"stringValue,omitempty"`
	Children    []RoleCriteria   `json:"children,omitempty"`
}

// RoleCriteriaKey is the identity attribute, account attribute or entitlement a leaf tests;
// SourceID is set for the latter two.
type RoleCriteriaKey struct {
	Type     string `json:"type"`
	Property string `json:"property"`
	SourceID string `json:"sourceId,omitempty"`
}

// RoleMembershipIdentity is an identity of an IDENTITY_LIST membership; ISC fills in the names.
type RoleMembershipIdentity struct {
	Type      string `json:"type,omitempty"`
	ID        string `json:"id"`
	Name      string `json:"name,omitempty"`
	AliasName string `json:"aliasName,omitempty"`
}

// Role membership and criteria values ISC knows.
var (
	RoleMembershipTypes = []string{"STANDARD", "IDENTITY_LIST"}
	// RoleCriteriaLeafOperations test a key against a string value.
	RoleCriteriaLeafOperations = []string{"EQUALS", "NOT_EQUALS", "CONTAINS", "DOES_NOT_CONTAIN", "STARTS_WITH", "ENDS_WITH"}
	RoleCriteriaKeyTypes       = []string{"IDENTITY", "ACCOUNT", "ENTITLEMENT"}
	// RoleApproverTypes are the approver types ISC knows for roles: those of access profiles
	// but APP_OWNER and SOURCE_OWNER.
	RoleApproverTypes = []string{"OWNER", "MANAGER", "GOVERNANCE_GROUP", "WORKFLOW", "ALL_OWNERS", "ADDITIONAL_OWNER", "ADDITIONAL_GOVERNANCE_GROUP"}
)

// Role limits of ISC (NOTES.md trap 39 and 42).
const (
	// RoleMembershipIdentityChanges is how many membership identities one PATCH may change.
	RoleMembershipIdentityChanges = 500
	// RoleCriteriaLevels is how deep membership criteria go, leaves included.
	RoleCriteriaLevels = 3
	rolesPageSize      = 50
)

const rolesPath = "/roles"

var roles = object[Role]{path: rolesPath, noun: "role", identify: func(r *Role) (string, string, string) { return r.ID, r.Name, r.Created }}

// roleServerFields are the members of a role that ISC owns, or that PATCH cannot change.
var roleServerFields = []string{"id", "created", "modified", "dimensional"}

// CreateRole creates a role; see object.createNamed for a lost answer.
func (c *Client) CreateRole(ctx context.Context, r *Role) (*Role, error) {
	body := r.withoutRefNames()
	body.ID, body.Created, body.Modified = "", "", ""
	return roles.createNamed(ctx, c, body)
}

// GetRole reads a role; errors.Is(err, ErrNotFound) when it does not exist. Within a run it is
// served from the list of the first 250 roles (five pages of 50, the most ISC serves).
func (c *Client) GetRole(ctx context.Context, id string) (*Role, error) {
	return roles.get(ctx, c, id)
}

// ListRoles reads every role matching opts (filters on id, name, created, modified, owner.id,
// requestable and dimensional), in pages of 50.
func (c *Client) ListRoles(ctx context.Context, opts ListOptions) ([]Role, int, error) {
	return roles.list(ctx, c, opts)
}

// RolePages reads the roles matching opts a page at a time, in pages of 50.
func (c *Client) RolePages(ctx context.Context, opts ListOptions) iter.Seq2[[]Role, error] {
	return roles.pages(ctx, c, opts)
}

// AllRoles returns every role, from the run's read cache when it holds them all.
func (c *Client) AllRoles(ctx context.Context) ([]Role, error) {
	return roles.all(ctx, c)
}

// PatchRole changes a role from what from holds to what to holds with one JSON Patch; nil and no
// request when nothing changed. References go by id. Access profiles, entitlements and segments
// are sets whose order ISC keeps its own, so a change replaces the whole list; a membership that
// changes is replaced whole, as ISC's examples do.
func (c *Client) PatchRole(ctx context.Context, id string, from, to *Role) (*Role, error) {
	f, t := from.withoutRefNames(), to.withoutRefNames()
	p, err := DiffDocuments(f, t, append(roleServerFields, "accessProfiles", "entitlements", "segments", "membership")...)
	for _, refs := range []struct {
		path     string
		from, to []Reference
	}{{"/accessProfiles", f.AccessProfiles, t.AccessProfiles}, {"/entitlements", f.Entitlements, t.Entitlements}} {
		if err == nil && !sameSet(refIDs(refs.from), refIDs(refs.to)) {
			var value json.RawMessage
			value, err = json.Marshal(refs.to)
			p = append(p, PatchOperation{Op: "replace", Path: refs.path, Value: value})
		}
	}
	if err == nil {
		p, err = p.replaceSet("/segments", f.Segments, t.Segments)
	}
	if err == nil && !reflect.DeepEqual(f.Membership, t.Membership) {
		switch {
		case t.Membership == nil:
			p = append(p, PatchOperation{Op: "remove", Path: "/membership"})
		default:
			var value json.RawMessage
			value, err = json.Marshal(t.Membership)
			p = append(p, PatchOperation{Op: "replace", Path: "/membership", Value: value})
		}
	}
	if err != nil || len(p) == 0 {
		return nil, err
	}
	var out Role
	if _, err := c.do(ctx, request{method: http.MethodPatch, path: roles.itemPath(id), body: p, contentType: JSONPatchContentType, out: &out}); err != nil {
		return nil, err
	}
	roles.remember(c, id, &out)
	return &out, nil
}

// DeleteRole deletes a role.
func (c *Client) DeleteRole(ctx context.Context, id string) error {
	return roles.delete(ctx, c, id)
}

// withoutRefNames is a copy of the role as it is sent: references by type and id, membership
// identities by id in a stable order.
func (r *Role) withoutRefNames() *Role {
	out := *r
	dropRefNames(&out.Owner)
	typed := func(refs []Reference, typ string) []Reference {
		out := make([]Reference, len(refs))
		for i, ref := range refs {
			out[i] = Reference{Type: typ, ID: ref.ID}
		}
		return out
	}
	out.AccessProfiles, out.Entitlements = typed(r.AccessProfiles, "ACCESS_PROFILE"), typed(r.Entitlements, "ENTITLEMENT")
	if m := r.Membership; m != nil {
		mm := RoleMembership{Type: m.Type, Criteria: m.Criteria}
		for _, i := range m.Identities {
			mm.Identities = append(mm.Identities, RoleMembershipIdentity{Type: RefIdentity, ID: i.ID})
		}
		slices.SortFunc(mm.Identities, func(a, b RoleMembershipIdentity) int { return strings.Compare(a.ID, b.ID) })
		out.Membership = &mm
	}
	return &out
}
