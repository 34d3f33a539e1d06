package emulator

import (
	"net/http"
	"testing"
	"time"
)

// respellings are other valid RFC 3339 spellings of the instant ts (written in timeLayout):
// microseconds with a numeric UTC offset, Go's trimmed fraction, and another time zone.
func respellings(t *testing.T, ts string) []string {
	t.Helper()
	at, err := time.Parse(timeLayout, ts)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{
		at.Format("2006-01-02T15:04:05.000000-07:00"),
		at.Format(time.RFC3339Nano),
		at.In(time.FixedZone("", 2*3600)).Format(time.RFC3339Nano),
	}
	for _, s := range out {
		if s == ts {
			t.Fatalf("respelling %q is the stored spelling", s)
		}
	}
	return out
}

// later is ts one millisecond later, in the stored spelling.
func later(t *testing.T, ts string) string {
	t.Helper()
	at, err := time.Parse(timeLayout, ts)
	if err != nil {
		t.Fatal(err)
	}
	return formatTime(at.Add(time.Millisecond))
}

// A client may send created and modified back in another spelling of the same instant; only a
// different instant is a change of the immutable field.
func TestTimestampsCompareAsInstants(t *testing.T) {
	h := newHarness(t, Config{})
	h.clock.Advance(24*time.Second + 810*time.Millisecond) // .810: Go's RFC3339Nano writes .81
	src := h.createSource("HR", "delimited-file", nil)
	srcPath := "/sources/" + src["id"].(string)
	schemas := h.do("GET", srcPath+"/schemas", nil).expect(http.StatusOK).list()
	schema := schemas[0]
	schemaPath := srcPath + "/schemas/" + schema["id"].(string)
	profile := h.do("POST", "/identity-profiles", obj{"name": "Employees", "owner": obj{"id": AdminIdentityID},
		"authoritativeSource": obj{"id": src["id"]}}).expect(http.StatusCreated).obj()
	profilePath := "/identity-profiles/" + profile["id"].(string)
	h.clock.Advance(time.Minute)

	// PATCH: test and replace of created and modified with the same instant pass and change nothing.
	for _, o := range []struct {
		path string
		doc  obj
	}{{srcPath, src}, {schemaPath, schema}, {profilePath, profile}} {
		for _, f := range []string{"created", "modified"} {
			for _, spelling := range respellings(t, o.doc[f].(string)) {
				for _, op := range []string{"test", "replace"} {
					got := h.patch(o.path, []obj{{"op": op, "path": "/" + f, "value": spelling}}).expect(http.StatusOK).obj()
					if got["created"] != o.doc["created"] || got["modified"] != o.doc["modified"] {
						t.Fatalf("%s %s %s %q: created %v, modified %v, want %v and %v", o.path, op, f, spelling,
							got["created"], got["modified"], o.doc["created"], o.doc["modified"])
					}
				}
			}
			other := later(t, o.doc[f].(string))
			h.patch(o.path, []obj{{"op": "replace", "path": "/" + f, "value": other}}).
				expectError(http.StatusBadRequest, "'"+f+"'", "immutable")
			h.patch(o.path, []obj{{"op": "test", "path": "/" + f, "value": other}}).
				expectError(http.StatusBadRequest, "could not be applied")
		}
	}

	// Any immutable field may be set to its stored value (add replaces an existing member).
	got := h.patch(srcPath, []obj{
		{"op": "replace", "path": "/id", "value": src["id"]},
		{"op": "add", "path": "/connector", "value": src["connector"]},
		{"op": "replace", "path": "/created", "value": respellings(t, src["created"].(string))[0]},
	}).expect(http.StatusOK).obj()
	if got["modified"] != src["modified"] {
		t.Fatalf("a patch that changes nothing moved modified to %v", got["modified"])
	}
	h.patch(srcPath, []obj{{"op": "add", "path": "/connector", "value": "jdbc"}}).expectError(http.StatusBadRequest, "'connector'", "immutable")

	// Schema PUT: the same instants in other spellings are no change; another instant is.
	put := func(created, modified string) response {
		return h.do("PUT", schemaPath, obj{"id": schema["id"], "name": schema["name"], "nativeObjectType": "User",
			"identityAttribute": "id", "created": created, "modified": modified})
	}
	for _, f := range []string{"created", "modified"} {
		body := map[string]string{"created": schema["created"].(string), "modified": schema["modified"].(string)}
		body[f] = later(t, body[f])
		put(body["created"], body["modified"]).expectError(http.StatusBadRequest, "'"+f+"'", "immutable")
	}
	c, m := respellings(t, schema["created"].(string)), respellings(t, schema["modified"].(string))
	for i := range c {
		got := put(c[i], m[i]).expect(http.StatusOK).obj()
		if got["created"] != schema["created"] {
			t.Fatalf("put with created %q: created %v, want %v", c[i], got["created"], schema["created"])
		}
		schema["modified"] = got["modified"] // a PUT is a change: modified moves on
		m = respellings(t, got["modified"].(string))
		h.clock.Advance(1090 * time.Millisecond) // keeps the fraction spelled differently by RFC3339Nano
	}
}
