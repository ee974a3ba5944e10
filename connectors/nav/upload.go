package nav

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/jobgate/jobgate/connectors"
)

// uploaded is what NAV answered an upload: its receipt, or refused, its
// reason for refusing the content (a 4xx other than 401/403, or an ERROR
// receipt), a permanent error.
type uploaded struct {
	receipt Receipt
	refused error
}

// upload posts dtos as one batch. err is a failure of the request itself.
func (c *Client) upload(ctx context.Context, dtos []Ad) (uploaded, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // adText stays readable HTML, as NAV's examples show it
	if err := enc.Encode(dtos); err != nil {
		return uploaded{}, connectors.NewPermanent(fmt.Errorf("nav: encode batch: %w", err))
	}
	r, err := c.do(ctx, http.MethodPost, "/api/v1/transfers/batch/"+c.cfg.ProviderID, buf.Bytes())
	if err != nil {
		return uploaded{}, err
	}
	if r.status < 200 || r.status > 299 {
		err := c.fail("batch upload", r)
		if connectors.ClassOf(err) == connectors.Permanent {
			return uploaded{refused: err}, nil
		}
		return uploaded{}, err
	}
	rs, perr := ParseReceipts(r.body)
	if perr == nil && len(rs) != 1 {
		perr = fmt.Errorf("%d receipts", len(rs))
	}
	if perr != nil {
		// NAV may have stored the batch: retrying is safe (SKIPPED).
		return uploaded{}, connectors.NewRetryable(fmt.Errorf("nav: batch upload answered %d without one readable receipt: %v", r.status, perr), 0)
	}
	if rs[0].Status == StatusError {
		return uploaded{receipt: rs[0], refused: connectors.NewPermanent(fmt.Errorf("nav: batch refused: %s", c.scrub(rs[0].Message)))}, nil
	}
	return uploaded{receipt: rs[0]}, nil
}
