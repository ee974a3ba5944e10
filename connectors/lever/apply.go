package lever

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/applyhttp"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Multipart field names of Lever's apply call (README "Apply to a job
// posting"; research/ats-vendors.md §2.2).
const (
	fieldName      = "name"
	fieldEmail     = "email"
	fieldPhone     = "phone"
	fieldComments  = "comments"
	fieldResume    = "resume"
	fieldSource    = "source"
	fieldSilent    = "silent"
	fieldStore     = "consent[store]"
	fieldMarketing = "consent[marketing]"
)

// RateKey names the Lever account an integration delivers to: the base
// URL's host and the site ("api.lever.co/leverdemo"), since Lever's limit
// of 2 applications a second is per account, and the EU instance is
// another account.
func (*Connector) RateKey(in connectors.Integration) string {
	cfg, err := parseConfig(in.Settings)
	if err != nil {
		// Apply refuses such an integration before any request.
		return strings.TrimSpace(in.Settings["base_url"]) + "/" + strings.TrimSpace(in.Settings["site"])
	}
	return strings.ToLower(cfg.baseURL.Host) + "/" + cfg.site
}

// Apply POSTs the application as multipart/form-data to
// {base_url}/v0/postings/{site}/{posting id}?key={api_key} and returns
// Lever's applicationId. Lever takes no idempotency key (see the package
// doc). A 404 means the posting is no longer published, so it is reported
// as a closed job; the key is never in an error.
func (c *Connector) Apply(ctx context.Context, in connectors.Integration, job connectors.Job, app apply.Application) (apply.Receipt, error) {
	cfg, err := parseConfig(in.Settings)
	if err != nil {
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("lever: %w", err))
	}
	key := strings.TrimSpace(in.Secrets["api_key"])
	if key == "" {
		return apply.Receipt{}, connectors.NewUnauthorised(errors.New("lever: the integration has no Postings API key (secret api_key)"))
	}
	if strings.TrimSpace(job.Reference) == "" {
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("lever: job %s has no Lever posting id", job.ID))
	}
	body, contentType, err := encodeApplication(app, cfg.silent)
	if err != nil {
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("lever: encode application %s: %w", app.ID, err))
	}
	u := cfg.baseURL.JoinPath("v0", "postings", cfg.site, job.Reference)
	u.RawQuery = url.Values{"key": {key}}.Encode()
	h := http.Header{}
	h.Set("Content-Type", contentType)
	h.Set("Accept", "application/json")
	answer, err := applyhttp.Do(ctx, c.out, outbound.Request{Method: http.MethodPost, URL: u.String(), Header: h, Body: body,
		Secrets: in.SecretValues()})
	if err != nil {
		return apply.Receipt{}, fmt.Errorf("lever: posting %s: %w", job.Reference, connectors.RedactSecrets(needsAttention(notFoundIsClosed(err)), key))
	}
	var ack struct {
		OK            *bool                 `json:"ok"`
		ApplicationID connectors.FlexString `json:"applicationId"`
		Error         string                `json:"error"`
	}
	if json.Unmarshal(answer, &ack) == nil && ack.OK != nil && !*ack.OK {
		// Lever answers errors with their status; an ok:false in a 2xx is
		// a refusal all the same.
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("lever: posting %s: refused: %s",
			job.Reference, applyhttp.Message(answer, key)))
	}
	// A 2xx without a readable id is still delivered: Lever holds it.
	return apply.Receipt{ATSID: string(ack.ApplicationID)}, nil
}

// encodeApplication builds the multipart body (applyhttp.Multipart: one
// buffer, the CV copied once, a Content-Length for Lever).
func encodeApplication(app apply.Application, silent bool) ([]byte, string, error) {
	fields := [][2]string{
		{fieldName, strings.TrimSpace(app.Candidate.FirstName + " " + app.Candidate.LastName)},
		{fieldEmail, app.Candidate.Email},
		{fieldPhone, app.Candidate.Phone},
		{fieldComments, app.Candidate.CoverLetter},
		{fieldSource, app.Source},
		{fieldSilent, strconv.FormatBool(silent)},
	}
	fields = append(fields, answerParts(app.Answers)...)
	for _, cg := range app.Consents {
		switch cg.Type {
		case apply.ConsentPrivacyPolicy:
			fields = append(fields, [2]string{fieldStore, strconv.FormatBool(cg.Accepted)})
		case apply.ConsentFutureJobs:
			fields = append(fields, [2]string{fieldMarketing, strconv.FormatBool(cg.Accepted)})
		}
	}
	// Only the CV: the Postings API documents no other file field, so a
	// cover letter file and other attachments are not sent.
	var files []applyhttp.FilePart
	if cv, ok := app.CV(); ok {
		files = append(files, applyhttp.FilePart{Field: fieldResume, Document: cv})
	}
	return applyhttp.Multipart(fields, files)
}

// needsAttention reports Lever's 400 (and 422) as a failure a person can
// mend: the README ("Apply to a job posting") says "Required fields are
// also required when submitting against the POST API. Lever account
// administrators can customize their job applications and choose to make
// other fields required", and answers a missing one with 400 and
// {ok:false, error:<error string>} naming it. The application is kept
// (needs_attention) with that message, to be replayed once the form asks
// for the field or the account no longer requires it.
func needsAttention(err error) error {
	var ce *connectors.Error
	if !errors.As(err, &ce) || ce.Class != connectors.Permanent {
		return err
	}
	msg := ce.Err.Error()
	if strings.HasPrefix(msg, "status 400: ") || strings.HasPrefix(msg, "status 422: ") {
		return connectors.NewNeedsAttention(ce.Err)
	}
	return err
}

// notFoundIsClosed reports Lever's 404 as a closed job: the posting id
// came from Lever's own list, and the Postings API shows published
// postings only, so a posting it no longer finds was unpublished, closed
// or deleted ([I]: Lever documents no status for it).
func notFoundIsClosed(err error) error {
	var ce *connectors.Error
	if !errors.As(err, &ce) || ce.Class != connectors.Permanent || errors.Is(err, connectors.ErrJobClosed) {
		return err
	}
	// applyhttp classifies through connectors.StatusError, whose message
	// starts with the status.
	msg, ok := strings.CutPrefix(ce.Err.Error(), "status 404: ")
	if !ok {
		return err
	}
	return connectors.NewPermanent(fmt.Errorf("status 404: %w: %s", connectors.ErrJobClosed, msg))
}

var (
	_ connectors.Applier   = (*Connector)(nil)
	_ connectors.RateKeyer = (*Connector)(nil)
)
