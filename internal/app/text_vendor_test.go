package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// marshalReplacing is v's JSON with old replaced by new.
func marshalReplacing(t *testing.T, v any, old, new string) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	require.Contains(t, string(b), old)
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

// TestWebhookTextRefused: a Teamtailor or Ponty push with a NUL or bytes
// that are not UTF-8 is refused naming the field, and nothing is stored;
// a body labelled as something else than JSON is 415 (issue 13, breaks 5
// and 13).
func TestWebhookTextRefused(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ctx := context.Background()
		ttInteg, ttKey := s.VendorTenant(t, "teamtailor", nil)
		tt := sim.Teamtailor{BaseURL: s.URL + "/connectors/teamtailor", Secret: apptest.TeamtailorSecret, APIKey: ttKey}
		event := teamtailorEvent(t)
		for _, c := range []struct{ name, old, new, field string }{
			{"NUL in the title", `"Marketing Coordinator"`, `"Marketing\u0000Coordinator"`, "job.title"},
			{"invalid UTF-8 in the company", `"name":"Teamtailor"`, "\"name\":\"Team\xfftailor\"", "company.name"},
			{"NUL in the reference-id", `"reference-id":"1"`, `"reference-id":"1\u0000"`, "reference-id"},
		} {
			r, err := tt.PostBody(ctx, marshalReplacing(t, event, c.old, c.new), "application/json")
			require.NoError(t, err)
			require.Equal(t, http.StatusBadRequest, r.Status, c.name+": "+string(r.Body))
			require.Contains(t, string(r.Body), c.field, c.name+": the error names the field")
			_, err = s.Env.Store.GetAd(ctx, ttInteg, "1")
			require.ErrorIs(t, err, store.ErrNotFound, c.name+": nothing is stored")
		}
		good := marshalReplacing(t, event, `"Marketing Coordinator"`, `"Marketing Coordinator"`)
		r, err := tt.PostBody(ctx, good, "text/plain")
		require.NoError(t, err)
		require.Equal(t, http.StatusUnsupportedMediaType, r.Status, "a body labelled text/plain is not Teamtailor's JSON")
		r, err = tt.PostBody(ctx, good, "")
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, "Teamtailor's documented request has no Content-Type: "+string(r.Body))

		pInteg, pKey := s.VendorTenant(t, "ponty", nil)
		ponty := sim.Ponty{Site: sim.PontySite(s.URL, pInteg), Key: pKey, Slug: "acme"}
		pad := pontyAd(t)
		for _, c := range []struct{ name, old, new, field string }{
			{"NUL in the title", `"Controller"`, `"Contr\u0000oller"`, "title"},
			{"invalid UTF-8 in the address", `"Storgatan 1"`, "\"Storgatan \xed\xa0\x80\"", "address.address"},
		} {
			r, err := ponty.UpsertBody(ctx, marshalReplacing(t, pad, c.old, c.new), "application/json")
			require.NoError(t, err)
			pontyFailed(t, r, c.field, c.name)
			_, err = s.Env.Store.GetAd(ctx, pInteg, "acme:39")
			require.ErrorIs(t, err, store.ErrNotFound, c.name+": nothing is stored")
		}
		pgood, err := json.Marshal(pad)
		require.NoError(t, err)
		r, err = ponty.UpsertBody(ctx, pgood, "text/plain")
		require.NoError(t, err)
		pontyFailed(t, r, "application/json", "a body labelled text/plain")
		r, err = ponty.UpsertBody(ctx, pgood, "application/x-www-form-urlencoded")
		require.NoError(t, err)
		pontySucceeded(t, r, "what Ponty's documented curl sends")
		r, err = ponty.Delete(ctx, "39%00", sim.None)
		require.NoError(t, err)
		pontyFailed(t, r, "assignment_id", "a NUL in the path is refused, not a store error")
	})
}

// TestWebhookDropsBadCodes: from a vendor, a code not in its registry or
// an amount out of range is dropped and the ad kept (issue 13, break 8).
func TestWebhookDropsBadCodes(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ctx := context.Background()
		integ, key := s.VendorTenant(t, "teamtailor", nil)
		tt := sim.Teamtailor{BaseURL: s.URL + "/connectors/teamtailor", Secret: apptest.TeamtailorSecret, APIKey: key}
		event := teamtailorEvent(t)
		job := event["job"].(map[string]any)
		job["salary"] = map[string]any{"min-salary": "1e308", "max-salary": "NaN", "salary-currency": "ABC", "salary-time-unit": "monthly"}
		for _, l := range job["locations"].([]any) {
			l.(map[string]any)["country-code"] = "XX"
		}
		r, err := tt.Post(ctx, event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		rec, err := s.Env.Store.GetAd(ctx, integ, "1")
		require.NoError(t, err)
		var stored map[string]any
		require.NoError(t, json.Unmarshal(rec.Content, &stored))
		require.Nil(t, stored["salary"], "no amount survives, so no salary")
		for _, l := range stored["locations"].([]any) {
			require.Nil(t, l.(map[string]any)["country"], "the bad country is dropped")
			require.Equal(t, "Stockholm", l.(map[string]any)["city"], "the rest of the place is kept")
		}
		require.Equal(t, "Marketing Coordinator", stored["title"])
	})
}
