package emulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func TestRequestLogAndStats(t *testing.T) {
	h := newHarness(t, Config{})
	h.srv.ClearRequests()
	tok := h.postToken(url.Values{"grant_type": {"client_credentials"}, "client_id": {DefaultClientID}, "client_secret": {DefaultClientSecret}}, "").
		expect(http.StatusOK).obj()["access_token"].(string)
	id := h.createSource("Logged", "jdbc", obj{"connectorAttributes": obj{"password": "pw"}})["id"].(string)
	h.patch("/sources/"+id+"?x=1", []obj{{"op": "replace", "path": "/description", "value": "d"}}).expect(http.StatusOK)
	h.do("GET", "/sources/nope", nil).expect(http.StatusNotFound)

	r := h.raw("GET", "/__emulator/requests", "", "", "").expect(http.StatusOK)
	var log []Request
	if err := json.Unmarshal(r.body, &log); err != nil {
		t.Fatal(err)
	}
	if len(log) != 4 {
		t.Fatalf("%d records, want 4 (admin requests are not logged): %s", len(log), r.body)
	}
	if strings.Contains(string(r.body), tok) || strings.Contains(string(r.body), h.token) || strings.Contains(string(r.body), DefaultClientSecret) {
		t.Fatal("the request log leaks a token or the client secret")
	}
	if log[0].Route != "POST /oauth/token" || !strings.Contains(log[0].Body, "client_secret=REDACTED") {
		t.Errorf("token record %+v", log[0])
	}
	p := log[2]
	if p.Method != "PATCH" || p.Route != "PATCH /sources/v1/{id}" || p.Path != "/sources/v1/"+id || p.Query != "x=1" ||
		p.Status != 200 || p.ContentType != jsonPatchMediaType || !strings.Contains(p.Body, `"/description"`) || p.Time.IsZero() {
		t.Errorf("patch record %+v", p)
	}
	if !strings.Contains(log[1].Body, `"password":"pw"`) {
		t.Errorf("create record lost the sent body: %s", log[1].Body)
	}

	var st Stats
	if err := json.Unmarshal(h.raw("GET", "/__emulator/stats", "", "", "").expect(http.StatusOK).body, &st); err != nil {
		t.Fatal(err)
	}
	if st.Total != 4 || st.ByMethod["GET"] != 1 || st.ByRoute["GET /sources/v1/{id}"] != 1 || st.ByStatus[404] != 1 || st.ByStatus[201] != 1 {
		t.Errorf("stats %+v", st)
	}

	h.raw("DELETE", "/__emulator/requests", "", "", "").expect(http.StatusNoContent)
	if len(h.srv.Requests()) != 0 || h.srv.Stats().Total != 0 {
		t.Fatal("clear left records")
	}
}

func TestRequestLogLimit(t *testing.T) {
	h := newHarness(t, Config{RequestLogLimit: 3})
	for range 5 {
		h.do("GET", "/sources", nil)
	}
	if got := len(h.srv.Requests()); got != 3 {
		t.Fatalf("%d records kept, want 3", got)
	}
	if got := h.srv.Stats().Total; got != 6 {
		t.Fatalf("stats total %d, want 6", got)
	}
}

func TestReset(t *testing.T) {
	h := newHarness(t, Config{})
	id := h.createSource("Temp", "jdbc", nil)["id"].(string)
	h.raw("POST", "/__emulator/reset", "", "", "").expect(http.StatusNoContent)
	h.do("GET", "/sources/"+id, nil).expect(http.StatusNotFound) // the token survives a reset
	if len(h.do("GET", "/sources", nil).list()) != 0 {
		t.Fatal("sources after reset")
	}
	var fx []FixtureObject
	if err := json.Unmarshal(h.raw("GET", "/__emulator/fixtures", "", "", "").expect(http.StatusOK).body, &fx); err != nil || len(fx) == 0 {
		t.Fatalf("fixtures %v %v", fx, err)
	}
}

func TestConcurrentUse(t *testing.T) {
	h := newHarness(t, Config{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := "Concurrent " + string(rune('A'+i))
			body, _ := json.Marshal(obj{"name": name, "connector": "jdbc", "owner": obj{"id": AdminIdentityID}})
			h.raw("POST", apiPath("/sources"), "application/json", string(body), h.token)
			h.raw("GET", apiPath("/sources?filters="+url.QueryEscape(`name sw "Concurrent"`)), "", "", h.token)
			h.srv.Stats()
			h.srv.Requests()
		}()
	}
	wg.Wait()
	if got := len(h.do("GET", "/sources", nil).list()); got != 8 {
		t.Fatalf("%d sources, want 8", got)
	}
}
