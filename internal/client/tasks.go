package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// TaskRef is ISC's answer to an asynchronous delete: a reference to the task doing it.
type TaskRef struct {
	Type string `json:"type,omitempty"`
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// CompletionStatus is set when ISC answers with a TaskResultSimplified.
	CompletionStatus string `json:"completionStatus,omitempty"`
}

// TaskStatusMessage is one message of a task.
type TaskStatusMessage struct {
	Type          string `json:"type"`
	Key           string `json:"key"`
	LocalizedText *struct {
		Message string `json:"message"`
	} `json:"localizedText"`
}

// TaskStatus is ISC's view of a task. Dates are kept as strings: ISC does not always send
// RFC 3339.
type TaskStatus struct {
	ID               string              `json:"id"`
	Type             string              `json:"type"`
	UniqueName       string              `json:"uniqueName"`
	Description      string              `json:"description"`
	Launched         *string             `json:"launched"`
	Completed        *string             `json:"completed"`
	CompletionStatus *string             `json:"completionStatus"`
	Messages         []TaskStatusMessage `json:"messages"`
	PercentComplete  int                 `json:"percentComplete"`
}

// GetTaskStatus reads a task's status.
func (c *Client) GetTaskStatus(ctx context.Context, id string) (*TaskStatus, error) {
	var out TaskStatus
	_, err := c.do(ctx, request{method: http.MethodGet, path: taskStatusPath(id), out: &out})
	return &out, err
}

func taskStatusPath(id string) string { return "/task-status/" + url.PathEscape(id) }

// maxPollInterval caps the growing wait between polls.
const maxPollInterval = 10 * time.Second

// startDelete asks ISC to delete the object at path, which it removes in a background task
// whose reference it answers with; waitGone waits for it.
func (c *Client) startDelete(ctx context.Context, path string) (*TaskRef, error) {
	var out TaskRef
	_, err := c.do(ctx, request{method: http.MethodDelete, path: path, out: &out})
	return &out, err
}

// TaskFailedError is a task that ISC ended without success, with the messages it gave.
type TaskFailedError struct {
	Task *TaskStatus
}

func (e *TaskFailedError) Error() string {
	return fmt.Sprintf("task %s ended with %s%s", e.Task.ID, *e.Task.CompletionStatus, e.Task.messageText())
}

// pollTask reads a task's status until ISC completes it, calling progress (when not nil) with
// every status read, and returns the last. A task that ends in error, termination or a temporary
// error is a *TaskFailedError; one that completes with warnings is a success. The wait is bounded
// by ctx only: its error is ctx's, wrapped.
func (c *Client) pollTask(ctx context.Context, id string, progress func(*TaskStatus)) (*TaskStatus, error) {
	interval := c.cfg.PollInterval
	for {
		st, err := c.GetTaskStatus(ctx, id)
		if err != nil {
			return nil, err
		}
		if progress != nil {
			progress(st)
		}
		if st.CompletionStatus != nil {
			return st, taskOutcome(st)
		}
		if err := c.wait(ctx, interval); err != nil {
			return nil, err
		}
		interval = min(interval*3/2, maxPollInterval)
	}
}

// taskOutcome is nil for a task that completed with success or warnings, and a
// *TaskFailedError for one that ended in error, termination or a temporary error.
func taskOutcome(st *TaskStatus) error {
	// Two spellings of the statuses exist (TEMPERROR and TEMP_ERROR, trap 3).
	switch strings.ReplaceAll(strings.ToUpper(*st.CompletionStatus), "_", "") {
	case "ERROR", "TERMINATED", "TEMPERROR":
		return &TaskFailedError{Task: st}
	}
	return nil
}

// WaitForTask waits until ISC completes the task, calling progress with every status read. A
// failed task is a *TaskFailedError naming ISC's messages. When ctx ends first, the error says
// how to follow the task by hand.
func (c *Client) WaitForTask(ctx context.Context, id string, progress func(*TaskStatus)) (*TaskStatus, error) {
	st, err := c.pollTask(ctx, id, progress)
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("%s for task %s: %w; ISC may still be running it: follow it with GET %s",
			gaveUp(ctx), id, ctx.Err(), c.wire(taskStatusPath(id)))
	}
	return st, err
}

// gaveUp says why a wait bounded by ctx, which has ended, stopped.
func gaveUp(ctx context.Context) string {
	if errors.Is(ctx.Err(), context.Canceled) {
		return "interrupted while waiting"
	}
	return "gave up waiting"
}

// MessagesOf returns the texts of the task's messages of the given type (INFO, WARN or ERROR).
func (t *TaskStatus) MessagesOf(typ string) []string {
	var out []string
	for _, m := range t.Messages {
		if strings.EqualFold(m.Type, typ) {
			out = append(out, m.text())
		}
	}
	return out
}

func (m TaskStatusMessage) text() string {
	if m.LocalizedText != nil && m.LocalizedText.Message != "" {
		return m.LocalizedText.Message
	}
	return m.Key
}

func (t *TaskStatus) messageText() string {
	var parts []string
	for _, m := range t.Messages {
		if text := m.text(); text != "" {
			parts = append(parts, text)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, "; ")
}
