package emulator

import (
	"net/http"
	"strings"
	"time"
)

func (s *Server) identityProfileRoutes(m *http.ServeMux) {
	serveKind(s, m, profileKind, func(st *state) *collection[IdentityProfile] { return st.profiles })
}

// profileKind: identity profiles are patched, and deleted in a background task. A patch may not
// change the authoritative source and the attribute configuration at once, as ISC says.
var profileKind = &kind[IdentityProfile]{
	noun: "identity profile", path: "/identity-profiles",
	list:      profileList,
	update:    updatePatch,
	immutable: []string{"id", "created", "modified", "identityCount", "identityRefreshRequired"},
	id:        func(p *IdentityProfile) *string { return &p.ID },
	created:   func(p *IdentityProfile) *string { return &p.Created },
	modified:  func(p *IdentityProfile) *string { return &p.Modified },
	serverOwned: func(p, old *IdentityProfile) {
		if old == nil {
			p.IdentityCount, p.IdentityRefreshRequired, p.HasTimeBasedAttr, p.IdentityExceptionReportReference = 0, false, false, nil
			return
		}
		p.IdentityCount, p.IdentityRefreshRequired = old.IdentityCount, old.IdentityRefreshRequired
	},
	normalize: func(s *Server, p, _ *IdentityProfile) error { return s.normalizeIdentityProfile(p) },
	checkPatch: func(patch jsonPatch) error {
		var source, config bool
		for _, op := range patch {
			source = source || op.changes("/authoritativeSource")
			config = config || op.changes("/identityAttributeConfig")
		}
		if source && config {
			return badRequest("Authoritative Source and Identity Attribute Configuration cannot be modified at the same time")
		}
		return nil
	},
	deleteTask: func(s *Server, p *IdentityProfile, now time.Time) *task {
		return s.newTask("Background Object Terminator "+p.ID,
			"Generic task for terminating data in the overlay, used by the TerminationService.",
			nil, now, s.cfg.DeleteDelay) // TaskStatus.target has no type for profiles
	},
	deleteAnswer: func(t *task, now time.Time) any {
		out := TaskResultSimplified{ID: t.id, Name: t.uniqueName, Description: t.description, Launcher: t.launcher, Launched: formatTime(t.launched)}
		if t.done(now) {
			out.Completed, out.CompletionStatus = formatTime(t.completes), "Success"
		}
		return out
	},
}

var profileList = listSpec[*IdentityProfile]{
	filters: filterFields[*IdentityProfile]{
		"id":       {kindString, "eq ne ge gt in le sw", func(p *IdentityProfile) any { return p.ID }},
		"name":     {kindString, "eq ne ge gt in le sw", func(p *IdentityProfile) any { return p.Name }},
		"priority": {kindNumber, "eq ne", func(p *IdentityProfile) any { return p.Priority }},
	},
	sorters: sortFields[*IdentityProfile]{
		"id":         func(p *IdentityProfile) any { return p.ID },
		"name":       func(p *IdentityProfile) any { return p.Name },
		"priority":   func(p *IdentityProfile) any { return p.Priority },
		"created":    func(p *IdentityProfile) any { return p.Created },
		"modified":   func(p *IdentityProfile) any { return p.Modified },
		"owner.id":   func(p *IdentityProfile) any { return refID(p.Owner) },
		"owner.name": func(p *IdentityProfile) any { return refName(p.Owner) },
	},
	paged: true,
}

// isAuthoritative reports whether an identity profile references the source.
func (s *Server) isAuthoritative(sourceID string) bool {
	return s.profileUsing(sourceID) != nil
}

func (s *Server) profileUsing(sourceID string) *IdentityProfile {
	for _, p := range s.data.profiles.all() {
		if p.AuthoritativeSource.ID == sourceID {
			return p
		}
	}
	return nil
}

// checkSourceUnreferenced refuses to delete a source an identity profile uses, as ISC does.
func (s *Server) checkSourceUnreferenced(sourceID string) error {
	if p := s.profileUsing(sourceID); p != nil {
		return badRequest("source '%s' is the authoritative source of identity profile '%s' (%s); delete the identity profile first",
			sourceID, p.Name, p.ID)
	}
	return nil
}

// normalizeIdentityProfile validates a profile and fills the names of its references.
func (s *Server) normalizeIdentityProfile(p *IdentityProfile) error {
	p.Name = strings.TrimSpace(p.Name)
	switch {
	case p.Name == "":
		return badRequest("field 'name' is required")
	case p.AuthoritativeSource == nil:
		return badRequest("field 'authoritativeSource' is required")
	case p.AuthoritativeSource.ID == "":
		return badRequest("field 'authoritativeSource.id' is required")
	case p.AuthoritativeSource.Type != "" && p.AuthoritativeSource.Type != refSource:
		return badRequest("field 'authoritativeSource.type' must be %s, got '%s'", refSource, p.AuthoritativeSource.Type)
	}
	src, ok := s.data.sources[p.AuthoritativeSource.ID]
	switch {
	case !ok:
		return badRequest("field 'authoritativeSource.id': source '%s' does not exist", p.AuthoritativeSource.ID)
	case src.deleting != nil:
		return badRequest("field 'authoritativeSource.id': source '%s' is being deleted", p.AuthoritativeSource.ID)
	}
	p.AuthoritativeSource.Type, p.AuthoritativeSource.Name = refSource, src.src.Name
	if p.Owner != nil {
		if err := s.resolveIdentityRef("owner", p.Owner); err != nil {
			return err
		}
	}
	for _, other := range s.data.profiles.all() {
		switch {
		case other.ID == p.ID:
		case strings.EqualFold(other.Name, p.Name):
			return badRequest("an identity profile named '%s' already exists (id %s)", p.Name, other.ID)
		case other.AuthoritativeSource.ID == p.AuthoritativeSource.ID:
			return badRequest("source '%s' is already the authoritative source of identity profile '%s' (id %s)",
				src.src.Name, other.Name, other.ID)
		}
	}
	if p.IdentityAttributeConfig.AttributeTransforms == nil {
		p.IdentityAttributeConfig.AttributeTransforms = []IdentityAttributeTransform{}
	}
	for i := range p.IdentityAttributeConfig.AttributeTransforms {
		t := &p.IdentityAttributeConfig.AttributeTransforms[i]
		if t.IdentityAttributeName == "" {
			return badRequest("field 'identityAttributeConfig.attributeTransforms[%d].identityAttributeName' is required", i)
		}
		if t.TransformDefinition.Attributes == nil {
			t.TransformDefinition.Attributes = map[string]any{}
		}
	}
	return nil
}
