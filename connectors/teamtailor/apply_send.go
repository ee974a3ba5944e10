package teamtailor

import (
	"context"
	"encoding/json"
	"fmt"
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
	body, err := applyhttp.Read(ctx, c.out, req, maxInquiry)
	if err != nil {
		return apply.Form{}, fmt.Errorf("teamtailor inquiry: %w", err)
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
	answer, err := applyhttp.Do(ctx, c.out, req)
	if err != nil {
		return apply.Receipt{}, err
	}
	var ack struct {
		ID scalar `json:"id"`
	}
	_ = json.Unmarshal(answer, &ack) // the answer is undocumented
	return apply.Receipt{ATSID: string(ack.ID)}, nil
}
