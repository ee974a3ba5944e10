package nav

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"unicode"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
)

// fail classifies a non-2xx answer (connectors.StatusError: 401/403
// unauthorised, 429 and 5xx retryable with Retry-After, other 4xx
// permanent) with NAV's message, bounded and scrubbed.
func (c *Client) fail(op string, r response) error {
	msg := http.StatusText(r.status)
	if r.status == http.StatusUnauthorized || r.status == http.StatusForbidden {
		// NAV's 401/403 bodies are plain text (research §1.2).
		msg = "NAV refused the token for this provider id (JOBGATE_NAV_TOKEN, JOBGATE_NAV_PROVIDER_ID)"
	} else if m := navMessage(r.body); m != "" {
		msg = m
	}
	return fmt.Errorf("nav: %s: %w", op, connectors.StatusError(r.status, r.header, c.scrub(msg)))
}

// navMessage is the message of NAV's JSON error body, with its type.
func navMessage(body []byte) string {
	var e apiError
	if json.Unmarshal(body, &e) != nil || e.Message == "" {
		return ""
	}
	if e.ErrorType != "" {
		return e.ErrorType + ": " + e.Message
	}
	return e.Message
}

var email = regexp.MustCompile(`[^\s@"']+@[^\s@"']+`)

// scrub bounds a message from NAV to 300 characters of printable text
// and removes what could be personal data or a secret: e-mail addresses
// (NAV's "Invalid value: X at field Y" echoes values) and the token
// (outbound.Mask).
func (c *Client) scrub(msg string) string {
	msg = outbound.Redact(msg, c.cfg.Token)
	msg = email.ReplaceAllString(msg, "[e-mail]")
	msg = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return ' '
	}, msg)
	if r := []rune(msg); len(r) > 300 {
		msg = string(r[:300]) + "…"
	}
	return msg
}

// fromNAV reports whether an answer can be NAV's API rather than an HTML
// page of something else (a wrong JOBGATE_NAV_URL): a 404 from NAV means
// "no such ad", from anything else it means nothing.
func fromNAV(r response) bool {
	mt, _, _ := mime.ParseMediaType(r.header.Get("Content-Type"))
	return mt != "text/html"
}
