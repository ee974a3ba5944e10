package outbound

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/jobgate/jobgate/connectors"
)

// Mask is what a secret is replaced with in any text jobgate keeps,
// logs or shows.
const Mask = connectors.SecretMask

// MaxExcerpt bounds an excerpt of an answer kept in a record (a
// delivery's reason, the sync view): enough to say what went wrong, too
// little to carry a page of someone else's data.
const MaxExcerpt = 300

// Redact replaces every one of secrets in s with Mask
// (connectors.MaskSecrets: the longest first, also URL-encoded, values
// shorter than connectors.MinSecret left, or every "k" of a message would
// go).
func Redact(s string, secrets ...string) string { return connectors.MaskSecrets(s, secrets...) }

// Excerpt is s with its whitespace runs made single spaces, cut to
// MaxExcerpt bytes on a rune boundary (with "…" when cut). Redact before
// cutting, or a secret cut in two would escape the mask.
func Excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= MaxExcerpt {
		return s
	}
	s = s[:MaxExcerpt]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}

// secretWords mark a header or query parameter whose value is a secret.
var secretWords = []string{"auth", "key", "token", "secret", "signature", "password", "passwd", "cookie", "session", "hash", "sig"}

func secretName(name string) bool {
	name = strings.ToLower(name)
	if name == "idempotency-key" {
		return false // the application's id, not a credential
	}
	for _, w := range secretWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// secretsOf lists what must never be shown of a request: the caller's
// secrets, the values of its credential headers (and the credential alone
// after a scheme such as "Bearer", and a Basic password), its URL's
// password and secret-named query values (Lever's ?key=).
func secretsOf(u *url.URL, header http.Header, extra []string) []string {
	out := append([]string(nil), extra...)
	for name, values := range header {
		if !secretName(name) {
			continue
		}
		for _, v := range values {
			out = append(out, v)
			out = append(out, credentials(v)...)
		}
	}
	if u == nil {
		return out
	}
	if p, ok := u.User.Password(); ok {
		out = append(out, p)
	}
	for name, values := range u.Query() {
		if secretName(name) {
			out = append(out, values...)
		}
	}
	return out
}

// credentials are the parts of an Authorization value that are secret by
// themselves: the token after the scheme, and a Basic password.
func credentials(v string) []string {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(v), " ")
	if !ok {
		return nil
	}
	out := []string{strings.TrimSpace(cred)}
	if strings.EqualFold(scheme, "Basic") {
		if raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cred)); err == nil {
			if _, pass, ok := strings.Cut(string(raw), ":"); ok {
				out = append(out, pass)
			}
		}
	}
	return out
}
