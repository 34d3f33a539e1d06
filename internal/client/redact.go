package client

import (
	"encoding/json"
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

// redactJSON renders a JSON body for a log line with every secret value replaced, including
// values of JSON Patch operations whose path goes through a secret name. A body that is not JSON is
// not logged at all, since nothing in it can be told safe.
func redactJSON(body []byte) string {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return "(" + redacted + ": not JSON)"
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return "(" + redacted + ")"
	}
	return string(out)
}

func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		if path, ok := t["path"].(string); ok {
			// Any segment counts: /connectorAttributes/apiTokens/0 replaces one secret of a list.
			if _, hasOp := t["op"]; hasOp && slices.ContainsFunc(strings.Split(path, "/"), IsSecretKey) {
				if _, hasValue := t["value"]; hasValue {
					t["value"] = redacted
				}
			}
		}
		for k, val := range t {
			if IsSecretKey(k) {
				t[k] = redacted
				continue
			}
			t[k] = redactValue(val)
		}
		return t
	case []any:
		for i := range t {
			t[i] = redactValue(t[i])
		}
		return t
	}
	return v
}
