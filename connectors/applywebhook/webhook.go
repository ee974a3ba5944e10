package applywebhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/applyhttp"
	"github.com/jobgate/jobgate/connectors/feedhttp"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound"
)

// SignatureHeader carries the signature.
const SignatureHeader = "Jobgate-Signature"

// Connector delivers applications to the signed apply webhook.
type Connector struct {
	out *outbound.Client
	now func() time.Time
}

// New returns the webhook applier calling through out (nil:
// outbound.Default, which allows no private address).
func New(out *outbound.Client) *Connector { return &Connector{out: out, now: time.Now} }

// Name returns connectors.WebhookApplier.
func (*Connector) Name() string { return connectors.WebhookApplier }

// Capabilities: direct apply only.
func (*Connector) Capabilities() connectors.Capabilities {
	return connectors.Capabilities{DirectApply: true}
}

// CanApply is true when the integration names its apply_url.
func (*Connector) CanApply(in connectors.Integration) bool {
	return in.Settings[connectors.SettingApplyURL] != ""
}

// CheckSettings refuses an apply_url that is not an absolute http(s) URL.
func (*Connector) CheckSettings(settings map[string]string) error {
	v, ok := settings[connectors.SettingApplyURL]
	if !ok {
		return nil
	}
	_, err := feedhttp.ParseURL(connectors.SettingApplyURL, v)
	return err
}

// ApplicationForm is the standard form: the webhook documents no form of
// its own, and asks for the privacy policy consent.
func (*Connector) ApplicationForm(_ context.Context, _ connectors.Integration, job connectors.Job) (apply.Form, error) {
	return apply.Form{Open: true, Fields: apply.StandardFields(), Consents: apply.StandardConsents(job.Ad.Language, job.Ad.Employer.Name, false)}, nil
}

// Apply POSTs the signed application.
func (c *Connector) Apply(ctx context.Context, in connectors.Integration, job connectors.Job, app apply.Application) (apply.Receipt, error) {
	if in.APIKey == "" {
		return apply.Receipt{}, connectors.NewUnauthorised(errors.New("the integration has no API key to sign with (issue one)"))
	}
	body, err := encodeBody(Encode(job, app), app)
	if err != nil {
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("encode application %s: %w", app.ID, err))
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(SignatureHeader, Sign(in.APIKey, c.now(), body))
	h.Set("Idempotency-Key", app.ID)
	// The key signs; an endpoint quoting it back must not put it in a
	// record (nor the integration's other secrets).
	secrets := in.SecretValues()
	answer, err := applyhttp.Do(ctx, c.out, outbound.Request{Method: http.MethodPost, URL: in.Settings[connectors.SettingApplyURL],
		Header: h, Body: body, Secrets: secrets})
	if err != nil {
		return apply.Receipt{}, connectors.RedactSecrets(err, secrets...)
	}
	var ack struct {
		ID connectors.FlexString `json:"id"`
	}
	_ = json.Unmarshal(answer, &ack) // the id is optional
	return apply.Receipt{ATSID: string(ack.ID)}, nil
}

// Sign returns the Jobgate-Signature of body at t.
func Sign(key string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac.Sum(nil))
}

// encodeBody marshals b into a buffer sized for its files in base64, so a
// large CV is not copied again and again as the buffer grows.
func encodeBody(b Body, app apply.Application) ([]byte, error) {
	size := 4 << 10
	for _, d := range app.Documents {
		size += base64.StdEncoding.EncodedLen(len(d.Data)) + 256
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if err := json.NewEncoder(buf).Encode(b); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
