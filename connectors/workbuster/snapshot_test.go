package workbuster

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// serve answers the customer "acme"'s feed path with body as ctype, and
// anything else 404; it records the request's query and Accept.
func serve(t *testing.T, ctype string, body []byte, got *http.Request) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*got = *r.Clone(context.Background())
		if r.URL.Path != "/jobs/feed/acme" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ctype)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestSnapshotFixture(t *testing.T) {
	body, err := os.ReadFile(fixture)
	require.NoError(t, err)
	var got http.Request
	base := serve(t, "application/json; charset=utf-8", body, &got)
	in := connectors.Integration{ID: "i1", Vendor: Name, Settings: map[string]string{"customer": "acme", "base_url": base}}
	snap, err := New(outboundtest.Client).Snapshot(context.Background(), in, connectors.Validators{})
	require.NoError(t, err)
	require.Equal(t, "json", got.URL.Query().Get("format"))
	require.Equal(t, "application/json", got.Header.Get("Accept"))
	require.Len(t, snap.Postings, 3)
	require.Equal(t, "62892", snap.Postings[0].Reference)
	require.Equal(t, "Frontendutvecklare", snap.Postings[0].Ad.Title)

	in.Settings = map[string]string{"feed_url": base + "/jobs/feed/acme?format=json"}
	snap, err = New(outboundtest.Client).Snapshot(context.Background(), in, connectors.Validators{})
	require.NoError(t, err)
	require.Len(t, snap.Postings, 3, "the same feed through feed_url")
}

func TestSnapshotRefuses(t *testing.T) {
	var got http.Request
	html := serve(t, "text/html", []byte("<html><body>Logga in</body></html>"), &got)
	in := connectors.Integration{ID: "i1", Vendor: Name, Settings: map[string]string{"customer": "acme", "base_url": html}}
	_, err := New(outboundtest.Client).Snapshot(context.Background(), in, connectors.Validators{})
	require.ErrorContains(t, err, "HTML page")
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))

	list := serve(t, "application/json", []byte(`[]`), &got)
	in.Settings["base_url"] = list
	_, err = New(outboundtest.Client).Snapshot(context.Background(), in, connectors.Validators{})
	require.ErrorContains(t, err, "not a JSON object", "a bare list is not Workbuster's feed, and never 'no jobs'")

	in.Settings = map[string]string{"customer": "other", "base_url": list}
	_, err = New(outboundtest.Client).Snapshot(context.Background(), in, connectors.Validators{})
	require.ErrorContains(t, err, "Not Found")

	in.Settings = map[string]string{}
	_, err = New(outboundtest.Client).Snapshot(context.Background(), in, connectors.Validators{})
	require.ErrorContains(t, err, "names no feed")
}
