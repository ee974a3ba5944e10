package teamtailor

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/feedhttp"
	"github.com/jobgate/jobgate/internal/outbound"
)

// DefaultApplyBaseURL is the Direct Apply API's production BASE_URL as
// Teamtailor documents it
// (https://partner.teamtailor.com/job_boards/#direct-apply). It is an AWS
// API Gateway URL that may change [I]: WithApply and the setting
// SettingApplyBaseURL replace it.
const DefaultApplyBaseURL = "https://5qbn6o9x4h.execute-api.eu-west-1.amazonaws.com/production"

// Integration settings of direct apply.
const (
	// SettingJobBoardID is the JobBoardId header for the integration's
	// jobs, when it is not the board's default (WithApply).
	SettingJobBoardID = "job_board_id"
	// SettingApplyBaseURL replaces the Direct Apply API's base URL for the
	// integration (an absolute http or https URL).
	SettingApplyBaseURL = "apply_base_url"
)

// Headers of the Direct Apply API, spelt as the docs spell them
// (https://partner.teamtailor.com/job_boards/#get-inquiry). They are set
// as written, not in Go's canonical form (Jobboardid), so the wire shows
// the documented names; HTTP header names are case-insensitive anyway.
const (
	headerJobBoardID = "JobBoardId"
	headerReference  = "ReferenceNumber"
	// HeaderAPISignature carries APISignature of the request body.
	HeaderAPISignature = "X-Api-Signature"
)

// The connector delivers applications and checks their settings.
var (
	_ connectors.Applier         = (*Connector)(nil)
	_ connectors.SettingsChecker = (*Connector)(nil)
)

// WithApply configures direct apply and returns c: baseURL is the Direct
// Apply API's BASE_URL ("" for DefaultApplyBaseURL), jobBoardID the
// board's default JobBoardId for integrations without the setting
// SettingJobBoardID ("" for none), out the outbound client (nil for
// outbound.Default, which allows no private address). Call it before the
// connector is used.
func (c *Connector) WithApply(baseURL, jobBoardID string, out *outbound.Client) *Connector {
	c.applyBase = strings.TrimSpace(baseURL)
	c.jobBoardID = strings.TrimSpace(jobBoardID)
	c.out = out
	return c
}

// CanApply is true when the board's Teamtailor key is set (it signs every
// Direct Apply request) and a JobBoardId is known for the integration.
func (c *Connector) CanApply(in connectors.Integration) bool {
	return c.secret != "" && c.boardID(in) != ""
}

// CheckSettings refuses an apply_base_url that is not an absolute http(s)
// URL and a job_board_id that cannot be sent as a header. Other settings
// are the hub's or the push side's, and are not checked here.
func (*Connector) CheckSettings(settings map[string]string) error {
	if v, ok := settings[SettingApplyBaseURL]; ok {
		if _, err := feedhttp.ParseURL(SettingApplyBaseURL, strings.TrimSpace(v)); err != nil {
			return err
		}
	}
	if v, ok := settings[SettingJobBoardID]; ok {
		v = strings.TrimSpace(v)
		if v == "" || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return fmt.Errorf("setting %s must be Teamtailor's job board id, on one line", SettingJobBoardID)
		}
	}
	return nil
}

// boardID is the integration's JobBoardId: its setting, else the board's
// default.
func (c *Connector) boardID(in connectors.Integration) string {
	if v := strings.TrimSpace(in.Setting(SettingJobBoardID, "")); v != "" {
		return v
	}
	return c.jobBoardID
}

// endpoint is the URL of a Direct Apply path (/inquiry, /apply) for the
// integration: its apply_base_url, else the connector's, else the
// documented default.
func (c *Connector) endpoint(in connectors.Integration, path string) (string, error) {
	base := strings.TrimSpace(in.Setting(SettingApplyBaseURL, ""))
	if base == "" {
		base = c.applyBase
	}
	if base == "" {
		base = DefaultApplyBaseURL
	}
	if _, err := feedhttp.ParseURL(SettingApplyBaseURL, base); err != nil {
		return "", connectors.NewPermanent(err)
	}
	return strings.TrimRight(base, "/") + path, nil
}

// newRequest builds a signed Direct Apply request for the job: the
// JobBoardId and ReferenceNumber headers and X-Api-Signature over body
// ("" for /inquiry, as the docs say). The board's key and the
// integration's secrets are masked in any record of the answer.
func (c *Connector) newRequest(in connectors.Integration, job connectors.Job, method, path string, body []byte) (outbound.Request, error) {
	if c.secret == "" {
		return outbound.Request{}, connectors.NewUnauthorised(errors.New("teamtailor: no Integrations Hub key (JOBGATE_TEAMTAILOR_SECRET) to sign with"))
	}
	board := c.boardID(in)
	if board == "" {
		return outbound.Request{}, connectors.NewPermanent(fmt.Errorf("teamtailor: no job board id: set %s", SettingJobBoardID))
	}
	ref := strings.TrimSpace(job.Reference)
	if ref == "" {
		return outbound.Request{}, connectors.NewPermanent(errors.New("teamtailor: the job has no Teamtailor reference"))
	}
	url, err := c.endpoint(in, path)
	if err != nil {
		return outbound.Request{}, err
	}
	h := http.Header{}
	h[headerJobBoardID] = []string{board}
	h[headerReference] = []string{ref}
	h.Set(HeaderAPISignature, APISignature(c.secret, body))
	if body != nil {
		h.Set("Content-Type", "application/json")
	}
	h.Set("Accept", "application/json")
	return outbound.Request{Method: method, URL: url, Header: h, Body: body, Secrets: append(in.SecretValues(), c.secret)}, nil
}

// APISignature is the X-Api-Signature of body: base64 of the hex string of
// HMAC-SHA256(body) keyed with the Integrations Hub key. The hex is
// base64-encoded again, as Teamtailor's JavaScript example does
// (https://partner.teamtailor.com/job_boards/#computing-request-signagure).
func APISignature(key string, body []byte) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(body)
	return base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(m.Sum(nil))))
}
