package client

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// secretKeyParts are the fragments of an attribute name that mark a secret: ISC encrypts such
// connector attribute values and answers with cipher text, and logs never show them.
var secretKeyParts = []string{"password", "passwd", "secret", "privatekey", "private_key", "passphrase", "token", "apikey", "api_key"}

// IsSecretKey reports whether an attribute of this name holds a secret.
func IsSecretKey(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	for _, part := range secretKeyParts {
		if strings.Contains(n, part) {
			return true
		}
	}
	return false
}

const redacted = "**REDACTED**"

type secretKeysKey struct{}

// WithSecretKeys returns a context under which the logs of calls also redact the values of
// attributes with these names. A caller that knows a value is secret, such as a write-only
// connector attribute under a name IsSecretKey does not recognise, says so this way.
func WithSecretKeys(ctx context.Context, names ...string) context.Context {
	if len(names) == 0 {
		return ctx
	}
	known, _ := ctx.Value(secretKeysKey{}).([]string)
	return context.WithValue(ctx, secretKeysKey{}, append(slices.Clip(known), names...))
}

// secretKeyTest returns the test of secret names for calls made with ctx.
func secretKeyTest(ctx context.Context) func(string) bool {
	extra, _ := ctx.Value(secretKeysKey{}).([]string)
	if len(extra) == 0 {
		return IsSecretKey
	}
	return func(name string) bool { return IsSecretKey(name) || slices.Contains(extra, name) }
}

type bodiesUnloggedKey struct{}

// withBodiesUnlogged returns a context under which the trace logs of calls show only the size of
// the bodies, with what describes them, such as "a page of identities".
func withBodiesUnlogged(ctx context.Context, what string) context.Context {
	return context.WithValue(ctx, bodiesUnloggedKey{}, what)
}

// redactJSON renders a JSON body for a log line with every secret value replaced, including
// values of JSON Patch operations whose path goes through a secret name. A body that is not JSON is
// not logged at all, since nothing in it can be told safe.
func redactJSON(ctx context.Context, body []byte) string {
	if what, _ := ctx.Value(bodiesUnloggedKey{}).(string); what != "" {
		return fmt.Sprintf("(%d bytes: %s, not logged)", len(body), what)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return "(" + redacted + ": not JSON)"
	}
	out, err := json.Marshal(redactValue(v, secretKeyTest(ctx)))
	if err != nil {
		return "(" + redacted + ")"
	}
	return string(out)
}

func redactValue(v any, secret func(string) bool) any {
	switch t := v.(type) {
	case map[string]any:
		if path, ok := t["path"].(string); ok {
			// Any segment counts: /connectorAttributes/apiTokens/0 replaces one secret of a list.
			if _, hasOp := t["op"]; hasOp && slices.ContainsFunc(strings.Split(path, "/"), secret) {
				if _, hasValue := t["value"]; hasValue {
					t["value"] = redacted
				}
			}
		}
		for k, val := range t {
			if secret(k) {
				t[k] = redacted
				continue
			}
			t[k] = redactValue(val, secret)
		}
		return t
	case []any:
		for i := range t {
			t[i] = redactValue(t[i], secret)
		}
		return t
	}
	return v
}
