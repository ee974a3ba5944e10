// Package apikey makes and checks the API keys jobgate issues per
// integration. A key reads "jg_<key id>_<secret>": the key id is public and
// finds the stored key; the secret (256 random bits) is shown once and kept
// only as a SHA-256 hash (a fast hash suffices for a secret with this much
// entropy), compared in constant time.
package apikey

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"strings"

	"github.com/jobgate/jobgate/internal/ids"
)

const prefix = "jg_"

// ErrMalformed is returned for a string that is not a jobgate key.
var ErrMalformed = errors.New("apikey: malformed key")

// Key is a freshly issued key. Full is what the customer pastes into its
// ATS; it is never stored.
type Key struct {
	ID     string
	Secret string
	Full   string
}

// New issues a key.
func New() Key {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		panic("apikey: crypto/rand failed: " + err.Error())
	}
	id := ids.New(ids.Key)
	secret := base64.RawURLEncoding.EncodeToString(raw)
	return Key{ID: id, Secret: secret, Full: prefix + id + "_" + secret}
}

// Parse splits a full key into its id and secret.
func Parse(full string) (id, secret string, err error) {
	rest, ok := strings.CutPrefix(full, prefix)
	if !ok {
		return "", "", ErrMalformed
	}
	// The id is "key_" and 26 base32 characters; the secret (base64url,
	// which may itself hold "_" and "-") is all that follows the separator.
	const idLen = len(ids.Key) + 1 + 26
	if len(rest) != idLen+1+43 || rest[idLen] != '_' || !strings.HasPrefix(rest, ids.Key+"_") {
		return "", "", ErrMalformed
	}
	id, secret = rest[:idLen], rest[idLen+1:]
	// Only the characters a key is made of: a header carries any bytes,
	// and one that is not UTF-8 fails PostgreSQL's lookup (a 500) where a
	// malformed key is a 401.
	if !only(id[len(ids.Key)+1:], "0123456789abcdefghjkmnpqrstvwxyz") ||
		!only(secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") {
		return "", "", ErrMalformed
	}
	return id, secret, nil
}

// Hash returns the stored form of a secret.
func Hash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// Verify reports whether secret matches the stored hash, in constant time.
func Verify(hash []byte, secret string) bool {
	return subtle.ConstantTimeCompare(hash, Hash(secret)) == 1
}

// only reports whether every byte of s is one of chars.
func only(s, chars string) bool {
	for i := range len(s) {
		if strings.IndexByte(chars, s[i]) < 0 {
			return false
		}
	}
	return true
}
