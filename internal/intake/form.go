package intake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/degrade"
	"github.com/jobgate/jobgate/internal/store"
)

// staleForm is how long a cached form stands in for an ATS that cannot be
// reached.
const staleForm = time.Hour

// formTimeout bounds reading a form from the ATS: a candidate is waiting.
const formTimeout = 10 * time.Second

// maxCachedForms bounds the cache; past it, it starts afresh.
const maxCachedForms = 5000

type cachedForm struct {
	form    apply.Form
	fetched time.Time
}

// Job is a job with what its applications need.
type Job struct {
	Record      store.AdRecord
	Ad          ad.Ad
	Integration connectors.Integration
	Applier     connectors.Applier
}

// Form returns a job's application form. A withdrawn job is ErrJobClosed;
// an unknown one ErrJobNotFound.
func (s *Service) Form(ctx context.Context, jobID string) (apply.Form, Job, error) {
	rec, err := s.cfg.Store.GetAdByID(ctx, jobID)
	if errors.Is(err, store.ErrNotFound) {
		return apply.Form{}, Job{}, ErrJobNotFound
	}
	if err != nil {
		return apply.Form{}, Job{}, fmt.Errorf("job %s: %w", jobID, err)
	}
	return s.FormOf(ctx, rec)
}

// FormOf is Form for a job already read (the job page has read it).
func (s *Service) FormOf(ctx context.Context, rec store.AdRecord) (apply.Form, Job, error) {
	jobID := rec.ID
	job, err := s.job(ctx, rec)
	if err != nil {
		return apply.Form{}, job, err
	}
	if job.Record.ApplyMode != apply.ModeDirect {
		return s.redirectForm(job, redirectURL(job), ""), job, nil
	}
	if st, u := s.ApplyState(ctx, job.Record, job.Ad.ApplyURL); st.Mode == apply.ModeRedirect {
		return s.redirectForm(job, u, degrade.CodeDegraded), job, nil
	}
	if job.Applier == nil {
		return apply.Form{}, job, ErrNoApplier
	}
	f, err := s.atsForm(ctx, job)
	if err != nil {
		return apply.Form{}, job, err
	}
	f.JobID, f.ApplyMode, f.ApplyURL, f.Language = jobID, apply.ModeDirect, "", job.Ad.Language
	f.PrivacyURL, f.EmployerPrivacyURL = s.cfg.PrivacyURL, job.Integration.Settings[SettingPrivacyURL]
	f.FileTypes = apply.TakenFileTypes(job.Applier.Capabilities().FileTypes)
	return f, job, nil
}

// redirectForm is the form of a job whose candidates apply at url, the
// vendor's page; reason says why a direct job does so now ("" for a job
// that always redirects).
func (s *Service) redirectForm(job Job, url, reason string) apply.Form {
	return apply.Form{JobID: job.Record.ID, ApplyMode: apply.ModeRedirect, ApplyURL: url, Reason: reason, Open: true,
		Fields: []apply.Field{}, Questions: []apply.Question{}, Consents: []apply.Consent{}, Language: job.Ad.Language,
		PrivacyURL: s.cfg.PrivacyURL}
}

// ApplyState is how candidates apply to rec now (its ad's own apply URL
// is adApplyURL) and where to, when they are redirected: a direct job of
// a degraded integration redirects where the vendor gave an apply URL.
func (s *Service) ApplyState(ctx context.Context, rec store.AdRecord, adApplyURL string) (degrade.State, string) {
	d, degraded := s.Degradation(ctx, rec.IntegrationID)
	return degrade.StateOf(rec, adApplyURL, d, degraded)
}

// Degradation returns the integration's degradation, if its direct apply
// is degraded now (from a copy a couple of seconds old at most).
func (s *Service) Degradation(ctx context.Context, integrationID string) (store.ApplyDegradation, bool) {
	return s.cfg.Degraded.Get(ctx, integrationID)
}

// redirectURL is where a redirected candidate applies: the vendor's page,
// or the job's page on the board when the vendor gave none.
func redirectURL(job Job) string {
	if job.Record.ApplyURL != "" {
		return job.Record.ApplyURL
	}
	return job.Ad.ApplyURL
}

// job is the job of rec with its ad, integration and applier.
func (s *Service) job(ctx context.Context, rec store.AdRecord) (Job, error) {
	jobID := rec.ID
	job := Job{Record: rec}
	if rec.Status == store.AdScheduled {
		return job, ErrJobNotFound // not on the board yet
	}
	if rec.Status != store.AdLive {
		return job, ErrJobClosed
	}
	if err := json.Unmarshal(rec.Content, &job.Ad); err != nil {
		return job, fmt.Errorf("job %s content: %w", jobID, err)
	}
	if rec.ApplyMode != apply.ModeDirect {
		return job, nil
	}
	var err error
	if job.Integration, err = s.cfg.OpenIntegration(ctx, rec.IntegrationID); err != nil {
		return job, fmt.Errorf("job %s integration: %w", jobID, err)
	}
	job.Applier, _ = s.applierFor(job.Integration)
	return job, nil
}

// atsForm returns the ATS's form for the job, from the cache while it is
// fresh, and from a stale copy while the ATS cannot be reached.
func (s *Service) atsForm(ctx context.Context, job Job) (apply.Form, error) {
	key := fmt.Sprintf("%s:%d:%s", job.Record.ID, job.Record.Revision, job.Applier.Name())
	s.mu.Lock()
	c, ok := s.forms[key]
	s.mu.Unlock()
	if ok && time.Since(c.fetched) < s.cfg.FormTTL {
		return c.form, nil
	}
	fctx, cancel := context.WithTimeout(ctx, formTimeout)
	defer cancel()
	f, err := job.Applier.ApplicationForm(fctx, job.Integration, s.connectorJob(job))
	if err != nil {
		if ok && time.Since(c.fetched) < staleForm {
			return c.form, nil
		}
		s.cfg.Log.Warn("intake: application form unavailable", "job", job.Record.ID, "applier", job.Applier.Name(), "err", err)
		return apply.Form{}, fmt.Errorf("%w (%s)", ErrFormUnavailable, connectors.ClassOf(err))
	}
	f = normaliseForm(f)
	s.mu.Lock()
	if len(s.forms) >= maxCachedForms {
		s.forms = map[string]cachedForm{}
	}
	s.forms[key] = cachedForm{form: f, fetched: time.Now()}
	s.mu.Unlock()
	return f, nil
}

func (s *Service) connectorJob(job Job) connectors.Job {
	return connectors.Job{ID: job.Record.ID, Reference: job.Record.Reference, Ad: job.Ad, URL: board.JobURL(s.cfg.PublicURL, job.Record.ID)}
}

// normaliseForm sanitises the ATS's consent texts (they are shown as
// HTML) and gives empty lists rather than null.
func normaliseForm(f apply.Form) apply.Form {
	if f.Fields == nil {
		f.Fields = []apply.Field{}
	}
	if f.Questions == nil {
		f.Questions = []apply.Question{}
	}
	consents := make([]apply.Consent, len(f.Consents))
	for i, c := range f.Consents {
		c.Text = ad.SanitizeHTML(c.Text)
		consents[i] = c
	}
	f.Consents = consents
	return f
}
