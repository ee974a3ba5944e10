package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/metrics"
)

// TestReadyzWhileStopping: once the process stops, /readyz answers 503
// "shutting down" without asking the dependencies, while /healthz stays
// 200; before, /readyz is the checks' verdict.
func TestReadyzWhileStopping(t *testing.T) {
	var stopping atomic.Bool
	var pinged atomic.Int32
	redisDown := errors.New("redis down")
	var redisErr atomic.Pointer[error]
	h, err := New(Deps{Metrics: metrics.New(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Stopping: stopping.Load,
		Ready: []Check{{Name: "redis", Ping: func(context.Context) error {
			pinged.Add(1)
			if e := redisErr.Load(); e != nil {
				return *e
			}
			return nil
		}}}})
	require.NoError(t, err)
	get := func(path string) (int, map[string]any) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		var body map[string]any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
		return rec.Code, body
	}

	code, body := get("/readyz")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, true, body["ready"])
	redisErr.Store(&redisDown)
	code, body = get("/readyz")
	require.Equal(t, http.StatusServiceUnavailable, code)
	require.Equal(t, map[string]any{"redis": "unreachable"}, body["checks"])
	require.NotContains(t, body, "reason")
	redisErr.Store(nil)

	stopping.Store(true)
	before := pinged.Load()
	code, body = get("/readyz")
	require.Equal(t, http.StatusServiceUnavailable, code)
	require.Equal(t, false, body["ready"])
	require.Equal(t, ReasonShuttingDown, body["reason"])
	require.Equal(t, before, pinged.Load(), "no dependency is asked once stopping")
	code, _ = get("/healthz")
	require.Equal(t, http.StatusOK, code, "alive until the process exits")
}
