package client

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
)

// GovernanceGroup is an ISC governance group (a "workgroup" in the API). Its members are not
// part of it: see GovernanceGroupMembers. The fields below the blank line are set by ISC.
type GovernanceGroup struct {
	ID          string     `json:"id,omitempty"`
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Owner       *Reference `json:"owner,omitempty"`

	MemberCount     int64  `json:"memberCount,omitempty"`
	ConnectionCount int64  `json:"connectionCount,omitempty"`
	Created         string `json:"created,omitempty"`
	Modified        string `json:"modified,omitempty"`
}

const governanceGroupsPath = "/workgroups"

var governanceGroups = object[GovernanceGroup]{path: governanceGroupsPath, noun: "governance group",
	identify: func(g *GovernanceGroup) (string, string, string) { return g.ID, g.Name, g.Created }}

// governanceGroupServerFields are the members of a governance group that ISC owns: only name,
// description and owner are patchable.
var governanceGroupServerFields = []string{"id", "memberCount", "connectionCount", "created", "modified"}

// CreateGovernanceGroup creates a governance group; see object.createNamed for a lost answer.
func (c *Client) CreateGovernanceGroup(ctx context.Context, g *GovernanceGroup) (*GovernanceGroup, error) {
	body := GovernanceGroup{Name: g.Name, Description: g.Description, Owner: g.Owner}
	dropRefNames(&body.Owner)
	return governanceGroups.createNamed(ctx, c, &body)
}

// GetGovernanceGroup reads a governance group; errors.Is(err, ErrNotFound) when it does not
// exist. Within a run it is served from one list of every group.
func (c *Client) GetGovernanceGroup(ctx context.Context, id string) (*GovernanceGroup, error) {
	return governanceGroups.get(ctx, c, id)
}

// ListGovernanceGroups reads every governance group matching opts (filters on id, name and
// memberships.identityId), page by page.
func (c *Client) ListGovernanceGroups(ctx context.Context, opts ListOptions) ([]GovernanceGroup, int, error) {
	return governanceGroups.list(ctx, c, opts)
}

// GovernanceGroupPages reads the governance groups matching opts a page at a time.
func (c *Client) GovernanceGroupPages(ctx context.Context, opts ListOptions) iter.Seq2[[]GovernanceGroup, error] {
	return governanceGroups.pages(ctx, c, opts)
}

// AllGovernanceGroups returns every governance group, from the run's read cache when it holds
// them all.
func (c *Client) AllGovernanceGroups(ctx context.Context) ([]GovernanceGroup, error) {
	return governanceGroups.all(ctx, c)
}

// PatchGovernanceGroup changes a governance group from what from holds to what to holds, with
// one JSON Patch of name, description and owner (by id); nil and no request when nothing changed.
func (c *Client) PatchGovernanceGroup(ctx context.Context, id string, from, to *GovernanceGroup) (*GovernanceGroup, error) {
	f, t := *from, *to
	dropRefNames(&f.Owner, &t.Owner)
	p, err := DiffDocuments(&f, &t, governanceGroupServerFields...)
	if err != nil || len(p) == 0 {
		return nil, err
	}
	var out GovernanceGroup
	if _, err := c.do(ctx, request{method: http.MethodPatch, path: governanceGroups.itemPath(id), body: p, contentType: JSONPatchContentType, out: &out}); err != nil {
		return nil, err
	}
	governanceGroups.remember(c, id, &out)
	return &out, nil
}

// DeleteGovernanceGroup deletes a governance group.
func (c *Client) DeleteGovernanceGroup(ctx context.Context, id string) error {
	return governanceGroups.delete(ctx, c, id)
}

// GovernanceGroupMember is one member of a governance group: an identity.
type GovernanceGroupMember struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

func governanceGroupMembersPath(groupID string) string {
	return governanceGroups.itemPath(groupID) + "/members"
}

// membersPageSize is the largest page of members ISC serves.
const membersPageSize = 50

// GovernanceGroupMembers lists the members of a governance group; errors.Is(err, ErrNotFound)
// when the group does not exist.
func (c *Client) GovernanceGroupMembers(ctx context.Context, groupID string) ([]GovernanceGroupMember, error) {
	out, _, err := listAll[GovernanceGroupMember](ctx, c, governanceGroupMembersPath(groupID), ListOptions{PageSize: membersPageSize})
	return out, err
}

// MemberChangeError is a bulk change of a governance group's members that ISC carried out for
// some identities only: Failed holds the others, each with ISC's status and description.
type MemberChangeError struct {
	GroupID string
	Adding  bool
	Failed  []MemberResult
}

// MemberResult is ISC's answer for one identity of a bulk member change.
type MemberResult struct {
	ID          string `json:"id"`
	Status      int    `json:"status"`
	Description string `json:"description"`
}

func (e *MemberChangeError) Error() string {
	verb := "remove"
	if e.Adding {
		verb = "add"
	}
	lines := make([]string, len(e.Failed))
	for i, f := range e.Failed {
		lines[i] = fmt.Sprintf("identity %s: %d %s", f.ID, f.Status, strings.TrimSpace(f.Description))
	}
	return fmt.Sprintf("ISC did not %s %d of the members of governance group %s:\n%s", verb, len(e.Failed), e.GroupID, strings.Join(lines, "\n"))
}

// SetGovernanceGroupMembers makes the members of a governance group exactly the identities
// wanted: it lists them, adds the missing ones and removes the others, in one bulk request each.
// ISC answers each bulk request with a result per identity (207), so it can go through for some
// identities only; then the error is a *MemberChangeError naming each identity that failed, and
// the members returned are those the group has after the requests.
func (c *Client) SetGovernanceGroupMembers(ctx context.Context, groupID string, wanted []string) ([]string, error) {
	current, err := c.GovernanceGroupMembers(ctx, groupID)
	if err != nil {
		return nil, err
	}
	have := make([]string, len(current))
	for i, m := range current {
		have[i] = m.ID
	}
	var add, remove []string
	for _, id := range wanted {
		if !slices.Contains(have, id) && !slices.Contains(add, id) {
			add = append(add, id)
		}
	}
	for _, id := range have {
		if !slices.Contains(wanted, id) {
			remove = append(remove, id)
		}
	}
	var errs []error
	if len(add) > 0 {
		done, err := c.bulkMembers(ctx, groupID, true, add)
		have = append(have, done...)
		errs = append(errs, err)
	}
	if len(remove) > 0 {
		done, err := c.bulkMembers(ctx, groupID, false, remove)
		have = slices.DeleteFunc(have, func(id string) bool { return slices.Contains(done, id) })
		errs = append(errs, err)
	}
	for _, err := range errs {
		if err != nil {
			return have, err
		}
	}
	return have, nil
}

// RemoveGovernanceGroupMembers removes identities from a governance group; identities that are
// not members count as removed. Identities ISC did not remove make a *MemberChangeError.
func (c *Client) RemoveGovernanceGroupMembers(ctx context.Context, groupID string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := c.bulkMembers(ctx, groupID, false, ids)
	return err
}

// bulkMembers adds or removes identities and returns those for which ISC reports success: on add
// 201 (added) or 409 (a member already), on remove 204 (removed) or 404 (not a member). Any other
// result, or none for an identity, makes a *MemberChangeError. Sending the request twice does no
// more than sending it once, so it is retried like a PUT.
func (c *Client) bulkMembers(ctx context.Context, groupID string, adding bool, ids []string) ([]string, error) {
	op, ok := "/bulk-delete", []int{http.StatusNoContent, http.StatusNotFound}
	if adding {
		op, ok = "/bulk-add", []int{http.StatusCreated, http.StatusConflict}
	}
	body := make([]Reference, len(ids))
	for i, id := range ids {
		body[i] = Reference{Type: RefIdentity, ID: id}
	}
	var results []MemberResult
	if _, err := c.do(ctx, request{method: http.MethodPost, path: governanceGroupMembersPath(groupID) + op, body: body, out: &results, sameTwice: true}); err != nil {
		return nil, err
	}
	var done []string
	failed := &MemberChangeError{GroupID: groupID, Adding: adding}
	for _, id := range ids {
		i := slices.IndexFunc(results, func(r MemberResult) bool { return r.ID == id })
		switch {
		case i < 0:
			failed.Failed = append(failed.Failed, MemberResult{ID: id, Description: "ISC's answer has no result for this identity"})
		case slices.Contains(ok, results[i].Status):
			done = append(done, id)
		default:
			failed.Failed = append(failed.Failed, results[i])
		}
	}
	if len(failed.Failed) > 0 {
		return done, failed
	}
	return done, nil
}
