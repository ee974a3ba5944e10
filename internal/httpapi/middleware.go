package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/metrics"
)

const requestIDHeader = "X-Request-Id"

// requestID takes a sane X-Request-Id from the client or makes one, and
// echoes it.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(requestIDHeader)
		if len(id) == 0 || len(id) > 64 || !printableASCII(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		c.Set("request_id", id)
		c.Header(requestIDHeader, id)
		c.Next()
	}
}

func printableASCII(s string) bool {
	for i := range len(s) {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// observe logs each request (ids, route, status, duration: never bodies,
// query strings or headers, which may carry personal data or keys) and
// records it in the HTTP metrics by route template.
func observe(log *slog.Logger, m *metrics.Metrics) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		status := c.Writer.Status()
		d := time.Since(start)
		m.HTTPRequests.WithLabelValues(route, strconv.Itoa(status)).Inc()
		m.HTTPDuration.WithLabelValues(route).Observe(d.Seconds())
		level := slog.LevelDebug
		if status >= 500 && !c.GetBool(expectedKey) {
			level = slog.LevelError
		} else if status >= 400 {
			level = slog.LevelInfo
		}
		if !log.Enabled(c.Request.Context(), level) {
			return
		}
		attrs := []any{"request_id", c.GetString("request_id"), "method", c.Request.Method, "route", route, "status", status, "duration_ms", d.Milliseconds()}
		if p, ok := c.Get(principalKey); ok {
			attrs = append(attrs, "key", p.(principal).KeyID, "integration", p.(principal).IntegrationID)
		}
		for _, e := range c.Errors {
			attrs = append(attrs, "err", e.Err.Error())
		}
		log.Log(c.Request.Context(), level, "http request", attrs...)
	}
}

// recovery turns a panic into a logged 500 with the stack, never the request.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("http: panic", "request_id", c.GetString("request_id"), "route", c.FullPath(), "panic", r, "stack", string(debug.Stack()))
				if !c.Writer.Written() {
					abort(c, http.StatusInternalServerError, codeInternal, "internal error; the request id identifies it in our logs")
				}
			}
		}()
		c.Next()
	}
}
