package nav

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// TestPublishFailures: a failed request fails the whole batch, classified,
// never quoting the token or an e-mail address.
func TestPublishFailures(t *testing.T) {
	for _, tc := range []struct {
		name, body, retryAfter, contentType string
		status                              int
		class                               connectors.Class
		wait                                time.Duration
	}{
		{name: "401", status: 401, body: "Unauthorized " + token, class: connectors.Unauthorised},
		{name: "403", status: 403, body: "Forbidden", class: connectors.Unauthorised},
		{name: "500", status: 500, body: "Internal server error " + token, class: connectors.Retryable},
		{name: "503 Retry-After", status: 503, retryAfter: "120", class: connectors.Retryable, wait: 2 * time.Minute},
		{name: "429 Retry-After", status: 429, retryAfter: "30", class: connectors.Retryable, wait: 30 * time.Second},
		{name: "HTML 200", status: 200, body: "<html>maintenance</html>", contentType: "text/html", class: connectors.Retryable},
		{name: "unknown status", status: 201, body: `{"status":"QUEUED"}`, class: connectors.Retryable},
		{name: "two receipts", status: 201, body: fmt.Sprintf(received+received, 1, 1), class: connectors.Retryable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := serve(t, func(w http.ResponseWriter, _ call) {
				if tc.retryAfter != "" {
					w.Header().Set("Retry-After", tc.retryAfter)
				}
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			pubs, errs, err := c.PublishBatch(ctx, []connectors.PublishedAd{published(t, "full", "job_a")}, []*connectors.Publication{nil})
			require.Error(t, err)
			require.Nil(t, pubs)
			require.Nil(t, errs)
			require.Equal(t, tc.class, connectors.ClassOf(err), err.Error())
			require.Equal(t, tc.wait, connectors.RetryAfterOf(err))
			require.NotContains(t, err.Error(), token)
		})
	}
}

func TestPublishScrubsNAVMessage(t *testing.T) {
	c, _ := serve(t, func(w http.ResponseWriter, _ call) {
		reply(w, http.StatusBadRequest, navError("INVALID_VALUE", "Invalid value: kari.nordmann@fjordkraft.example at contactList "+token+strings.Repeat("x", 500)))
	})
	_, err := c.Publish(ctx, published(t, "full", "job_a"), nil)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.NotContains(t, err.Error(), "kari.nordmann")
	require.NotContains(t, err.Error(), token)
	require.Less(t, len(err.Error()), 500)
}

func TestPublishNetworkAndUnauthorisedMidway(t *testing.T) {
	c, _ := serve(t, func(w http.ResponseWriter, c call) {
		if len(c.Ads) > 1 {
			reply(w, http.StatusBadRequest, navError("INVALID_VALUE", "bad"))
			return
		}
		reply(w, http.StatusUnauthorized, "")
	})
	_, _, err := c.PublishBatch(ctx, []connectors.PublishedAd{published(t, "full", "a"), published(t, "full", "b")}, make([]*connectors.Publication, 2))
	require.Equal(t, connectors.Unauthorised, connectors.ClassOf(err), "a 401 while sending one by one fails the request")

	dead, err := New(Config{BaseURL: "http://127.0.0.1:1/stillingsimport", ProviderID: provider, Token: token, Outbound: outboundtest.Client,
		Now: func() time.Time { return now }})
	require.NoError(t, err)
	_, err = dead.Publish(ctx, published(t, "full", "a"), nil)
	require.Equal(t, connectors.Retryable, connectors.ClassOf(err))
}

// TestEchoedAuthorizationIsMasked: NAV quoting back the Authorization
// header it was sent leaves *** where the bearer token was (issue 13,
// break 7).
func TestEchoedAuthorizationIsMasked(t *testing.T) {
	c, _ := serve(t, func(w http.ResponseWriter, cl call) {
		reply(w, http.StatusBadRequest, navError("INVALID_VALUE", "bad request with Authorization: "+cl.Auth))
	})
	_, err := c.Publish(ctx, published(t, "full", "job_a"), nil)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.Contains(t, err.Error(), "bad request with Authorization: Bearer ***")
	require.NotContains(t, err.Error(), token)
}

// TestRedirectIsNotFollowed: a NAV URL answering 307 fails the delivery
// for good with the Location, and the Location is never called (issue
// 13, break 3).
func TestRedirectIsNotFollowed(t *testing.T) {
	var hits atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	t.Cleanup(elsewhere.Close)
	c, _ := serve(t, func(w http.ResponseWriter, _ call) {
		w.Header().Set("Location", elsewhere.URL+"/collect")
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	_, err := c.Publish(ctx, published(t, "full", "job_a"), nil)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "answered 307 Temporary Redirect, a redirect to "+elsewhere.URL+"/collect")
	require.Zero(t, hits.Load())
}
