package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// holdingATS is the ATS simulator behind a gate that holds the first
// application request until the test releases it or the sender gives up
// (then the ATS never sees it).
type holdingATS struct {
	*sim.ATS
	URL     string
	mu      sync.Mutex
	hold    int
	arrived chan struct{}
	release chan struct{}
	closing chan struct{}
	aborted atomic.Int32
}

func newHoldingATS(t *testing.T) *holdingATS {
	h := &holdingATS{ATS: sim.NewATS(), hold: 1, arrived: make(chan struct{}, 1), release: make(chan struct{}), closing: make(chan struct{})}
	srv := httptest.NewServer(h)
	t.Cleanup(func() { close(h.closing); h.Close(); srv.Close() })
	h.URL = srv.URL
	return h
}

func (h *holdingATS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	hold := h.hold > 0
	h.hold--
	h.mu.Unlock()
	if hold {
		// Read first: net/http notices a sender hanging up only once the
		// body is read.
		body, err := io.ReadAll(r.Body)
		if err != nil {
			h.aborted.Add(1)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		h.arrived <- struct{}{}
		select {
		case <-h.release:
		case <-r.Context().Done():
			h.aborted.Add(1)
			return
		case <-h.closing:
			return
		}
	}
	h.ATS.ServeHTTP(w, r)
}

// awaitArrival waits for the held request.
func (h *holdingATS) awaitArrival(t *testing.T) {
	t.Helper()
	select {
	case <-h.arrived:
	case <-time.After(60 * time.Second):
		t.Fatal("the application never reached the ATS")
	}
}

// workerSetup starts an API and a worker of a production jobgate whose
// generic integration delivers applications to a holding ATS, and submits
// one application, held at the ATS. It returns the environment, the ATS,
// the worker and the application's status URL.
func workerSetup(t *testing.T, workerEnv ...string) ([]string, *holdingATS, *proc, string) {
	env := prodEnv(t)
	ats := newHoldingATS(t)
	key, _ := applyTenant(t, env, ats.URL, ats.ATS)
	apiAddr := freeAddr(t)
	env = append(env, "JOBGATE_PUBLIC_URL=http://"+apiAddr)
	startProc(t, env, "api", apiAddr)
	w := startProc(t, append(append([]string(nil), env...), workerEnv...), "worker", freeAddr(t))
	require.Equal(t, http.StatusCreated, put(t, apiAddr, key, "ref-1", "Truckfører"))
	statusURL := submit(t, apiAddr, jobID(t, apiAddr, key, "ref-1"))
	ats.awaitArrival(t)
	return env, ats, w, statusURL
}

// requireDeliveredOnce requires the application delivered, held once by
// the ATS (one request brought it), and its delivery row without a spent
// attempt: a shutdown is not a failure.
func requireDeliveredOnce(t *testing.T, env []string, ats *holdingATS, statusURL string) {
	t.Helper()
	require.Eventually(t, func() bool { return status(t, statusURL) == "delivered" }, 60*time.Second, 50*time.Millisecond)
	got := ats.Received("webhook")
	require.Len(t, got, 1, "the ATS holds one application")
	require.Equal(t, 1, got[0].Deliveries, "one request brought it")
	out, errOut, err := cli(t, env, "deliveries", "list")
	require.NoError(t, err, errOut)
	var apply []string
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) >= 7 && f[1] == "apply" {
			apply = f
		}
	}
	require.NotNil(t, apply, "no apply delivery in:\n%s", out)
	require.Equal(t, "delivered", apply[4])
	require.Equal(t, "0", apply[6], "attempts: a shutdown spends none")
}

// TestWorkerStopFinishesDelivery: SIGTERM on a worker while an ATS holds
// its delivery: its /readyz answers 503 and /healthz 200 while it waits;
// the delivery, answered within JOBGATE_SHUTDOWN_TIMEOUT, completes and is
// recorded; then the worker exits 0.
func TestWorkerStopFinishesDelivery(t *testing.T) {
	env, ats, w, statusURL := workerSetup(t, "JOBGATE_SHUTDOWN_TIMEOUT=60s")
	w.signal(t, syscall.SIGTERM)
	awaitNotReady(t, w.addr)
	require.True(t, w.running(), "the worker waits for its running delivery")
	require.False(t, refused(w.addr), "its probe listener stays open while it waits")
	close(ats.release)
	require.NoError(t, w.waitExit(t, 60*time.Second), "a graceful stop exits 0")
	logs := w.logs.String()
	requireOrder(t, phases(logs), "not ready", "worker takes no new tasks", "worker stopped", "listener closed", "enqueueing", "done")
	require.Contains(t, logs, `"handed_back":0`)
	require.NotContains(t, logs, `"level":"ERROR"`)
	requireDeliveredOnce(t, env, ats, statusURL)
}

// TestWorkerStopHandsBack: SIGTERM on a worker whose delivery the ATS
// does not answer within JOBGATE_SHUTDOWN_TIMEOUT: the worker cuts the
// call, hands the task back and exits 0; the other worker delivers it,
// once, and the row spent no attempt.
func TestWorkerStopHandsBack(t *testing.T) {
	env, ats, w1, statusURL := workerSetup(t, "JOBGATE_SHUTDOWN_TIMEOUT=1s")
	startProc(t, env, "worker", freeAddr(t))
	w1.signal(t, syscall.SIGTERM)
	require.NoError(t, w1.waitExit(t, 60*time.Second), "the worker exits although the ATS never answered it")
	exited := time.Now()
	require.Eventually(t, func() bool { return ats.aborted.Load() == 1 }, 10*time.Second, 10*time.Millisecond,
		"the held call was cut off, unanswered")
	logs := w1.logs.String()
	require.Contains(t, logs, `"handed_back":1`)
	require.NotContains(t, logs, `"level":"ERROR"`)
	requireDeliveredOnce(t, env, ats, statusURL)
	t.Logf("handed back: delivered by the other worker %s after the first exited", time.Since(exited).Round(time.Millisecond))
}
