package identity

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
)

// TestCrossSite: a form posted from another site's page (Sec-Fetch-Site
// cross-site, or an Origin naming another host) is cross-site; the same
// host, the public URL's host behind a proxy, and a script sending
// neither header are not; an unreadable Origin is; a "null" Origin (sent
// from pages with Referrer-Policy no-referrer) is decided by Sec-Fetch-Site.
func TestCrossSite(t *testing.T) {
	s := &Service{cfg: Config{PublicURL: "https://jobs.example.no"}}
	cases := []struct {
		name    string
		headers map[string]string
		want    bool
	}{
		{"script without headers", nil, false},
		{"same host", map[string]string{"Origin": "http://board.internal:8080", "Sec-Fetch-Site": "same-origin"}, false},
		{"public host behind a proxy", map[string]string{"Origin": "https://jobs.example.no"}, false},
		{"another site's origin", map[string]string{"Origin": "https://evil.example"}, true},
		{"browser says cross-site", map[string]string{"Sec-Fetch-Site": "cross-site"}, true},
		{"null origin from a no-referrer page of this site", map[string]string{"Origin": "null", "Sec-Fetch-Site": "same-origin"}, false},
		{"null origin from another site", map[string]string{"Origin": "null", "Sec-Fetch-Site": "cross-site"}, true},
		{"unreadable origin", map[string]string{"Origin": "http://%zz"}, true},
		{"a subdomain is another host", map[string]string{"Origin": "https://evil.jobs.example.no"}, true},
	}
	for _, tc := range cases {
		req := httptest.NewRequest(http.MethodPost, "http://board.internal:8080/portal/login", nil)
		for k, v := range tc.headers {
			req.Header.Set(k, v)
		}
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Request = req
		require.Equal(t, tc.want, s.CrossSite(c), tc.name)
	}
}
