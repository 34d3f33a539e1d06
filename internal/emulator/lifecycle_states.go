package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// ProfileLifecycleState is a lifecycle state of an identity profile (LifecycleState; LifecycleState
// here is the identity's LifecycleStateDto).
type ProfileLifecycleState struct {
	ID                        string                     `json:"id"`
	Name                      string                     `json:"name"`
	TechnicalName             string                     `json:"technicalName"`
	Description               *string                    `json:"description"`
	Enabled                   bool                       `json:"enabled"`
	IdentityCount             int32                      `json:"identityCount"`
	EmailNotificationOption   *EmailNotificationOption   `json:"emailNotificationOption"`
	AccountActions            []AccountAction            `json:"accountActions"`
	AccessProfileIDs          []string                   `json:"accessProfileIds"`
	IdentityState             *string                    `json:"identityState"`
	AccessActionConfiguration *AccessActionConfiguration `json:"accessActionConfiguration"`
	Priority                  *int32                     `json:"priority"`
	Created                   string                     `json:"created"`
	Modified                  string                     `json:"modified"`

	profileID string // the identity profile it belongs to
}

// EmailNotificationOption says who hears of an identity's move into a lifecycle state.
type EmailNotificationOption struct {
	NotifyManagers      bool     `json:"notifyManagers"`
	NotifyAllAdmins     bool     `json:"notifyAllAdmins"`
	NotifySpecificUsers bool     `json:"notifySpecificUsers"`
	EmailAddressList    []string `json:"emailAddressList"`
}

// AccountAction is what a lifecycle state does to the accounts of some sources.
type AccountAction struct {
	Action           string   `json:"action"`
	SourceIDs        []string `json:"sourceIds"`
	ExcludeSourceIDs []string `json:"excludeSourceIds"`
	AllSources       bool     `json:"allSources"`
}

// AccessActionConfiguration says whether a lifecycle state removes all access.
type AccessActionConfiguration struct {
	RemoveAllAccessEnabled bool `json:"removeAllAccessEnabled"`
}

var (
	accountActionTypes = []string{"ENABLE", "DISABLE", "DELETE"}
	identityStates     = []string{"ACTIVE", "INACTIVE_SHORT_TERM", "INACTIVE_LONG_TERM"}
)

// lifecycleStateKind: lifecycle states live below their identity profile, which must exist; they
// are patched (the seven fields ISC lists as updatable) and deleted with a 202 after which they
// stay until Config.DeleteDelay has passed. They go with their profile.
var lifecycleStateKind = &kind[ProfileLifecycleState]{
	noun: "lifecycle state", path: "/identity-profiles/{identityProfileId}/lifecycle-states",
	list: listSpec[*ProfileLifecycleState]{
		sorters: sortFields[*ProfileLifecycleState]{
			"name":     func(l *ProfileLifecycleState) any { return l.Name },
			"priority": priorityOf,
			"created":  func(l *ProfileLifecycleState) any { return l.Created },
			"modified": func(l *ProfileLifecycleState) any { return l.Modified },
		},
		paged: true,
	},
	update: updatePatch,
	// The PATCH may change enabled, description, accountActions, accessProfileIds,
	// emailNotificationOption, accessActionConfiguration and priority; nothing else.
	immutable: []string{"id", "name", "technicalName", "identityState", "identityCount", "created", "modified"},
	id:        func(l *ProfileLifecycleState) *string { return &l.ID },
	created:   func(l *ProfileLifecycleState) *string { return &l.Created },
	modified:  func(l *ProfileLifecycleState) *string { return &l.Modified },
	serverOwned: func(l, old *ProfileLifecycleState) {
		l.IdentityCount = 0
		if old != nil {
			l.IdentityCount = old.IdentityCount
		}
	},
	normalize: func(s *Server, l, _ *ProfileLifecycleState) error { return s.normalizeLifecycleState(l) },
	deleteTask: func(s *Server, l *ProfileLifecycleState, now time.Time) *task {
		// ISC names no task for this delete; the record only times it, and task-status knows nothing of it.
		return &task{id: l.ID, uniqueName: l.Name, launched: now, completes: now.Add(s.cfg.DeleteDelay)}
	},
	deleteAnswer: func(t *task, _ time.Time) any {
		return lifecycleStateDeleted{Type: "LIFECYCLE_STATE", ID: t.id, Name: t.uniqueName}
	},
	parent: &parentRule[ProfileLifecycleState]{
		param: "identityProfileId",
		check: func(s *Server, id string) error {
			_, err := s.data.profiles.get(id)
			return err
		},
		of: func(l *ProfileLifecycleState) *string { return &l.profileID },
	},
}

// lifecycleStateDeleted is the 202 answer of a lifecycle state delete (LifecyclestateDeleted).
type lifecycleStateDeleted struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// priorityOf is a lifecycle state's priority as a sort value; nil sorts first.
func priorityOf(l *ProfileLifecycleState) any {
	if l.Priority == nil {
		return nil
	}
	return int64(*l.Priority)
}

func (s *Server) lifecycleStateRoutes(m *http.ServeMux) {
	serveKind(s, m, lifecycleStateKind, func(st *state) *collection[ProfileLifecycleState] { return st.lifecycleStates })
}

// normalizeLifecycleState checks a lifecycle state and fills ISC's defaults.
func (s *Server) normalizeLifecycleState(l *ProfileLifecycleState) error {
	if err := requireName("name", l.Name, 0); err != nil {
		return err
	}
	if err := requireName("technicalName", l.TechnicalName, 0); err != nil {
		return err
	}
	if l.IdentityState != nil && !slices.Contains(identityStates, *l.IdentityState) {
		return badRequest("field 'identityState' must be one of %s or null, got '%s'", strings.Join(identityStates, ", "), *l.IdentityState)
	}
	for _, other := range s.data.lifecycleStates.all() {
		if other.ID != l.ID && other.profileID == l.profileID && strings.EqualFold(other.TechnicalName, l.TechnicalName) {
			return badRequest("a lifecycle state with the technical name '%s' already exists in identity profile '%s' (id %s)", other.TechnicalName, l.profileID, other.ID)
		}
	}
	if l.EmailNotificationOption == nil {
		l.EmailNotificationOption = &EmailNotificationOption{}
	}
	if l.EmailNotificationOption.EmailAddressList == nil {
		l.EmailNotificationOption.EmailAddressList = []string{}
	}
	if l.AccessActionConfiguration == nil {
		l.AccessActionConfiguration = &AccessActionConfiguration{}
	}
	if l.AccessProfileIDs == nil {
		l.AccessProfileIDs = []string{}
	}
	if err := checkIDList("accessProfileIds", l.AccessProfileIDs); err != nil {
		return err
	}
	if l.AccountActions == nil {
		l.AccountActions = []AccountAction{}
	}
	for i, a := range l.AccountActions {
		if err := s.checkAccountAction(a, i); err != nil {
			return err
		}
	}
	return nil
}

// checkAccountAction checks one account action as the contract describes it: sourceIds unless
// allSources, never both, and never with excludeSourceIds; the sources must exist, and those of
// sourceIds must support ENABLE or be flat-file sources.
func (s *Server) checkAccountAction(a AccountAction, i int) error {
	at := func(field string) string { return fmt.Sprintf("field 'accountActions[%d].%s'", i, field) }
	switch {
	case !slices.Contains(accountActionTypes, a.Action):
		return badRequest("%s must be one of %s, got '%s'", at("action"), strings.Join(accountActionTypes, ", "), a.Action)
	case a.AllSources && len(a.SourceIDs) > 0:
		return badRequest("%s must not be provided if allSources is true", at("sourceIds"))
	case !a.AllSources && len(a.SourceIDs) == 0:
		return badRequest("%s is required if allSources is not true", at("sourceIds"))
	case len(a.SourceIDs) > 0 && len(a.ExcludeSourceIDs) > 0:
		return badRequest("%s cannot be used together with sourceIds", at("excludeSourceIds"))
	}
	for _, list := range []struct {
		field string
		ids   []string
	}{{"sourceIds", a.SourceIDs}, {"excludeSourceIds", a.ExcludeSourceIDs}} {
		field, ids := list.field, list.ids
		if err := checkIDList(fmt.Sprintf("accountActions[%d].%s", i, field), ids); err != nil {
			return err
		}
		for _, id := range ids {
			rec, ok := s.data.sources[id]
			switch {
			case !ok:
				return badRequest("%s: source '%s' does not exist", at(field), id)
			case field == "sourceIds" && !slices.Contains(rec.src.Features, "ENABLE") && rec.src.ConnectionType != "file":
				return badRequest("%s: source '%s' (%s) must have the ENABLE feature or be a flat file source", at(field), rec.src.Name, id)
			}
		}
	}
	return nil
}

// checkIDList refuses blank and repeated ids in a list the contract marks uniqueItems.
func checkIDList(field string, ids []string) error {
	for j, id := range ids {
		switch {
		case strings.TrimSpace(id) == "":
			return badRequest("field '%s[%d]' must not be blank", field, j)
		case slices.Contains(ids[:j], id):
			return badRequest("field '%s' must not repeat '%s'", field, id)
		}
	}
	return nil
}

// dropOrphanStates removes the lifecycle states whose identity profile is gone: they go with it.
func (s *Server) dropOrphanStates() {
	c := s.data.lifecycleStates
	for id, r := range c.recs {
		if _, ok := s.data.profiles.recs[r.obj.profileID]; !ok {
			delete(c.recs, id)
		}
	}
}
