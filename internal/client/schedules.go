package client

import (
	"context"
	"net/http"
	"net/url"
)

// Schedule is an aggregation schedule of a source (Schedule-3). ISC gives it no ID: a source
// has at most one schedule of each type, and the type names it.
type Schedule struct {
	Type           string `json:"type"`
	CronExpression string `json:"cronExpression"`
}

// The schedule types ISC knows.
const (
	ScheduleAccountAggregation = "ACCOUNT_AGGREGATION"
	ScheduleGroupAggregation   = "GROUP_AGGREGATION"
)

// ScheduleTypes lists the schedule types ISC knows.
var ScheduleTypes = []string{ScheduleAccountAggregation, ScheduleGroupAggregation}

func schedulePath(sourceID, scheduleType string) string {
	return schedulesPath(sourceID) + "/" + url.PathEscape(scheduleType)
}

func schedulesPath(sourceID string) string { return sourcePath(sourceID) + "/schedules" }

// CreateSchedule creates a schedule on a source. ISC refuses a second schedule of a type the
// source already has; when the answer to the create is lost, a schedule of that type found
// afterwards is taken for the one created.
func (c *Client) CreateSchedule(ctx context.Context, sourceID string, s *Schedule) (*Schedule, error) {
	return createOnce(ctx, c, creation[Schedule]{
		what: s.Type + " schedule of source " + sourceID, sent: s,
		create: func(ctx context.Context) (*Schedule, error) {
			var out Schedule
			_, err := c.do(ctx, request{method: http.MethodPost, path: schedulesPath(sourceID), body: s, out: &out})
			return &out, err
		},
		find:     func(ctx context.Context) (*Schedule, error) { return c.FindSchedule(ctx, sourceID, s.Type) },
		describe: func(s *Schedule) string { return s.Type + " schedule of source " + sourceID },
		importID: func(s *Schedule) string { return sourceID + "/" + s.Type },
		path:     func(s *Schedule) string { return schedulePath(sourceID, s.Type) },
		// A schedule has no creation time; it is known to be new only on a source this run made.
		absentBefore: c.newChildOfNewSource(sourceID, schedulePath(sourceID, s.Type)),
	})
}

// FindSchedule returns the source's schedule of a type, or nil when it has none; errors.Is(err,
// ErrNotFound) when the source does not exist. It is served from the source's schedule list,
// read once per run.
func (c *Client) FindSchedule(ctx context.Context, sourceID, scheduleType string) (*Schedule, error) {
	return findChild(ctx, c, schedulesPath(sourceID), func(s *Schedule) bool { return s.Type == scheduleType })
}

// Schedules returns every schedule of a source, from the source's schedule list read once per run.
func (c *Client) Schedules(ctx context.Context, sourceID string) ([]Schedule, error) {
	return children[Schedule](ctx, c, schedulesPath(sourceID))
}

// GetSchedule reads the schedule of a type; errors.Is(err, ErrNotFound) when the source has
// none of that type, or does not exist. It is served like FindSchedule.
func (c *Client) GetSchedule(ctx context.Context, sourceID, scheduleType string) (*Schedule, error) {
	return getChild(ctx, c, schedulesPath(sourceID), schedulePath(sourceID, scheduleType), scheduleType+" schedule",
		func(s *Schedule) bool { return s.Type == scheduleType })
}

// PatchSchedule applies a JSON Patch to the schedule of a type.
func (c *Client) PatchSchedule(ctx context.Context, sourceID, scheduleType string, p Patch) (*Schedule, error) {
	var out Schedule
	_, err := c.do(ctx, request{method: http.MethodPatch, path: schedulePath(sourceID, scheduleType), body: p, contentType: JSONPatchContentType, out: &out})
	return &out, err
}

// DeleteSchedule deletes the schedule of a type.
func (c *Client) DeleteSchedule(ctx context.Context, sourceID, scheduleType string) error {
	_, err := c.do(ctx, request{method: http.MethodDelete, path: schedulePath(sourceID, scheduleType)})
	return err
}

// SchedulePatch returns the JSON Patch that turns schedule from into schedule to. The type is
// the schedule's key and immutable in ISC, so it is never patched.
func SchedulePatch(from, to *Schedule) (Patch, error) {
	return DiffDocuments(from, to, "type")
}
