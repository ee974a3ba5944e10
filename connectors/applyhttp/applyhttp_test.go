package applyhttp

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

func TestMessage(t *testing.T) {
	cases := []struct{ body, want string }{
		{`{"error":"job is closed"}`, "job is closed"},
		{`{"ok":false,"message":"bad email"}`, "bad email"},
		{`{"errors":["a","b"]}`, `["a","b"]`},
		{"  plain\n text  ", "plain text"},
		{strings.Repeat("æ", 400), strings.Repeat("æ", 150) + "…"},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, Message([]byte(tc.body)))
	}
}

func serve(t *testing.T, status int, header, body string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if header != "" {
			w.Header().Set("Location", header)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, strings.ReplaceAll(body, "{key}", r.Header.Get("X-App-Key")))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func post(url string) outbound.Request {
	h := http.Header{}
	h.Set("X-App-Key", "app-key-4711")
	return outbound.Request{Method: http.MethodPost, URL: url, Header: h, Body: []byte("{}")}
}

// TestDoOutcomes: a 2xx answer too long to read is delivered (the ATS
// holds it), a redirect is a permanent failure naming the Location, and
// an error answer quoting the key shows *** (issue 13, breaks 3 and 7).
func TestDoOutcomes(t *testing.T) {
	ctx := context.Background()
	body, err := Do(ctx, outboundtest.Client, post(serve(t, 201, "", strings.Repeat("x", int(outbound.Delivery.MaxBytes)+1))))
	require.NoError(t, err, "delivered")
	require.Nil(t, body, "without the ATS's id: the cut answer is not parsed")

	_, err = Do(ctx, outboundtest.Client, post(serve(t, 302, "https://login.example/sso", "")))
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "answered 302 Found, a redirect to https://login.example/sso")

	_, err = Do(ctx, outboundtest.Client, post(serve(t, 400, "", `{"error":"bad key {key}"}`)))
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "status 400: bad key ***")
	require.NotContains(t, err.Error(), "app-key-4711")
}
