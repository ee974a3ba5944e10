package httpapi

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/metrics"
)

// TestPanicIsA500WithoutTheRequest checks that a handler's panic answers a
// JSON 500 with the request id, and that the log line carries neither the
// body nor the Authorization header.
func TestPanicIsA500WithoutTheRequest(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(requestID(), observe(log, metrics.New()), recovery(log))
	r.PUT("/boom", func(*gin.Context) { panic("handler bug") })

	req := httptest.NewRequest(http.MethodPut, "/boom", bytes.NewBufferString(`{"email":"kari.nordmann@example.no"}`))
	req.Header.Set("Authorization", "Bearer jg_key_secret")
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)

	require.Equal(t, http.StatusInternalServerError, rec.Code)
	var body errorBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
	require.Equal(t, codeInternal, body.Error.Code)
	require.NotEmpty(t, rec.Header().Get(requestIDHeader))
	require.Contains(t, logs.String(), rec.Header().Get(requestIDHeader), "the logs carry the request id")
	require.NotContains(t, logs.String(), "kari.nordmann", "the logs never carry the body")
	require.NotContains(t, logs.String(), "jg_key_secret", "the logs never carry the key")
}
