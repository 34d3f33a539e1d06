package emulator

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
)

// shippedSnapshot is the snapshot the repository ships for import and offline tests.
const shippedSnapshot = "../../examples/tenant-snapshot/snapshot.json"

func readShippedSnapshot(t testing.TB) *Snapshot {
	t.Helper()
	f, err := os.Open(shippedSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	snap, err := ReadSnapshot(f)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func TestSnapshotServesTheTenant(t *testing.T) {
	snap := readShippedSnapshot(t)
	h := newHarness(t, Config{Snapshot: snap})

	sources := h.do("GET", "/sources", nil).list()
	if len(sources) != len(snap.Sources) {
		t.Fatalf("%d sources, want %d", len(sources), len(snap.Sources))
	}
	ad := sources[0]
	if ad["name"] != "Corporate AD" || ad["owner"].(obj)["name"] != "Alice Morgan" || ad["cluster"].(obj)["name"] != "Corporate Cluster" {
		t.Fatalf("AD source %v", ad)
	}
	if ad["connectorClass"] != "sailpoint.connector.ADLDAPConnector" || ad["authoritative"] != false || ad["healthy"] != true {
		t.Fatalf("derived fields of the AD source: %v", ad)
	}
	if pw, _ := ad["connectorAttributes"].(obj)["password"].(string); !strings.HasPrefix(pw, cipherPrefix) {
		t.Fatalf("secret connector attribute %q is not cipher text", pw)
	}
	if p := ad["passwordPolicies"].([]any); len(p) != 1 || p[0].(obj)["name"] != "Corporate Password Policy" {
		t.Fatalf("password policies %v", p)
	}
	if s := ad["schemas"].([]any); len(s) != 2 || s[1].(obj)["name"] != "group" {
		t.Fatalf("schema references %v", s)
	}
	adID := ad["id"].(string)
	h.do("GET", "/sources/"+adID+"/password-policies", nil).expect(http.StatusOK)

	account := h.do("GET", "/sources/"+adID+"/schemas/2c9180e22202cfdbcb187f04756fa75b", nil).expect(http.StatusOK).obj()
	var memberOf obj
	for _, a := range account["attributes"].([]any) {
		if a.(obj)["name"] == "memberOf" {
			memberOf = a.(obj)
		}
	}
	if memberOf == nil || memberOf["isGroup"] != true || memberOf["schema"].(obj)["name"] != "group" {
		t.Fatalf("group entitlement attribute %v", memberOf)
	}
	if l := h.do("GET", "/sources/"+adID+"/schedules", nil).list(); len(l) != 2 {
		t.Fatalf("schedules %v", l)
	}
	create := h.do("GET", "/sources/"+adID+"/provisioning-policies/CREATE", nil).expect(http.StatusOK).obj()
	if f := create["fields"].([]any)[0].(obj); f["name"] != "sAMAccountName" || f["isRequired"] != true {
		t.Fatalf("isRequired is not derived: %v", f)
	}

	profiles := h.do("GET", "/identity-profiles", nil).list()
	if len(profiles) != 2 || profiles[0]["authoritativeSource"].(obj)["name"] != "Workday HR Feed" || profiles[0]["owner"].(obj)["name"] != "Carla Diaz" {
		t.Fatalf("identity profiles %v", profiles)
	}
	hr := h.do("GET", "/sources/2c91809b4e462c47eed7744f1cf2c46a", nil).obj()
	if hr["authoritative"] != true || hr["type"] != "DelimitedFile" {
		t.Fatalf("HR source %v", hr)
	}

	grace := h.do("GET", "/identities?filters="+url.QueryEscape(`alias eq "grace.lee"`), nil).list()
	if len(grace) != 1 || grace[0]["managerRef"].(obj)["name"] != "Erin Walsh" {
		t.Fatalf("snapshot identity %v", grace)
	}
	h.do("GET", "/identities/"+AdminIdentityID, nil).expect(http.StatusOK) // generated identities stay

	// Changes go with a reset; the snapshot is where it returns to.
	h.patch("/sources/"+adID, []obj{{"op": "replace", "path": "/description", "value": "changed"}}).expect(http.StatusOK)
	h.do("DELETE", "/sources/"+adID+"/schedules/GROUP_AGGREGATION", nil).expect(http.StatusNoContent)
	h.do("POST", "/sources", obj{"name": "Extra", "connector": "jdbc", "owner": obj{"id": AdminIdentityID}}).expect(http.StatusCreated)
	h.srv.Reset()
	if got := h.do("GET", "/sources/"+adID, nil).obj()["description"]; got != "Active Directory forest acme.example.com" {
		t.Fatalf("description after reset %q", got)
	}
	h.do("GET", "/sources/"+adID+"/schedules/GROUP_AGGREGATION", nil).expect(http.StatusOK)
	if n := len(h.do("GET", "/sources", nil).list()); n != len(snap.Sources) {
		t.Fatalf("%d sources after reset", n)
	}
}

// A minimal valid source for the error cases to break.
const snapSource = `{"id": "2c9180aa000000000000000000000001", "name": "HR", "connector": "jdbc",
	"owner": {"id": "` + AdminIdentityID + `"},
	"schemas": [{"id": "2c9180aa000000000000000000000002", "name": "account"}]`

func TestReadSnapshotNamesTheObjectAndField(t *testing.T) {
	for _, tc := range []struct {
		name, json, want string
	}{
		{"valid", `{"sources": [` + snapSource + `}]}`, ""},
		{"not JSON", `{"sources": [}`, "snapshot: invalid character"},
		{"trailing data", `{} {}`, "unexpected data after the JSON document"},
		{"unknown top-level field", `{"source": []}`, `snapshot: unknown field "source"`},
		{"unknown source field", `{"sources": [{"ownerId": "x"}]}`, `snapshot: sources[0]: unknown field "ownerId"`},
		{"bad id", `{"sources": [{"id": "42", "name": "HR"}]}`, `sources[0] "HR": field 'id' must be a 32-character lowercase hex id`},
		{"unknown owner", `{"sources": [` + strings.Replace(snapSource, AdminIdentityID, "2c9180aa0000000000000000000000ff", 1) + `}]}`,
			`sources[0] "HR": field 'owner.id': identity '2c9180aa0000000000000000000000ff' does not exist`},
		{"no account schema", `{"sources": [` + strings.Replace(snapSource, `"account"`, `"users"`, 1) + `}]}`,
			`sources[0] "HR": field 'schemas' has no "account" schema`},
		{"duplicate id", `{"sources": [` + strings.Replace(snapSource, "000000000002", "000000000001", 1) + `}]}`,
			`sources[0] "HR": schemas[0] "account": id '2c9180aa000000000000000000000001' is already the id of sources[0] "HR"`},
		{"bad attribute type", `{"sources": [` + strings.Replace(snapSource, `"name": "account"`, `"name": "account", "attributes": [{"name": "x", "type": "TEXT"}]`, 1) + `}]}`,
			`sources[0] "HR": schemas[0] "account": field 'attributes[0].type' must be one of STRING`},
		{"group attribute without group schema", `{"sources": [` + strings.Replace(snapSource, `"name": "account"`, `"name": "account", "attributes": [{"name": "groups", "isEntitlement": true, "isGroup": true}]`, 1) + `}]}`,
			`sources[0] "HR": schemas[0] "account": attribute 'groups': isGroup requires a group schema`},
		{"bad cron", `{"sources": [` + snapSource + `, "schedules": [{"type": "ACCOUNT_AGGREGATION", "cronExpression": "daily"}]}]}`,
			`sources[0] "HR": schedules[0]: field 'cronExpression' must be a Quartz cron expression`},
		{"two schedules of a type", `{"sources": [` + snapSource + `, "schedules": [{"type": "ACCOUNT_AGGREGATION", "cronExpression": "0 0 1 * * ?"}, {"type": "ACCOUNT_AGGREGATION", "cronExpression": "0 0 2 * * ?"}]}]}`,
			`sources[0] "HR": schedules[1]: the source already has a ACCOUNT_AGGREGATION schedule`},
		{"bad usage type", `{"sources": [` + snapSource + `, "provisioningPolicies": [{"name": "P", "usageType": "MAKE"}]}]}`,
			`sources[0] "HR": provisioningPolicies[0]: field 'usageType' must be a UsageType`},
		{"bad field type", `{"sources": [` + snapSource + `, "provisioningPolicies": [{"name": "P", "usageType": "CREATE", "fields": [{"name": "f", "type": "text"}]}]}]}`,
			`sources[0] "HR": provisioningPolicies[0]: field 'fields[0].type' must be one of`},
		{"unknown password policy", `{"sources": [` + snapSource + `, "passwordPolicies": [{"id": "2c9180aa0000000000000000000000ee"}]}]}`,
			`sources[0] "HR": field 'passwordPolicies[0].id': password policy '2c9180aa0000000000000000000000ee' does not exist`},
		{"password policy without PASSWORD", `{"sources": [` + snapSource + `, "features": [], "passwordPolicies": [{"id": "` + CorporatePasswordPolicyID + `"}]}]}`,
			`sources[0] "HR": Source must support PASSWORD feature`},
		{"profile of an unknown source", `{"identityProfiles": [{"id": "2c9180aa000000000000000000000003", "name": "Staff", "authoritativeSource": {"id": "2c9180aa000000000000000000000001"}}]}`,
			`identityProfiles[0] "Staff": field 'authoritativeSource.id': source '2c9180aa000000000000000000000001' does not exist`},
		{"two identities of one id", `{"identities": [{"id": "2c9180aa000000000000000000000004", "name": "Ann"}, {"id": "2c9180aa000000000000000000000004", "name": "Bo"}]}`,
			`identities[1] "Bo": id '2c9180aa000000000000000000000004' is already the id of identities[0]`},
		{"identity with an unknown manager", `{"identities": [{"id": "2c9180aa000000000000000000000004", "name": "Ann", "managerRef": {"id": "2c9180aa000000000000000000000005"}}]}`,
			`identities[0] "Ann": field 'managerRef.id': identity '2c9180aa000000000000000000000005' does not exist`},
		{"source owned by a snapshot identity", `{"identities": [{"id": "2c9180aa000000000000000000000004", "name": "Ann"}], "sources": [` +
			strings.Replace(snapSource, AdminIdentityID, "2c9180aa000000000000000000000004", 1) + `}]}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadSnapshot(strings.NewReader(tc.json))
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("valid snapshot refused: %v", err)
			case tc.want != "" && err == nil:
				t.Fatalf("invalid snapshot accepted, want %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Fatalf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestNewRefusesASnapshotThatDoesNotLoad(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), `sources[0] "X": field 'id'`) {
			t.Fatalf("panic %v", r)
		}
	}()
	New(Config{Snapshot: &Snapshot{Sources: []SnapshotSource{{Source: Source{ID: "x", Name: "X"}}}}})
}
