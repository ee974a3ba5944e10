package jobylon

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// fakeHub authenticates keys from a table and keeps the outcomes; its
// delivered ATS ids are per integration.
type fakeHub struct {
	keys      map[string]connectors.Integration
	delivered map[string]bool // integration id + "/" + ATS id
	recorded  []connectors.ApplicationOutcome
	failures  int
}

func (h *fakeHub) SigningKeys(context.Context, string) (connectors.Integration, []string, error) {
	return connectors.Integration{}, nil, errors.New("unused")
}
func (h *fakeHub) LockedOut(context.Context, string, string) (time.Duration, error) { return 0, nil }
func (h *fakeHub) AuthFailed(context.Context, string, string, string) error {
	h.failures++
	return nil
}
func (h *fakeHub) FirstUse(context.Context, string, time.Duration) (bool, error) { return true, nil }
func (h *fakeHub) Upsert(context.Context, connectors.Integration, string, ad.Ad) (connectors.Stored, error) {
	return connectors.Stored{}, errors.New("unused")
}
func (h *fakeHub) Withdraw(context.Context, connectors.Integration, string) (connectors.Stored, error) {
	return connectors.Stored{}, errors.New("unused")
}
func (h *fakeHub) Authenticate(_ context.Context, _ string, key string) (connectors.Integration, error) {
	if in, ok := h.keys[key]; ok {
		return in, nil
	}
	h.failures++
	return connectors.Integration{}, connectors.ErrBadCredentials
}
func (h *fakeHub) RecordOutcome(_ context.Context, in connectors.Integration, o connectors.ApplicationOutcome) error {
	if !h.delivered[in.ID+"/"+o.ATSID] {
		return connectors.ErrUnknownApplication
	}
	h.recorded = append(h.recorded, o)
	return nil
}

func webhookServer(hub connectors.Hub) *gin.Engine {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	New(nil).WithHub(hub).Mount(r.Group("/connectors/jobylon"))
	return r
}

func post(r http.Handler, user, pass, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/connectors/jobylon/webhook", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if pass != "" {
		req.SetBasicAuth(user, pass)
	}
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	return w
}

func TestWebhookRecordsOnTheKeysIntegrationOnly(t *testing.T) {
	hub := &fakeHub{
		keys: map[string]connectors.Integration{
			"key-a": {ID: "int_a", Vendor: Name}, "key-b": {ID: "int_b", Vendor: Name}, "key-tt": {ID: "int_t", Vendor: "teamtailor"},
		},
		delivered: map[string]bool{"int_a/1": true},
	}
	r := webhookServer(hub)

	w := post(r, "int_a", "key-a", documentedEvent)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.JSONEq(t, `{"recorded":true}`, w.Body.String())
	require.Len(t, hub.recorded, 1)
	require.Equal(t, connectors.OutcomeInReview, hub.recorded[0].Outcome)

	w = post(r, "int_a", "key-b", documentedEvent)
	require.Equal(t, http.StatusOK, w.Code, "another tenant's key finds no such application: Jobylon must not retry")
	require.JSONEq(t, `{"recorded":false}`, w.Body.String())
	require.Len(t, hub.recorded, 1)

	w = post(r, "x", "key-tt", documentedEvent)
	require.Equal(t, http.StatusUnauthorized, w.Code)
	w = post(r, "x", "wrong", documentedEvent)
	require.Equal(t, http.StatusUnauthorized, w.Code)
	require.Contains(t, w.Header().Get("WWW-Authenticate"), "Basic")
	w = post(r, "", "", documentedEvent)
	require.Equal(t, http.StatusUnauthorized, w.Code)
	require.Equal(t, 2, hub.failures, "a wrong key and a missing one count toward the lockout")

	w = post(r, "int_a", "key-a", `{"event_type":"application","action":"status_changed","application":{"id":"Kalle Kula"}}`)
	require.Equal(t, http.StatusBadRequest, w.Code)
	require.NotContains(t, w.Body.String(), "Kalle", "the answer never quotes the body")

	w = post(r, "int_a", "key-a", `{"event_type":"job","action":"updated","job":{"id":3}}`)
	require.Equal(t, http.StatusOK, w.Code)
	require.JSONEq(t, `{"recorded":false}`, w.Body.String())
	require.Len(t, hub.recorded, 1)
}

func TestWebhookWithoutHub(t *testing.T) {
	w := post(webhookServer(nil), "a", "b", documentedEvent)
	require.Equal(t, http.StatusServiceUnavailable, w.Code)
}

func TestWebhookBodyBounded(t *testing.T) {
	hub := &fakeHub{keys: map[string]connectors.Integration{"key-a": {ID: "int_a", Vendor: Name}}}
	big := `{"event_type":"application","action":"status_changed","application":{"id":1,"status":{"group":1},"x":"` + strings.Repeat("a", maxWebhookBody) + `"}}`
	w := post(webhookServer(hub), "int_a", "key-a", big)
	require.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	require.Empty(t, hub.recorded)
}
