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
		gaveUp := "gave up waiting"
		if errors.Is(ctx.Err(), context.Canceled) {
			gaveUp = "interrupted while waiting"
		}
		return fmt.Errorf("%s for the deletion of %s%s: %w; ISC may still be deleting it: %swait until GET %s answers 404",
			gaveUp, what, task, ctx.Err(), check, c.wire(objPath))
	}
	pause := func() error {
		if err := c.wait(ctx, interval); err != nil {
			return fail(err)
		}
		interval = min(interval*3/2, maxPollInterval)
		return nil
	}
	for taskID != "" {
		st, err := c.GetTaskStatus(ctx, taskID)
		if errors.Is(err, ErrNotFound) {
			// Not every delete task can be read through task-status; the object itself tells.
			break
		}
		if err != nil {
			return fail(err)
		}
		if st.CompletionStatus != nil {
			switch strings.ToUpper(*st.CompletionStatus) {
			case "ERROR", "TERMINATED", "TEMPERROR":
				return fmt.Errorf("ISC could not delete %s: task %s ended with %s%s", what, taskID, *st.CompletionStatus, st.messageText())
			}
			break
		}
		if err := pause(); err != nil {
			return err
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

func (t *TaskStatus) messageText() string {
	var parts []string
	for _, m := range t.Messages {
		if m.LocalizedText != nil && m.LocalizedText.Message != "" {
			parts = append(parts, m.LocalizedText.Message)
		} else if m.Key != "" {
			parts = append(parts, m.Key)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, "; ")
}
