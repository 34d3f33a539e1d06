package client

import (
	"context"
	"net/http"
)

// AccountAggregation says how to aggregate a source's accounts.
type AccountAggregation struct {
	// CSV is the accounts file of a delimited-file source; ISC needs one for such a source and
	// none for a direct connection.
	CSV []byte
	// DisableOptimization makes ISC reprocess every account, changed or not.
	DisableOptimization bool
}

// LoadAccountsTask is ISC's 202 answer to an account aggregation: the task is inside. Only its
// identity is read: its messages have another shape than task-status gives (localizedText is a
// string there), and task-status tells the rest.
type LoadAccountsTask struct {
	Task struct {
		ID          string `json:"id"`
		Name        string `json:"name"`
		Description string `json:"description"`
	} `json:"task"`
}

// LoadAccounts starts an account aggregation of a source and returns its task, which
// WaitForTask follows. Without a file or an option, ISC wants no body and no Content-Type
// (trap 49).
func (c *Client) LoadAccounts(ctx context.Context, sourceID string, a AccountAggregation) (*TaskStatus, error) {
	r := request{method: http.MethodPost, path: sourcePath(sourceID) + "/load-accounts"}
	var fields map[string]string
	if a.DisableOptimization {
		fields = map[string]string{"disableOptimization": "true"}
	}
	if a.CSV != nil || fields != nil {
		var err error
		if r.body, r.contentType, err = multipartBody(a.CSV, "accounts.csv", fields); err != nil {
			return nil, err
		}
	}
	var out LoadAccountsTask
	r.out = &out
	if _, err := c.do(ctx, r); err != nil {
		return nil, err
	}
	return &TaskStatus{ID: out.Task.ID, UniqueName: out.Task.Name, Description: out.Task.Description}, nil
}

// Connection test results (StatusResponse.status).
const (
	ConnectionSuccess = "SUCCESS"
	ConnectionFailure = "FAILURE"
)

// ConnectionStatus is the result of a source's connection test. ISC reports a failed test in a
// 200 answer, with Status FAILURE and what went wrong in Details, whose shape depends on the
// connector (trap 51).
type ConnectionStatus struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Status        string         `json:"status"`
	ElapsedMillis int64          `json:"elapsedMillis"`
	Details       map[string]any `json:"details"`
}

// CheckSourceConnection asks ISC to connect to a source with its configured credentials. The
// check changes nothing, so it is repeated like a read.
func (c *Client) CheckSourceConnection(ctx context.Context, sourceID string) (*ConnectionStatus, error) {
	var out ConnectionStatus
	_, err := c.do(ctx, request{method: http.MethodPost, path: sourcePath(sourceID) + "/connector/check-connection", out: &out, readOnly: true})
	return &out, err
}

// ProcessIdentityProfile asks ISC to process (refresh) the identities of a profile. ISC answers
// with no task to follow (trap 43): processing goes on in the background. Asking twice does no
// more than asking once, so it is retried like a PUT.
func (c *Client) ProcessIdentityProfile(ctx context.Context, id string) error {
	_, err := c.do(ctx, request{method: http.MethodPost, path: identityProfilePath(id) + "/process-identities", sameTwice: true})
	return err
}
