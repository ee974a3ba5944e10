package outbound

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

// loopback is a client allowed to call the test servers.
var loopback = New(Config{Allow: MustParseAllow("127.0.0.0/8")})

// counting is a server that counts its requests and answers h.
func counting(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// TestRedirectsAreNotFollowed: a 3xx is an outcome, never followed, so a
// POSTed body is not re-sent to the Location and no GET is made there
// (issue 13, break 3).
func TestRedirectsAreNotFollowed(t *testing.T) {
	target, hits := counting(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	for _, status := range []int{301, 302, 303, 307, 308} {
		src, _ := counting(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Location", target.URL+"/elsewhere?key=s3cret-key")
			w.WriteHeader(status)
		})
		_, err := loopback.Do(context.Background(), Request{Kind: Delivery, Method: http.MethodPost, URL: src.URL + "/apply?key=s3cret-key",
			Body: []byte(`{"cv":"..."}`)})
		var re *RedirectError
		require.ErrorAs(t, err, &re, status)
		require.Equal(t, status, re.Status)
		require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
		require.Contains(t, err.Error(), target.URL+"/elsewhere?key=***")
		require.NotContains(t, err.Error(), "s3cret-key")
	}
	require.Zero(t, hits.Load(), "the Location is never called")
}

func TestRedirectWithALargeBodyIsARedirect(t *testing.T) {
	src, _ := counting(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", "https://elsewhere.example/")
		w.WriteHeader(http.StatusFound)
		_, _ = io.WriteString(w, strings.Repeat("x", 200))
	})
	_, err := loopback.Do(context.Background(), Request{Kind: Delivery, MaxBytes: 100, Method: http.MethodPost, URL: src.URL, Body: []byte("{}")})
	var re *RedirectError
	require.ErrorAs(t, err, &re)
	require.Equal(t, "https://elsewhere.example/", re.Location)
}

func TestNotModifiedIsNotARedirect(t *testing.T) {
	src, _ := counting(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNotModified) })
	resp, err := loopback.Do(context.Background(), Request{Kind: Feed, Method: http.MethodGet, URL: src.URL})
	require.NoError(t, err)
	require.Equal(t, http.StatusNotModified, resp.Status)
}

// TestRefusedAtDial: with an empty allow-list, a loopback server is never
// reached, by address or by a name that resolves to it (the guard runs
// after DNS) (issue 13, break 4).
func TestRefusedAtDial(t *testing.T) {
	var accepted atomic.Int32
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	strict := New(Config{})
	for _, u := range []string{"http://127.0.0.1:%d/feed", "http://localhost:%d/feed", "http://[::ffff:127.0.0.1]:%d/"} {
		u = strings.Replace(u, "%d", strconv.Itoa(port), 1)
		_, err := strict.Do(context.Background(), Request{Kind: Feed, Method: http.MethodGet, URL: u})
		var re *RefusedError
		require.ErrorAs(t, err, &re, u)
		require.Equal(t, "loopback", re.Reason)
		require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
		require.Contains(t, err.Error(), "see JOBGATE_OUTBOUND_ALLOW")
	}
	require.Zero(t, accepted.Load(), "no connection was made")
	_, err = strict.Do(context.Background(), Request{Kind: Feed, Method: http.MethodGet, URL: "http://169.254.169.254/latest/meta-data/"})
	require.ErrorContains(t, err, "address 169.254.169.254 is not allowed for outbound calls (cloud metadata)")
}

func TestNoProxyFromTheEnvironment(t *testing.T) {
	require.Nil(t, New(Config{}).transport.Proxy, "a proxy would dial past the guard")
}

func TestBodyLimit(t *testing.T) {
	srv, _ := counting(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, strings.Repeat("x", 100)) })
	resp, err := loopback.Do(context.Background(), Request{Kind: Feed, MaxBytes: 100, Method: http.MethodGet, URL: srv.URL})
	require.NoError(t, err)
	require.Len(t, resp.Body, 100)
	resp, err = loopback.Do(context.Background(), Request{Kind: Feed, MaxBytes: 99, Method: http.MethodGet, URL: srv.URL})
	require.ErrorIs(t, err, ErrTooLarge)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.Equal(t, http.StatusOK, resp.Status, "the status is kept")
	require.Nil(t, resp.Body, "a cut body is never handed on")
}

func TestTimeoutAndCancel(t *testing.T) {
	release := make(chan struct{})
	srv, _ := counting(t, func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(release) })
	_, err := loopback.Do(context.Background(), Request{Kind: Feed, Timeout: 50 * time.Millisecond, Method: http.MethodGet, URL: srv.URL})
	require.Equal(t, connectors.Retryable, connectors.ClassOf(err))
	require.ErrorContains(t, err, "timed out after 50ms")
	require.NotContains(t, err.Error(), srv.URL, "the host only, not the URL")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = loopback.Do(ctx, Request{Kind: Feed, Method: http.MethodGet, URL: srv.URL})
	require.ErrorIs(t, err, context.Canceled)
}

// TestSecretsAreMasked: an answer echoing the request's credentials
// (Authorization, a key header, a ?key= query value, a caller's secret)
// shows *** in its excerpt, and no error quotes them (issue 13, break 7).
func TestSecretsAreMasked(t *testing.T) {
	srv, _ := counting(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, "bad credentials: "+r.Header.Get("Authorization")+" / "+r.Header.Get("X-App-Key")+" / "+
			r.URL.Query().Get("key")+" / feed tok-3141")
	})
	h := http.Header{}
	h.Set("Authorization", "Bearer nav-token-123")
	h.Set("X-App-Key", "app-key-456")
	resp, err := loopback.Do(context.Background(), Request{Kind: Delivery, Method: http.MethodPost, URL: srv.URL + "/x?key=lever-key-789&mode=json",
		Header: h, Body: []byte("{}"), Secrets: []string{"tok-3141"}})
	require.NoError(t, err)
	got := resp.Excerpt(string(resp.Body))
	require.Equal(t, "bad credentials: *** / *** / *** / feed ***", got)

	_, err = loopback.Do(context.Background(), Request{Kind: Delivery, Method: http.MethodPost, URL: "http://127.0.0.1:1/x?key=lever-key-789", Header: h})
	require.Error(t, err)
	require.NotContains(t, err.Error(), "lever-key-789")
}

func TestExcerptAndRedact(t *testing.T) {
	require.Equal(t, "a *** b ***", Redact("a s3cr3t b s3cr3t%21", "s3cr3t!"[:6], "s3cr3t!"))
	long := strings.Repeat("æ", 400)
	require.Equal(t, strings.Repeat("æ", 150)+"…", Excerpt(long))
	require.Equal(t, "plain text", Excerpt("  plain\n text "))
	secret := strings.Repeat("k", 40)
	cut := Excerpt(Redact(strings.Repeat("y", 290)+secret, secret))
	require.NotContains(t, cut, "kkkk", "redacted before it is cut")
}

func TestInvalidURL(t *testing.T) {
	_, err := loopback.Do(context.Background(), Request{Kind: Feed, Method: http.MethodGet, URL: "ftp://host/tok-1"})
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.NotContains(t, err.Error(), "tok-1")
}

func TestCheckURL(t *testing.T) {
	ctx := context.Background()
	strict := New(Config{})
	for _, u := range []string{"http://127.0.0.1:8080/feed?token=abc", "http://169.254.169.254/", "http://localhost/x", "http://[::1]/", "https://10.0.0.1/"} {
		err := strict.CheckURL(ctx, "feed_url", u)
		require.ErrorContains(t, err, "setting feed_url: address", u)
		require.ErrorContains(t, err, "is not allowed for outbound calls", u)
		require.NotContains(t, err.Error(), "token=abc")
	}
	require.ErrorContains(t, strict.CheckURL(ctx, "apply_url", "ftp://example.com/"), "setting apply_url must be an absolute http or https URL")
	require.ErrorContains(t, strict.CheckURL(ctx, "apply_url", "/relative"), "setting apply_url")
	require.NoError(t, strict.CheckURL(ctx, "feed_url", "https://8.8.8.8/feed"))
	require.NoError(t, strict.CheckURL(ctx, "feed_url", "http://name.invalid/feed"), "a name that does not resolve is checked at dial")
	require.NoError(t, loopback.CheckURL(ctx, "feed_url", "http://127.0.0.1:8080/feed"), "allow-listed")
}
