package connectors

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestStatusErrorClass(t *testing.T) {
	tests := []struct {
		name   string
		status int
		want   Class
	}{
		// StatusError is meant for failed answers; anything it does not
		// recognise as retryable or unauthorised is permanent.
		{"200 ok", http.StatusOK, Permanent},
		{"204 no content", http.StatusNoContent, Permanent},
		{"301 moved permanently", http.StatusMovedPermanently, Permanent},
		{"304 not modified", http.StatusNotModified, Permanent},
		{"400 bad request", http.StatusBadRequest, Permanent},
		{"401 unauthorized", http.StatusUnauthorized, Unauthorised},
		{"402 payment required", http.StatusPaymentRequired, Permanent},
		{"403 forbidden", http.StatusForbidden, Unauthorised},
		{"404 not found", http.StatusNotFound, Permanent},
		{"405 method not allowed", http.StatusMethodNotAllowed, Permanent},
		{"408 request timeout", http.StatusRequestTimeout, Retryable},
		{"409 conflict", http.StatusConflict, Permanent},
		{"410 gone", http.StatusGone, Permanent},
		{"413 content too large", http.StatusRequestEntityTooLarge, Permanent},
		{"415 unsupported media type", http.StatusUnsupportedMediaType, Permanent},
		{"422 unprocessable", http.StatusUnprocessableEntity, Permanent},
		{"425 too early", http.StatusTooEarly, Retryable},
		{"429 too many requests", http.StatusTooManyRequests, Retryable},
		{"451 unavailable for legal reasons", http.StatusUnavailableForLegalReasons, Permanent},
		{"499 unknown client error", 499, Permanent},
		{"500 internal server error", http.StatusInternalServerError, Retryable},
		{"501 not implemented", http.StatusNotImplemented, Retryable},
		{"502 bad gateway", http.StatusBadGateway, Retryable},
		{"503 service unavailable", http.StatusServiceUnavailable, Retryable},
		{"504 gateway timeout", http.StatusGatewayTimeout, Retryable},
		{"599 unknown server error", 599, Retryable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := StatusError(tc.status, http.Header{}, "vendor said no")
			require.Error(t, err)
			require.Equal(t, tc.want, ClassOf(err))

			var ce *Error
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tc.want, ce.Class)
			require.Contains(t, err.Error(), "status "+strconv.Itoa(tc.status))
			require.Contains(t, err.Error(), "vendor said no")
			require.Contains(t, err.Error(), tc.want.String()+": ")
			require.NotNil(t, errors.Unwrap(err), "a classified error unwraps to its cause")

			// Wrapped by a connector, it keeps its class.
			require.Equal(t, tc.want, ClassOf(fmt.Errorf("teamtailor: publish: %w", err)))
		})
	}
}

func TestStatusErrorRetryAfter(t *testing.T) {
	future := time.Now().Add(2 * time.Minute).UTC().Format(http.TimeFormat)
	tests := []struct {
		name       string
		status     int
		retryAfter string // "" sends no header
		min, max   time.Duration
	}{
		{"503 with seconds", http.StatusServiceUnavailable, "120", 120 * time.Second, 120 * time.Second},
		{"429 with seconds", http.StatusTooManyRequests, "7", 7 * time.Second, 7 * time.Second},
		{"429 with an HTTP date", http.StatusTooManyRequests, future, 58 * time.Second, 2 * time.Minute},
		{"429 without the header", http.StatusTooManyRequests, "", 0, 0},
		{"502 with garbage", http.StatusBadGateway, "soon", 0, 0},
		{"408 with seconds", http.StatusRequestTimeout, "3", 3 * time.Second, 3 * time.Second},
		{"400 ignores it", http.StatusBadRequest, "120", 0, 0},
		{"401 ignores it", http.StatusUnauthorized, "120", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			if tc.retryAfter != "" {
				h.Set("Retry-After", tc.retryAfter)
			}
			got := RetryAfterOf(StatusError(tc.status, h, "x"))
			require.GreaterOrEqual(t, got, tc.min)
			require.LessOrEqual(t, got, tc.max)
		})
	}
}

func TestStatusErrorNilHeader(t *testing.T) {
	err := StatusError(http.StatusServiceUnavailable, nil, "down")
	require.Equal(t, Retryable, ClassOf(err))
	require.Zero(t, RetryAfterOf(err))
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, time.November, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		value string
		want  time.Duration
	}{
		{"empty", "", 0},
		{"zero seconds", "0", 0},
		{"seconds", "120", 120 * time.Second},
		{"one day in seconds", "86400", 24 * time.Hour},
		{"negative seconds", "-5", 0},
		{"fraction", "1.5", 0},
		{"garbage", "soon", 0},
		{"seconds with a unit", "120s", 0},
		{"HTTP date (IMF-fixdate)", now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"HTTP date, literal", "Sun, 15 Nov 2026 12:05:00 GMT", 5 * time.Minute},
		{"HTTP date (RFC 850)", "Sunday, 15-Nov-26 13:00:00 GMT", time.Hour},
		{"HTTP date (asctime)", "Sun Nov 15 12:00:30 2026", 30 * time.Second},
		{"HTTP date now", now.Format(http.TimeFormat), 0},
		{"HTTP date in the past", now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"date in another format", "2026-11-15T12:05:00Z", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, ParseRetryAfter(tc.value, now))
		})
	}
}

func TestParseRetryAfterHugeSeconds(t *testing.T) {
	now := time.Date(2026, time.November, 15, 12, 0, 0, 0, time.UTC)
	for _, v := range []string{"9223372037", "99999999999999", "86401"} {
		require.Equal(t, MaxRetryAfter, ParseRetryAfter(v, now), v)
	}
	require.Equal(t, MaxRetryAfter, ParseRetryAfter(now.Add(400*24*time.Hour).Format(http.TimeFormat), now), "a far HTTP date")
}

func TestClassOfAndRetryAfterOf(t *testing.T) {
	cause := errors.New("boom")
	tests := []struct {
		name      string
		err       error
		wantClass Class
		wantAfter time.Duration
		wantCause error
	}{
		{"unclassified", cause, Retryable, 0, cause},
		{"unclassified wrapped", fmt.Errorf("call: %w", io.ErrUnexpectedEOF), Retryable, 0, io.ErrUnexpectedEOF},
		{"nil", nil, Retryable, 0, nil},
		{"permanent", NewPermanent(cause), Permanent, 0, cause},
		{"permanent wrapped", fmt.Errorf("publish: %w", NewPermanent(cause)), Permanent, 0, cause},
		{"unauthorised wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", NewUnauthorised(cause))), Unauthorised, 0, cause},
		{"retryable with delay", NewRetryable(cause, 30*time.Second), Retryable, 30 * time.Second, cause},
		{"retryable with delay wrapped", fmt.Errorf("deliver: %w", NewRetryable(cause, 30*time.Second)), Retryable, 30 * time.Second, cause},
		{"retryable default schedule", NewRetryable(cause, 0), Retryable, 0, cause},
		{"backpressure wrapped", fmt.Errorf("lever: %w", NewBackpressure(cause, 500*time.Millisecond)), Backpressure, 500 * time.Millisecond, cause},
		{"joined with a permanent", errors.Join(io.EOF, NewPermanent(cause)), Permanent, 0, cause},
		{"status error wrapped", fmt.Errorf("finn: %w", StatusError(http.StatusTooManyRequests, http.Header{"Retry-After": {"9"}}, "slow down")), Retryable, 9 * time.Second, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.wantClass, ClassOf(tc.err))
			require.Equal(t, tc.wantAfter, RetryAfterOf(tc.err))
			if tc.wantCause != nil {
				require.ErrorIs(t, tc.err, tc.wantCause, "the cause stays reachable")
			}
		})
	}
}

func TestClassString(t *testing.T) {
	tests := []struct {
		class Class
		want  string
	}{
		{Retryable, "retryable"},
		{Permanent, "permanent"},
		{Unauthorised, "unauthorised"},
		{Backpressure, "backpressure"},
		{Class(42), "retryable"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			require.Equal(t, tc.want, tc.class.String())
		})
	}
}

// FuzzParseRetryAfter feeds vendors' Retry-After headers: never a panic,
// never a negative wait, never more than MaxRetryAfter.
func FuzzParseRetryAfter(f *testing.F) {
	now := time.Date(2026, time.November, 15, 12, 0, 0, 0, time.UTC)
	for _, s := range []string{"", "0", "120", "-5", "9223372037", "Sun, 15 Nov 2026 12:01:00 GMT", "soon", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if d := ParseRetryAfter(v, now); d < 0 || d > MaxRetryAfter {
			t.Fatalf("ParseRetryAfter(%q) = %v", v, d)
		}
	})
}

// TestNeedsAttentionKept: a failure a person can mend stays one through
// Prefixed, Redact and RedactSecrets (the outbox reads it after all three),
// and is permanent for everything that reads only the class.
func TestNeedsAttentionKept(t *testing.T) {
	err := NewNeedsAttention(errors.New("status 400: Missing required field: urls[LinkedIn] for kari@example.no with key-12345"))
	require.True(t, NeedsAttention(err))
	require.Equal(t, Permanent, ClassOf(err))
	for name, e := range map[string]error{
		"prefixed":       Prefixed("lever: posting p", err),
		"redacted":       Redact(err, "kari@example.no"),
		"secrets masked": RedactSecrets(err, "key-12345"),
		"wrapped":        fmt.Errorf("lever: %w", err),
	} {
		require.True(t, NeedsAttention(e), name)
		require.Equal(t, Permanent, ClassOf(e), name)
	}
	require.NotContains(t, Redact(err, "kari@example.no").Error(), "kari@example.no")
	require.False(t, NeedsAttention(NewPermanent(errors.New("status 400"))))
	require.False(t, NeedsAttention(errors.New("plain")))
}
