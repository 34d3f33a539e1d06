package client

import (
	"context"
	"testing"
)

func TestRedactJSON(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"secret keys at any depth",
			`{"name":"AD","connectorAttributes":{"password":"p","apiTokens":["a","b"],"oauth":{"clientSecret":"s","clientId":"c"}}}`,
			`{"connectorAttributes":{"apiTokens":"**REDACTED**","oauth":{"clientId":"c","clientSecret":"**REDACTED**"},"password":"**REDACTED**"},"name":"AD"}`},
		{"patch of a secret",
			`[{"op":"add","path":"/connectorAttributes/password","value":"p"},{"op":"replace","path":"/description","value":"d"}]`,
			`[{"op":"add","path":"/connectorAttributes/password","value":"**REDACTED**"},{"op":"replace","path":"/description","value":"d"}]`},
		{"patch of an element of a secret list",
			`[{"op":"replace","path":"/connectorAttributes/apiTokens/1","value":"b"}]`,
			`[{"op":"replace","path":"/connectorAttributes/apiTokens/1","value":"**REDACTED**"}]`},
		{"patch of an object holding a secret",
			`[{"op":"add","path":"/connectorAttributes/oauth","value":{"clientId":"c","clientSecret":"s"}}]`,
			`[{"op":"add","path":"/connectorAttributes/oauth","value":{"clientId":"c","clientSecret":"**REDACTED**"}}]`},
		{"not JSON", `password=p`, `(**REDACTED**: not JSON)`},
	} {
		if got := redactJSON(context.Background(), []byte(tc.body)); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// A caller can name secrets the name heuristic misses, such as write-only connector attributes.
func TestRedactJSONWithSecretKeys(t *testing.T) {
	ctx := WithSecretKeys(WithSecretKeys(context.Background(), "bindCredential"), "certificate")
	for _, tc := range []struct{ body, want string }{
		{`{"connectorAttributes":{"bindCredential":"c","certificate":{"pem":"x"},"host":"h"}}`,
			`{"connectorAttributes":{"bindCredential":"**REDACTED**","certificate":"**REDACTED**","host":"h"}}`},
		{`[{"op":"replace","path":"/connectorAttributes/bindCredential","value":"c"}]`,
			`[{"op":"replace","path":"/connectorAttributes/bindCredential","value":"**REDACTED**"}]`},
	} {
		if got := redactJSON(ctx, []byte(tc.body)); got != tc.want {
			t.Errorf("got %s\nwant %s", got, tc.want)
		}
		if got := redactJSON(context.Background(), []byte(tc.body)); got == tc.want {
			t.Errorf("without the names, %s is redacted all the same", tc.body)
		}
	}
}
