package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// A lost answer to a write says what to run next.
func TestOutcomeUnknownSaysWhatToRunNext(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 502, `{"messages":[{"text":"bad gateway"}]}`)
	})
	c, _ := newTestClient(t, f.URL)
	_, err := c.PatchSource(context.Background(), "x", Patch{{Op: "remove", Path: "/description"}})
	var unknown *OutcomeUnknownError
	if !errors.As(err, &unknown) {
		t.Fatalf("err = %v, want an OutcomeUnknownError", err)
	}
	for _, want := range []string{
		"PATCH /sources/v1/x may or may not have been carried out by ISC: ISC answered PATCH /sources/v1/x with 502 Bad Gateway: bad gateway.",
		"Run terraform plan to see what ISC holds now",
		"bring it in with terraform import",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%s", want, err)
		}
	}
}
