package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// createCase is one create call of the client, run against an in-process emulator.
type createCase struct {
	name string
	// route is the create's route in the emulator's request log.
	route string
	// parent makes what the object needs (its source, an authoritative source); "" when nothing.
	parent func(t *testing.T, c *Client) string
	// create calls the client's create with the given description; it returns the import ID.
	create func(ctx context.Context, c *Client, parent, description string) (string, error)
	// path is the object's API path below the version, for its import ID.
	path func(importID string) string
	// timed says ISC records when the object was created.
	timed bool
	// unprovable says a lost answer can never be proven the create's own: the type has no
	// creation time and no parent whose creation would show it new.
	unprovable bool
}

func testSource(t *testing.T, c *Client) string {
	t.Helper()
	s, err := c.CreateSource(context.Background(), &Source{Name: "HR", Connector: "jdbc",
		Owner: &Reference{Type: RefIdentity, ID: emulator.AdminIdentityID}}, false)
	if err != nil {
		t.Fatal(err)
	}
	return s.ID
}

// testIdentityProfile makes an identity profile, on a source of its own.
func testIdentityProfile(t *testing.T, c *Client) string {
	t.Helper()
	p, err := c.CreateIdentityProfile(context.Background(), &IdentityProfile{Name: "Employees",
		AuthoritativeSource: &Reference{Type: RefSource, ID: testSource(t, c)}})
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

var createCases = []createCase{
	{
		name: "transform", route: "POST /transforms/v1", unprovable: true,
		create: func(ctx context.Context, c *Client, _, d string) (string, error) {
			tr, err := c.CreateTransform(ctx, &Transform{Name: "Lower Email", Type: "lower", Attributes: map[string]any{"input": d}})
			if err != nil {
				return "", err
			}
			return tr.ID, nil
		},
		path: func(id string) string { return "/transforms/" + id },
	},
	{
		name: "governance group", route: "POST /workgroups/v1", timed: true,
		create: func(ctx context.Context, c *Client, _, d string) (string, error) {
			g, err := c.CreateGovernanceGroup(ctx, &GovernanceGroup{Name: "Approvers", Description: d,
				Owner: &Reference{Type: RefIdentity, ID: emulator.AdminIdentityID}})
			if err != nil {
				return "", err
			}
			return g.ID, nil
		},
		path: func(id string) string { return "/workgroups/" + id },
	},
	{
		name: "access profile", route: "POST /access-profiles/v1", timed: true,
		parent: testSource,
		create: func(ctx context.Context, c *Client, src, d string) (string, error) {
			p, err := c.CreateAccessProfile(ctx, &AccessProfile{Name: "Finance", Description: &d, Requestable: true,
				Owner: &Reference{Type: RefIdentity, ID: emulator.AdminIdentityID}, Source: &Reference{Type: RefSource, ID: src}})
			if err != nil {
				return "", err
			}
			return p.ID, nil
		},
		path: func(id string) string { return "/access-profiles/" + id },
	},
	{
		name: "identity attribute", route: "POST /identity-attributes/v1", unprovable: true,
		create: func(ctx context.Context, c *Client, _, d string) (string, error) {
			a, err := c.CreateIdentityAttribute(ctx, &IdentityAttribute{Name: "costCenter", DisplayName: d})
			if err != nil {
				return "", err
			}
			return a.Name, nil
		},
		path: func(name string) string { return "/identity-attributes/" + name },
	},
	{
		name: "lifecycle state", route: "POST /identity-profiles/v1/{identityProfileId}/lifecycle-states", timed: true,
		parent: testIdentityProfile,
		create: func(ctx context.Context, c *Client, profile, d string) (string, error) {
			l, err := c.CreateLifecycleState(ctx, profile, &ProfileLifecycleState{Name: "Leave", TechnicalName: "leave", Description: &d,
				AccountActions: []AccountAction{{Action: "DISABLE", AllSources: true}}})
			if err != nil {
				return "", err
			}
			return profile + "/" + l.ID, nil
		},
		path: func(id string) string {
			profile, state, _ := strings.Cut(id, "/")
			return "/identity-profiles/" + profile + "/lifecycle-states/" + state
		},
	},
	{
		name: "source", route: "POST /sources/v1", timed: true,
		create: func(ctx context.Context, c *Client, _, d string) (string, error) {
			s, err := c.CreateSource(ctx, &Source{Name: "HR", Description: d, Connector: "jdbc",
				Owner: &Reference{Type: RefIdentity, ID: emulator.AdminIdentityID}, ConnectorAttributes: map[string]any{"user": "svc", "password": "pw-" + d}}, false)
			if err != nil {
				return "", err
			}
			return s.ID, nil
		},
		path: func(id string) string { return "/sources/" + id },
	},
	{
		name: "identity profile", route: "POST /identity-profiles/v1", timed: true,
		parent: testSource,
		create: func(ctx context.Context, c *Client, src, d string) (string, error) {
			p, err := c.CreateIdentityProfile(ctx, &IdentityProfile{Name: "Employees", Description: &d,
				AuthoritativeSource: &Reference{Type: RefSource, ID: src}})
			if err != nil {
				return "", err
			}
			return p.ID, nil
		},
		path: func(id string) string { return "/identity-profiles/" + id },
	},
	{
		name: "schema", route: "POST /sources/v1/{sourceId}/schemas", timed: true,
		parent: testSource,
		create: func(ctx context.Context, c *Client, src, d string) (string, error) {
			s, err := c.CreateSchema(ctx, src, &Schema{Name: "group", NativeObjectType: d, IdentityAttribute: "id",
				Attributes: []AttributeDefinition{{Name: "id", Type: "STRING"}}})
			if err != nil {
				return "", err
			}
			return src + "/" + s.ID, nil
		},
		path: func(id string) string {
			src, sch, _ := strings.Cut(id, "/")
			return "/sources/" + src + "/schemas/" + sch
		},
	},
	{
		name: "schedule", route: "POST /sources/v1/{sourceId}/schedules",
		parent: testSource,
		create: func(ctx context.Context, c *Client, src, d string) (string, error) {
			cron := "0 0 5 * * ?"
			if d != "mine" {
				cron = "0 0 6 * * ?"
			}
			s, err := c.CreateSchedule(ctx, src, &Schedule{Type: ScheduleAccountAggregation, CronExpression: cron})
			if err != nil {
				return "", err
			}
			return src + "/" + s.Type, nil
		},
		path: func(id string) string {
			src, typ, _ := strings.Cut(id, "/")
			return "/sources/" + src + "/schedules/" + typ
		},
	},
	{
		name: "provisioning policy", route: "POST /sources/v1/{sourceId}/provisioning-policies",
		parent: testSource,
		create: func(ctx context.Context, c *Client, src, d string) (string, error) {
			p, err := c.CreateProvisioningPolicy(ctx, src, &ProvisioningPolicy{Name: "Update", Description: d, UsageType: "UPDATE",
				Fields: []FieldDetails{{Name: "mail", Type: "string"}}})
			if err != nil {
				return "", err
			}
			return src + "/" + p.UsageType, nil
		},
		path: func(id string) string {
			src, u, _ := strings.Cut(id, "/")
			return "/sources/" + src + "/provisioning-policies/" + u
		},
	},
}

// createEnv is an emulator whose clock a test may move, a client under test and a second
// client, standing for someone else, that makes objects behind its back.
type createEnv struct {
	emu      *emulator.Server
	c, other *Client
	shift    atomic.Int64 // added to the emulator's clock
	parentID string
}

// newCreateEnv starts the emulator and makes the object's parent with the client under test, or
// with the other client when parentByOther is set.
func newCreateEnv(t *testing.T, cc createCase, parentByOther bool) *createEnv {
	t.Helper()
	e := &createEnv{}
	e.emu = emulator.New(emulator.Config{Now: func() time.Time { return time.Now().Add(time.Duration(e.shift.Load())) }})
	srv := contract.NewServer(t, e.emu)
	for _, c := range []**Client{&e.c, &e.other} {
		var err error
		*c, err = New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret,
			RequestsPerSecond: 1000, MaxRetries: 3, NoReadCache: c == &e.other})
		if err != nil {
			t.Fatal(err)
		}
		(*c).wait = (&waits{}).record
	}
	if cc.parent != nil {
		maker := e.c
		if parentByOther {
			maker = e.other
		}
		e.parentID = cc.parent(t, maker)
	}
	return e
}

// raw reads an object as ISC holds it.
func (e *createEnv) raw(t *testing.T, path string) string {
	t.Helper()
	var out json.RawMessage
	if _, err := e.other.do(context.Background(), request{method: http.MethodGet, path: path, out: &out}); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return string(out)
}

func (e *createEnv) posts(route string) int { return countRoute(e.emu, route) }

// A create whose answer is lost adopts the object it made, and a create that ISC did not act on
// is sent again.
func TestCreateWithLostAnswerAdoptsItsOwnObject(t *testing.T) {
	for _, cc := range createCases {
		for _, fault := range []emulator.FaultKind{emulator.FaultDropAfterCommit, emulator.Fault503} {
			t.Run(cc.name+"/"+string(fault), func(t *testing.T) {
				e := newCreateEnv(t, cc, false)
				if err := e.emu.InjectFault(emulator.Fault{Kind: fault, Route: cc.route, Count: 1}); err != nil {
					t.Fatal(err)
				}
				id, err := cc.create(context.Background(), e.c, e.parentID, "mine")
				var notOurs *NotOursError
				if cc.unprovable && fault == emulator.FaultDropAfterCommit {
					// Its own object, but nothing can show it: left alone, with its import ID.
					if !errors.As(err, &notOurs) || !strings.Contains(err.Error(), "ISC records no creation time for it") {
						t.Fatalf("create = %v, want a NotOursError", err)
					}
					e.raw(t, cc.path(notOurs.ImportID))
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				wantPosts := 1 // the lost answer's create happened, and is adopted
				if fault == emulator.Fault503 {
					wantPosts = 2 // ISC did not act; nothing was found, so the create is sent again
				}
				if got := e.posts(cc.route); got != wantPosts {
					t.Errorf("%d creates sent, want %d", got, wantPosts)
				}
				e.raw(t, cc.path(id))
			})
		}
	}
}

// A create whose answer is lost never adopts an object that it did not provably make: one that
// existed before it (made an hour earlier with its parent, identical otherwise), or one someone
// else made at the same moment with other values, even on a parent this run made. It fails
// naming the object, which is left as it was.
func TestCreateWithLostAnswerNeverAdoptsAnotherObject(t *testing.T) {
	for _, cc := range createCases {
		for _, tc := range []struct {
			name    string
			age     time.Duration
			desc    string // the existing object's description; "mine" is what the create sends
			fault   emulator.FaultKind
			because string
		}{
			{"made an hour before, the same values", time.Hour, "mine", emulator.FaultDropAfterCommit, "before the request was sent"},
			{"made at the same moment, other values", 0, "theirs", emulator.Fault503, "differs from the value the request sent"},
		} {
			t.Run(cc.name+"/"+tc.name, func(t *testing.T) {
				e := newCreateEnv(t, cc, tc.age > 0)
				e.shift.Store(int64(-tc.age))
				existing, err := cc.create(context.Background(), e.other, e.parentID, tc.desc)
				if err != nil {
					t.Fatal(err)
				}
				e.shift.Store(0)
				before := e.raw(t, cc.path(existing))
				e.emu.ClearRequests()
				if err := e.emu.InjectFault(emulator.Fault{Kind: tc.fault, Route: cc.route, Count: 1}); err != nil {
					t.Fatal(err)
				}

				_, err = cc.create(context.Background(), e.c, e.parentID, "mine")
				var notOurs *NotOursError
				if !errors.As(err, &notOurs) {
					t.Fatalf("create = %v, want a NotOursError", err)
				}
				because := tc.because
				if !cc.timed && (tc.age > 0 || cc.unprovable) {
					because = "ISC records no creation time for it"
				}
				var unknown *OutcomeUnknownError
				if notOurs.ImportID != existing || !strings.Contains(err.Error(), because) || !errors.As(err, &unknown) {
					t.Errorf("error = %v (import ID %q), want the import ID %q, %q and the lost answer", err, notOurs.ImportID, existing, because)
				}
				if after := e.raw(t, cc.path(existing)); after != before {
					t.Errorf("the existing object changed:\nbefore %s\nafter  %s", before, after)
				}
				for _, r := range e.emu.Requests() {
					if r.Method != http.MethodGet && r.Route != cc.route && r.Path != "/oauth/token" {
						t.Errorf("wrote %s %s", r.Method, r.Path)
					}
				}
				if got := e.posts(cc.route); got != 1 {
					t.Errorf("%d creates sent, want 1: the object found stops the retries", got)
				}
			})
		}
	}
}

// What a create sent is found in an object that holds it and more; secrets, which ISC answers
// with cipher text, are not compared.
func TestSentDiffers(t *testing.T) {
	secret := func(k string) bool { return k == "password" }
	for _, tc := range []struct {
		sent, found string
		want        string // "" when found holds sent
	}{
		{`{"a":1,"b":{"c":"x"}}`, `{"a":1,"b":{"c":"x","d":2},"e":3}`, ""},
		{`{"a":1}`, `{"a":2}`, "/a"},
		{`{"a":{"password":"pw"}}`, `{"a":{"password":"2:ENC:xyz"}}`, ""},
		{`{"a":[{"n":"x"},{"n":"y"}]}`, `{"a":[{"n":"x"},{"n":"z"}]}`, "/a/1/n"},
		{`{"a":[1,2]}`, `{"a":[1]}`, "/a"},
		{`{"a":null}`, `{}`, ""},
		{`{"a":null}`, `{"a":"set"}`, "/a"},
		{`{"a":"x"}`, `{}`, "/a"},
	} {
		var sent, found any
		_ = json.Unmarshal([]byte(tc.sent), &sent)
		_ = json.Unmarshal([]byte(tc.found), &found)
		if got, _ := sentDiffers(sent, found, "", secret); got != tc.want {
			t.Errorf("sentDiffers(%s, %s) = %q, want %q", tc.sent, tc.found, got, tc.want)
		}
	}
}

func TestServerClockBoundsTheOffset(t *testing.T) {
	var c serverClock
	local := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	if _, ok := c.earliest(local); ok {
		t.Fatal("known before any answer")
	}
	// ISC's clock is 90.3 s ahead. Each answer takes 200 ms; its Date has whole seconds.
	const ahead = 90*time.Second + 300*time.Millisecond
	for i := range 20 {
		sent := local.Add(time.Duration(i) * 730 * time.Millisecond)
		written := sent.Add(100 * time.Millisecond).Add(ahead)
		c.observe(written.Truncate(time.Second).Format(http.TimeFormat), sent, sent.Add(200*time.Millisecond))
	}
	at, _ := c.earliest(local)
	if d := at.Sub(local); d > ahead || d < ahead-time.Second {
		t.Fatalf("earliest offset %s, want within a second below %s", d, ahead)
	}
	// The clock is set back an hour: the next answer contradicts the others and is believed.
	c.observe(local.Add(-time.Hour).Format(http.TimeFormat), local, local)
	if at, _ := c.earliest(local); at.After(local.Add(-time.Hour)) || at.Before(local.Add(-time.Hour-time.Second)) {
		t.Fatalf("after the clock was set back: earliest %s", at)
	}
}

func TestCreatedPrecision(t *testing.T) {
	for s, want := range map[string]time.Duration{
		"2026-01-01T12:00:00Z":             time.Second,
		"2026-01-01T12:00:00.8Z":           100 * time.Millisecond,
		"2026-01-01T12:00:00.819Z":         time.Millisecond,
		"2026-01-01T12:00:00.819000+00:00": time.Microsecond,
	} {
		if got := createdPrecision(s); got != want {
			t.Errorf("createdPrecision(%s) = %s, want %s", s, got, want)
		}
	}
}
