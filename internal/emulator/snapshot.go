package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// accountSchema is the schema ISC creates with every source.
const accountSchema = "account"

// Snapshot is a tenant for the emulator to start with (Config.Snapshot), in ISC's own JSON
// documents. Read one with ReadSnapshot, which checks it the way the API checks what it is sent.
//
//	{
//	  "sources": [ { <Source>, "schemas": [<Schema>...], "schedules": [<Schedule>...],
//	                 "provisioningPolicies": [<ProvisioningPolicy>...],
//	                 "correlationConfig": <CorrelationConfig>,
//	                 "nativeChangeDetectionConfig": <NativeChangeDetectionConfig>,
//	                 "attributeSyncConfig": <AttrSyncSourceConfig>,
//	                 "entitlementRequestConfig": <SourceEntitlementRequestConfig> } ],
//	  "identityProfiles": [ { <IdentityProfile>, "lifecycleStates": [<LifecycleState>...] } ],
//	  "identities": [ <Identity>... ],
//	  "transforms": [ <Transform>... ],
//	  "identityAttributes": [ <IdentityAttribute>... ],
//	  "workgroups": [ { <WorkgroupDto>, "members": [{"id": <identity id>}...] } ],
//	  "entitlements": [ <Entitlement>... ],
//	  "accessProfiles": [ <AccessProfile>... ],
//	  "roles": [ <Role>... ]
//	}
//
// Every source, schema and identity profile has its own 32-hex id; what ISC derives (connector
// name, type and class defaults, schema references, authoritative, reference names) is derived as
// on create. Connector attributes whose name denotes a secret come back as cipher text. A source's
// passwordPolicies lists password policies of the built-in fixtures by id. Every source needs its
// account schema, which ISC creates with a source. Missing created and modified times are
// SnapshotEpoch; a missing status makes a source healthy.
//
// The identities are served besides the generated ones (an identity with the id of a generated one
// replaces it). References (owners, managers) may name the snapshot's identities and the admin
// identity (AdminIdentityID), and the built-in fixtures by id.
type Snapshot struct {
	Sources            []SnapshotSource          `json:"sources"`
	IdentityProfiles   []SnapshotIdentityProfile `json:"identityProfiles"`
	Identities         []Identity                `json:"identities"`
	Transforms         []Transform               `json:"transforms"`
	IdentityAttributes []IdentityAttribute       `json:"identityAttributes"`
	Workgroups         []SnapshotWorkgroup       `json:"workgroups"`
	Entitlements       []Entitlement             `json:"entitlements"`
	AccessProfiles     []AccessProfile           `json:"accessProfiles"`
	Roles              []Role                    `json:"roles"`
}

// SnapshotIdentityProfile is an identity profile document with its lifecycle states.
type SnapshotIdentityProfile struct {
	IdentityProfile
	LifecycleStates []ProfileLifecycleState `json:"lifecycleStates"`
}

// SnapshotSource is a source document with its children: schemas holds the full schema documents
// in place of the references a source document has.
type SnapshotSource struct {
	Source
	Schemas              []Schema             `json:"schemas"`
	Schedules            []Schedule           `json:"schedules"`
	ProvisioningPolicies []ProvisioningPolicy `json:"provisioningPolicies"`

	// The source's settings; each left out is what a new source has (none for native change
	// detection).
	CorrelationConfig           *CorrelationConfig              `json:"correlationConfig,omitempty"`
	NativeChangeDetectionConfig *NativeChangeDetectionConfig    `json:"nativeChangeDetectionConfig,omitempty"`
	AttributeSyncConfig         *AttrSyncConfig                 `json:"attributeSyncConfig,omitempty"`
	EntitlementRequestConfig    *SourceEntitlementRequestConfig `json:"entitlementRequestConfig,omitempty"`
}

// SnapshotEpoch is the created and modified time of snapshot objects that have none.
const SnapshotEpoch = "2024-01-01T00:00:00.000Z"

// ReadSnapshot decodes a snapshot, refusing fields the documents do not have, and checks it. An
// error names the object (such as `sources[1] "HR Feed": schemas[0] "account"`) and the field.
func ReadSnapshot(r io.Reader) (*Snapshot, error) {
	var top struct {
		Sources            []json.RawMessage `json:"sources"`
		IdentityProfiles   []json.RawMessage `json:"identityProfiles"`
		Identities         []json.RawMessage `json:"identities"`
		Transforms         []json.RawMessage `json:"transforms"`
		IdentityAttributes []json.RawMessage `json:"identityAttributes"`
		Workgroups         []json.RawMessage `json:"workgroups"`
		Entitlements       []json.RawMessage `json:"entitlements"`
		AccessProfiles     []json.RawMessage `json:"accessProfiles"`
		Roles              []json.RawMessage `json:"roles"`
	}
	if err := decodeStrict(r, &top); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	snap := &Snapshot{
		Sources:          make([]SnapshotSource, len(top.Sources)),
		IdentityProfiles: make([]SnapshotIdentityProfile, len(top.IdentityProfiles)),
		Identities:       make([]Identity, len(top.Identities)),
	}
	for i, raw := range top.Sources {
		if err := decodeStrict(bytes.NewReader(raw), &snap.Sources[i]); err != nil {
			return nil, fmt.Errorf("snapshot: sources[%d]: %w", i, err)
		}
	}
	for i, raw := range top.IdentityProfiles {
		if err := decodeStrict(bytes.NewReader(raw), &snap.IdentityProfiles[i]); err != nil {
			return nil, fmt.Errorf("snapshot: identityProfiles[%d]: %w", i, err)
		}
	}
	for i, raw := range top.Identities {
		if err := decodeStrict(bytes.NewReader(raw), &snap.Identities[i]); err != nil {
			return nil, fmt.Errorf("snapshot: identities[%d]: %w", i, err)
		}
	}
	if err := decodeAll(top.Transforms, &snap.Transforms, "transforms"); err != nil {
		return nil, err
	}
	if err := decodeAll(top.IdentityAttributes, &snap.IdentityAttributes, "identityAttributes"); err != nil {
		return nil, err
	}
	if err := decodeAll(top.Workgroups, &snap.Workgroups, "workgroups"); err != nil {
		return nil, err
	}
	if err := decodeAll(top.Entitlements, &snap.Entitlements, "entitlements"); err != nil {
		return nil, err
	}
	if err := decodeAll(top.AccessProfiles, &snap.AccessProfiles, "accessProfiles"); err != nil {
		return nil, err
	}
	if err := decodeAll(top.Roles, &snap.Roles, "roles"); err != nil {
		return nil, err
	}
	// Check it against the identities every server has: the admin and the snapshot's own.
	s := &Server{cfg: Config{}.withDefaults(), fixtures: newFixtures(1)}
	if err := s.fixtures.addIdentities(snap.Identities); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if err := s.snapshotState(snap); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	return snap, nil
}

// decodeAll decodes the documents of one list of a snapshot, refusing unknown fields.
func decodeAll[T any](raws []json.RawMessage, out *[]T, list string) error {
	*out = make([]T, len(raws))
	for i, raw := range raws {
		if err := decodeStrict(bytes.NewReader(raw), &(*out)[i]); err != nil {
			return fmt.Errorf("snapshot: %s[%d]: %w", list, i, err)
		}
	}
	return nil
}

func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON document")
	}
	return nil
}

// iscID is the shape of ISC object ids.
var iscID = regexp.MustCompile(`^[0-9a-f]{32}$`)

func checkID(id string) error {
	if !iscID.MatchString(id) {
		return fmt.Errorf("field 'id' must be a 32-character lowercase hex id, as ISC's are, got '%s'", id)
	}
	return nil
}

// named labels a snapshot object in errors: sources[1] "HR Feed".
func named(kind string, i int, name string) string {
	return fmt.Sprintf("%s[%d] %q", kind, i, name)
}

// snapshotError prefixes an API error's text (without its status) with where it happened.
func snapshotError(where string, err error) error {
	var ae *apiError
	if errors.As(err, &ae) {
		return fmt.Errorf("%s: %s", where, ae.text)
	}
	return fmt.Errorf("%s: %w", where, err)
}

// addIdentities adds snapshot identities to the fixtures, checking them and filling what the
// generated identities derive: the manager's name and the filterable name parts and flags.
func (f *fixtures) addIdentities(ids []Identity) error {
	seen := map[string]int{}
	for i := range ids {
		id := clone(&ids[i])
		where := named("identities", i, id.Name)
		if err := checkID(id.ID); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if j, dup := seen[id.ID]; dup {
			return fmt.Errorf("%s: id '%s' is already the id of identities[%d]", where, id.ID, j)
		}
		seen[id.ID] = i
		if id.Name == "" {
			return fmt.Errorf("%s: field 'name' is required", where)
		}
		id.Created = orEpoch(id.Created)
		if id.Modified == "" {
			id.Modified = id.Created
		}
		if id.LastRefresh == "" { // a date-time in the contract, never ""
			id.LastRefresh = id.Modified
		}
		if id.IdentityStatus == "" {
			id.IdentityStatus = "ACTIVE"
		}
		if id.Attributes == nil {
			id.Attributes = map[string]any{}
		}
		id.firstname, _ = id.Attributes["firstname"].(string)
		id.lastname, _ = id.Attributes["lastname"].(string)
		id.correlated = id.IdentityStatus != "UNREGISTERED"
		if j := slices.IndexFunc(f.identities, func(g *Identity) bool { return g.ID == id.ID }); j >= 0 {
			f.identities[j] = id
		} else {
			f.identities = append(f.identities, id)
		}
		f.identity[id.ID] = id
	}
	// Managers may come later in the list, so they are resolved once all are in.
	for i := range ids {
		id := f.identity[ids[i].ID]
		if id.ManagerRef == nil {
			continue
		}
		m, ok := f.identity[id.ManagerRef.ID]
		if !ok {
			return fmt.Errorf("%s: field 'managerRef.id': identity '%s' does not exist", named("identities", i, id.Name), id.ManagerRef.ID)
		}
		id.ManagerRef.Type, id.ManagerRef.Name = refIdentity, m.Name
	}
	return nil
}

// snapshotState replaces s.data with a fresh state holding the snapshot's objects, checked as the
// API checks created objects. Objects are copied, so the snapshot itself never changes.
func (s *Server) snapshotState(snap *Snapshot) error {
	s.data = newState()
	if snap == nil {
		return nil
	}
	ids := map[string]string{} // every object id in the snapshot -> where it was first seen
	unique := func(id, where string) error {
		if err := checkID(id); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if first, dup := ids[id]; dup {
			return fmt.Errorf("%s: id '%s' is already the id of %s", where, id, first)
		}
		ids[id] = where
		return nil
	}
	for i := range snap.Sources {
		where := named("sources", i, snap.Sources[i].Name)
		if err := unique(snap.Sources[i].ID, where); err != nil {
			return err
		}
		rec, err := s.snapshotSource(clone(&snap.Sources[i]), where, unique)
		if err != nil {
			return err
		}
		s.data.sources[rec.src.ID] = rec
	}
	profiles := make([]IdentityProfile, len(snap.IdentityProfiles))
	for i := range snap.IdentityProfiles {
		profiles[i] = snap.IdentityProfiles[i].IdentityProfile
	}
	if err := loadKind(s, profiles, "identityProfiles", func(p *IdentityProfile) string { return p.Name }, s.data.profiles, unique, ""); err != nil {
		return err
	}
	for i, p := range snap.IdentityProfiles {
		list := named("identityProfiles", i, p.Name) + ": lifecycleStates"
		if err := loadKind(s, p.LifecycleStates, list, func(l *ProfileLifecycleState) string { return l.TechnicalName }, s.data.lifecycleStates, unique, p.ID); err != nil {
			return err
		}
	}
	if err := loadKind(s, snap.IdentityAttributes, "identityAttributes", func(a *IdentityAttribute) string { return a.Name }, s.data.identityAttributes, unique, ""); err != nil {
		return err
	}
	if err := loadKind(s, snap.Transforms, "transforms", func(t *Transform) string { return t.Name }, s.data.transforms, unique, ""); err != nil {
		return err
	}
	groups := make([]Workgroup, len(snap.Workgroups))
	for i := range snap.Workgroups {
		groups[i] = snap.Workgroups[i].Workgroup
	}
	if err := loadKind(s, groups, "workgroups", func(g *Workgroup) string { return g.Name }, s.data.workgroups, unique, ""); err != nil {
		return err
	}
	if err := s.snapshotMembers(snap.Workgroups); err != nil {
		return err
	}
	if err := loadKind(s, snap.Entitlements, "entitlements", func(e *Entitlement) string { return e.Name }, s.data.entitlements, unique, ""); err != nil {
		return err
	}
	if err := loadKind(s, snap.AccessProfiles, "accessProfiles", func(p *AccessProfile) string { return p.Name }, s.data.accessProfiles, unique, ""); err != nil {
		return err
	}
	if err := loadKind(s, snap.Roles, "roles", func(r *Role) string { return r.Name }, s.data.roles, unique, ""); err != nil {
		return err
	}
	return s.snapshotSettings(snap.Sources)
}

// snapshotSettings sets the sources' settings, checked as a PUT checks them, once the governance
// groups and identity attributes they may name are loaded.
func (s *Server) snapshotSettings(sources []SnapshotSource) error {
	for i := range sources {
		ss := clone(&sources[i])
		where := named("sources", i, ss.Name)
		rec := s.data.sources[ss.ID]
		rec.settings = newSettings(&rec.src)
		if c := ss.CorrelationConfig; c != nil {
			if err := checkCorrelation(c); err != nil {
				return snapshotError(where+": correlationConfig", err)
			}
			c.ID, c.Name = rec.settings.correlation.ID, rec.settings.correlation.Name
			rec.settings.correlation = c
		}
		if c := ss.NativeChangeDetectionConfig; c != nil {
			if err := checkNativeChange(c); err != nil {
				return snapshotError(where+": nativeChangeDetectionConfig", err)
			}
			rec.settings.nativeChange = c
		}
		if c := ss.EntitlementRequestConfig; c != nil {
			if err := s.checkEntitlementRequest(c); err != nil {
				return snapshotError(where+": entitlementRequestConfig", err)
			}
			rec.settings.entitlementRequest = c
		}
		if c := ss.AttributeSyncConfig; c != nil {
			eligible := s.attrSyncEntries(rec)
			for j, e := range c.Attributes {
				if !slices.ContainsFunc(eligible.Attributes, func(o AttrSyncEntry) bool { return o.Name == e.Name && o.Target == e.Target }) {
					return fmt.Errorf("%s: attributeSyncConfig.attributes[%d]: the source's CREATE policy maps no field %q from identity attribute %q", where, j, e.Target, e.Name)
				}
				rec.settings.attrSync[e.Name] = e.Enabled
			}
		}
	}
	return nil
}

// loadKind checks the snapshot objects of a kind as a create would, keeping their ids, and
// stores them, below the object of id parent for a kind that has parents.
func loadKind[T any](s *Server, objs []T, list string, name func(*T) string, c *collection[T], unique func(id, where string) error, parent string) error {
	k := c.kind
	for i := range objs {
		obj := clone(&objs[i])
		where := named(list, i, name(obj))
		if k.namedKey {
			if _, dup := c.recs[*k.id(obj)]; dup {
				return fmt.Errorf("%s: %s '%s' is already in the list", where, k.noun, *k.id(obj))
			}
		} else if err := unique(*k.id(obj), where); err != nil {
			return err
		}
		if k.parent != nil {
			*k.parent.of(obj) = parent
		}
		if k.created != nil {
			*k.created(obj), *k.modified(obj) = orEpoch(*k.created(obj)), orEpoch(*k.modified(obj))
		}
		if err := k.normalize(s, obj, nil); err != nil {
			return snapshotError(where, err)
		}
		c.add(s.data, obj)
	}
	return nil
}

// snapshotSource builds the record of one snapshot source and its children.
func (s *Server) snapshotSource(ss *SnapshotSource, where string, unique func(id, where string) error) (*sourceRecord, error) {
	src := ss.Source
	holders := make([]PasswordPolicyHolder, len(src.PasswordPolicies))
	for j, ref := range src.PasswordPolicies {
		name, ok := s.fixtures.name(refPasswordPolicy, ref.ID)
		if !ok {
			return nil, fmt.Errorf("%s: field 'passwordPolicies[%d].id': password policy '%s' does not exist", where, j, ref.ID)
		}
		holders[j] = PasswordPolicyHolder{PolicyID: ref.ID, PolicyName: name,
			Selectors: &PolicySelectors{IdentityAttr: []SelectorAttribute{}}}
	}
	src.Created = orEpoch(src.Created)
	src.Modified = orEpoch(src.Modified)
	if src.Since == "" {
		src.Since = src.Created
	}
	if src.Status == "" {
		src.Healthy, src.Status = true, "SOURCE_STATE_HEALTHY"
	}
	if err := s.normalizeSource(&src); err != nil {
		return nil, snapshotError(where, err)
	}
	if len(holders) > 0 {
		if err := requirePasswordFeature(&src); err != nil {
			return nil, snapshotError(where, err)
		}
	}
	rec := &sourceRecord{seq: s.data.nextSeq(), src: src, holders: holders}

	// All schemas first: attributes may reference any schema of the source.
	for j := range ss.Schemas {
		sc := &ss.Schemas[j]
		if err := unique(sc.ID, where+": "+named("schemas", j, sc.Name)); err != nil {
			return nil, err
		}
		sc.Created, sc.Modified = orEpoch(sc.Created), orEpoch(sc.Modified)
		rec.schemas = append(rec.schemas, sc)
	}
	if !slices.ContainsFunc(rec.schemas, func(sc *Schema) bool { return sc.Name == accountSchema }) {
		return nil, fmt.Errorf("%s: field 'schemas' has no %q schema; ISC creates it with every source, so a snapshot lists it", where, accountSchema)
	}
	for j, sc := range rec.schemas {
		w := where + ": " + named("schemas", j, sc.Name)
		if strings.TrimSpace(sc.Name) == "" {
			return nil, fmt.Errorf("%s: field 'name' is required", w)
		}
		if k := slices.IndexFunc(rec.schemas[:j], func(o *Schema) bool { return strings.EqualFold(o.Name, sc.Name) }); k >= 0 {
			return nil, fmt.Errorf("%s: schemas[%d] already has the name %q", w, k, sc.Name)
		}
		if err := normalizeSchema(rec, sc); err != nil {
			return nil, snapshotError(w, err)
		}
	}
	for j := range ss.Schedules {
		sc := &ss.Schedules[j]
		w := fmt.Sprintf("%s: schedules[%d]", where, j)
		if err := validateSchedule(sc); err != nil {
			return nil, snapshotError(w, err)
		}
		if slices.ContainsFunc(rec.schedules, func(o *Schedule) bool { return o.Type == sc.Type }) {
			return nil, fmt.Errorf("%s: the source already has a %s schedule", w, sc.Type)
		}
		rec.schedules = append(rec.schedules, sc)
	}
	for j := range ss.ProvisioningPolicies {
		p := &ss.ProvisioningPolicies[j]
		w := fmt.Sprintf("%s: provisioningPolicies[%d]", where, j)
		if !usageTypes[p.UsageType] {
			return nil, fmt.Errorf("%s: field 'usageType' must be a UsageType such as CREATE or UPDATE, got '%s'", w, p.UsageType)
		}
		if err := normalizeProvisioningPolicy(p, p.UsageType, true); err != nil {
			return nil, snapshotError(w, err)
		}
		if slices.ContainsFunc(rec.policies, func(o *ProvisioningPolicy) bool { return o.UsageType == p.UsageType }) {
			return nil, fmt.Errorf("%s: the source already has a %s provisioning policy", w, p.UsageType)
		}
		rec.policies = append(rec.policies, p)
	}
	return rec, nil
}

func orEpoch(t string) string {
	if t == "" {
		return SnapshotEpoch
	}
	return t
}

// clone deep-copies a document through JSON, so state built from a snapshot shares nothing with it.
func clone[T any](v *T) *T {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the documents are plain JSON types
	}
	out := new(T)
	if err := json.Unmarshal(b, out); err != nil {
		panic(err)
	}
	return out
}

// load adds the snapshot's identities to the fixtures and starts from its objects. Config.Snapshot
// comes from ReadSnapshot, which has checked it, so an error here is a programming error.
func (s *Server) load() {
	if err := s.fixtures.addIdentities(s.cfg.Snapshot.identities()); err != nil {
		panic(fmt.Sprintf("emulator: Config.Snapshot does not load (read it with ReadSnapshot): %v", err))
	}
	s.reload()
}

// reload makes the state what the Server started with: empty, or the snapshot's objects.
func (s *Server) reload() {
	if err := s.snapshotState(s.cfg.Snapshot); err != nil {
		panic(fmt.Sprintf("emulator: Config.Snapshot does not load (read it with ReadSnapshot): %v", err))
	}
}

func (snap *Snapshot) identities() []Identity {
	if snap == nil {
		return nil
	}
	return snap.Identities
}
