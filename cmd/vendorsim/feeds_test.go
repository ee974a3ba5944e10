package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// TestFeedsCommandsDriveTheControlAPI runs the feeds commands against an
// in-process sim.Feeds.
func TestFeedsCommandsDriveTheControlAPI(t *testing.T) {
	feeds := sim.NewFeeds()
	srv := httptest.NewServer(feeds)
	defer srv.Close()
	ctx := context.Background()
	feed := []string{"--sim", srv.URL, "--vendor", "reachmee", "--feed", "12:I003:acme"}
	r, err := run(ctx, append([]string{"feeds", "generate", "--n", "20"}, feed...))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	rm := feeds.ReachMee("12", "I003", "acme")
	require.Equal(t, 20, rm.Len())

	file := filepath.Join(t.TempDir(), "posting.json")
	body, err := json.Marshal(sim.GeneratePosting(3))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, body, 0o600))
	r, err = run(ctx, append([]string{"feeds", "put", "--file", file, "--id", "777"}, feed...))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Equal(t, 21, rm.Len())

	for _, args := range [][]string{
		{"feeds", "remove", "--id", "777"},
		{"feeds", "change", "--fraction", "0.5"},
		{"feeds", "fault", "--kind", "empty", "--times", "1"},
		{"feeds", "stats"},
		{"feeds", "clear"},
	} {
		r, err = run(ctx, append(args, feed...))
		require.NoError(t, err, args)
		require.Equal(t, http.StatusOK, r.Status, "%v: %s", args, r.Body)
	}
	require.Equal(t, 20, rm.Len())
	r, err = run(ctx, []string{"feeds", "list", "--sim", srv.URL})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.Status)

	r, err = run(ctx, append([]string{"feeds", "fault", "--kind", "meteor"}, feed...))
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, r.Status)
	_, err = run(ctx, []string{"feeds", "generate", "--sim", srv.URL})
	require.ErrorContains(t, err, "--vendor and --feed")
	_, err = run(ctx, append([]string{"feeds", "fly"}, feed...))
	require.ErrorContains(t, err, "unknown command")
}

// lockedBuffer is a bytes.Buffer safe to write and read concurrently.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestFeedsServeServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out lockedBuffer
	done := make(chan error, 1)
	go func() {
		_, err := runFeeds(ctx, "serve", []string{"--addr", "127.0.0.1:0", "--demo", "3"}, &out)
		done <- err
	}()
	lever := regexp.MustCompile(`http://\S+/v0/postings/acme\?mode=json`)
	require.Eventually(t, func() bool { return lever.MatchString(out.String()) }, 5*time.Second, 5*time.Millisecond)
	resp, err := http.Get(lever.FindString(out.String()))
	require.NoError(t, err)
	var postings []map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&postings))
	resp.Body.Close()
	require.Len(t, postings, 3)
	require.Contains(t, out.String(), "/feeds/hash123/")
	require.Contains(t, out.String(), "/Public/rssfeed/external.ashx?")
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop")
	}
}
