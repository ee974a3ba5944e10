package sim

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

// newFeedServer serves fresh Feeds over real HTTP for one test.
func newFeedServer(t *testing.T) (*Feeds, *httptest.Server) {
	t.Helper()
	fs := NewFeeds()
	srv := httptest.NewServer(fs)
	t.Cleanup(func() {
		fs.Close()
		srv.Close()
	})
	return fs, srv
}

// get fetches url with headers (name, value pairs) and reads the body.
func get(t *testing.T, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}
