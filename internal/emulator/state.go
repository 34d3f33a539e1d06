package emulator

import (
	"slices"
	"time"
)

// state is everything the API can change; Reset replaces it with a fresh one.
type state struct {
	seq     int // creation order, the default order of lists
	sources map[string]*sourceRecord
	tasks   map[string]*task

	profiles   *collection[IdentityProfile]
	transforms *collection[Transform]
	workgroups *collection[Workgroup]
	members    map[string][]string // governance group id -> member identity ids, in the order added

	entitlements *collection[Entitlement]
	// entitlementConfigs are the request configs put, by entitlement id; the others have the default.
	entitlementConfigs map[string]*EntitlementRequestConfig
	accessProfiles     *collection[AccessProfile]
	roles              *collection[Role]

	identityAttributes *collection[IdentityAttribute]
	lifecycleStates    *collection[ProfileLifecycleState]

	// syncs is when each identity's attributes were last synchronized, by identity id.
	syncs map[string]time.Time
}

func newState() *state {
	return &state{sources: map[string]*sourceRecord{}, tasks: map[string]*task{},
		profiles: newCollection(profileKind), transforms: newCollection(transformKind),
		workgroups: newCollection(workgroupKind), members: map[string][]string{},
		entitlements: newCollection(entitlementKind), entitlementConfigs: map[string]*EntitlementRequestConfig{},
		accessProfiles:     newCollection(accessProfileKind),
		roles:              newCollection(roleKind),
		identityAttributes: newCollection(identityAttributeKind), lifecycleStates: newCollection(lifecycleStateKind),
		syncs: map[string]time.Time{}}
}

func (st *state) nextSeq() int {
	st.seq++
	return st.seq
}

// sourceRecord is a source with everything that lives and dies with it.
type sourceRecord struct {
	seq       int
	src       Source // derived fields (schemas, passwordPolicies, authoritative) are filled by sourceView
	schemas   []*Schema
	holders   []PasswordPolicyHolder
	schedules []*Schedule           // in creation order
	policies  []*ProvisioningPolicy // in creation order
	settings  settings
	deleting  *task // the pending delete, if any; the source is gone once it completes
	// aggregating is the source's last account aggregation that could start.
	aggregating *task
}

// sweep completes the asynchronous deletes that are due at now. Deletes are evaluated lazily here,
// on every API request, rather than by timers.
func (s *Server) sweep(now time.Time) {
	for id, rec := range s.data.sources {
		if rec.deleting != nil && rec.deleting.done(now) {
			delete(s.data.sources, id)
		}
	}
	s.data.profiles.sweep(now)
	s.data.transforms.sweep(now)
	s.data.workgroups.sweep(now)
	s.dropOrphanEntitlements(now)
	s.data.lifecycleStates.sweep(now)
	s.dropOrphanStates()
}

// sortBySeq orders records by creation.
func sortBySeq[T any](items []T, seq func(T) int) {
	slices.SortFunc(items, func(a, b T) int { return seq(a) - seq(b) })
}
