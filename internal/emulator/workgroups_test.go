package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestWorkgroups(t *testing.T) {
	h := newHarness(t, Config{})
	alice, bob := FixtureIdentityID(1), FixtureIdentityID(2)
	// Create answers 200, fills the owner's names and starts without members.
	g := h.do("POST", "/workgroups", obj{"name": "DB Owners", "description": "Own the databases", "owner": obj{"id": alice}}).
		expect(http.StatusOK).obj()
	id := g["id"].(string)
	owner := g["owner"].(obj)
	if !hex32.MatchString(id) || owner["type"] != "IDENTITY" || owner["name"] == "" || !strings.HasSuffix(owner["emailAddress"].(string), "@example.com") ||
		g["memberCount"] != float64(0) || g["created"] == "" {
		t.Fatalf("created governance group %v", g)
	}
	// No description, no owner: both absent, never null (trap 41).
	bare := h.do("POST", "/workgroups", obj{"name": "Bare"}).expect(http.StatusOK).obj()
	if _, ok := bare["description"]; ok {
		t.Errorf("a group without description has %v", bare)
	}
	if _, ok := bare["owner"]; ok {
		t.Errorf("a group without owner has %v", bare)
	}
	for body, want := range map[string]string{
		`{"description":"x"}`:                                       "'name'",
		`{"name":"db owners"}`:                                      "already exists",
		`{"name":"X","owner":{"id":"nobody"}}`:                      "identity 'nobody' does not exist",
		`{"name":"X","owner":{"id":"` + alice + `","type":"ROLE"}}`: "'owner.type'",
	} {
		h.offContract().do("POST", "/workgroups", body).expectError(http.StatusBadRequest, want)
	}
	if got := h.do("GET", "/workgroups?filters="+urlEscape(`name sw "db"`)+"&sorters=-name", nil).list(); len(got) != 1 || got[0]["id"] != id {
		t.Fatalf("name sw: %v", got)
	}

	// PATCH: name, description and owner; the counts are ISC's.
	p := h.patch("/workgroups/"+id, `[{"op":"replace","path":"/owner","value":{"type":"IDENTITY","id":"`+bob+`"}},{"op":"replace","path":"/description","value":"New"}]`).
		expect(http.StatusOK).obj()
	if p["owner"].(obj)["id"] != bob || p["description"] != "New" {
		t.Fatalf("after PATCH: %v", p)
	}
	h.patch("/workgroups/"+id, `[{"op":"replace","path":"/memberCount","value":5}]`).expectError(http.StatusBadRequest, "memberCount")

	// Members: 207 with one result per identity.
	add := h.do("POST", "/workgroups/"+id+"/members/bulk-add", []obj{{"type": "IDENTITY", "id": alice}, {"id": bob}, {"id": alice}, {"id": "nobody"}}).
		expect(http.StatusMultiStatus)
	statuses := func(r response) []float64 {
		var out []float64
		for _, item := range r.list() {
			out = append(out, item["status"].(float64))
		}
		return out
	}
	if got := statuses(add); len(got) != 4 || got[0] != 201 || got[1] != 201 || got[2] != 409 || got[3] != 404 {
		t.Fatalf("bulk-add statuses %v: %v", got, add.list())
	}
	members := h.do("GET", "/workgroups/"+id+"/members?sorters=-name&count=true", nil).expect(http.StatusOK)
	if got := members.list(); len(got) != 2 || members.header.Get("X-Total-Count") != "2" || got[0]["email"] == "" || got[0]["type"] != "IDENTITY" {
		t.Fatalf("members %v", got)
	}
	if got := h.do("GET", "/workgroups/"+id, nil).obj(); got["memberCount"] != float64(2) {
		t.Fatalf("memberCount after adding two: %v", got)
	}
	h.offContract().do("GET", "/workgroups/"+id+"/members?limit=51", nil).expectError(http.StatusBadRequest, "from 0 to 50")
	del := h.do("POST", "/workgroups/"+id+"/members/bulk-delete", []obj{{"id": alice}, {"id": alice}}).expect(http.StatusMultiStatus)
	if got := statuses(del); len(got) != 2 || got[0] != 204 || got[1] != 404 {
		t.Fatalf("bulk-delete statuses %v", got)
	}
	h.do("POST", "/workgroups/"+id+"/members/bulk-add", []obj{{"id": ""}}).expectError(http.StatusBadRequest, "'[0].id'")
	h.do("POST", "/workgroups/nope/members/bulk-add", []obj{{"id": alice}}).expect(http.StatusNotFound)

	h.do("DELETE", "/workgroups/"+id, nil).expect(http.StatusNoContent)
	h.do("GET", "/workgroups/"+id+"/members", nil).expect(http.StatusNotFound)
}

// A snapshot's governance groups keep their members, which must be identities.
func TestSnapshotWorkgroups(t *testing.T) {
	doc := `{"workgroups":[{"id":"2c9180857a1f3c41d0e4b6e2c3f0b001","name":"Approvers","owner":{"id":"` + AdminIdentityID + `"},
		"members":[{"id":"` + AdminIdentityID + `"}]}]}`
	snap, err := ReadSnapshot(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, Config{Snapshot: snap})
	g := h.do("GET", "/workgroups/2c9180857a1f3c41d0e4b6e2c3f0b001", nil).expect(http.StatusOK).obj()
	if g["memberCount"] != float64(1) || g["owner"].(obj)["name"] != AdminIdentityName {
		t.Fatalf("snapshot group %v", g)
	}
	if got := h.do("GET", "/workgroups/2c9180857a1f3c41d0e4b6e2c3f0b001/members", nil).list(); len(got) != 1 || got[0]["id"] != AdminIdentityID {
		t.Fatalf("snapshot members %v", got)
	}
	bad := strings.Replace(doc, `"members":[{"id":"`+AdminIdentityID, `"members":[{"id":"nobody`, 1)
	if _, err := ReadSnapshot(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), `workgroups[0] "Approvers": field 'members[0].id'`) {
		t.Fatalf("a member that is no identity: %v", err)
	}
}
