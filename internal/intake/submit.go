package intake

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/stats"
	"github.com/jobgate/jobgate/internal/store"
)

// idPrefix is the prefix of application ids.
const idPrefix = "app"

// Submitted is the receipt of an accepted application, or says that the
// submission duplicated one.
type Submitted struct {
	ID    string `json:"id"`
	JobID string `json:"job_id"`
	// Status is received, delivered or failed (StatusView's).
	Status string `json:"status"`
	// StatusURL shows the application's status to whoever holds it.
	StatusURL string `json:"status_url"`
	// Repeated is true when the submission repeated an earlier one with
	// the same Idempotency-Key and content, whose receipt this is.
	Repeated bool `json:"-"`
	// Duplicate is true when the submission, without an Idempotency-Key,
	// was byte for byte one accepted for the job within DedupeWindow.
	// Nothing else is set: the earlier application's receipt is its
	// sender's, and whoever sends the same bytes need not be.
	Duplicate bool `json:"-"`
}

// Submit reads and checks a submission for the job and stores it with
// its delivery, or returns the application it repeats. idempotencyKey is
// the client's Idempotency-Key header, or empty.
func (s *Service) Submit(ctx context.Context, jobID, idempotencyKey string, r *http.Request) (Submitted, error) {
	received := time.Now() // the ledger's received hop: before the files are read
	if err := checkIdempotencyKey(idempotencyKey); err != nil {
		return Submitted{}, s.count(err)
	}
	form, job, err := s.Form(ctx, jobID)
	if err != nil {
		return Submitted{}, s.count(err)
	}
	if form.ApplyMode == apply.ModeRedirect {
		return Submitted{}, s.count(&RedirectError{URL: form.ApplyURL, Reason: form.Reason})
	}
	if !form.Open {
		return Submitted{}, s.count(ErrJobClosed)
	}
	sub, err := ReadSubmission(r)
	if err != nil {
		return Submitted{}, s.count(err)
	}
	app := sub.application(form, s.cfg.Source)
	if err := apply.Validate(form, app); err != nil {
		return Submitted{}, s.count(err)
	}
	return s.store(ctx, job, app, sub, idempotencyKey, received)
}

// store stores the application read as sub, or answers the one it
// repeats (a receipt with a key; Duplicate without), or refuses a key
// used before with other content.
func (s *Service) store(ctx context.Context, job Job, app apply.Application, sub *submission, idempotencyKey string, received time.Time) (Submitted, error) {
	app.ID, app.JobID, app.SubmittedAt = ids.New(idPrefix), job.Record.ID, time.Now().UTC()
	content, err := json.Marshal(apply.ContentOf(app))
	if err != nil {
		return Submitted{}, fmt.Errorf("encode application: %w", err)
	}
	w := store.ApplicationWrite{ID: app.ID, AccountID: job.Record.AccountID, IntegrationID: job.Record.IntegrationID, AdID: job.Record.ID,
		Applier: job.Applier.Name(), IdempotencyKey: idempotencyKey, ContentHash: sub.contentHash, DedupeWindow: DedupeWindow, Content: content}
	if src, ok := stats.SourceOf(ctx); ok {
		w.Source = src.Key() // where the candidate came from (internal/stats)
	}
	w.TokenHash = tokenHash(s.cfg.Box.Token(app.ID))
	w.ReceivedAt = received
	w.CandidateKey = s.cfg.Box.CandidateKey(app.Candidate.Email)
	for i, d := range app.Documents {
		w.Documents = append(w.Documents, store.ApplicationDocument{Kind: d.Kind, FileName: d.FileName, ContentType: d.ContentType, SHA256: sub.fileSums[i], Data: d.Data})
	}
	res, err := s.cfg.Store.CreateApplication(ctx, w)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return Submitted{}, s.count(ErrJobClosed) // withdrawn while the files came in
	case errors.Is(err, store.ErrKeyReused):
		return Submitted{}, s.count(ErrKeyReused)
	case err != nil:
		return Submitted{}, err
	}
	return s.outcome(job, w, res), nil
}

// ErrKeyReused answers an Idempotency-Key sent before, for the job, with
// other content: never the first application's receipt.
var ErrKeyReused = &RequestError{Status: http.StatusUnprocessableEntity, Code: CodeKeyReused, Field: HeaderIdempotencyKey,
	Message: "was used before for another submission to this job; send a new key with a new application"}

// outcome counts and logs a stored or repeated application and makes its
// answer.
func (s *Service) outcome(job Job, w store.ApplicationWrite, res store.ApplicationResult) Submitted {
	rec := res.Application
	switch {
	case res.Created:
		s.cfg.Dispatcher.Dispatch(res.Delivery)
		s.cfg.Metrics.Applications.WithLabelValues("accepted").Inc()
		s.cfg.Log.Info("intake: application accepted", "application", rec.ID, "job", job.Record.ID, "applier", w.Applier, "documents", len(w.Documents))
	case w.IdempotencyKey == "":
		s.cfg.Metrics.Applications.WithLabelValues("duplicate").Inc()
		s.cfg.Log.Info("intake: duplicate submission answered without a receipt", "application", rec.ID, "job", job.Record.ID)
		return Submitted{Duplicate: true}
	default:
		s.cfg.Metrics.Applications.WithLabelValues("repeated").Inc()
		s.cfg.Log.Info("intake: repeated submission answered with the first application", "application", rec.ID, "job", job.Record.ID)
	}
	return Submitted{ID: rec.ID, JobID: rec.AdID, Status: statusOf(rec).Status, StatusURL: s.statusURL(rec.ID), Repeated: !res.Created}
}

func tokenHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

func (s *Service) statusURL(id string) string {
	return strings.TrimRight(s.cfg.PublicURL, "/") + "/v1/applications/" + id + "?token=" + s.cfg.Box.Token(id)
}

// count counts a refused submission by outcome and returns err.
func (s *Service) count(err error) error {
	outcome := "invalid"
	var rd *RedirectError
	switch {
	case errors.As(err, &rd):
		outcome = "redirect"
	case errors.Is(err, ErrJobClosed):
		outcome = "closed"
	case errors.Is(err, ErrJobNotFound):
		outcome = "not_found"
	case errors.Is(err, ErrKeyReused):
		outcome = "key_reused"
	}
	s.cfg.Metrics.Applications.WithLabelValues(outcome).Inc()
	return err
}
