package ad

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestPublishAt: publish_at is an RFC 3339 moment, stored in UTC; one
// without an offset is refused naming the field; ScheduledAfter holds an
// ad only while the moment is still to come.
func TestPublishAt(t *testing.T) {
	now := time.Date(2026, 11, 15, 12, 0, 0, 0, time.UTC)
	a := Ad{Title: "T", Description: "D", Employer: Employer{Name: "E"}, PublishAt: "2026-11-16T09:30:00+01:00"}
	require.NoError(t, Normalize(&a, now))
	require.Equal(t, "2026-11-16T08:30:00Z", a.PublishAt)
	at, ok := a.ScheduledAfter(now)
	require.True(t, ok)
	require.Equal(t, time.Date(2026, 11, 16, 8, 30, 0, 0, time.UTC), at)
	_, ok = a.ScheduledAfter(at)
	require.False(t, ok, "due at its moment")

	for _, bad := range []string{"2026-11-16", "2026-11-16 09:30:00", "2026-11-16T09:30:00", "i morgen"} {
		b := Ad{Title: "T", Description: "D", Employer: Employer{Name: "E"}, PublishAt: bad}
		err := Normalize(&b, now)
		var verr *ValidationError
		require.ErrorAs(t, err, &verr, bad)
		require.Equal(t, "publish_at", verr.Fields[0].Field, bad)
		require.NotContains(t, verr.Fields[0].Message, bad, "the message never repeats the value")
	}
	none := Ad{}
	_, ok = none.ScheduledAfter(now)
	require.False(t, ok)
}
