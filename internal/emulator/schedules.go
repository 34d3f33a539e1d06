package emulator

import (
	"net/http"
	"slices"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/quartz"
)

func (s *Server) scheduleRoutes(m *http.ServeMux) {
	s.handle(m, "GET /sources/{sourceId}/schedules", s.listSchedules)
	s.handle(m, "POST /sources/{sourceId}/schedules", s.createSchedule)
	s.handle(m, "GET /sources/{sourceId}/schedules/{scheduleType}", s.getSchedule)
	s.handle(m, "PATCH /sources/{sourceId}/schedules/{scheduleType}", s.patchSchedule)
	s.handle(m, "DELETE /sources/{sourceId}/schedules/{scheduleType}", s.deleteSchedule)
}

var scheduleTypes = setOf("ACCOUNT_AGGREGATION", "GROUP_AGGREGATION")

// validateSchedule checks the type and that the cron expression is a valid Quartz one, as ISC
// does (see package quartz).
func validateSchedule(sc *Schedule) error {
	if !scheduleTypes[sc.Type] {
		return badRequest("field 'type' must be ACCOUNT_AGGREGATION or GROUP_AGGREGATION, got '%s'", sc.Type)
	}
	if sc.CronExpression == "" {
		return badRequest("field 'cronExpression' is required")
	}
	if err := quartz.Check(sc.CronExpression); err != nil {
		return badRequest("field 'cronExpression' must be a Quartz cron expression, but '%s' is not: %v", sc.CronExpression, err)
	}
	return nil
}

// scheduleOf finds a schedule by the type in the path: 400 for a type that does not exist in ISC,
// 404 when the source has none of it.
func (s *Server) scheduleOf(r *http.Request) (*sourceRecord, int, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return nil, 0, err
	}
	typ := r.PathValue("scheduleType")
	if !scheduleTypes[typ] {
		return nil, 0, badRequest("path parameter 'scheduleType' must be ACCOUNT_AGGREGATION or GROUP_AGGREGATION, got '%s'", typ)
	}
	i := slices.IndexFunc(rec.schedules, func(sc *Schedule) bool { return sc.Type == typ })
	if i < 0 {
		return nil, 0, notFound("source '%s' has no %s schedule", rec.src.ID, typ)
	}
	return rec, i, nil
}

func (s *Server) listSchedules(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, append([]*Schedule{}, rec.schedules...), nil
}

func (s *Server) getSchedule(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.scheduleOf(r)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, rec.schedules[i], nil
}

func (s *Server) createSchedule(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return 0, nil, err
	}
	var sc Schedule
	if err := decodeJSON(readBody(r), &sc); err != nil {
		return 0, nil, err
	}
	if sc.Type == "" {
		return 0, nil, badRequest("field 'type' is required")
	}
	if err := validateSchedule(&sc); err != nil {
		return 0, nil, err
	}
	if slices.ContainsFunc(rec.schedules, func(o *Schedule) bool { return o.Type == sc.Type }) {
		return 0, nil, badRequest("source '%s' already has a %s schedule", rec.src.ID, sc.Type)
	}
	rec.schedules = append(rec.schedules, &sc)
	return http.StatusCreated, &sc, nil
}

func (s *Server) patchSchedule(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.scheduleOf(r)
	if err != nil {
		return 0, nil, err
	}
	p, err := decodePatch(mediaType(r), readBody(r))
	if err != nil {
		return 0, nil, err
	}
	if p, err = p.immutable(rec.schedules[i], "type"); err != nil {
		return 0, nil, err
	}
	var sc Schedule
	if err := p.apply(rec.schedules[i], &sc); err != nil {
		return 0, nil, err
	}
	sc.Type = rec.schedules[i].Type
	if err := validateSchedule(&sc); err != nil {
		return 0, nil, err
	}
	rec.schedules[i] = &sc
	return http.StatusOK, &sc, nil
}

func (s *Server) deleteSchedule(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.scheduleOf(r)
	if err != nil {
		return 0, nil, err
	}
	rec.schedules = slices.Delete(rec.schedules, i, i+1)
	return http.StatusNoContent, nil, nil
}
