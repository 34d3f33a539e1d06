package client

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// A client speaks the API version it is configured with, and only that one: every request of a
// source's life (create, children, patch, asynchronous delete and its task) goes to that
// version's paths, and errors name those paths.
func TestAPIVersionPaths(t *testing.T) {
	for _, v := range apiversion.All() {
		t.Run(string(v), func(t *testing.T) {
			emu := emulator.New(emulator.Config{DeleteDelay: -1})
			srv := httptest.NewServer(emu)
			t.Cleanup(srv.Close)
			c, err := New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret,
				APIVersion: v, RequestsPerSecond: 1000, PollInterval: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			src, err := c.CreateSource(ctx, &Source{Name: "HR", Connector: "jdbc", Owner: &Reference{Type: "IDENTITY", ID: emulator.AdminIdentityID}}, false)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.CreateSchedule(ctx, src.ID, &Schedule{Type: ScheduleAccountAggregation, CronExpression: "0 0 6 * * ?"}); err != nil {
				t.Fatal(err)
			}
			if _, err := c.PatchSource(ctx, src.ID, Patch{{Op: "replace", Path: "/description", Value: []byte(`"d"`)}}); err != nil {
				t.Fatal(err)
			}
			task, err := c.DeleteSource(ctx, src.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.WaitForSourceDeleted(ctx, src.ID, task.ID); err != nil {
				t.Fatal(err)
			}
			_, err = c.GetTaskStatus(ctx, "nope")
			if want := "GET " + v.Path("/task-status/nope"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), want) {
				t.Fatalf("GetTaskStatus of an unknown task: %v, want a not-found error naming %s", err, want)
			}

			routes := map[string]bool{}
			for _, r := range emu.Requests() {
				if r.Route == "POST /oauth/token" {
					continue
				}
				if r.Route == "" || apiversion.Of(r.Path) != string(v) {
					t.Errorf("%s %s (route %q): not a %s operation", r.Method, r.Path, r.Route, v)
				}
				routes[r.Route] = true
			}
			for _, want := range []string{"POST /sources", "POST /sources/{sourceId}/schedules", "PATCH /sources/{id}", "DELETE /sources/{id}", "GET /task-status/{id}"} {
				if !routes[v.Route(want)] {
					t.Errorf("no request on %s among %v", v.Route(want), routes)
				}
			}
		})
	}
}
