package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// withClockShift makes the emulator's clock run shift ahead of the real one (behind when
// negative), so a test can make objects that look older than they are.
func withClockShift(shift *atomic.Int64) accOption {
	return withClock(func() time.Time { return time.Now().Add(time.Duration(shift.Load())) })
}

// existingObject is an object someone else made in ISC, as it was before the test touched it.
type existingObject struct {
	path string // below the API version
	get  func() (any, error)
	raw  string
}

// read returns the object as ISC holds it now, in JSON.
func (o existingObject) read() (string, error) {
	v, err := o.get()
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// untouched checks that the object is as it was and that no request after it was recorded wrote
// to it.
func (e *accEnv) untouched(o existingObject) error {
	now, err := o.read()
	if err != nil {
		return err
	}
	if now != o.raw {
		return fmt.Errorf("%s changed:\nbefore %s\nafter  %s", o.path, o.raw, now)
	}
	for _, r := range e.emu.Requests() {
		if r.Method != http.MethodGet && strings.HasPrefix(r.Path, e.version.Path(o.path)) {
			return fmt.Errorf("wrote to someone else's object: %s %s", r.Method, r.Path)
		}
	}
	return nil
}

// A create whose answer is lost never adopts an object of the same name that it did not
// provably make: one made an hour earlier with the very values of the configuration, or one made
// by someone else with other values. The apply fails naming the object and its import block, the
// object stays as it was, and neither the next apply nor destroy writes to it.
func TestAccLostCreateAnswer_neverAdoptsAnother(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault emulator.FaultKind
		// age of the existing object; desc its description, "ours" being the configuration's
		age  time.Duration
		desc string
	}{
		{"dropped after commit, made an hour before", emulator.FaultDropAfterCommit, time.Hour, "ours"},
		{"503, made by someone else", emulator.Fault503, 0, "theirs"},
	} {
		t.Run("source/"+tc.name, func(t *testing.T) {
			var shift atomic.Int64
			e := newAccEnv(t, withClockShift(&shift))
			e.requireEmulator(t)
			name := uniqueName(t)
			shift.Store(int64(-tc.age))
			src, err := e.client.CreateSource(background, &client.Source{Name: name, Description: tc.desc, Connector: "delimited-file",
				Owner: &client.Reference{Type: client.RefIdentity, ID: e.ownerID}}, true)
			if err != nil {
				t.Fatal(err)
			}
			shift.Store(0)
			get := func() (any, error) { return e.client.GetSource(background, src.ID) }
			e.lostCreateAnswer(t, tc.fault, "POST /sources", existingObject{path: "/sources/" + src.ID, get: get}, src.ID, "sailpoint_source",
				e.sourceConfig(name, `  description = "ours"`), `source "`+name+`"`)
		})
		t.Run("identity attribute/"+tc.name, func(t *testing.T) {
			e := newAccEnv(t)
			e.requireEmulator(t)
			name := uniqueName(t)
			if _, err := e.client.CreateIdentityAttribute(background, &client.IdentityAttribute{Name: name, DisplayName: tc.desc}); err != nil {
				t.Fatal(err)
			}
			get := func() (any, error) { return e.client.GetIdentityAttribute(background, name) }
			e.lostCreateAnswer(t, tc.fault, "POST /identity-attributes", existingObject{path: "/identity-attributes/" + name, get: get}, name,
				"sailpoint_identity_attribute", e.identityAttributeConfig(name, `  display_name = "ours"`), `identity attribute "`+name+`"`)
		})
		t.Run("lifecycle state/"+tc.name, func(t *testing.T) {
			var shift atomic.Int64
			e := newAccEnv(t, withClockShift(&shift))
			e.requireEmulator(t)
			name := uniqueName(t)
			shift.Store(int64(-tc.age))
			src, err := e.client.CreateSource(background, &client.Source{Name: name, Connector: "delimited-file",
				Owner: &client.Reference{Type: client.RefIdentity, ID: e.ownerID}}, true)
			if err != nil {
				t.Fatal(err)
			}
			p, err := e.client.CreateIdentityProfile(background, &client.IdentityProfile{Name: name, AuthoritativeSource: &client.Reference{Type: client.RefSource, ID: src.ID}})
			if err != nil {
				t.Fatal(err)
			}
			l, err := e.client.CreateLifecycleState(background, p.ID, &client.ProfileLifecycleState{Name: "Leave", TechnicalName: "leave", Description: &tc.desc})
			if err != nil {
				t.Fatal(err)
			}
			shift.Store(0)
			get := func() (any, error) { return e.client.GetLifecycleState(background, p.ID, l.ID) }
			e.lostCreateAnswer(t, tc.fault, "POST /identity-profiles/{identityProfileId}/lifecycle-states",
				existingObject{path: "/identity-profiles/" + p.ID + "/lifecycle-states/" + l.ID, get: get}, p.ID+"/"+l.ID, "sailpoint_lifecycle_state",
				e.providerConfig()+fmt.Sprintf(`
resource "sailpoint_lifecycle_state" "test" {
  identity_profile_id = %q
  name                = "Leave"
  technical_name      = "leave"
  description         = "ours"
}
`, p.ID), `lifecycle state "leave"`)
		})
		t.Run("identity profile/"+tc.name, func(t *testing.T) {
			var shift atomic.Int64
			e := newAccEnv(t, withClockShift(&shift))
			e.requireEmulator(t)
			name := uniqueName(t)
			shift.Store(int64(-tc.age))
			src, err := e.client.CreateSource(background, &client.Source{Name: name + "-theirs", Connector: "delimited-file",
				Owner: &client.Reference{Type: client.RefIdentity, ID: e.ownerID}}, true)
			if err != nil {
				t.Fatal(err)
			}
			p, err := e.client.CreateIdentityProfile(background, &client.IdentityProfile{Name: name, Description: &tc.desc,
				AuthoritativeSource: &client.Reference{Type: client.RefSource, ID: src.ID}})
			if err != nil {
				t.Fatal(err)
			}
			shift.Store(0)
			get := func() (any, error) { return e.client.GetIdentityProfile(background, p.ID) }
			e.lostCreateAnswer(t, tc.fault, "POST /identity-profiles", existingObject{path: "/identity-profiles/" + p.ID, get: get}, p.ID, "sailpoint_identity_profile",
				e.profileConfig(name, `
  description          = "ours"
  authoritative_source = { id = sailpoint_source.hr.id }
`), `identity profile "`+name+`"`)
		})
	}
}

// lostCreateAnswer applies config while the answer to its create on route is lost to fault, with
// an object of the same name, whose import ID is id, made beforehand.
func (e *accEnv) lostCreateAnswer(t *testing.T, fault emulator.FaultKind, route string, existing existingObject, id, typeName, config, object string) {
	t.Helper()
	var err error
	if existing.raw, err = existing.read(); err != nil {
		t.Fatal(err)
	}
	check := func(*terraform.State) error { return e.untouched(existing) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             check,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.clearLog()
					if err := e.emu.InjectFault(emulator.Fault{Kind: fault, Route: e.route(route), Count: 1}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ExpectError: regexp.MustCompile(`(?s)` + strings.ReplaceAll(regexp.QuoteMeta(object), " ", `\s+`) + `.*not\s+provably\s+the\s+one\s+this\s+request\s+created.*` +
					`nothing\s+was\s+changed,\s+deleted\s+or\s+tainted.*import\s+\{\s+to\s+=\s+` + typeName + `\.NAME\s+id\s+=\s+"` + id + `"\s+\}`),
			},
			{
				// Nothing of it is in the state, so the next apply creates again: ISC refuses the
				// name, and the object is still left alone.
				PreConfig: func() {
					if err := e.untouched(existing); err != nil {
						t.Fatal(err)
					}
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)ISC\s+answered\s+POST\s+\S+\s+with\s+400\s+Bad\s+Request.*already\s+exists`),
			},
		},
	})
}

// A source is recorded in the state before its password policies are set, so a lost answer to
// that step leaves the source managed (tainted, since the step may not have happened), not a
// second source or one nobody manages.
func TestAccLostCreateAnswer_passwordPolicyStep(t *testing.T) {
	e := newAccEnv(t)
	e.requireEmulator(t)
	name := uniqueName(t)
	config := e.providerConfig() + fmt.Sprintf(`
resource "sailpoint_source" "test" {
  name                = %q
  connector           = "active-directory"
  owner               = { id = %q }
  password_policy_ids = [%q]
}
`, name, e.ownerID, emulator.CorporatePasswordPolicyID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		// No source of the name is left, that of the failed first step included.
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(e.checkDestroy, e.noSourceNamed(name)),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					if err := e.emu.InjectFault(emulator.Fault{Kind: emulator.FaultDropAfterCommit, Route: e.route("PATCH /sources/{sourceId}/password-policies"), Count: 1}); err != nil {
						t.Fatal(err)
					}
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)setting\s+the\s+password\s+policies\s+of.*may\s+or\s+may\s+not\s+have\s+been\s+carried\s+out`),
			},
			{
				PreConfig: func() {
					found, _, err := e.client.ListSources(background, client.ListOptions{Filters: client.FilterEq("name", name)})
					if err != nil || len(found) != 1 {
						t.Fatalf("sources named %s: %d, %v; want the one created", name, len(found), err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(sourceAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

// noSourceNamed checks that ISC has no source of that name.
func (e *accEnv) noSourceNamed(name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		found, _, err := e.client.ListSources(background, client.ListOptions{Filters: client.FilterEq("name", name)})
		if err != nil {
			return err
		}
		if len(found) > 0 {
			return fmt.Errorf("source %s is still in ISC (id %s)", name, found[0].ID)
		}
		return nil
	}
}
