package applywebhook

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/applyhttp"
	"github.com/jobgate/jobgate/internal/outbound"
)

var _ connectors.Eraser = (*Connector)(nil)

// Erase sends the webhook's erasure call: a DELETE of apply_url + "/" +
// the ATS's id (path-escaped), without a body, signed as a delivery is
// (Jobgate-Signature over "<t>." and the empty body). 2xx, 404 and 410
// mean the receiver holds nothing more under that id; 429 waits for
// Retry-After; any other answer is classified as a delivery's is (401 and
// 403 refused credentials, 5xx retryable, the rest permanent).
func (c *Connector) Erase(ctx context.Context, in connectors.Integration, atsID string) error {
	if in.APIKey == "" {
		return connectors.NewUnauthorised(errors.New("the integration has no API key to sign with (issue one)"))
	}
	target, err := eraseURL(in.Settings[connectors.SettingApplyURL], atsID)
	if err != nil {
		return connectors.NewPermanent(err)
	}
	h := http.Header{}
	h.Set(SignatureHeader, Sign(in.APIKey, c.now(), nil))
	secrets := in.SecretValues()
	resp, err := outbound.Or(c.out).Do(ctx, outbound.Request{Kind: outbound.Delivery, Method: http.MethodDelete, URL: target,
		Header: h, Secrets: secrets})
	switch {
	case err != nil && ctx.Err() != nil:
		return ctx.Err()
	case err != nil:
		return connectors.RedactSecrets(err, secrets...)
	case resp.Status >= 200 && resp.Status <= 299, resp.Status == http.StatusNotFound, resp.Status == http.StatusGone:
		return nil
	case resp.Status == http.StatusTooManyRequests:
		return connectors.ApplyStatusError(resp.Status, resp.Header, "")
	}
	return connectors.StatusError(resp.Status, resp.Header, resp.Excerpt(applyhttp.Message(resp.Body)))
}

// eraseURL is apply_url with "/" and the escaped id appended to its path
// (its query, if any, kept).
func eraseURL(applyURL, atsID string) (string, error) {
	if strings.TrimSpace(atsID) == "" {
		return "", errors.New("no ATS id to erase")
	}
	u, err := url.Parse(applyURL)
	if err != nil || u.Host == "" {
		return "", errors.New("the integration's apply_url is not an absolute URL")
	}
	// Escaped as one segment: an id holding "/" or ".." names no other
	// path of the receiver.
	u.RawPath = strings.TrimSuffix(u.EscapedPath(), "/") + "/" + url.PathEscape(atsID)
	u.Path = strings.TrimSuffix(u.Path, "/") + "/" + atsID
	return u.String(), nil
}
