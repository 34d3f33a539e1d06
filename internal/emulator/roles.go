package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Role is a role: access profiles and entitlements granted together, to the identities its
// membership selects.
type Role struct {
	ID                      string           `json:"id"`
	Name                    string           `json:"name"`
	Description             *string          `json:"description"`
	Created                 string           `json:"created"`
	Modified                string           `json:"modified"`
	Owner                   *Ref             `json:"owner"`
	AdditionalOwners        []map[string]any `json:"additionalOwners"`
	AccessProfiles          []Ref            `json:"accessProfiles"`
	Entitlements            []Ref            `json:"entitlements"`
	Membership              *RoleMembership  `json:"membership"`
	LegacyMembershipInfo    map[string]any   `json:"legacyMembershipInfo"`
	Enabled                 bool             `json:"enabled"`
	Requestable             bool             `json:"requestable"`
	AccessRequestConfig     *Requestability  `json:"accessRequestConfig,omitempty"`     // not nullable (trap 41)
	RevocationRequestConfig *Revocability    `json:"revocationRequestConfig,omitempty"` // likewise
	Segments                []string         `json:"segments"`
	Dimensional             *bool            `json:"dimensional"`
	DimensionRefs           []Ref            `json:"dimensionRefs"`
	AccessModelMetadata     *AttributeDTOs   `json:"accessModelMetadata,omitempty"`
	PrivilegeLevel          *string          `json:"privilegeLevel"`
}

// RoleMembership is RoleMembershipSelector: criteria (STANDARD) or a list of identities
// (IDENTITY_LIST).
type RoleMembership struct {
	Type       string                   `json:"type"`
	Criteria   *RoleCriteria            `json:"criteria"`
	Identities []RoleMembershipIdentity `json:"identities"`
}

// RoleCriteria is one node of membership criteria, at any of the three levels.
type RoleCriteria struct {
	Operation   string           `json:"operation"`
	Key         *RoleCriteriaKey `json:"key,omitempty"`
	StringValue *string          `json:"stringValue,omitempty"`
	Children    []RoleCriteria   `json:"children,omitempty"` // absent at level 3, which has none
}

// RoleCriteriaKey is what a criteria leaf tests.
type RoleCriteriaKey struct {
	Type     string  `json:"type"`
	Property string  `json:"property"`
	SourceID *string `json:"sourceId"`
}

// RoleMembershipIdentity is an identity of an IDENTITY_LIST membership.
type RoleMembershipIdentity struct {
	Type      string  `json:"type"`
	ID        string  `json:"id"`
	Name      *string `json:"name"`
	AliasName *string `json:"aliasName"`
}

const refAccessProfile = "ACCESS_PROFILE"

// roleApproverTypes is the contract's enum of ApprovalSchemeForRole.approverType.
var roleApproverTypes = []string{"OWNER", "MANAGER", "GOVERNANCE_GROUP", "WORKFLOW", "ALL_OWNERS", "ADDITIONAL_OWNER", "ADDITIONAL_GOVERNANCE_GROUP"}

var (
	criteriaLeaves    = []string{"EQUALS", "NOT_EQUALS", "CONTAINS", "DOES_NOT_CONTAIN", "STARTS_WITH", "ENDS_WITH"}
	criteriaCompares  = []string{"GREATER_THAN", "LESS_THAN", "GREATER_THAN_EQUALS", "LESS_THAN_EQUALS"}
	criteriaKeyTypes  = []string{"IDENTITY", "ACCOUNT", "ENTITLEMENT"}
	maxIdentityChange = 500 // membership identities one PATCH may change (trap 39)
)

// roleKind: roles under /roles, changed by JSON Patch, listed 50 at most per page (trap 42).
var roleKind = &kind[Role]{
	noun: "role", path: "/roles",
	list: listSpec[*Role]{
		filters: filterFields[*Role]{
			"id":          {kindString, "eq in", func(r *Role) any { return r.ID }},
			"name":        {kindString, "eq sw", func(r *Role) any { return r.Name }},
			"created":     {kindTime, "gt ge le", func(r *Role) any { return r.Created }},
			"modified":    {kindTime, "lt ge le", func(r *Role) any { return r.Modified }},
			"owner.id":    {kindString, "eq in", func(r *Role) any { return refID(r.Owner) }},
			"requestable": {kindBool, "eq", func(r *Role) any { return r.Requestable }},
			"dimensional": {kindBool, "eq", func(r *Role) any { return r.Dimensional != nil && *r.Dimensional }},
		},
		sorters: sortFields[*Role]{
			"name":     func(r *Role) any { return r.Name },
			"created":  func(r *Role) any { return r.Created },
			"modified": func(r *Role) any { return r.Modified },
		},
		paged: true, maxLimit: 50,
	},
	update: updatePatch,
	// The contract lists what PATCH may change; dimensional, dimensionRefs, privilegeLevel and
	// legacyMembershipInfo are not on that list.
	immutable: []string{"id", "created", "modified", "dimensional", "dimensionRefs", "privilegeLevel", "legacyMembershipInfo"},
	id:        func(r *Role) *string { return &r.ID },
	created:   func(r *Role) *string { return &r.Created },
	modified:  func(r *Role) *string { return &r.Modified },
	normalize: func(s *Server, r, old *Role) error { return s.normalizeRole(r, old) },
}

func (s *Server) normalizeRole(r, old *Role) error {
	if err := requireName("name", r.Name, 128); err != nil {
		return err
	}
	if r.Description != nil && len([]rune(*r.Description)) > 2000 {
		return badRequest("field 'description' must be at most 2000 characters")
	}
	if r.Owner == nil {
		return badRequest("field 'owner' is required")
	}
	if err := s.resolveIdentityRef("owner", r.Owner); err != nil {
		return err
	}
	if old == nil && r.AccessModelMetadata != nil && len(r.AccessModelMetadata.Attributes) > 0 {
		return badRequest("field 'accessModelMetadata' must be left null or empty when creating a role")
	}
	for i := range r.AccessProfiles {
		ref := &r.AccessProfiles[i]
		p, err := s.data.accessProfiles.get(ref.ID)
		switch {
		case ref.Type != "" && ref.Type != refAccessProfile:
			return badRequest("field 'accessProfiles[%d].type' must be %s, got '%s'", i, refAccessProfile, ref.Type)
		case err != nil:
			return badRequest("field 'accessProfiles[%d].id': access profile '%s' does not exist", i, ref.ID)
		case slices.ContainsFunc(r.AccessProfiles[:i], func(o Ref) bool { return o.ID == ref.ID }):
			return badRequest("field 'accessProfiles[%d].id': access profile '%s' is listed twice", i, ref.ID)
		}
		ref.Type, ref.Name = refAccessProfile, p.Name
	}
	for i := range r.Entitlements {
		ref := &r.Entitlements[i]
		e, err := s.data.entitlements.get(ref.ID)
		switch {
		case err != nil:
			return badRequest("field 'entitlements[%d].id': entitlement '%s' does not exist", i, ref.ID)
		case slices.ContainsFunc(r.Entitlements[:i], func(o Ref) bool { return o.ID == ref.ID }):
			return badRequest("field 'entitlements[%d].id': entitlement '%s' is listed twice", i, ref.ID)
		}
		ref.Type, ref.Name = refEntitlement, e.Name
	}
	if err := s.checkMembership(r.Membership); err != nil {
		return err
	}
	if old != nil {
		if n := identityChanges(old.Membership, r.Membership); n > maxIdentityChange {
			return badRequest("a patch can change at most %d membership identities at a time, got %d", maxIdentityChange, n)
		}
	}
	if c := r.AccessRequestConfig; c != nil {
		if err := s.checkApprovalSchemes("accessRequestConfig", roleApproverTypes, c.ApprovalSchemes); err != nil {
			return err
		}
	}
	if c := r.RevocationRequestConfig; c != nil {
		if err := s.checkApprovalSchemes("revocationRequestConfig", roleApproverTypes, c.ApprovalSchemes); err != nil {
			return err
		}
	}
	if r.Dimensional == nil {
		r.Dimensional = new(bool)
	}
	if r.AccessProfiles == nil {
		r.AccessProfiles = []Ref{}
	}
	if r.Entitlements == nil {
		r.Entitlements = []Ref{}
	}
	if r.AccessModelMetadata == nil {
		r.AccessModelMetadata = &AttributeDTOs{Attributes: []map[string]any{}}
	}
	return checkNameUnique(s.data.roles, r, func(r *Role) string { return r.Name })
}

// checkMembership checks a membership selector within ISC's limits (trap 39) and fills in the
// names of listed identities.
func (s *Server) checkMembership(m *RoleMembership) error {
	if m == nil {
		return nil
	}
	switch m.Type {
	case "STANDARD":
		if m.Criteria == nil {
			return badRequest("field 'membership.criteria' is required when membership.type is STANDARD")
		}
		if len(m.Identities) > 0 {
			return badRequest("field 'membership.identities' must be empty when membership.type is STANDARD")
		}
		return s.checkCriteria("membership.criteria", m.Criteria, 1, "")
	case "IDENTITY_LIST":
		if m.Criteria != nil {
			return badRequest("field 'membership.criteria' must be null when membership.type is IDENTITY_LIST")
		}
		for i := range m.Identities {
			id := &m.Identities[i]
			ref := Ref{Type: id.Type, ID: id.ID}
			if err := s.resolveIdentityRef(fmt.Sprintf("membership.identities[%d]", i), &ref); err != nil {
				return err
			}
			alias := s.fixtures.identity[ref.ID].Alias
			id.Type, id.Name, id.AliasName = ref.Type, &ref.Name, &alias
		}
		return nil
	default:
		return badRequest("field 'membership.type' must be STANDARD or IDENTITY_LIST, got '%s'", m.Type)
	}
}

// checkCriteria checks one criteria node at level (1 to 3): a leaf tests a key against a string
// value; AND and OR nodes hold children of the other operation, or leaves.
func (s *Server) checkCriteria(at string, c *RoleCriteria, level int, parent string) error {
	switch {
	case c.Operation == "AND" || c.Operation == "OR":
		switch {
		case level == 3:
			return badRequest("field '%s': criteria have at most three levels, including leaves; a third-level node must be a leaf", at)
		case c.Operation == parent:
			return badRequest("field '%s': an %s node cannot be a child of an %s node (AND and OR alternate)", at, c.Operation, parent)
		case len(c.Children) == 0:
			return badRequest("field '%s.children' is required for operation %s", at, c.Operation)
		case c.Key != nil || c.StringValue != nil:
			return badRequest("field '%s': an %s node takes no key and no stringValue", at, c.Operation)
		}
		for i := range c.Children {
			if err := s.checkCriteria(fmt.Sprintf("%s.children[%d]", at, i), &c.Children[i], level+1, c.Operation); err != nil {
				return err
			}
		}
		return nil
	case slices.Contains(criteriaLeaves, c.Operation) || slices.Contains(criteriaCompares, c.Operation):
		switch {
		case len(c.Children) > 0:
			return badRequest("field '%s.children' must be null for operation %s", at, c.Operation)
		case c.Key == nil:
			return badRequest("field '%s.key' is required for operation %s", at, c.Operation)
		case c.StringValue == nil && slices.Contains(criteriaLeaves, c.Operation):
			return badRequest("field '%s.stringValue' is required for operation %s", at, c.Operation)
		case !slices.Contains(criteriaKeyTypes, c.Key.Type):
			return badRequest("field '%s.key.type' must be one of %s, got '%s'", at, strings.Join(criteriaKeyTypes, ", "), c.Key.Type)
		case strings.TrimSpace(c.Key.Property) == "":
			return badRequest("field '%s.key.property' is required", at)
		}
		if c.Key.Type == "IDENTITY" {
			return nil
		}
		if c.Key.SourceID == nil || *c.Key.SourceID == "" {
			return badRequest("field '%s.key.sourceId' is required when key.type is %s", at, c.Key.Type)
		}
		if _, err := s.source(*c.Key.SourceID); err != nil {
			return badRequest("field '%s.key.sourceId': source '%s' does not exist", at, *c.Key.SourceID)
		}
		return nil
	default:
		return badRequest("field '%s.operation': unknown operation '%s'", at, c.Operation)
	}
}

// identityChanges counts the identities one membership lists and the other does not.
func identityChanges(from, to *RoleMembership) int {
	ids := func(m *RoleMembership) map[string]bool {
		out := map[string]bool{}
		if m != nil {
			for _, i := range m.Identities {
				out[i.ID] = true
			}
		}
		return out
	}
	a, b := ids(from), ids(to)
	n := 0
	for id := range a {
		if !b[id] {
			n++
		}
	}
	for id := range b {
		if !a[id] {
			n++
		}
	}
	return n
}

// roleUsing returns a role that grants the access profile of this id; nil when none does.
func (s *Server) roleUsing(accessProfileID string) *Role {
	for _, r := range s.data.roles.all() {
		if slices.ContainsFunc(r.AccessProfiles, func(ref Ref) bool { return ref.ID == accessProfileID }) {
			return r
		}
	}
	return nil
}

func (s *Server) roleRoutes(m *http.ServeMux) {
	serveKind(s, m, roleKind, func(st *state) *collection[Role] { return st.roles })
}
