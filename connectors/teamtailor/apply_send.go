package teamtailor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/applyhttp"
	"github.com/jobgate/jobgate/internal/apply"
)

// maxInquiry bounds an /inquiry answer: a form of questions and consent
// texts, a few KiB in the docs' example.
const maxInquiry = 1 << 20

// ApplicationForm asks Teamtailor's GET {BASE_URL}/inquiry what the job
// asks of candidates
// (https://partner.teamtailor.com/job_boards/#get-inquiry). A job
// Teamtailor says is expired is not Open.
func (c *Connector) ApplicationForm(ctx context.Context, in connectors.Integration, job connectors.Job) (apply.Form, error) {
	req, err := c.newRequest(in, job, http.MethodGet, "/inquiry", nil)
	if err != nil {
		return apply.Form{}, err
	}
	body, err := c.get(ctx, req)
	if err != nil {
		return apply.Form{}, err
	}
	f, err := parseInquiry(body)
	if err != nil {
		// Teamtailor answered 2xx with something else: a fault of the
		// moment (a gateway page) more likely than a new format.
		return apply.Form{}, connectors.NewRetryable(err, 0)
	}
	f.JobID, f.Language = job.ID, job.Ad.Language
	return f, nil
}

// get sends req and returns the 2xx answer, at most maxInquiry bytes, or
// a classified error (connectors.ApplyStatusError).
func (c *Connector) get(ctx context.Context, req *http.Request) ([]byte, error) {
	client := c.client
	if client == nil {
		client = applyhttp.DefaultClient
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) && ue.Unwrap() != nil {
			err = ue.Unwrap() // the host, not the URL
		}
		return nil, connectors.NewRetryable(fmt.Errorf("teamtailor inquiry at %s: %w", req.URL.Host, err), 0)
	}
	defer resp.Body.Close()
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxInquiry+1))
	switch {
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, connectors.ApplyStatusError(resp.StatusCode, resp.Header, applyhttp.Message(body))
	case rerr != nil:
		return nil, connectors.NewRetryable(fmt.Errorf("teamtailor inquiry: read the answer: %w", rerr), 0)
	case len(body) > maxInquiry:
		return nil, connectors.NewPermanent(errors.New("teamtailor inquiry: the answer is larger than 1 MiB"))
	}
	return body, nil
}

// Apply POSTs the application to Teamtailor's {BASE_URL}/apply
// (https://partner.teamtailor.com/job_boards/#post-apply), signed over
// the exact body. The answer is not documented [U]: any 2xx is delivered,
// and a JSON "id" in it is kept as Teamtailor's id. Other answers are
// classified by applyhttp (409/410 closed, 400/422 refused, 401/403
// credentials, 429 and 5xx retried).
func (c *Connector) Apply(ctx context.Context, in connectors.Integration, job connectors.Job, app apply.Application) (apply.Receipt, error) {
	body, err := encodeApply(app)
	if err != nil {
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("teamtailor: encode application %s: %w", app.ID, err))
	}
	req, err := c.newRequest(in, job, http.MethodPost, "/apply", body)
	if err != nil {
		return apply.Receipt{}, err
	}
	answer, err := applyhttp.Do(ctx, c.client, req)
	if err != nil {
		return apply.Receipt{}, err
	}
	var ack struct {
		ID scalar `json:"id"`
	}
	_ = json.Unmarshal(answer, &ack) // the answer is undocumented
	return apply.Receipt{ATSID: string(ack.ID)}, nil
}
