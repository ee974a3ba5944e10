package poll

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/store"
)

func TestTimingOf(t *testing.T) {
	for _, c := range []struct {
		name     string
		settings map[string]string
		interval time.Duration
		timeout  time.Duration
		bad      string
	}{
		{"defaults", nil, 5 * time.Minute, 2 * time.Minute, ""},
		{"interval", map[string]string{"poll_interval": "90s"}, 90 * time.Second, 2 * time.Minute, ""},
		{"timeout", map[string]string{"poll_timeout": "10s"}, 5 * time.Minute, 10 * time.Second, ""},
		{"not a duration", map[string]string{"poll_interval": "often"}, 0, 0, "poll_interval"},
		{"too short", map[string]string{"poll_interval": "10ms"}, 0, 0, "poll_interval"},
		{"negative timeout", map[string]string{"poll_timeout": "-1m"}, 0, 0, "poll_timeout"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := TimingOf(c.settings, Config{})
			if c.bad != "" {
				require.ErrorContains(t, err, c.bad)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.interval, got.Interval)
			require.Equal(t, c.timeout, got.Timeout)
		})
	}
}

func TestNextPoll(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	tm := Timing{Interval: 5 * time.Minute, Jitter: 0.1}
	for _, c := range []struct {
		name       string
		st         store.PollState
		retryAfter time.Duration
		want       time.Duration
	}{
		{"success", store.PollState{Outcome: store.PollOK}, 0, 5 * time.Minute},
		{"first failure", store.PollState{Outcome: store.PollFailed, Failures: 1}, 0, 5 * time.Minute},
		{"third failure doubles twice", store.PollState{Outcome: store.PollFailed, Failures: 3}, 0, 20 * time.Minute},
		{"capped", store.PollState{Outcome: store.PollFailed, Failures: 40}, 0, time.Hour},
		{"retry-after wins", store.PollState{Outcome: store.PollFailed, Failures: 1}, 30 * time.Minute, 30 * time.Minute},
	} {
		t.Run(c.name, func(t *testing.T) {
			for range 50 {
				wait := tm.next(c.st, now, time.Hour, c.retryAfter).Sub(now)
				require.InDelta(t, float64(c.want), float64(wait), float64(c.want)/10+1, "within the 10%% jitter")
			}
		})
	}
	spread := map[time.Duration]bool{}
	for range 20 {
		spread[tm.next(store.PollState{Outcome: store.PollOK}, now, time.Hour, 0).Sub(now)] = true
	}
	require.Greater(t, len(spread), 1, "polls are jittered")
}

func TestSuspiciousDrop(t *testing.T) {
	for _, c := range []struct {
		missing, live, listed int
		want                  bool
	}{
		{0, 40, 40, false},
		{40, 40, 0, true},  // an empty feed
		{21, 40, 19, true}, // more than half
		{20, 40, 20, false},
		{1, 1, 0, true},
		{1, 3, 2, false},
	} {
		require.Equal(t, c.want, suspiciousDrop(c.missing, c.live, c.listed), "%+v", c)
	}
}

func TestPastDeadline(t *testing.T) {
	past := ad.Ad{Title: "T", Description: "D", Employer: ad.Employer{Name: "E"}, Deadline: "2020-01-01"}
	err := ad.Normalize(&past, time.Now())
	require.True(t, pastDeadline(err))
	both := past
	both.Title = ""
	require.False(t, pastDeadline(ad.Normalize(&both, time.Now())), "another bad field is not an expiry")
	require.Equal(t, []string{"title:required", "deadline:in_past"}, fieldCodes(ad.Normalize(&both, time.Now())))
}

func TestConfirmed(t *testing.T) {
	withdraw, held := confirmed([]string{"a", "b", "c"}, []string{"b", "c", "z"})
	require.Equal(t, []string{"b", "c"}, withdraw, "missed twice")
	require.Equal(t, []string{"a"}, held, "missed once")
	withdraw, held = confirmed([]string{"a"}, nil)
	require.Empty(t, withdraw)
	require.Equal(t, []string{"a"}, held)
}
