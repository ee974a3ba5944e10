package intake

import (
	"context"
	"crypto/subtle"
	"errors"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

// Candidate-facing statuses of an application.
const (
	StatusReceived  = "received"
	StatusDelivered = "delivered"
	StatusFailed    = "failed"
	// StatusNeedsAttention is an application the employer's ATS refused
	// for a field it requires that the form did not ask: it is kept, and
	// delivered once the employer's team has completed it.
	StatusNeedsAttention = "needs_attention"
)

// ErrNoApplication is an unknown application or a wrong token: the two
// are not told apart.
var ErrNoApplication = errors.New("no such application")

// StatusView is what the candidate is told of an application: its state,
// never anyone's personal data.
type StatusView struct {
	ID     string `json:"id"`
	JobID  string `json:"job_id"`
	Status string `json:"status"`
	// Reason says why a failed application could not be delivered:
	// job_closed (the employer's ATS closed the job), rejected (the ATS
	// refused it), or undeliverable; and why one needs attention:
	// incomplete (the ATS asks for more than the form did).
	Reason      string     `json:"reason,omitempty"`
	SubmittedAt time.Time  `json:"submitted_at"`
	DeliveredAt *time.Time `json:"delivered_at,omitempty"`
	// Summary is the application's ledger as the candidate sees it:
	// received, delivered, or could not be delivered and what to do.
	Summary Summary `json:"summary"`
}

// Status returns an application's status to the holder of its token.
func (s *Service) Status(ctx context.Context, id, token string) (StatusView, error) {
	if token == "" || !strings.HasPrefix(id, idPrefix+"_") {
		return StatusView{}, ErrNoApplication
	}
	rec, err := s.cfg.Store.GetApplication(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return StatusView{}, ErrNoApplication
	}
	if err != nil {
		return StatusView{}, err
	}
	if subtle.ConstantTimeCompare(tokenHash(token), rec.TokenHash) != 1 {
		return StatusView{}, ErrNoApplication
	}
	events, err := s.cfg.Store.ApplicationLedger(ctx, rec.ID)
	if err != nil {
		return StatusView{}, err
	}
	v := statusOf(rec)
	v.Summary = Summarize(rec, events)
	return v, nil
}

// statusOf reads the delivery's state; a failure's reason from its stored
// error, which every connector wraps around the classified one
// ("lever: posting p: permanent: status 400: ...").
func statusOf(rec store.ApplicationRecord) StatusView {
	v := StatusView{ID: rec.ID, JobID: rec.AdID, Status: StatusReceived, SubmittedAt: rec.CreatedAt, DeliveredAt: rec.DeliveredAt}
	switch rec.State {
	case store.DeliveryDelivered:
		v.Status = StatusDelivered
	case store.DeliveryNeedsAttention:
		v.Status, v.Reason = StatusNeedsAttention, "incomplete"
	case store.DeliveryDead:
		v.Status, v.Reason = StatusFailed, "undeliverable"
		switch {
		case strings.Contains(rec.LastError, connectors.ErrJobClosed.Error()):
			v.Reason = "job_closed"
		case strings.Contains(rec.LastError, connectors.Permanent.String()+": "):
			v.Reason = "rejected"
		}
	}
	return v
}
