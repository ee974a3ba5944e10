package sim

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// channelTarget is a channel and a correct request to it.
type channelTarget struct {
	name    string
	ch      interface{ Fault(ChannelFault, int) }
	g       *gate
	request func(ctx context.Context) (*http.Request, error)
	stored  func() int
}

func channelTargets(t *testing.T) []channelTarget {
	n := newNAVServer(t)
	f := newFINNServer(t, FINNConfig{})
	i := 0
	return []channelTarget{
		{"nav", n.NAV, n.gate, func(ctx context.Context) (*http.Request, error) {
			i++
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.NAV.URL(n.srv.URL)+"/api/v1/transfers/batch/10042",
				bytes.NewReader(mustJSON(t, []any{navAd(fmt.Sprint("ref-", i), nil)})))
			if req != nil {
				req.Header.Set("Authorization", "Bearer test-token")
			}
			return req, err
		}, func() int { return len(n.References()) }},
		{"finn", f.FINN, f.gate, func(ctx context.Context) (*http.Request, error) {
			i++
			body, ctype := multipartFile(t, "fil", "file.xml", jobDoc(fmt.Sprint("gw-", i)))
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.FINN.URL(f.srv.URL), bytes.NewReader(body))
			if req != nil {
				req.Header.Set("Content-Type", ctype)
			}
			return req, err
		}, func() int { return len(f.OrderNos()) }},
	}
}

func (c channelTarget) send(t *testing.T, ctx context.Context) (*http.Response, error) {
	t.Helper()
	req, err := c.request(ctx)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return resp, err
}

func TestChannelFaultsAnswerWhatTheySay(t *testing.T) {
	for _, c := range channelTargets(t) {
		for kind, status := range map[ChannelFault]int{ChannelFault5xx: 500, ChannelFault401: 401, ChannelFault429: 429} {
			c.ch.Fault(kind, 1)
			resp, err := c.send(t, t.Context())
			require.NoError(t, err)
			require.Equal(t, status, resp.StatusCode, "%s %s", c.name, kind)
			switch kind {
			case ChannelFault429:
				require.Equal(t, "30", resp.Header.Get("Retry-After"))
			case ChannelFault401:
				require.Equal(t, c.name == "finn", resp.Header.Get("WWW-Authenticate") != "", "FINN's 401 asks for Basic")
			}
			resp, err = c.send(t, t.Context())
			require.NoError(t, err)
			require.Less(t, resp.StatusCode, 300, "%s %s: the fault was for one request", c.name, kind)
		}
		require.Equal(t, 3, c.stored(), "%s: faulted requests store nothing", c.name)
		require.Equal(t, 3, c.g.state().Faulted)

		c.g.SetRetryAfter(2 * time.Second)
		c.ch.Fault(ChannelFault429, 0)
		for range 2 {
			resp, err := c.send(t, t.Context())
			require.NoError(t, err)
			require.Equal(t, "2", resp.Header.Get("Retry-After"))
		}
		require.Equal(t, -1, c.g.state().FaultRemaining, "until cleared")
		c.g.ClearFault()
		require.Equal(t, FaultState{Faulted: 5}, c.g.state())
	}
	require.Panics(t, func() { NewNAV(NAVConfig{}).Fault("meteor", 1) })
}

func TestChannelTimeoutHoldsUntilTheClientGivesUp(t *testing.T) {
	for _, c := range channelTargets(t) {
		c.ch.Fault(ChannelFaultTimeout, 0)
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		start := time.Now()
		_, err := c.send(t, ctx)
		cancel()
		require.ErrorIs(t, err, context.DeadlineExceeded, c.name)
		require.Less(t, time.Since(start), 5*time.Second)

		// Closing the channel drops a held request instead of answering it.
		done := make(chan error, 1)
		go func() {
			req, _ := c.request(context.Background())
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				resp.Body.Close()
			}
			done <- err
		}()
		require.Eventually(t, func() bool { return c.g.state().Faulted == 2 }, 5*time.Second, time.Millisecond)
		c.g.Close()
		select {
		case err := <-done:
			require.Error(t, err, "%s: the connection is dropped unanswered", c.name)
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Close did not release the held request", c.name)
		}
		require.Zero(t, c.stored())
	}
}

func TestChannelSlowAnswersAfterTheDelay(t *testing.T) {
	for _, c := range channelTargets(t) {
		c.g.SetSlowDelay(50 * time.Millisecond)
		c.ch.Fault(ChannelFaultSlow, 1)
		start := time.Now()
		resp, err := c.send(t, t.Context())
		require.NoError(t, err)
		require.Less(t, resp.StatusCode, 300)
		require.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
		require.Equal(t, 1, c.stored(), "a slow request is answered in full")

		c.g.SetSlowDelay(time.Minute)
		c.ch.Fault(ChannelFaultSlow, 0)
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		_, err = c.send(t, ctx)
		cancel()
		require.ErrorIs(t, err, context.DeadlineExceeded)
	}
}

func TestChannelDownAnswers503(t *testing.T) {
	for _, c := range channelTargets(t) {
		c.g.SetDown(true)
		c.ch.Fault(ChannelFault5xx, 1)
		for range 2 {
			resp, err := c.send(t, t.Context())
			require.NoError(t, err)
			require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, c.name)
		}
		require.True(t, c.g.IsDown())
		require.True(t, c.g.state().Down)
		c.g.SetDown(false)
		resp, err := c.send(t, t.Context())
		require.NoError(t, err)
		require.Equal(t, http.StatusInternalServerError, resp.StatusCode, "%s: an outage does not use up a fault", c.name)

		c.g.Down(time.Hour)
		require.True(t, c.g.IsDown())
		c.g.Down(0)
		require.False(t, c.g.IsDown())
		c.g.Down(time.Millisecond)
		require.Eventually(t, func() bool { return !c.g.IsDown() }, 5*time.Second, time.Millisecond, "an outage ends by itself")
		resp, err = c.send(t, t.Context())
		require.NoError(t, err)
		require.Less(t, resp.StatusCode, 300)
	}
}

func TestFINNAsksForBasicCredentialsWhenItHasThem(t *testing.T) {
	s := newFINNServer(t, FINNConfig{Username: "user", Password: "secret"})
	body, ctype := multipartFile(t, "fil", "file.xml", jobDoc("gw-1"))
	resp, _ := s.post(t, body, ctype)
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	require.Equal(t, `Basic realm="FINN import"`, resp.Header.Get("WWW-Authenticate"))
	resp, _ = s.post(t, body, ctype, "Authorization", "Basic dXNlcjp3cm9uZw==") // user:wrong
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	resp, b := s.post(t, body, ctype, "Authorization", "Basic dXNlcjpzZWNyZXQ=") // user:secret
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, string(b), `STATUS="OK"`)
	require.Equal(t, 2, s.Stats().Unauthorized)
}
