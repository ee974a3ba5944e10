package app_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// switchboard is a real ATS contact phone: a number with a remark.
const switchboard = "+47 22 00 00 00 (sentralbord)"

// warningsOf is the field:code of each warning GET /v1/ads/{reference}
// shows, and checks no warning repeats a value.
func warningsOf(t *testing.T, s *apptest.Server, key, ref string, values ...string) []string {
	t.Helper()
	r := s.Do(t, "GET", "/v1/ads/"+ref, nil, apptest.Bearer(key)...)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	ws, ok := r.JSON["warnings"].([]any)
	require.True(t, ok, "warnings is a list: %s", r.Body)
	var out []string
	for _, w := range ws {
		m := w.(map[string]any)
		for _, v := range values {
			require.NotContains(t, m["message"], v, "a warning never repeats the value")
		}
		out = append(out, fmt.Sprint(m["field"], ":", m["code"]))
	}
	return out
}

// TestVendorAdKeptWithWarnings: a Teamtailor push and a polled Jobylon
// posting whose contact phone is "+47 22 00 00 00 (sentralbord)" and whose
// website is malformed are published, the phone kept as its number and the
// website corrected or dropped, with warnings on GET /v1/ads/{reference}
// naming the fields and never the values (nor do the logs); the generic API
// and the portal's ad page and API show them too; the generic API
// refuses the same values as it always has (422 validation_failed, naming
// the field) and stores nothing (issue 15,
// Normalisation: malformed phone or website).
func TestVendorAdKeptWithWarnings(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		logs := &apptest.Logs{}
		s := apptest.StartLogged(t, apptest.Config(t, m), app.Options{}, slog.New(slog.NewJSONHandler(logs, nil)))
		ctx := context.Background()

		ttInteg, ttKey, tt := teamtailorTenant(t, s)
		event := teamtailorEvent(t)
		event["job"].(map[string]any)["recruiter"].(map[string]any)["phone"] = switchboard
		event["company"].(map[string]any)["url"] = "career.teamtailor.localhost"
		r, err := tt.Post(ctx, event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.ElementsMatch(t, []string{"contact.phone:normalized", "employer.website:normalized"},
			warningsOf(t, s, ttKey, "1", "22 00", "sentralbord", "career.teamtailor"))
		got := s.Do(t, "GET", "/v1/ads/1", nil, apptest.Bearer(ttKey)...)
		require.Equal(t, "live", got.JSON["status"])
		require.Equal(t, "+47 22 00 00 00", got.JSON["contact"].(map[string]any)["phone"])
		require.Equal(t, "https://career.teamtailor.localhost", got.JSON["employer"].(map[string]any)["website"])
		in, err := s.Env.Store.GetIntegration(ctx, ttInteg)
		require.NoError(t, err)
		createUser(t, s, in.AccountID, "admin@acme.example", "admin")
		admin := newPerson(t, s).mustLogin(t, "admin@acme.example", portalPassword)
		page := admin.do(t, http.MethodGet, "/portal/ads/"+got.JSON["id"].(string), nil)
		require.Equal(t, http.StatusOK, page.Status, page.text())
		require.Contains(t, page.text(), "<code>contact.phone</code>: kept the phone number", "the portal's ad page shows the warnings")
		require.NotContains(t, page.text(), "sentralbord")
		list := admin.do(t, http.MethodGet, "/v1/portal/ads", nil)
		require.Equal(t, http.StatusOK, list.Status, list.text())
		require.Len(t, list.JSON["ads"].([]any)[0].(map[string]any)["warnings"], 2, list.text())

		fs, base := feedServer(t)
		feed := fs.Jobylon("f3ed4a")
		feed.Generate(1)
		p := feed.Postings()[0]
		p.ContactPhone, p.CompanyWebsite = switchboard, "see our careers page"
		feed.Put(p)
		jInteg, jKey := s.VendorTenant(t, "jobylon", map[string]string{"feed_url": sim.JobylonJSONURL(base, "f3ed4a")})
		sr := syncNow(t, s, jInteg)
		require.Equal(t, float64(1), counts(sr)["created"], string(sr.Body))
		require.ElementsMatch(t, []string{"contact.phone:normalized", "employer.website:invalid_url"},
			warningsOf(t, s, jKey, p.ID, "22 00", "sentralbord", "careers page"))
		got = s.Do(t, "GET", "/v1/ads/"+p.ID, nil, apptest.Bearer(jKey)...)
		require.Equal(t, "live", got.JSON["status"])
		require.Nil(t, got.JSON["employer"].(map[string]any)["website"], "the website that is no address is dropped")
		apptest.Eventually(t, func() bool { return boardCount(t, s) == 2 }, "both vendor ads are on the board")

		_, key := s.Tenant(t)
		for field, mutate := range map[string]func(a map[string]any){
			"contact.phone":    func(a map[string]any) { a["contact"] = map[string]any{"name": "Kari", "phone": switchboard} },
			"employer.website": func(a map[string]any) { a["employer"].(map[string]any)["website"] = "see our careers page" },
		} {
			a := apptest.Ad("Strict")
			mutate(a)
			r := s.Do(t, "PUT", "/v1/ads/strict", a, apptest.Bearer(key)...)
			require.Equal(t, http.StatusUnprocessableEntity, r.Status, string(r.Body))
			require.Contains(t, string(r.Body), `"field":"`+field+`"`)
			require.NotContains(t, string(r.Body), "22 00")
		}
		r2 := s.Do(t, "GET", "/v1/ads/strict", nil, apptest.Bearer(key)...)
		require.Equal(t, http.StatusNotFound, r2.Status, "the generic API stored nothing")

		log := logs.String()
		require.Contains(t, log, "contact.phone:normalized", "the warning is logged by field")
		for _, v := range []string{"sentralbord", "22 00 00 00", "careers page"} {
			require.False(t, strings.Contains(log, v), "the logs never hold the value %q", v)
		}
	})
}
