package emulator

import (
	"fmt"
	"net/http"
	"slices"
)

// Workgroup is a governance group (WorkgroupDto). Its members are not part of the document: they
// live in state.members and are changed by the bulk member operations.
type Workgroup struct {
	ID              string          `json:"id"`
	Name            string          `json:"name"`
	Description     string          `json:"description,omitempty"` // not nullable (trap 41): absent when empty
	Owner           *WorkgroupOwner `json:"owner,omitempty"`       // likewise
	MemberCount     int64           `json:"memberCount"`
	ConnectionCount int64           `json:"connectionCount"`
	Created         string          `json:"created"`
	Modified        string          `json:"modified"`
}

// WorkgroupOwner is the owner of a governance group: an identity reference with the identity's
// display name and e-mail address, which ISC fills in.
type WorkgroupOwner struct {
	Type         string `json:"type,omitempty"`
	ID           string `json:"id"`
	Name         string `json:"name,omitempty"`
	DisplayName  string `json:"displayName,omitempty"`
	EmailAddress string `json:"emailAddress,omitempty"`
}

// WorkgroupMember is one item of the list of a governance group's members.
type WorkgroupMember struct {
	Type  string `json:"type"`
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// workgroupMemberResult is one item of a 207 answer of bulk-add or bulk-delete.
type workgroupMemberResult struct {
	ID          string `json:"id"`
	Status      int    `json:"status"`
	Description string `json:"description"`
}

// workgroupKind: governance groups under /workgroups. Create answers 200 (not 201, trap 44); only
// name, description and owner are patchable; the member and connection counts are ISC's.
var workgroupKind = &kind[Workgroup]{
	noun: "governance group", path: "/workgroups",
	list: listSpec[*Workgroup]{
		filters: filterFields[*Workgroup]{
			"id":   {kindString, "eq in sw", func(g *Workgroup) any { return g.ID }},
			"name": {kindString, "eq sw in", func(g *Workgroup) any { return g.Name }},
		},
		sorters: sortFields[*Workgroup]{
			"name":        func(g *Workgroup) any { return g.Name },
			"created":     func(g *Workgroup) any { return g.Created },
			"modified":    func(g *Workgroup) any { return g.Modified },
			"id":          func(g *Workgroup) any { return g.ID },
			"description": func(g *Workgroup) any { return g.Description },
		},
		paged: true,
	},
	update:       updatePatch,
	createStatus: http.StatusOK,
	immutable:    []string{"id", "memberCount", "connectionCount", "created", "modified"},
	id:           func(g *Workgroup) *string { return &g.ID },
	created:      func(g *Workgroup) *string { return &g.Created },
	modified:     func(g *Workgroup) *string { return &g.Modified },
	serverOwned: func(g, old *Workgroup) {
		g.MemberCount, g.ConnectionCount = 0, 0
		if old != nil {
			g.MemberCount, g.ConnectionCount = old.MemberCount, old.ConnectionCount
		}
	},
	normalize: func(s *Server, g, _ *Workgroup) error {
		if err := requireName("name", g.Name, 0); err != nil {
			return err
		}
		if g.Owner != nil {
			ref := Ref{Type: g.Owner.Type, ID: g.Owner.ID}
			if err := s.resolveIdentityRef("owner", &ref); err != nil {
				return err
			}
			id := s.fixtures.identity[ref.ID]
			*g.Owner = WorkgroupOwner{Type: ref.Type, ID: ref.ID, Name: ref.Name, DisplayName: id.Name, EmailAddress: id.EmailAddress}
		}
		return checkNameUnique(s.data.workgroups, g, func(g *Workgroup) string { return g.Name })
	},
}

func (s *Server) workgroupRoutes(m *http.ServeMux) {
	serveKind(s, m, workgroupKind, func(st *state) *collection[Workgroup] { return st.workgroups })
	members := listSpec[WorkgroupMember]{
		sorters: sortFields[WorkgroupMember]{
			"name":     func(m WorkgroupMember) any { return m.Name },
			"created":  func(m WorkgroupMember) any { return s.fixtures.identity[m.ID].Created },
			"modified": func(m WorkgroupMember) any { return s.fixtures.identity[m.ID].Modified },
		},
		paged: true, maxLimit: 50,
	}
	s.handle(m, "GET /workgroups/{workgroupId}/members", func(w http.ResponseWriter, r *http.Request) (int, any, error) {
		g, err := s.data.workgroups.get(r.PathValue("workgroupId"))
		if err != nil {
			return 0, nil, err
		}
		out := make([]WorkgroupMember, 0, len(s.data.members[g.ID]))
		for _, id := range s.data.members[g.ID] {
			i := s.fixtures.identity[id]
			out = append(out, WorkgroupMember{Type: refIdentity, ID: id, Name: i.Name, Email: i.EmailAddress})
		}
		out, err = members.apply(w, r, out)
		return http.StatusOK, out, err
	})
	s.handle(m, "POST /workgroups/{workgroupId}/members/bulk-add", s.bulkMembers(true))
	s.handle(m, "POST /workgroups/{workgroupId}/members/bulk-delete", s.bulkMembers(false))
}

// bulkMembers adds (add) or removes identities from a governance group. ISC answers 207 with one
// result per identity: add 201, or 409 for a member already; delete 204, or 404 for an identity
// that is not a member. An identity that does not exist gets 404 on add, a status the contract
// does not list (it lists only the two above).
func (s *Server) bulkMembers(add bool) handlerFunc {
	return func(_ http.ResponseWriter, r *http.Request) (int, any, error) {
		g, err := s.data.workgroups.get(r.PathValue("workgroupId"))
		if err != nil {
			return 0, nil, err
		}
		var req []Ref
		if err := decodeJSON(readBody(r), &req); err != nil {
			return 0, nil, err
		}
		for i, ref := range req {
			switch {
			case ref.ID == "":
				return 0, nil, badRequest("field '[%d].id' is required", i)
			case ref.Type != "" && ref.Type != refIdentity:
				return 0, nil, badRequest("field '[%d].type' must be %s, got '%s'", i, refIdentity, ref.Type)
			}
		}
		current := s.data.members[g.ID]
		out := make([]workgroupMemberResult, len(req))
		for i, ref := range req {
			member := slices.Contains(current, ref.ID)
			res := workgroupMemberResult{ID: ref.ID}
			switch {
			case add && s.fixtures.identity[ref.ID] == nil:
				res.Status, res.Description = http.StatusNotFound, "Referenced Identity \""+ref.ID+"\" was not found."
			case add && member:
				res.Status, res.Description = http.StatusConflict, "Unable to set Membership of Identity \""+ref.ID+
					"\" to Governance Group \""+g.ID+"\"; the relationship already exists."
			case add:
				current = append(current, ref.ID)
				res.Status, res.Description = http.StatusCreated, "Identity added to Governance Group members list."
			case !member:
				res.Status, res.Description = http.StatusNotFound, "Referenced Governance Group Member with Identity Id \""+ref.ID+"\" was not found."
			default:
				current = slices.DeleteFunc(current, func(id string) bool { return id == ref.ID })
				res.Status, res.Description = http.StatusNoContent, "Identity deleted from Governance Group members list."
			}
			out[i] = res
		}
		s.data.members[g.ID] = current
		g.MemberCount = int64(len(current))
		return http.StatusMultiStatus, out, nil
	}
}

// snapshotMembers loads the members of the snapshot's governance groups, checking that each is
// a known identity and listed once.
func (s *Server) snapshotMembers(groups []SnapshotWorkgroup) error {
	for i, sg := range groups {
		g, _ := s.data.workgroups.get(sg.ID)
		where := named("workgroups", i, sg.Name)
		for j, ref := range sg.Members {
			switch {
			case s.fixtures.identity[ref.ID] == nil:
				return fmt.Errorf("%s: field 'members[%d].id': identity '%s' does not exist", where, j, ref.ID)
			case slices.Contains(s.data.members[g.ID], ref.ID):
				return fmt.Errorf("%s: field 'members[%d].id': identity '%s' is listed twice", where, j, ref.ID)
			}
			s.data.members[g.ID] = append(s.data.members[g.ID], ref.ID)
		}
		g.MemberCount = int64(len(s.data.members[g.ID]))
	}
	return nil
}

// SnapshotWorkgroup is a governance group document with its members, which the API lists apart.
type SnapshotWorkgroup struct {
	Workgroup
	Members []Ref `json:"members"`
}
