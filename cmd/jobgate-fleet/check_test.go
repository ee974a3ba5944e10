package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestParseTitleReadsTheRevisionMarker(t *testing.T) {
	ref, rev, ok := parseTitle(titleOf("fleet-12", 7))
	require.True(t, ok)
	require.Equal(t, "fleet-12", ref)
	require.Equal(t, 7, rev)
	for _, bad := range []string{"Søknadsjobb apply-1", "Lagermedarbeider fleet-1", "Lagermedarbeider fleet-1 rx"} {
		_, _, ok := parseTitle(bad)
		require.False(t, ok, bad)
	}
}

// holdingsOf is what the board, NAV and FINN hold of one live ad.
func holdingsOf(id, ref, board, nav, navStatus string, finn ...string) *holdings {
	h := &holdings{board: map[string]string{}, nav: map[string]navHeld{}, finn: map[string][]string{}}
	if board != "" {
		h.board[id] = board
	}
	if nav != "" {
		h.nav[id] = navHeld{status: navStatus, title: nav}
	}
	if len(finn) > 0 {
		h.finn[ref] = finn
	}
	return h
}

// TestCheckAdFindsWhatIsMissingStaleOrLeftBehind runs the ad ledger over
// holdings that are right, stale on one channel, duplicated on FINN, and
// left live after a withdrawal.
func TestCheckAdFindsWhatIsMissingStaleOrLeftBehind(t *testing.T) {
	f := &fleet{}
	live := &adState{ref: "fleet-1", id: "job_1", rev: 3, confirmed: 3}
	r3, r2 := titleOf("fleet-1", 3), titleOf("fleet-1", 2)
	for name, tc := range map[string]struct {
		a                    *adState
		h                    *holdings
		lost, dup, unsure, n int
	}{
		"everywhere":         {live, holdingsOf("job_1", "fleet-1", r3, r3, "RECEIVED", r3), 0, 0, 0, 0},
		"stale at NAV":       {live, holdingsOf("job_1", "fleet-1", r3, r2, "RECEIVED", r3), 1, 0, 0, 1},
		"stopped at NAV":     {live, holdingsOf("job_1", "fleet-1", r3, r3, "STOPPED", r3), 1, 0, 0, 1},
		"not on the board":   {live, holdingsOf("job_1", "fleet-1", "", r3, "RECEIVED", r3), 1, 0, 0, 1},
		"twice on FINN":      {live, holdingsOf("job_1", "fleet-1", r3, r3, "RECEIVED", r3, r3), 0, 1, 0, 1},
		"withdrawn, gone":    {&adState{ref: "fleet-1", id: "job_1", withdrawn: true}, holdingsOf("job_1", "fleet-1", "", r3, "STOPPED"), 0, 0, 0, 0},
		"withdrawn, on FINN": {&adState{ref: "fleet-1", id: "job_1", withdrawn: true}, holdingsOf("job_1", "fleet-1", "", r3, "STOPPED", r3), 1, 0, 0, 1},
		"unanswered push":    {&adState{ref: "fleet-1", id: "job_1", unsure: &adOp{kind: opPut, rev: 4}}, holdingsOf("job_1", "fleet-1", r3, r3, "RECEIVED", r3), 0, 0, 1, 1},
		"never taken":        {&adState{ref: "fleet-1", rev: 1}, holdingsOf("job_1", "fleet-1", "", "", ""), 0, 0, 0, 0},
	} {
		t.Run(name, func(t *testing.T) {
			v := &verdict{}
			f.checkAd(v, tc.h, tc.a)
			require.Equal(t, tc.lost, v.lost, "lost")
			require.Equal(t, tc.dup, v.duplicated, "duplicated")
			require.Equal(t, tc.unsure, v.unsure, "unsure")
			require.Len(t, v.problems, tc.n, "%v", v.problems)
		})
	}
}

func TestQuantiles(t *testing.T) {
	require.Equal(t, "none", quantiles(nil))
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	require.Equal(t, "p50 51ms p99 100ms max 100ms (n=100)", quantiles(ds))
	require.Equal(t, 100*time.Millisecond, ds[0], "the caller's order is left alone")
}

// TestCheckCountsStuckDeliveriesAndDuplicateCandidates: a pending delivery
// overdue beyond the reconcile interval and the reconciler's grace is
// stuck, one due just now is not; a candidate twice at the ATS is a
// duplicate.
func TestCheckCountsStuckDeliveriesAndDuplicateCandidates(t *testing.T) {
	f := &fleet{o: options{Reconcile: 2 * time.Second}}
	h := &holdings{atsByCandidate: map[string]int{"1": 1, "2": 2}, pending: []pendingDelivery{
		{ID: "dlv_stuck", NextAttemptAt: time.Now().Add(-time.Minute)},
		{ID: "dlv_due", NextAttemptAt: time.Now().Add(-time.Second)},
		{ID: "dlv_later", NextAttemptAt: time.Now().Add(time.Hour)},
	}}
	v := f.check(t.Context(), &load{}, nil, h)
	require.Equal(t, 1, v.stuck)
	require.Equal(t, 3, v.pending)
	require.Equal(t, 1, v.duplicated)
	require.False(t, v.clean())
	require.Len(t, v.problems, 2)
}
