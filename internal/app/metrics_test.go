package app_test

import (
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// scrape GETs url with the Authorization header auth (none when empty)
// and returns the status and body.
func scrape(t *testing.T, url, auth string) (int, string) {
	t.Helper()
	return sendRaw(t, http.MethodGet, url, nil, "Authorization", auth)
}

// TestMetricsOpenByDefault: with neither setting, /metrics is on the main
// address without a token, as the contract smoke test reads it.
func TestMetricsOpenByDefault(t *testing.T) {
	s := apptest.Start(t, apptest.Config(t, apptest.Mode{Name: "embedded"}), app.Options{})
	status, body := scrape(t, s.URL+"/metrics", "")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, "jobgate_")
}

// TestMetricsToken (issue 13, break 12): with JOBGATE_METRICS_TOKEN,
// /metrics answers 401 without the token, with another one or another
// scheme, and the series with it.
func TestMetricsToken(t *testing.T) {
	cfg := apptest.Config(t, apptest.Mode{Name: "embedded"})
	cfg.MetricsToken = "scrape-token-for-tests"
	s := apptest.Start(t, cfg, app.Options{})
	for _, auth := range []string{"", "Bearer wrong", "Bearer scrape-token-for-test", "Basic scrape-token-for-tests", "scrape-token-for-tests"} {
		status, body := scrape(t, s.URL+"/metrics", auth)
		require.Equal(t, http.StatusUnauthorized, status, "Authorization %q", auth)
		require.NotContains(t, body, "jobgate_", "no series without the token")
	}
	status, body := scrape(t, s.URL+"/metrics", "Bearer scrape-token-for-tests")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, "jobgate_")
	require.Equal(t, http.StatusOK, s.Do(t, "GET", "/healthz", nil).Status, "the token guards /metrics only")
}

// TestMetricsOwnAddress (issue 13, break 12): with JOBGATE_METRICS_ADDR,
// /metrics is served there, behind the token when one is set, and no
// longer on the main address; the metrics address serves nothing else.
func TestMetricsOwnAddress(t *testing.T) {
	cfg := apptest.Config(t, apptest.Mode{Name: "embedded"})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	cfg.MetricsAddr, cfg.MetricsToken = ln.Addr().String(), "scrape-token-for-tests"
	s := apptest.Start(t, cfg, app.Options{MetricsListener: ln})
	metricsURL := "http://" + ln.Addr().String()

	status, body := scrape(t, s.URL+"/metrics", "Bearer scrape-token-for-tests")
	require.Equal(t, http.StatusNotFound, status, "not on the main address")
	require.NotContains(t, body, "jobgate_")

	status, _ = scrape(t, metricsURL+"/metrics", "")
	require.Equal(t, http.StatusUnauthorized, status)
	status, body = scrape(t, metricsURL+"/metrics", "Bearer scrape-token-for-tests")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, "jobgate_")
	for _, path := range []string{"/healthz", "/v1/jobs", "/"} {
		status, body = scrape(t, metricsURL+path, "Bearer scrape-token-for-tests")
		require.Equal(t, http.StatusNotFound, status, path)
		require.True(t, strings.Contains(body, "not_found"), path)
	}
	require.Equal(t, http.StatusOK, s.Do(t, "GET", "/healthz", nil).Status, "the API is still on the main address")
}
