package emulator

import (
	"net/http"
	"strings"
)

func (s *Server) identityProfileRoutes(m *http.ServeMux) {
	s.handle(m, "GET /identity-profiles", s.listIdentityProfiles)
	s.handle(m, "POST /identity-profiles", s.createIdentityProfile)
	s.handle(m, "GET /identity-profiles/{id}", s.getIdentityProfile)
	s.handle(m, "PATCH /identity-profiles/{id}", s.patchIdentityProfile)
	s.handle(m, "DELETE /identity-profiles/{id}", s.deleteIdentityProfile)
}

// profileRecord is an identity profile and its pending delete.
type profileRecord struct {
	seq      int
	profile  IdentityProfile
	deleting *task
}

// profileImmutable are the fields a patch may not touch.
var profileImmutable = []string{"id", "created", "modified", "identityCount", "identityRefreshRequired"}

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

func (s *Server) profile(id string) (*profileRecord, error) {
	rec, ok := s.data.profiles[id]
	if !ok {
		return nil, notFound("Identity profile with id '%s' was not found", id)
	}
	return rec, nil
}

// isAuthoritative reports whether an identity profile references the source.
func (s *Server) isAuthoritative(sourceID string) bool {
	return s.profileUsing(sourceID) != nil
}

func (s *Server) profileUsing(sourceID string) *profileRecord {
	for _, rec := range s.data.profiles {
		if rec.profile.AuthoritativeSource.ID == sourceID {
			return rec
		}
	}
	return nil
}

// checkSourceUnreferenced refuses to delete a source an identity profile uses, as ISC does.
func (s *Server) checkSourceUnreferenced(sourceID string) error {
	if p := s.profileUsing(sourceID); p != nil {
		return badRequest("source '%s' is the authoritative source of identity profile '%s' (%s); delete the identity profile first",
			sourceID, p.profile.Name, p.profile.ID)
	}
	return nil
}

func (s *Server) listIdentityProfiles(w http.ResponseWriter, r *http.Request) (int, any, error) {
	recs := make([]*profileRecord, 0, len(s.data.profiles))
	for _, rec := range s.data.profiles {
		recs = append(recs, rec)
	}
	sortBySeq(recs, func(r *profileRecord) int { return r.seq })
	profiles := make([]*IdentityProfile, len(recs))
	for i, rec := range recs {
		profiles[i] = &rec.profile
	}
	out, err := profileList.apply(w, r, profiles)
	return http.StatusOK, out, err
}

func (s *Server) getIdentityProfile(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.profile(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, &rec.profile, nil
}

func (s *Server) createIdentityProfile(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	var p IdentityProfile
	if err := decodeJSON(readBody(r), &p); err != nil {
		return 0, nil, err
	}
	p.ID = newID()
	p.Created = formatTime(s.now())
	p.Modified = p.Created
	p.IdentityCount, p.IdentityRefreshRequired, p.HasTimeBasedAttr, p.IdentityExceptionReportReference = 0, false, false, nil
	if err := s.normalizeIdentityProfile(&p); err != nil {
		return 0, nil, err
	}
	s.data.profiles[p.ID] = &profileRecord{seq: s.data.nextSeq(), profile: p}
	return http.StatusCreated, &p, nil
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
	for id, other := range s.data.profiles {
		switch {
		case id == p.ID:
		case strings.EqualFold(other.profile.Name, p.Name):
			return badRequest("an identity profile named '%s' already exists (id %s)", p.Name, id)
		case other.profile.AuthoritativeSource.ID == p.AuthoritativeSource.ID:
			return badRequest("source '%s' is already the authoritative source of identity profile '%s' (id %s)",
				src.src.Name, other.profile.Name, id)
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

func (s *Server) patchIdentityProfile(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.profile(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	patch, err := decodePatch(mediaType(r), readBody(r))
	if err != nil {
		return 0, nil, err
	}
	if patch, err = patch.immutable(&rec.profile, profileImmutable...); err != nil {
		return 0, nil, err
	}
	var source, config bool
	for _, op := range patch {
		s := op.changes("/authoritativeSource")
		c := op.changes("/identityAttributeConfig")
		source, config = source || s, config || c
	}
	if source && config {
		return 0, nil, badRequest("Authoritative Source and Identity Attribute Configuration cannot be modified at the same time")
	}
	old := rec.profile
	var p IdentityProfile
	if err := patch.apply(&old, &p); err != nil {
		return 0, nil, err
	}
	p.ID, p.Created, p.Modified = old.ID, old.Created, old.Modified
	p.IdentityCount, p.IdentityRefreshRequired = old.IdentityCount, old.IdentityRefreshRequired
	if err := s.normalizeIdentityProfile(&p); err != nil {
		return 0, nil, err
	}
	if !sameJSON(&p, &old) {
		p.Modified = formatTime(s.now())
	}
	rec.profile = p
	return http.StatusOK, &rec.profile, nil
}

func (s *Server) deleteIdentityProfile(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.profile(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	now := s.now()
	if rec.deleting == nil {
		rec.deleting = s.newTask("Background Object Terminator "+rec.profile.ID,
			"Generic task for terminating data in the overlay, used by the TerminationService.",
			nil, now, s.cfg.DeleteDelay) // TaskStatus.target has no type for profiles
	}
	t := rec.deleting
	out := TaskResultSimplified{ID: t.id, Name: t.uniqueName, Description: t.description, Launcher: t.launcher, Launched: formatTime(t.launched)}
	if t.done(now) {
		out.Completed, out.CompletionStatus = formatTime(t.completes), "Success"
	}
	return http.StatusAccepted, out, nil
}
