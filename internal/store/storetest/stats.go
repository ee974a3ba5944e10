package storetest

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testAdStats checks that counts are added as increments (two flushes of
// the same row sum), that rows stay apart by ad, day and source, that the
// date range is inclusive and that concurrent flushes lose nothing.
func testAdStats(t *testing.T, s store.Store) {
	in := tenant(t, s)
	a, err := s.UpsertAd(ctx(), write(in, "r1", "Utvikler"))
	require.NoError(t, err)
	b, err := s.UpsertAd(ctx(), write(in, "r2", "Sykepleier"))
	require.NoError(t, err)
	adID := a.Ad.ID

	require.NoError(t, s.AddAdStats(ctx(), nil), "nothing to add is no error")
	require.NoError(t, s.AddAdStats(ctx(), []store.AdStats{
		{AdID: adID, Day: "2026-12-01", Source: "nav", Views: 3, ApplyStarts: 1},
		{AdID: adID, Day: "2026-12-01", Source: "example.com", Views: 1},
		{AdID: b.Ad.ID, Day: "2026-12-01", Source: "nav", Views: 7},
	}))
	require.NoError(t, s.AddAdStats(ctx(), []store.AdStats{
		{AdID: adID, Day: "2026-12-01", Source: "nav", Views: 2, Applications: 1, Delivered: 1},
		{AdID: adID, Day: "2026-12-02", Source: "finn", Views: 5},
	}))
	rows, err := s.ListAdStats(ctx(), adID, "2026-12-01", "2026-12-02")
	require.NoError(t, err)
	require.Equal(t, []store.AdStats{
		{AdID: adID, Day: "2026-12-01", Source: "example.com", Views: 1},
		{AdID: adID, Day: "2026-12-01", Source: "nav", Views: 5, ApplyStarts: 1, Applications: 1, Delivered: 1},
		{AdID: adID, Day: "2026-12-02", Source: "finn", Views: 5},
	}, rows)

	rows, err = s.ListAdStats(ctx(), adID, "2026-12-02", "2026-12-31")
	require.NoError(t, err)
	require.Len(t, rows, 1, "the range starts at from")
	rows, err = s.ListAdStats(ctx(), "no-such-ad", "2000-01-01", "2999-12-31")
	require.NoError(t, err)
	require.Empty(t, rows)

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			require.NoError(t, s.AddAdStats(ctx(), []store.AdStats{{AdID: b.Ad.ID, Day: "2026-12-03", Source: "board", Views: 1}}))
		})
	}
	wg.Wait()
	rows, err = s.ListAdStats(ctx(), b.Ad.ID, "2026-12-03", "2026-12-03")
	require.NoError(t, err)
	require.Len(t, rows, 1)
	require.Equal(t, int64(8), rows[0].Views, "concurrent increments all count")
}
