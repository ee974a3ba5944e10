package applywebhook

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// TestEraseAtTheSimulatedReceiver delivers an application to the ATS
// simulator's webhook, then erases it there over HTTP: what it carried is
// gone, a second erasure finds nothing and is no error, and a wrong key
// is refused credentials.
func TestEraseAtTheSimulatedReceiver(t *testing.T) {
	ats := sim.NewATS()
	srv := httptest.NewServer(ats)
	t.Cleanup(func() { ats.Close(); srv.Close() })
	const key = "jg_key_abc.secret-for-erasure"
	ats.SetKey("acme", key)
	c := New(outboundtest.Client)
	in := connectors.Integration{Settings: map[string]string{connectors.SettingApplyURL: srv.URL + "/webhook/acme"}, APIKey: key}
	job, app := sample()
	rec, err := c.Apply(context.Background(), in, job, app)
	require.NoError(t, err)
	require.NotEmpty(t, rec.ATSID)
	require.NotEmpty(t, ats.Received("webhook")[0].Files)

	require.NoError(t, c.Erase(context.Background(), in, rec.ATSID))
	got := ats.Received("webhook")[0]
	require.True(t, got.Erased)
	require.Nil(t, got.Files)
	require.Nil(t, got.Body)
	require.NoError(t, c.Erase(context.Background(), in, rec.ATSID), "nothing held any more is no error")

	wrong := in
	wrong.APIKey = "jg_key_abc.another-secret"
	err = c.Erase(context.Background(), wrong, rec.ATSID)
	require.Equal(t, connectors.Unauthorised, connectors.ClassOf(err))
	require.NotContains(t, err.Error(), "another-secret")
}

// TestEraseRequest checks the request itself and how answers are read: a
// signed DELETE of apply_url/{escaped id} without a body; 5xx retryable,
// 429 backpressure, 400 permanent.
func TestEraseRequest(t *testing.T) {
	var method, path, sig string
	var length int64
	status := http.StatusNoContent
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method, path, sig, length = r.Method, r.URL.EscapedPath(), r.Header.Get(SignatureHeader), r.ContentLength
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(status)
	}))
	defer srv.Close()
	c := New(outboundtest.Client)
	in := connectors.Integration{Settings: map[string]string{connectors.SettingApplyURL: srv.URL + "/hooks/acme/"}, APIKey: "jg_key_abc.secret"}

	require.NoError(t, c.Erase(context.Background(), in, "../a b/1"))
	require.Equal(t, http.MethodDelete, method)
	require.Equal(t, "/hooks/acme/..%2Fa%20b%2F1", path, "the id is one escaped segment")
	require.Zero(t, length)
	require.Regexp(t, `^t=\d+,v1=[0-9a-f]{64}$`, sig)

	for code, class := range map[int]connectors.Class{http.StatusServiceUnavailable: connectors.Retryable,
		http.StatusTooManyRequests: connectors.Backpressure, http.StatusBadRequest: connectors.Permanent} {
		status = code
		require.Equal(t, class, connectors.ClassOf(c.Erase(context.Background(), in, "1")), "status %d", code)
	}
	status = http.StatusNotFound
	require.NoError(t, c.Erase(context.Background(), in, "1"), "404: nothing held")
	require.Error(t, c.Erase(context.Background(), in, ""), "no id, no call")
	require.Error(t, c.Erase(context.Background(), connectors.Integration{Settings: in.Settings}, "1"), "no key, no call")
}
