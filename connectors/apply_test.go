package connectors

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestRedact(t *testing.T) {
	closed := NewPermanent(fmt.Errorf("status 410: %w: no job for kari@example.no", ErrJobClosed))
	got := Redact(closed, "kari@example.no", "")
	if got.Error() != "permanent: status 410: the job is closed for applications: no job for [redacted]" {
		t.Fatalf("message %q", got)
	}
	if ClassOf(got) != Permanent || !errors.Is(got, ErrJobClosed) {
		t.Fatal("class or job closed lost")
	}
	busy := NewBackpressure(errors.New("key s3cret over limit"), 3*time.Second)
	if r := Redact(busy, "s3cret"); RetryAfterOf(r) != 3*time.Second || ClassOf(r) != Backpressure || r.Error() != "backpressure: key [redacted] over limit" {
		t.Fatalf("backpressure redacted to %v", r)
	}
	plain := errors.New("nothing to hide")
	if Redact(plain, "x@y") != plain || Redact(nil, "a") != nil {
		t.Fatal("an error without the values is returned as it is")
	}
}

func TestApplyStatusError(t *testing.T) {
	h := http.Header{"Retry-After": []string{"7"}}
	cases := []struct {
		status int
		class  Class
		closed bool
		after  time.Duration
	}{
		{409, Permanent, true, 0}, {410, Permanent, true, 0}, {422, Permanent, false, 0}, {401, Unauthorised, false, 0},
		{429, Backpressure, false, 7 * time.Second}, {503, Retryable, false, 7 * time.Second},
	}
	for _, tc := range cases {
		err := ApplyStatusError(tc.status, h, "m")
		if ClassOf(err) != tc.class || errors.Is(err, ErrJobClosed) != tc.closed || RetryAfterOf(err) != tc.after {
			t.Errorf("%d: %v (after %s)", tc.status, err, RetryAfterOf(err))
		}
	}
	if RetryAfterOf(ApplyStatusError(429, http.Header{}, "m")) != time.Second {
		t.Error("a 429 without Retry-After waits a second")
	}
}
