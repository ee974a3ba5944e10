package privacy_test

import (
	"bytes"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/queue/queuetest"
	"github.com/jobgate/jobgate/internal/store"
)

// TestErasureLeavesNoTrace (issue 14, build 6): after one candidate's
// erasure and another's retention purge, with compaction, neither's
// e-mail, name or CV bytes is in the SQLite database file or its WAL (they
// were there before: the check can see them), and Redis holds no key or
// value mentioning them or their deliveries' tasks. The file check is
// SQLite's: Postgres keeps its files to itself (there the test checks the
// rows are gone and VACUUM runs; see README, Personal data).
func TestErasureLeavesNoTrace(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		r := open(t, m, privacy.Options{})
		in, expiring := r.tenant(t), r.tenant(t)
		ten := 10
		_, err := r.env.Store.SetRetention(actx(), expiring.AccountID, &ten, nil)
		require.NoError(t, err)
		erased, purged, kept := newPerson(), newPerson(), newPerson()
		e1 := r.apply(t, in, "t1", erased, true)
		e2 := r.apply(t, in, "t2", erased, false)
		require.NoError(t, r.env.Store.CompleteApplication(actx(), e1.Delivery.ID, 0, "ats-1"))
		p1 := r.apply(t, expiring, "t3", purged, true)
		r.apply(t, in, "t4", kept, true)
		gone := append(erased.markers(), purged.markers()...)
		path := r.env.Cfg.SQLitePath()
		if m.DatabaseURL == "" {
			require.Subset(t, found(t, path), gone, "before: the markers are in the files")
		}

		rec, err := r.svc.Erase(actx(), erased.email, "")
		require.NoError(t, err)
		require.Equal(t, 2, rec.Applications)
		r.now = time.Now().Add(11 * 24 * time.Hour)
		report, err := r.svc.Purge(actx())
		require.NoError(t, err)
		apps, _ := report.Totals()
		require.Equal(t, 1, apps)

		if m.DatabaseURL == "" {
			left := found(t, path)
			require.Empty(t, intersect(left, gone), "after: no erased or purged value is in the database file or its WAL")
			require.Subset(t, left, kept.markers(), "another candidate's data stays")
		}
		held, err := r.env.Store.HeldApplications(actx(), store.HeldQuery{CandidateKey: r.env.Box.CandidateKey(purged.email)})
		require.NoError(t, err)
		require.Empty(t, held)
		redisText := queuetest.Contents(t, r.qc.Redis)
		for _, v := range append(gone, e1.Delivery.ID, e2.Delivery.ID, p1.Delivery.ID) {
			require.NotContains(t, redisText, v, "Redis mentions an erased candidate or delivery")
		}
	})
}

// found lists, once each, the marker-like values (newPerson's) present
// in the database file and its WAL.
func found(t *testing.T, path string) []string {
	t.Helper()
	var data []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		data = append(data, b...)
	}
	var out []string
	for _, prefix := range []string{"cand-", "Fornavn", "Etternavn", "CVMARKER"} {
		for rest := data; ; {
			i := bytes.Index(rest, []byte(prefix))
			if i < 0 {
				break
			}
			end := i + len(prefix)
			for end < len(rest) && isMarkerByte(rest[end]) {
				end++
			}
			v := string(rest[i:end])
			if prefix == "cand-" && bytes.HasPrefix(rest[end:], []byte("@example.no")) {
				v += "@example.no"
			}
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
			rest = rest[end:]
		}
	}
	return out
}

func isMarkerByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z'
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
			}
		}
	}
	return out
}
