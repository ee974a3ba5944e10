package finn

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

func TestOrderNoRoundTrip(t *testing.T) {
	o := OrderNo{IDPart: "job-01jnb7x2k4m6p8r0t2v4w6y8z0", Life: 12, Start: time.Date(2026, 3, 1, 0, 0, 0, 0, ad.Oslo)}
	s := o.String()
	require.Equal(t, "job-01jnb7x2k4m6p8r0t2v4w6y8z0-12-20260301", s)
	require.LessOrEqual(t, len(OrderNo{IDPart: strings.Repeat("a", 32), Life: 999, Start: o.Start}.String()), maxOrderNo)
	got, err := ParseOrderNo(s)
	require.NoError(t, err)
	require.Equal(t, o, got)
	require.Equal(t, time.Date(2026, 4, 12, 0, 0, 0, 0, ad.Oslo), got.End(), "42 days, across the DST change of 29 March")
	require.Equal(t, time.Date(2026, 4, 11, 0, 0, 0, 0, ad.Oslo), got.LastDay())
	require.Equal(t, got.End(), Expires(connectors.Publication{Reference: s}))
	require.True(t, Expires(connectors.Publication{Reference: "10100576"}).IsZero(), "not ours")
	for _, bad := range []string{"", "10100576", "x-1", "x-0-20260301", "x-01-20260301", "x-1-2026031", "x-1-20261301",
		"-1-20260301", "x_y-1-20260301", "x-1000-20260301"} {
		_, err := ParseOrderNo(bad)
		require.Error(t, err, bad)
	}
}

func TestIDPart(t *testing.T) {
	require.Equal(t, "job-01jnb7x2k4m6p8r0t2v4w6y8z0", idPart("job_01jnb7x2k4m6p8r0t2v4w6y8z0"))
	for _, odd := range []string{"", "jøb_1", strings.Repeat("a", 33), "a/b"} {
		p := idPart(odd)
		require.Regexp(t, `^h[0-9a-f]{20}$`, p, odd)
		require.Equal(t, p, idPart(odd), "deterministic")
	}
}

// TestPlan walks an ad's lives: every ORDERNO follows from the ad, the
// previous publication and the day, so a retry sends the same one.
func TestPlan(t *testing.T) {
	a := connectors.PublishedAd{ID: "job_1", CreatedAt: time.Date(2026, 3, 1, 23, 30, 0, 0, ad.Oslo)}
	now := testNow // 2 March 2026
	live := func(ref string, updated time.Time) *connectors.Publication {
		return &connectors.Publication{State: connectors.PublicationLive, Reference: ref, UpdatedAt: updated}
	}
	withdrawn := func(ref, reason string, updated time.Time) *connectors.Publication {
		return &connectors.Publication{State: connectors.PublicationWithdrawn, Reference: ref, Reason: reason, UpdatedAt: updated}
	}
	later := func(days int) time.Time { return now.AddDate(0, 0, days) }
	for _, c := range []struct {
		name        string
		ad          connectors.PublishedAd
		prev        *connectors.Publication
		now         time.Time
		readvertise bool
		step        step
		want        string
	}{
		{"new: the day it was created", a, nil, now, false, stepUpload, "job-1-1-20260301"},
		{"new, retried a week later", a, nil, later(6), false, stepUpload, "job-1-1-20260301"},
		{"new, first sent long after creation", a, nil, later(20), false, stepUpload, "job-1-1-20260322"},
		{"new, created in the future (clock skew)", connectors.PublishedAd{ID: "job_1", CreatedAt: later(1)}, nil, now, false, stepUpload, "job-1-1-20260302"},
		{"new, no creation time", connectors.PublishedAd{ID: "job_1"}, nil, now, false, stepUpload, "job-1-1-20260302"},
		{"foreign reference", a, live("10100576", now), now, false, stepUpload, "job-1-1-20260301"},
		{"update", a, live("job-1-1-20260301", now), later(40), false, stepUpload, "job-1-1-20260301"},
		{"update on the last day", a, live("job-1-1-20260301", now), time.Date(2026, 4, 11, 23, 59, 0, 0, ad.Oslo), true, stepUpload, "job-1-1-20260301"},
		{"ended, re-advertised", a, live("job-1-1-20260301", now), time.Date(2026, 4, 12, 0, 0, 0, 0, ad.Oslo), true, stepUpload, "job-1-2-20260412"},
		{"ended, re-advertised late", a, live("job-1-1-20260301", now), later(60), true, stepUpload, "job-1-2-20260501"},
		{"ended, not re-advertised", a, live("job-1-1-20260301", now), later(41), false, stepStop, "job-1-1-20260301"},
		{"rejected, ended", a, &connectors.Publication{State: connectors.PublicationRejected, Reference: "job-1-1-20260301"}, later(41), false, stepStop, "job-1-1-20260301"},
		{"stopped for the limit stays so", a, withdrawn("job-1-1-20260301", ReasonLifeEnded, later(41)), later(50), false, stepNone, "job-1-1-20260301"},
		{"stopped for the limit, now re-advertised", a, withdrawn("job-1-1-20260301", ReasonLifeEnded, later(41)), later(45), true, stepUpload, "job-1-2-20260412"},
		{"withdrawn and back", a, withdrawn("job-1-1-20260301", "", later(3)), later(4), false, stepUpload, "job-1-2-20260305"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, o, err := plan(c.ad, c.prev, c.now, c.readvertise)
			require.NoError(t, err)
			require.Equal(t, c.step, st)
			require.Equal(t, c.want, o.String())
		})
	}
	_, _, err := plan(a, live("job-1-999-20260101", now), later(90), true)
	require.ErrorContains(t, err, "999 lives")
}
