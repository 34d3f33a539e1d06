package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
)

// cipherPrefix marks ISC's encrypted connector attribute values.
const cipherPrefix = "2:ENC:"

// isSecretKey reports whether a connector attribute name denotes a secret.
func isSecretKey(key string) bool {
	k := strings.NewReplacer("_", "", " ", "", "-", "").Replace(strings.ToLower(key))
	for _, w := range []string{"password", "secret", "privatekey", "token"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// encryptSecrets returns v with every secret value (a scalar whose key, or an enclosing key, names a
// secret), at any depth, replaced by opaque cipher text,
// as ISC stores and returns connector passwords. Values that already are cipher text (a client
// sending back what it read) are kept, so a round trip does not change them.
func encryptSecrets(v any) any {
	return encryptUnder(v, false)
}

func encryptUnder(v any, secret bool) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = encryptUnder(x, secret || isSecretKey(k))
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = encryptUnder(x, secret)
		}
		return out
	case nil:
		return nil
	case string:
		if !secret || v == "" || strings.HasPrefix(v, cipherPrefix) {
			return v
		}
		return cipherText()
	default: // numbers and booleans
		if !secret {
			return v
		}
		return cipherText()
	}
}

func cipherText() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return cipherPrefix + base64.StdEncoding.EncodeToString(b[:])
}
