package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"reflect"
	"testing"
)

func TestSchedulePatchChangesOnlyTheCronExpression(t *testing.T) {
	from := &Schedule{Type: ScheduleAccountAggregation, CronExpression: "0 0 5 * * ?"}
	p, err := SchedulePatch(from, &Schedule{Type: ScheduleAccountAggregation, CronExpression: "0 0 6 ? * MON"})
	if err != nil {
		t.Fatal(err)
	}
	if !sameOps(t, p, `[{"op":"replace","path":"/cronExpression","value":"0 0 6 ? * MON"}]`) {
		t.Fatalf("SchedulePatch = %s", p)
	}

	// The type is the key: it never goes into a patch, and an unchanged schedule needs none.
	p, err = SchedulePatch(from, &Schedule{Type: ScheduleGroupAggregation, CronExpression: "0 0 5 * * ?"})
	if err != nil || len(p) != 0 {
		t.Fatalf("SchedulePatch = %s, %v; want no operations", p, err)
	}
}

func TestScheduleCalls(t *testing.T) {
	type call struct{ method, path, contentType, body string }
	var got []call
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, call{r.Method, r.URL.EscapedPath(), r.Header.Get("Content-Type"), string(body)})
		switch r.Method {
		case http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case http.MethodGet:
			if r.URL.Path == "/sources/v1/gone/schedules" {
				writeJSON(w, 404, `{"messages":[{"text":"no such source"}]}`)
				return
			}
			writeJSON(w, 200, `[{"type":"ACCOUNT_AGGREGATION","cronExpression":"0 0 5 * * ?"}]`)
		default:
			writeJSON(w, 200, `{"type":"ACCOUNT_AGGREGATION","cronExpression":"0 0 6 * * ?"}`)
		}
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()

	if _, err := c.CreateSchedule(ctx, "s 1", &Schedule{Type: ScheduleAccountAggregation, CronExpression: "0 0 6 * * ?"}); err != nil {
		t.Fatal(err)
	}
	s, err := c.GetSchedule(ctx, "s 1", ScheduleAccountAggregation)
	if err != nil || s.CronExpression != "0 0 5 * * ?" {
		t.Fatalf("GetSchedule = %+v, %v", s, err)
	}
	if _, err := c.GetSchedule(ctx, "s 1", ScheduleGroupAggregation); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetSchedule of a type the source lacks: %v, want ErrNotFound", err)
	}
	if _, err := c.GetSchedule(ctx, "gone", ScheduleAccountAggregation); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetSchedule of a missing source: %v, want ErrNotFound", err)
	}
	patch := Patch{{Op: "replace", Path: "/cronExpression", Value: []byte(`"0 0 6 * * ?"`)}}
	if s, err := c.PatchSchedule(ctx, "s 1", ScheduleAccountAggregation, patch); err != nil || s.CronExpression != "0 0 6 * * ?" {
		t.Fatalf("PatchSchedule = %+v, %v", s, err)
	}
	if err := c.DeleteSchedule(ctx, "s 1", ScheduleAccountAggregation); err != nil {
		t.Fatal(err)
	}

	want := []call{
		{"POST", "/sources/v1/s%201/schedules", "application/json", `{"type":"ACCOUNT_AGGREGATION","cronExpression":"0 0 6 * * ?"}`},
		{"GET", "/sources/v1/s%201/schedules", "", ""},
		{"GET", "/sources/v1/gone/schedules", "", ""},
		{"PATCH", "/sources/v1/s%201/schedules/ACCOUNT_AGGREGATION", JSONPatchContentType, `[{"op":"replace","path":"/cronExpression","value":"0 0 6 * * ?"}]`},
		{"DELETE", "/sources/v1/s%201/schedules/ACCOUNT_AGGREGATION", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("requests:\n%q\nwant\n%q", got, want)
	}
}
