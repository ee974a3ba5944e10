package app_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// from is the header pair that gives a request the client address addr
// through the trusted proxy (apptest trusts 127.0.0.1).
func from(addr string, header ...string) []string {
	return append(append([]string{}, header...), "X-Forwarded-For", addr)
}

// wrongSecret is key with its secret's last character changed: the key id
// is one jobgate issued, the secret is not.
func wrongSecret(key string) string {
	last := "A"
	if key[len(key)-1] == 'A' {
		last = "B"
	}
	return key[:len(key)-1] + last
}

// authenticated reports whether a key got past authentication (its own
// reference "mine" does not exist: 404).
func authenticated(t *testing.T, s *apptest.Server, addr, key string) int {
	t.Helper()
	return s.Do(t, "GET", "/v1/ads/mine", nil, from(addr, apptest.Bearer(key)...)...).Status
}

// TestSharedAddressLockout (break 10): tenants A and B reach jobgate from
// one address (an ATS's egress, through a trusted proxy). A's ten wrong
// secrets lock out A's key from that address only; B still gets in, and A
// from another address; failures of any kind past the address threshold
// (100) lock the address out for every key.
func TestSharedAddressLockout(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, keyA := s.Tenant(t)
		_, keyB := s.Tenant(t)
		const shared = "10.0.0.5"
		for i := range 10 {
			require.Equal(t, http.StatusUnauthorized, authenticated(t, s, shared, wrongSecret(keyA)), "A's failure %d", i+1)
		}
		r := s.Do(t, "GET", "/v1/ads/mine", nil, from(shared, apptest.Bearer(keyA)...)...)
		require.Equal(t, http.StatusTooManyRequests, r.Status, "A's key is locked out from the shared address")
		retry, err := strconv.Atoi(r.Header.Get("Retry-After"))
		require.NoError(t, err)
		require.InDelta(t, (15 * time.Minute).Seconds(), retry, 5)
		require.Equal(t, http.StatusNotFound, authenticated(t, s, shared, keyB), "B behind the same address still gets in")
		require.Equal(t, http.StatusNotFound, authenticated(t, s, "10.0.0.6", keyA), "A from another address still gets in")

		// Ten failures counted for the address so far; ninety more of any
		// kind (here keys that name no tenant) reach its threshold.
		for i := range 90 {
			r := s.Do(t, "GET", "/v1/ads/mine", nil, from(shared, "Authorization", "Bearer not-a-key")...)
			require.Equal(t, http.StatusUnauthorized, r.Status, "address failure %d", i+11)
		}
		r = s.Do(t, "GET", "/v1/ads/mine", nil, from(shared, apptest.Bearer(keyB)...)...)
		require.Equal(t, http.StatusTooManyRequests, r.Status, "past the address threshold every key is locked out")
		require.NotEmpty(t, r.Header.Get("Retry-After"))
		require.Equal(t, http.StatusNotFound, authenticated(t, s, "10.0.0.6", keyB), "other addresses are not")
	})
}

// leverSync creates a polled (Lever) integration and its key, and returns
// the path of its sync view, which takes the operator token.
func leverSync(t *testing.T, s *apptest.Server) (string, string) {
	_, base := feedServer(t)
	integ, key := s.VendorTenant(t, "lever", map[string]string{"site": "acme", "base_url": base})
	return "/v1/integrations/" + integ + "/sync", key
}

// TestOperatorTokenLockout (break 10): wrong operator tokens count like a
// wrong key, so ten of them lock the operator token out from that address
// (and only from there); and an address locked out for its failures cannot
// use even the right operator token until the lockout ends.
func TestOperatorTokenLockout(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		path, key := leverSync(t, s)
		operator := apptest.Bearer(apptest.OperatorToken)
		for i := range 10 {
			r := s.Do(t, "GET", path, nil, from("10.0.0.7", apptest.Bearer(apptest.OperatorToken+"-guess"+strconv.Itoa(i))...)...)
			require.Equal(t, http.StatusUnauthorized, r.Status, "wrong operator token %d", i+1)
		}
		r := s.Do(t, "GET", path, nil, from("10.0.0.7", operator...)...)
		require.Equal(t, http.StatusTooManyRequests, r.Status, "the right operator token is locked out from there: %s", r.Body)
		require.NotEmpty(t, r.Header.Get("Retry-After"))
		require.Equal(t, http.StatusOK, s.Do(t, "GET", path, nil, from("10.0.0.8", operator...)...).Status, "and only from there")
		require.Equal(t, http.StatusOK, s.Do(t, "GET", path, nil, from("10.0.0.7", apptest.Bearer(key)...)...).Status,
			"a tenant's key from that address still gets in")
	})
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		cfg.LockoutAddressFailures, cfg.LockoutWindow = 5, 3*time.Second
		s := apptest.Start(t, cfg, app.Options{})
		path, _ := leverSync(t, s)
		operator := apptest.Bearer(apptest.OperatorToken)
		for i := range 5 {
			r := s.Do(t, "GET", "/v1/ads/mine", nil, from("10.0.0.9", "Authorization", "Bearer not-a-key")...)
			require.Equal(t, http.StatusUnauthorized, r.Status, "failure %d", i+1)
		}
		r := s.Do(t, "GET", path, nil, from("10.0.0.9", operator...)...)
		require.Equal(t, http.StatusTooManyRequests, r.Status, "a locked-out address cannot use the operator token: %s", r.Body)
		apptest.Eventually(t, func() bool {
			return s.Do(t, "GET", path, nil, from("10.0.0.9", operator...)...).Status == http.StatusOK
		}, "the operator token works again once the lockout ends")
	})
}

// TestSpoofedForwardedForIsIgnored: without a trusted proxy, a client that
// sends a new X-Forwarded-For with every wrong secret is still counted
// under its own address, and its key is locked out from there.
func TestSpoofedForwardedForIsIgnored(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		cfg.TrustedProxies = nil
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.Tenant(t)
		for i := range 10 {
			r := s.Do(t, "GET", "/v1/ads/mine", nil, from("10.1.0."+strconv.Itoa(i+1), apptest.Bearer(wrongSecret(key))...)...)
			require.Equal(t, http.StatusUnauthorized, r.Status, "failure %d", i+1)
		}
		require.Equal(t, http.StatusTooManyRequests, authenticated(t, s, "10.1.0.99", key),
			"the key is locked out from the client's real address, whatever X-Forwarded-For says")
	})
}
