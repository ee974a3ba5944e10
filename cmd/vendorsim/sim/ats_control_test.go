package sim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestATSControlBreaksAndMendsTheIntakes: the ATS's control API sets a
// fault every intake answers, an outage, and clears both, as NAV's and
// FINN's do; it shows the state it leaves (the demo's "break the ATS").
func TestATSControlBreaksAndMendsTheIntakes(t *testing.T) {
	a := NewATS()
	defer a.Close()
	srv := httptest.NewServer(a.WithControl())
	defer srv.Close()
	call := func(method, path string) (int, map[string]any) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(`{}`))
		require.NoError(t, err)
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	status, _ := call(http.MethodPost, "/webhook/acme")
	require.Equal(t, http.StatusUnauthorized, status, "an unsigned application is refused by the intake itself")

	status, st := call(http.MethodPost, "/_sim/ats/fault?kind=5xx")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "5xx", st["fault"])
	status, _ = call(http.MethodPost, "/webhook/acme")
	require.Equal(t, http.StatusInternalServerError, status, "the fault answers before the intake")
	status, _ = call(http.MethodPost, "/teamtailor/apply")
	require.Equal(t, http.StatusInternalServerError, status, "every intake answers the fault")

	status, st = call(http.MethodDelete, "/_sim/ats/fault")
	require.Equal(t, http.StatusOK, status)
	require.Nil(t, st["fault"])
	require.EqualValues(t, 2, st["faulted"])
	status, _ = call(http.MethodPost, "/webhook/acme")
	require.Equal(t, http.StatusUnauthorized, status, "mended")

	status, st = call(http.MethodPost, "/_sim/ats/down")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, true, st["down"])
	status, _ = call(http.MethodPost, "/webhook/acme")
	require.Equal(t, http.StatusServiceUnavailable, status)
	status, st = call(http.MethodDelete, "/_sim/ats/down")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, false, st["down"])

	status, _ = call(http.MethodPost, "/_sim/ats/reset-stats")
	require.NotEqual(t, http.StatusOK, status, "the ATS has no stats to reset")
}
