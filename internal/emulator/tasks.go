package emulator

import (
	"net/http"
	"time"
)

// task is a background task such as a source delete. Its progress is a function of time.
type task struct {
	id, uniqueName, description string
	launcher                    string
	target                      *TaskTarget
	launched, completes         time.Time
	attributes                  map[string]any
	// errors are the messages of a task that ends in ERROR; none for one that succeeds.
	errors []string
}

func (s *Server) newTask(uniqueName, description string, target *TaskTarget, now time.Time, duration time.Duration) *task {
	t := &task{
		id:          newID(),
		uniqueName:  uniqueName,
		description: description,
		launcher:    s.cfg.ClientID,
		target:      target,
		launched:    now,
		completes:   now.Add(duration),
	}
	s.data.tasks[t.id] = t
	return t
}

func (t *task) done(now time.Time) bool { return !now.Before(t.completes) }

func (t *task) status(now time.Time) TaskStatus {
	launched := formatTime(t.launched)
	ts := TaskStatus{
		ID:          t.id,
		Type:        "QUARTZ",
		UniqueName:  t.uniqueName,
		Description: t.description,
		Launcher:    t.launcher,
		Target:      t.target,
		Created:     launched,
		Launched:    &launched,
		Messages:    []any{},
		Returns:     []any{},
		Attributes:  map[string]any{},
	}
	if t.attributes != nil {
		ts.Attributes = t.attributes
	}
	if t.done(now) {
		completed, status, progress := formatTime(t.completes), "SUCCESS", "Completed"
		if len(t.errors) > 0 {
			status, progress = "ERROR", "Failed"
		}
		for _, e := range t.errors {
			ts.Messages = append(ts.Messages, map[string]any{"type": "ERROR", "key": e, "parameters": nil,
				"localizedText": map[string]any{"locale": "en-US", "message": e}})
		}
		ts.Modified, ts.Completed, ts.CompletionStatus, ts.Progress = &completed, &completed, &status, &progress
		ts.PercentComplete = 100
		return ts
	}
	modified, progress := formatTime(now), "In progress"
	ts.Modified, ts.Progress = &modified, &progress
	ts.PercentComplete = int(100 * now.Sub(t.launched) / t.completes.Sub(t.launched))
	return ts
}

func (s *Server) taskRoutes(m *http.ServeMux) {
	s.handle(m, "GET /task-status/{id}", func(_ http.ResponseWriter, r *http.Request) (int, any, error) {
		t, ok := s.data.tasks[r.PathValue("id")]
		if !ok {
			return 0, nil, notFound("TaskStatus with the given id was not found: %s", r.PathValue("id"))
		}
		return http.StatusOK, t.status(s.now()), nil
	})
}
