package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
)

// idPrefix is the prefix of application ids.
const idPrefix = "app"

// maxIdempotencyKey bounds the Idempotency-Key header.
const maxIdempotencyKey = 255

// Submitted is the receipt of an accepted application.
type Submitted struct {
	ID    string `json:"id"`
	JobID string `json:"job_id"`
	// Status is received, delivered or failed (StatusView's).
	Status string `json:"status"`
	// StatusURL shows the application's status to whoever holds it.
	StatusURL string `json:"status_url"`
	// Repeated is true when the submission repeated an earlier one, whose
	// receipt this is.
	Repeated bool `json:"-"`
}

// Submit reads and checks a submission for the job and stores it with
// its delivery, or returns the application it repeats. idempotencyKey is
// the client's Idempotency-Key header, or empty.
func (s *Service) Submit(ctx context.Context, jobID, idempotencyKey string, r *http.Request) (Submitted, error) {
	if len(idempotencyKey) > maxIdempotencyKey {
		return Submitted{}, &RequestError{Status: http.StatusBadRequest, Code: "invalid_idempotency_key", Field: "Idempotency-Key",
			Message: fmt.Sprintf("at most %d characters", maxIdempotencyKey)}
	}
	form, job, err := s.Form(ctx, jobID)
	if err != nil {
		return Submitted{}, s.count(err)
	}
	if form.ApplyMode == apply.ModeRedirect {
		return Submitted{}, s.count(&RedirectError{URL: form.ApplyURL})
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
	return s.store(ctx, job, app, idempotencyKey)
}

func (s *Service) store(ctx context.Context, job Job, app apply.Application, idempotencyKey string) (Submitted, error) {
	app.ID, app.JobID, app.SubmittedAt = ids.New(idPrefix), job.Record.ID, time.Now().UTC()
	content, err := json.Marshal(apply.ContentOf(app))
	if err != nil {
		return Submitted{}, fmt.Errorf("encode application: %w", err)
	}
	w := store.ApplicationWrite{ID: app.ID, AccountID: job.Record.AccountID, IntegrationID: job.Record.IntegrationID, AdID: job.Record.ID,
		Applier: job.Applier.Name(), IdempotencyKey: idempotencyKey, DedupeWindow: DedupeWindow, Content: content}
	w.TokenHash = tokenHash(s.cfg.Box.Token(app.ID))
	cvSum := ""
	for _, d := range app.Documents {
		sum := sha256.Sum256(d.Data)
		doc := store.ApplicationDocument{Kind: d.Kind, FileName: d.FileName, ContentType: d.ContentType, SHA256: hex.EncodeToString(sum[:]), Data: d.Data}
		if d.Kind == apply.KindCV && cvSum == "" {
			cvSum = doc.SHA256
		}
		w.Documents = append(w.Documents, doc)
	}
	w.DedupeKey = dedupeKey(app, cvSum)
	res, err := s.cfg.Store.CreateApplication(ctx, w)
	if errors.Is(err, store.ErrNotFound) {
		return Submitted{}, s.count(ErrJobClosed) // withdrawn while the files came in
	}
	if err != nil {
		return Submitted{}, err
	}
	if res.Created {
		s.cfg.Dispatcher.Dispatch(res.Delivery)
		s.cfg.Metrics.Applications.WithLabelValues("accepted").Inc()
		s.cfg.Log.Info("intake: application accepted", "application", app.ID, "job", job.Record.ID, "applier", w.Applier, "documents", len(w.Documents))
	} else {
		s.cfg.Metrics.Applications.WithLabelValues("repeated").Inc()
		s.cfg.Log.Info("intake: repeated submission answered with the first application", "application", res.Application.ID, "job", job.Record.ID)
	}
	rec := res.Application
	return Submitted{ID: rec.ID, JobID: rec.AdID, Status: statusOf(rec).Status, StatusURL: s.statusURL(rec.ID), Repeated: !res.Created}, nil
}

// dedupeKey identifies the same submission: the job, the e-mail (case
// folded) and the CV (its SHA-256, "" for none).
func dedupeKey(app apply.Application, cvSum string) string {
	sum := sha256.Sum256([]byte(app.JobID + "\x00" + strings.ToLower(app.Candidate.Email) + "\x00" + cvSum))
	return hex.EncodeToString(sum[:])
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
	}
	s.cfg.Metrics.Applications.WithLabelValues(outcome).Inc()
	return err
}
