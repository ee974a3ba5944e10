package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// TestPrivacyNotices (issue 14 item 7): the board's notice
// (JOBGATE_PRIVACY_URL) and the employer's (the integration's privacy_url)
// are in the application form's JSON and linked from the job page's
// consents; a notice not set is absent from both; a privacy_url that is
// not an http(s) URL is refused, naming the setting.
func TestPrivacyNotices(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		cfg := apptest.Config(t, m)
		cfg.PrivacyURL = "https://jobs.example.no/personvern"
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.VendorTenant(t, "generic", map[string]string{"apply_url": atsURL + "/webhook/acme", "privacy_url": "https://eksempel.no/personvern"})
		ats.SetKey("acme", key)
		withBoth := putJob(t, s, key, "ref-1")
		_, plainKey := s.VendorTenant(t, "generic", map[string]string{"apply_url": atsURL + "/webhook/plain"})
		boardOnly := putJob(t, s, plainKey, "ref-2")

		for _, job := range []string{withBoth, boardOnly} {
			apptest.Eventually(t, func() bool { return s.Do(t, http.MethodGet, "/jobs/"+job, nil).Status == http.StatusOK }, "the job page is served")
		}
		r := s.Do(t, http.MethodGet, "/v1/jobs/"+withBoth+"/application-form", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, "https://jobs.example.no/personvern", r.JSON["privacy_url"])
		require.Equal(t, "https://eksempel.no/personvern", r.JSON["employer_privacy_url"])
		page := s.Do(t, http.MethodGet, "/jobs/"+withBoth, nil)
		require.Equal(t, http.StatusOK, page.Status)
		require.Contains(t, string(page.Body), `href="https://eksempel.no/personvern"`)
		require.Contains(t, string(page.Body), `href="https://jobs.example.no/personvern"`)

		r = s.Do(t, http.MethodGet, "/v1/jobs/"+boardOnly+"/application-form", nil)
		require.Equal(t, "https://jobs.example.no/personvern", r.JSON["privacy_url"])
		require.NotContains(t, r.JSON, "employer_privacy_url", "absent, not empty")
		page = s.Do(t, http.MethodGet, "/jobs/"+boardOnly, nil)
		require.NotContains(t, string(page.Body), "eksempel.no/personvern")
		require.NotContains(t, string(page.Body), `href=""`)

		acc, err := s.Env.Store.CreateAccount(store.WithActor(context.Background(), "test"), "Feil AS")
		require.NoError(t, err)
		_, err = s.Env.CreateIntegration(context.Background(), acc.ID, "generic", map[string]string{"privacy_url": "personvern.html"})
		require.ErrorContains(t, err, "privacy_url")
		require.NotContains(t, err.Error(), "personvern.html")
	})
}

// TestNoPrivacyNotices: a board and an employer without notices give
// neither key in the form and no privacy link on the page.
func TestNoPrivacyNotices(t *testing.T) {
	ats, atsURL := atsServer(t)
	s := apptest.Start(t, apptest.Config(t, apptest.Modes()[0]), app.Options{})
	key := webhookTenant(t, s, ats, atsURL, "acme")
	job := putJob(t, s, key, "ref-1")
	apptest.Eventually(t, func() bool { return s.Do(t, http.MethodGet, "/jobs/"+job, nil).Status == http.StatusOK }, "the job page is served")
	r := s.Do(t, http.MethodGet, "/v1/jobs/"+job+"/application-form", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NotEmpty(t, r.JSON["consents"])
	require.NotContains(t, r.JSON, "privacy_url")
	require.NotContains(t, r.JSON, "employer_privacy_url")
	page := string(s.Do(t, http.MethodGet, "/jobs/"+job, nil).Body)
	require.False(t, strings.Contains(page, "personvernerklæring") || strings.Contains(page, `href=""`), "no privacy notice link, no empty href")
}
