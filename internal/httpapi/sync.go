package httpapi

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/poll"
	"github.com/jobgate/jobgate/internal/store"
)

// SyncView is what GET /v1/integrations/{id}/sync answers: the state of an
// integration's feed polling.
type SyncView struct {
	IntegrationID string `json:"integration_id"`
	Vendor        string `json:"vendor"`
	// PollInterval is the time between polls, as a Go duration.
	PollInterval string `json:"poll_interval"`
	// Outcome is ok, not_modified, held, failed, or never.
	Outcome             string     `json:"outcome"`
	Error               string     `json:"error,omitempty"`
	ConsecutiveFailures int        `json:"consecutive_failures"`
	LastPollAt          *time.Time `json:"last_poll_at"`
	LastSuccessAt       *time.Time `json:"last_success_at"`
	NextPollAt          *time.Time `json:"next_poll_at"`
	// Polling is true while a poll runs.
	Polling bool       `json:"polling"`
	Counts  SyncCounts `json:"counts"`
	// Skipped are the postings the last poll left as they were (counted
	// in Counts.Invalid), each with its reasons: field names and codes,
	// never values. At most store.MaxPollNotes.
	Skipped []store.PostingNote `json:"skipped"`
	// Warnings are the postings stored without a value that was dropped
	// (counted in Counts.Warned), and which.
	Warnings []store.PostingNote `json:"warnings"`
}

// SyncCounts are what the last poll found and did. Held counts the
// withdrawals held back until the next poll confirms a large drop.
type SyncCounts struct {
	Listed    int `json:"listed"`
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Withdrawn int `json:"withdrawn"`
	Unchanged int `json:"unchanged"`
	Invalid   int `json:"invalid"`
	Warned    int `json:"warned"`
	Held      int `json:"held"`
}

// NewSyncView describes an integration's poll state at now.
func NewSyncView(in store.Integration, st store.PollState, interval time.Duration, now time.Time) SyncView {
	c := st.Counts
	v := SyncView{IntegrationID: in.ID, Vendor: in.Vendor, PollInterval: interval.String(), Outcome: st.Outcome, Error: st.Error,
		ConsecutiveFailures: st.Failures, LastPollAt: timePtr(st.LastPollAt), LastSuccessAt: timePtr(st.LastSuccessAt),
		NextPollAt: timePtr(st.NextPollAt), Polling: st.LeaseUntil.After(now),
		Counts:  SyncCounts{Listed: c.Listed, Created: c.Created, Updated: c.Updated, Withdrawn: c.Withdrawn, Unchanged: c.Unchanged, Invalid: c.Invalid, Warned: c.Warned, Held: c.Held},
		Skipped: nonNil(st.Notes.Skipped), Warnings: nonNil(st.Notes.Warnings)}
	if v.Outcome == "" {
		v.Outcome = "never"
	}
	if v.NextPollAt == nil && store.TakesAds(in.Status) {
		n := now.UTC()
		v.NextPollAt = &n // never polled: due at once
	}
	return v
}

// nonNil shows no notes as [] rather than null.
func nonNil(ns []store.PostingNote) []store.PostingNote {
	if ns == nil {
		return []store.PostingNote{}
	}
	return ns
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// getSync answers GET /v1/integrations/{id}/sync.
func (h *handlers) getSync(c *gin.Context) {
	in, timing, ok := h.polledIntegration(c)
	if !ok {
		return
	}
	st, err := h.d.Store.GetPollState(c.Request.Context(), in.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		abortInternal(c, err)
		return
	}
	c.JSON(http.StatusOK, NewSyncView(in, st, timing.Interval, time.Now()))
}

// postSync answers POST /v1/integrations/{id}/sync: it polls at once and
// answers the outcome (409 while another poll runs, or while the
// integration is disabled).
func (h *handlers) postSync(c *gin.Context) {
	in, timing, ok := h.polledIntegration(c)
	if !ok {
		return
	}
	st, err := h.d.Polls.Poll(store.WithActor(c.Request.Context(), "api"), in.ID)
	switch {
	case errors.Is(err, poll.ErrBusy):
		abort(c, http.StatusConflict, "poll_running", "a poll of this integration is running; try again when it ends")
	case errors.Is(err, poll.ErrDisabled):
		abort(c, http.StatusConflict, connectors.CodeIntegrationDisabled, "this integration is disabled by an operator: it is not polled until it is enabled")
	case err != nil:
		abortInternal(c, err)
	default:
		c.JSON(http.StatusOK, NewSyncView(in, st, timing.Interval, time.Now()))
	}
}

// polledIntegration loads the path's integration for a caller allowed to
// see it: the operator token, or an API key of the integration's account
// (another account's integration answers 404, like an unknown one).
func (h *handlers) polledIntegration(c *gin.Context) (store.Integration, poll.Timing, bool) {
	accountID, ok := h.syncCaller(c)
	if !ok {
		return store.Integration{}, poll.Timing{}, false
	}
	in, err := h.d.Store.GetIntegration(c.Request.Context(), c.Param("id"))
	if errors.Is(err, store.ErrNotFound) || (err == nil && accountID != "" && in.AccountID != accountID) {
		abort(c, http.StatusNotFound, codeNotFound, "no such integration")
		return in, poll.Timing{}, false
	}
	if err != nil {
		abortInternal(c, err)
		return in, poll.Timing{}, false
	}
	if !h.d.Polls.Polls(in) {
		abort(c, http.StatusNotFound, "not_polled", "this integration pushes its ads (its vendor does, or through the generic ad API); it has no feed to sync")
		return in, poll.Timing{}, false
	}
	timing, err := h.d.Polls.TimingOf(in)
	if err != nil {
		abortInternal(c, err)
		return in, timing, false
	}
	return in, timing, true
}

// syncCaller authenticates the operator token (account "", any
// integration) or an API key (its account). Where an operator token is
// configured, a bearer that is not shaped like an API key is taken as an
// attempt at the operator token, and counted toward its lockout like a key.
func (h *handlers) syncCaller(c *gin.Context) (string, bool) {
	authorization := c.GetHeader("Authorization")
	if tok := h.d.OperatorToken; tok != "" && strings.HasPrefix(authorization, "Bearer ") && !auth.IsAPIKey(authorization) {
		err := h.d.Auth.Operator(c.Request.Context(), c.ClientIP(), authorization, tok)
		return "", !refused(c, err)
	}
	h.authenticate(c)
	if c.IsAborted() {
		return "", false
	}
	return principalOf(c).AccountID, true
}
