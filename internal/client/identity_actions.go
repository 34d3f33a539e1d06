package client

import (
	"context"
	"fmt"
	"net/http"
)

// MaxProcessIdentities is how many identities one StartIdentityProcessing call takes at most.
const MaxProcessIdentities = 250

// StartIdentityProcessing asks ISC to process (refresh) the given identities, 1 to
// MaxProcessIdentities of them, and returns the task ISC names. The task's name is always null
// or absent (trap 68), and whether task-status serves it is not stated. The operation is
// experimental (trap 57). Processing an identity twice does no more than once, so it is retried
// like a PUT.
func (c *Client) StartIdentityProcessing(ctx context.Context, ids []string) (*TaskRef, error) {
	if len(ids) == 0 || len(ids) > MaxProcessIdentities {
		return nil, fmt.Errorf("ISC processes 1 to %d identities per request, got %d", MaxProcessIdentities, len(ids))
	}
	var out TaskRef
	_, err := c.do(ctx, request{method: http.MethodPost, path: "/identities/process", body: map[string][]string{"identityIds": ids},
		out: &out, sameTwice: true, experimental: true})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Identity sync job statuses (IdentitySyncJob.status).
const (
	SyncJobQueued     = "QUEUED"
	SyncJobInProgress = "IN_PROGRESS"
	SyncJobSuccess    = "SUCCESS"
	SyncJobError      = "ERROR"
)

// IdentitySyncJob is ISC's answer to an attribute synchronization: a job no operation reads
// later, so its status here is the only one known (trap 67).
type IdentitySyncJob struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Payload struct {
		Type string `json:"type"`
		// DataJSON is a JSON document in a string, such as {"identityId":"..."}.
		DataJSON string `json:"dataJson"`
	} `json:"payload"`
}

// SynchronizeIdentityAttributes asks ISC to push an identity's attributes to its accounts. ISC
// allows it once per 10 seconds per identity; a faster call's 429 is waited out and retried like
// any other. The operation is experimental (trap 57). Synchronizing twice does no more than
// once, so it is retried like a PUT.
func (c *Client) SynchronizeIdentityAttributes(ctx context.Context, identityID string) (*IdentitySyncJob, error) {
	var out IdentitySyncJob
	_, err := c.do(ctx, request{method: http.MethodPost, path: identityPath(identityID) + "/synchronize-attributes",
		out: &out, sameTwice: true, experimental: true})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
