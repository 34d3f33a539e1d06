package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// AccessProfile is an access profile: entitlements of one source, requested together.
type AccessProfile struct {
	ID                      string           `json:"id"`
	Name                    string           `json:"name"`
	Description             *string          `json:"description"`
	Created                 string           `json:"created"`
	Modified                string           `json:"modified"`
	Enabled                 bool             `json:"enabled"`
	Owner                   *Ref             `json:"owner"`
	Source                  *Ref             `json:"source"`
	Entitlements            []Ref            `json:"entitlements"`
	Requestable             *bool            `json:"requestable"` // ISC's default is true
	AccessRequestConfig     *Requestability  `json:"accessRequestConfig"`
	RevocationRequestConfig *Revocability    `json:"revocationRequestConfig"`
	Segments                []string         `json:"segments"`
	AccessModelMetadata     *AttributeDTOs   `json:"accessModelMetadata,omitempty"`
	ProvisioningCriteria    map[string]any   `json:"provisioningCriteria"`
	AdditionalOwners        []map[string]any `json:"additionalOwners"`
}

// Requestability is the access request configuration of an access profile.
type Requestability struct {
	CommentsRequired           *bool            `json:"commentsRequired"`
	DenialCommentsRequired     *bool            `json:"denialCommentsRequired"`
	ReauthorizationRequired    *bool            `json:"reauthorizationRequired"`
	RequireEndDate             *bool            `json:"requireEndDate"`
	MaxPermittedAccessDuration map[string]any   `json:"maxPermittedAccessDuration"`
	ApprovalSchemes            []ApprovalScheme `json:"approvalSchemes"`
}

// Revocability is the revocation request configuration of an access profile.
type Revocability struct {
	ApprovalSchemes []ApprovalScheme `json:"approvalSchemes"`
}

// ApprovalScheme is one approval step.
type ApprovalScheme struct {
	ApproverType string  `json:"approverType"`
	ApproverID   *string `json:"approverId"`
}

// AttributeDTOs is AttributeDTOList, an object holding a list (trap 40).
type AttributeDTOs struct {
	Attributes []map[string]any `json:"attributes"`
}

// accessProfileApproverTypes is the contract's enum of AccessProfileApprovalScheme.approverType.
var accessProfileApproverTypes = []string{"APP_OWNER", "OWNER", "SOURCE_OWNER", "MANAGER", "GOVERNANCE_GROUP", "WORKFLOW",
	"ALL_OWNERS", "ADDITIONAL_OWNER", "ADDITIONAL_GOVERNANCE_GROUP"}

// accessProfileKind: access profiles under /access-profiles, changed by JSON Patch. The source
// changes only together with the entitlements, which must all be the source's (trap 35); an
// enabled profile needs an entitlement; requestable defaults to true.
var accessProfileKind = &kind[AccessProfile]{
	noun: "access profile", path: "/access-profiles",
	list: listSpec[*AccessProfile]{
		filters: filterFields[*AccessProfile]{
			"id":          {kindString, "eq in", func(p *AccessProfile) any { return p.ID }},
			"name":        {kindString, "eq sw", func(p *AccessProfile) any { return p.Name }},
			"created":     {kindTime, "gt ge le", func(p *AccessProfile) any { return p.Created }},
			"modified":    {kindTime, "gt lt ge le", func(p *AccessProfile) any { return p.Modified }},
			"owner.id":    {kindString, "eq in", func(p *AccessProfile) any { return refID(p.Owner) }},
			"requestable": {kindBool, "eq", func(p *AccessProfile) any { return p.Requestable != nil && *p.Requestable }},
			"source.id":   {kindString, "eq in", func(p *AccessProfile) any { return refID(p.Source) }},
		},
		sorters: sortFields[*AccessProfile]{
			"name":     func(p *AccessProfile) any { return p.Name },
			"created":  func(p *AccessProfile) any { return p.Created },
			"modified": func(p *AccessProfile) any { return p.Modified },
		},
		paged: true,
	},
	update:    updatePatch,
	immutable: []string{"id", "created", "modified", "accessModelMetadata"},
	id:        func(p *AccessProfile) *string { return &p.ID },
	created:   func(p *AccessProfile) *string { return &p.Created },
	modified:  func(p *AccessProfile) *string { return &p.Modified },
	checkPatch: func(patch jsonPatch) error {
		var source, entitlements bool
		for _, op := range patch {
			source = source || op.changes("/source")
			entitlements = entitlements || op.changes("/entitlements")
		}
		if source && !entitlements {
			return badRequest("the source of an access profile can change only together with its entitlements, in the same request")
		}
		return nil
	},
	normalize: func(s *Server, p, _ *AccessProfile) error { return s.normalizeAccessProfile(p) },
	// ISC refuses to delete an access profile a role or a lifecycle state grants (NOTES.md B.14).
	inUse: func(s *Server, p *AccessProfile) error {
		if r := s.roleUsing(p.ID); r != nil {
			return inUseBy("access profile '%s' is used by role '%s' (%s) and cannot be deleted", p.Name, r.Name, r.ID)
		}
		for _, l := range s.data.lifecycleStates.all() {
			if slices.Contains(l.AccessProfileIDs, p.ID) {
				return inUseBy("access profile '%s' is used by lifecycle state '%s' (%s) and cannot be deleted", p.Name, l.Name, l.ID)
			}
		}
		return nil
	},
}

func (s *Server) normalizeAccessProfile(p *AccessProfile) error {
	if err := requireName("name", p.Name, 0); err != nil {
		return err
	}
	if p.Description != nil && len([]rune(*p.Description)) > 2000 {
		return badRequest("field 'description' must be at most 2000 characters")
	}
	if p.Owner == nil {
		return badRequest("field 'owner' is required")
	}
	if err := s.resolveIdentityRef("owner", p.Owner); err != nil {
		return err
	}
	if p.Source == nil || p.Source.ID == "" {
		return badRequest("field 'source.id' is required")
	}
	if p.Source.Type != "" && p.Source.Type != refSource {
		return badRequest("field 'source.type' must be %s, got '%s'", refSource, p.Source.Type)
	}
	src, err := s.source(p.Source.ID)
	if err != nil {
		return badRequest("field 'source.id': source '%s' does not exist", p.Source.ID)
	}
	p.Source.Type, p.Source.Name = refSource, src.src.Name
	for i := range p.Entitlements {
		ref := &p.Entitlements[i]
		e, err := s.data.entitlements.get(ref.ID)
		switch {
		case err != nil:
			return badRequest("field 'entitlements[%d].id': entitlement '%s' does not exist", i, ref.ID)
		case e.Source.ID != src.src.ID:
			return badRequest("field 'entitlements[%d].id': entitlement '%s' belongs to source '%s', not to the access profile's source '%s'",
				i, ref.ID, e.Source.Name, src.src.Name)
		case slices.ContainsFunc(p.Entitlements[:i], func(o Ref) bool { return o.ID == ref.ID }):
			return badRequest("field 'entitlements[%d].id': entitlement '%s' is listed twice", i, ref.ID)
		}
		ref.Type, ref.Name = refEntitlement, e.Name
	}
	if p.Enabled && len(p.Entitlements) == 0 {
		return badRequest("an enabled access profile must include at least one entitlement")
	}
	if p.Requestable == nil {
		requestable := true
		p.Requestable = &requestable
	}
	if c := p.AccessRequestConfig; c != nil {
		if err := s.checkApprovalSchemes("accessRequestConfig", accessProfileApproverTypes, c.ApprovalSchemes); err != nil {
			return err
		}
	}
	if c := p.RevocationRequestConfig; c != nil {
		if err := s.checkApprovalSchemes("revocationRequestConfig", accessProfileApproverTypes, c.ApprovalSchemes); err != nil {
			return err
		}
	}
	if p.AccessModelMetadata == nil {
		p.AccessModelMetadata = &AttributeDTOs{Attributes: []map[string]any{}}
	}
	return checkNameUnique(s.data.accessProfiles, p, func(p *AccessProfile) string { return p.Name })
}

// checkApprovalSchemes checks approver types (one of approverTypes) and that a governance group
// approver exists.
func (s *Server) checkApprovalSchemes(field string, approverTypes []string, schemes []ApprovalScheme) error {
	for i, a := range schemes {
		at := fmt.Sprintf("%s.approvalSchemes[%d]", field, i)
		switch {
		case !slices.Contains(approverTypes, a.ApproverType):
			return badRequest("field '%s.approverType' must be one of %s, got '%s'", at, strings.Join(approverTypes, ", "), a.ApproverType)
		case a.ApproverType == "GOVERNANCE_GROUP" || a.ApproverType == "ADDITIONAL_GOVERNANCE_GROUP":
			if a.ApproverID == nil {
				return badRequest("field '%s.approverId' is required for approver type %s", at, a.ApproverType)
			}
			if _, err := s.data.workgroups.get(*a.ApproverID); err != nil {
				return badRequest("field '%s.approverId': governance group '%s' does not exist", at, *a.ApproverID)
			}
		}
	}
	return nil
}

func (s *Server) accessProfileRoutes(m *http.ServeMux) {
	serveKind(s, m, accessProfileKind, func(st *state) *collection[AccessProfile] { return st.accessProfiles })
}
