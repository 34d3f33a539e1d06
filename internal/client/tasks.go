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
// whose reference it answers with.
func (c *Client) startDelete(ctx context.Context, path string) (*TaskRef, error) {
	var out TaskRef
	_, err := c.do(ctx, request{method: http.MethodDelete, path: path, out: &out})
	return &out, err
}

// waitGone is waitDeleted for the object at path, read from ISC itself: the run's cache would
// answer the same every time.
func (c *Client) waitGone(ctx context.Context, taskID, what, path string) error {
	return c.waitDeleted(ctx, taskID, what, path, func(ctx context.Context) error {
		_, err := c.do(ctx, request{method: http.MethodGet, path: path})
		return err
	})
}

// waitDeleted waits for an asynchronous delete: first for its task (when ISC named one) to
// complete, then for get, which reads the object at objPath, to answer 404. The wait is bounded
// by ctx only; when ctx ends first, the error says how to follow the delete by hand.
func (c *Client) waitDeleted(ctx context.Context, taskID, what, objPath string, get func(context.Context) error) error {
	interval := c.cfg.PollInterval
	fail := func(err error) error {
		if ctx.Err() == nil {
			return fmt.Errorf("checking the deletion of %s: %w", what, err)
		}
		task, check := "", ""
		if taskID != "" {
			task = " (task " + taskID + ")"
			check = fmt.Sprintf("check the task with GET %s, or ", c.wire(taskStatusPath(taskID)))
		}
		return fmt.Errorf("%s for the deletion of %s%s: %w; ISC may still be deleting it: %swait until GET %s answers 404",
			gaveUp(ctx), what, task, ctx.Err(), check, c.wire(objPath))
	}
	pause := func() error {
		if err := c.wait(ctx, interval); err != nil {
			return fail(err)
		}
		interval = min(interval*3/2, maxPollInterval)
		return nil
	}
	if taskID != "" {
		_, err := c.pollTask(ctx, taskID, nil)
		var failed *TaskFailedError
		switch {
		case errors.As(err, &failed):
			return fmt.Errorf("ISC could not delete %s: %w", what, err)
		case errors.Is(err, ErrNotFound):
			// Not every delete task can be read through task-status; the object itself tells.
		case err != nil:
			return fail(err)
		}
	}
	for {
		err := get(ctx)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return fail(err)
		}
		if err := pause(); err != nil {
			return err
		}
	}
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
			// Two spellings of the statuses exist (TEMPERROR and TEMP_ERROR, trap 3).
			switch strings.ReplaceAll(strings.ToUpper(*st.CompletionStatus), "_", "") {
			case "ERROR", "TERMINATED", "TEMPERROR":
				return st, &TaskFailedError{Task: st}
			}
			return st, nil
		}
		if err := c.wait(ctx, interval); err != nil {
			return nil, err
		}
		interval = min(interval*3/2, maxPollInterval)
	}
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
