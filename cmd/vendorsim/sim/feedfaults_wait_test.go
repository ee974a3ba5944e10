package sim

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestTimeoutHoldsUntilTheClientGivesUp(t *testing.T) {
	fs, srv := newFeedServer(t)
	site := fs.ReachMee("1", "I001", "c")
	site.Fault(FaultTimeout, 0)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, site.URL(srv.URL), nil)
	require.NoError(t, err)
	start := time.Now()
	_, err = http.DefaultClient.Do(req)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 5*time.Second)

	// Closing the Feeds drops a held request instead of answering it.
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, site.URL(srv.URL), nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	require.Eventually(t, func() bool { return site.Requests() == 2 }, 5*time.Second, time.Millisecond)
	fs.Close()
	select {
	case err := <-done:
		require.Error(t, err, "the connection is dropped unanswered")
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not release the held request")
	}
}

func TestSlowAnswersAfterTheDelay(t *testing.T) {
	fs, srv := newFeedServer(t)
	site := fs.Lever("acme")
	site.Generate(1)
	site.SetSlowDelay(50 * time.Millisecond)
	site.Fault(FaultSlow, 0)
	start := time.Now()
	resp, body := get(t, site.URL(srv.URL))
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
	require.Len(t, decodeLever[[]leverDoc](t, body), 1)

	site.SetSlowDelay(time.Minute)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, site.URL(srv.URL), nil)
	require.NoError(t, err)
	start = time.Now()
	_, err = http.DefaultClient.Do(req)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 5*time.Second)
}
