package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
)

// ProfileLifecycleState is a lifecycle state of an identity profile (LifecycleState; the
// LifecycleState type of this package is an identity's LifecycleStateDto). The fields below the
// blank line are set by ISC.
type ProfileLifecycleState struct {
	ID                        string                     `json:"id,omitempty"`
	Name                      string                     `json:"name"`
	TechnicalName             string                     `json:"technicalName"`
	Description               *string                    `json:"description,omitempty"`
	Enabled                   bool                       `json:"enabled"`
	IdentityState             *string                    `json:"identityState,omitempty"`
	EmailNotificationOption   *EmailNotificationOption   `json:"emailNotificationOption,omitempty"`
	AccountActions            []AccountAction            `json:"accountActions"`
	AccessProfileIDs          []string                   `json:"accessProfileIds"`
	AccessActionConfiguration *AccessActionConfiguration `json:"accessActionConfiguration,omitempty"`
	Priority                  *int64                     `json:"priority,omitempty"`

	IdentityCount int32  `json:"identityCount,omitempty"`
	Created       string `json:"created,omitempty"`
	Modified      string `json:"modified,omitempty"`
}

// EmailNotificationOption says who ISC tells when an identity moves into the state.
type EmailNotificationOption struct {
	NotifyManagers      bool     `json:"notifyManagers"`
	NotifyAllAdmins     bool     `json:"notifyAllAdmins"`
	NotifySpecificUsers bool     `json:"notifySpecificUsers"`
	EmailAddressList    []string `json:"emailAddressList"`
}

// AccountAction enables, disables or deletes the accounts of an identity in the state: on the
// sources of SourceIDs, or on all sources but those of ExcludeSourceIDs.
type AccountAction struct {
	Action           string   `json:"action"`
	SourceIDs        []string `json:"sourceIds,omitempty"`
	ExcludeSourceIDs []string `json:"excludeSourceIds,omitempty"`
	AllSources       bool     `json:"allSources"`
}

// AccessActionConfiguration says whether the state marks all of an identity's access for removal.
type AccessActionConfiguration struct {
	RemoveAllAccessEnabled bool `json:"removeAllAccessEnabled"`
}

// The account actions and identity states ISC knows.
var (
	AccountActionTypes = []string{"ENABLE", "DISABLE", "DELETE"}
	IdentityStates     = []string{"ACTIVE", "INACTIVE_SHORT_TERM", "INACTIVE_LONG_TERM"}
)

func lifecycleStatesPath(profileID string) string {
	return identityProfilePath(profileID) + "/lifecycle-states"
}

func lifecycleStatePath(profileID, id string) string {
	return lifecycleStatesPath(profileID) + "/" + url.PathEscape(id)
}

// CreateLifecycleState creates a lifecycle state of an identity profile. When ISC's answer is
// lost, a state of the same technical name (unique in the profile) is adopted only when ISC
// created it after the request was sent, with the values sent.
func (c *Client) CreateLifecycleState(ctx context.Context, profileID string, s *ProfileLifecycleState) (*ProfileLifecycleState, error) {
	body := *s
	body.ID, body.IdentityCount, body.Created, body.Modified = "", 0, "", ""
	// [] rather than null, which the contract refuses and ISC would answer with [].
	if body.AccountActions == nil {
		body.AccountActions = []AccountAction{}
	}
	if body.AccessProfileIDs == nil {
		body.AccessProfileIDs = []string{}
	}
	return createOnce(ctx, c, creation[ProfileLifecycleState]{
		what: fmt.Sprintf("lifecycle state %q of identity profile %s", s.TechnicalName, profileID), sent: &body,
		create: func(ctx context.Context) (*ProfileLifecycleState, error) {
			var out ProfileLifecycleState
			_, err := c.do(ctx, request{method: http.MethodPost, path: lifecycleStatesPath(profileID), body: &body, out: &out})
			return &out, err
		},
		find: func(ctx context.Context) (*ProfileLifecycleState, error) {
			return findChild(ctx, c, lifecycleStatesPath(profileID), func(l *ProfileLifecycleState) bool { return l.TechnicalName == s.TechnicalName })
		},
		describe: func(l *ProfileLifecycleState) string {
			return fmt.Sprintf("lifecycle state %q (id %s) of identity profile %s", l.TechnicalName, l.ID, profileID)
		},
		importID: func(l *ProfileLifecycleState) string { return profileID + "/" + l.ID },
		path:     func(l *ProfileLifecycleState) string { return lifecycleStatePath(profileID, l.ID) },
		created:  func(l *ProfileLifecycleState) string { return l.Created },
	})
}

// GetLifecycleState reads a lifecycle state of an identity profile; errors.Is(err, ErrNotFound)
// when the profile has no state of this id, or does not exist. Within a run it is served from
// the profile's list of states, read once.
func (c *Client) GetLifecycleState(ctx context.Context, profileID, id string) (*ProfileLifecycleState, error) {
	return getChild(ctx, c, lifecycleStatesPath(profileID), lifecycleStatePath(profileID, id), "lifecycle state "+id,
		func(l *ProfileLifecycleState) bool { return l.ID == id })
}

// LifecycleStates returns every lifecycle state of an identity profile, in ISC's order, from the
// profile's list read once per run.
func (c *Client) LifecycleStates(ctx context.Context, profileID string) ([]ProfileLifecycleState, error) {
	return children[ProfileLifecycleState](ctx, c, lifecycleStatesPath(profileID))
}

// PatchLifecycleState applies a JSON Patch to a lifecycle state.
func (c *Client) PatchLifecycleState(ctx context.Context, profileID, id string, p Patch) (*ProfileLifecycleState, error) {
	var out ProfileLifecycleState
	if _, err := c.do(ctx, request{method: http.MethodPatch, path: lifecycleStatePath(profileID, id), body: p, contentType: JSONPatchContentType, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteLifecycleState asks ISC to delete a lifecycle state, which it accepts with a 202 that
// names a task (type TASK_RESULT) or the state itself; the reference returned carries the task's
// id, or none. WaitForLifecycleStateDeleted waits until the state is gone.
func (c *Client) DeleteLifecycleState(ctx context.Context, profileID, id string) (*TaskRef, error) {
	ref, err := c.startDelete(ctx, lifecycleStatePath(profileID, id))
	if err == nil && ref.Type != "TASK_RESULT" {
		ref.ID = "" // the state's own id: there is no task to follow
	}
	return ref, err
}

// WaitForLifecycleStateDeleted waits until ISC no longer has the state, failing if the task ISC
// named, if any, fails. The list of states has no filters: concurrent waits for states of one
// profile share one read of it (see waitGone).
func (c *Client) WaitForLifecycleStateDeleted(ctx context.Context, profileID, id, taskID string) error {
	return c.waitGone(ctx, goneList{path: lifecycleStatesPath(profileID)}, id, taskID,
		"lifecycle state "+id+" of identity profile "+profileID, lifecycleStatePath(profileID, id))
}

// lifecycleStateUpdatable are the members ISC lets a PATCH change, in the order patches list them.
var lifecycleStateUpdatable = []string{
	"enabled", "description", "accountActions", "accessProfileIds", "emailNotificationOption", "accessActionConfiguration", "priority",
}

// LifecycleStatePatch returns the JSON Patch that turns state from into state to, touching only
// the members ISC lets a PATCH change, each replaced whole when it differs (as ISC's own example
// does): their arrays are sets whose order ISC does not promise, so indexes into them would be
// guesses. A member to leaves out (a description removed) is removed; a priority cannot be set
// back to null, so one left out is left as it is.
func LifecycleStatePatch(from, to *ProfileLifecycleState) (Patch, error) {
	was, err := lifecycleStateMembers(from)
	if err != nil {
		return nil, err
	}
	now, err := lifecycleStateMembers(to)
	if err != nil {
		return nil, err
	}
	var p Patch
	for _, k := range lifecycleStateUpdatable {
		before, had := was[k]
		after, has := now[k]
		switch {
		case !has && k == "priority":
		case !has && had:
			p = append(p, PatchOperation{Op: "remove", Path: "/" + k})
		case has && !had:
			p = append(p, PatchOperation{Op: "add", Path: "/" + k, Value: after})
		case has && !JSONEqual(before, after):
			p = append(p, PatchOperation{Op: "replace", Path: "/" + k, Value: after})
		}
	}
	return p, nil
}

// lifecycleStateMembers is the JSON of a state's members, with its id lists sorted, so that two
// states that differ only in the order of a set compare equal.
func lifecycleStateMembers(s *ProfileLifecycleState) (map[string]json.RawMessage, error) {
	sorted := func(ids []string) []string { // [] rather than null, which the contract refuses
		out := append([]string{}, ids...)
		slices.Sort(out)
		return out
	}
	c := *s
	c.AccessProfileIDs = sorted(s.AccessProfileIDs)
	c.AccountActions = make([]AccountAction, len(s.AccountActions))
	for i, a := range s.AccountActions {
		a.SourceIDs, a.ExcludeSourceIDs = sorted(a.SourceIDs), sorted(a.ExcludeSourceIDs)
		c.AccountActions[i] = a
	}
	if e := s.EmailNotificationOption; e != nil {
		option := *e
		option.EmailAddressList = sorted(e.EmailAddressList)
		c.EmailNotificationOption = &option
	}
	raw, err := json.Marshal(&c)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	err = json.Unmarshal(raw, &m)
	return m, err
}
