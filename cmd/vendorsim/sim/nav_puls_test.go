package sim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestNAVPuls checks NAV's statistics endpoint: the token, the 24-hour
// limit on from, only rows updated after from, oldest first, and paging.
func TestNAVPuls(t *testing.T) {
	n := NewNAV(NAVConfig{})
	srv := httptest.NewServer(n)
	defer srv.Close()
	now := time.Now()
	n.SetPuls("old", "pageviews", 7, now.Add(-5*time.Hour))
	n.SetPuls("a", "pageviews", 44, now.Add(-2*time.Hour))
	n.SetPuls("a", "applicationurlclicks", 2, now.Add(-time.Hour))
	get := func(from time.Time, query string, token string) (int, map[string]any) {
		u := srv.URL + "/stillingsimport/api/v1/stats/" + strconv.Itoa(DefaultNAVProviderID) + "?from=" +
			url.QueryEscape(from.In(navOslo).Format("2006-01-02T15:04")) + query
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		var out map[string]any
		_ = json.Unmarshal(body, &out)
		return resp.StatusCode, out
	}
	code, _ := get(now.Add(-3*time.Hour), "", "wrong")
	require.Equal(t, http.StatusUnauthorized, code)
	code, _ = get(now.Add(-25*time.Hour), "", DefaultNAVToken)
	require.Equal(t, http.StatusBadRequest, code, "from at most 24 hours back")

	code, body := get(now.Add(-3*time.Hour), "", DefaultNAVToken)
	require.Equal(t, http.StatusOK, code)
	content := body["content"].([]any)
	require.Len(t, content, 2, "only rows updated after from")
	first := content[0].(map[string]any)
	require.Equal(t, "a", first["reference"])
	require.Equal(t, "pageviews", first["type"], "oldest first")
	require.InDelta(t, 44, first["total"], 0)
	require.InDelta(t, 2, body["numberOfElements"], 0)

	code, body = get(now.Add(-3*time.Hour), "&size=1&page=1", DefaultNAVToken)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "applicationurlclicks", body["content"].([]any)[0].(map[string]any)["type"])
	_, body = get(now.Add(-3*time.Hour), "&size=1&page=2", DefaultNAVToken)
	require.InDelta(t, 0, body["numberOfElements"], 0)
}
