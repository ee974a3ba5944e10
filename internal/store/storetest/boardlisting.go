package storetest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// boardAd is a write of an ad whose content carries the fields the board
// filters read.
func boardAd(in store.Integration, ref string, fields map[string]any) store.AdWrite {
	fields["title"] = ref
	content, _ := json.Marshal(fields)
	w := write(in, ref, ref)
	w.Content, w.Hash = content, "h:"+string(content)
	return w
}

// refs lists the references of a page, in order.
func refs(page []store.AdRecord) []string {
	out := []string{}
	for _, a := range page {
		out = append(out, a.Reference)
	}
	return out
}

func testBoardFilters(t *testing.T, s store.Store) {
	in := tenant(t, s)
	publish(t, s, boardAd(in, "oslo-it", map[string]any{"employment_type": "permanent", "extent": "full_time", "remote": "hybrid",
		"categories": []string{"IT", "Økonomi"}, "locations": []any{map[string]any{"city": "Oslo", "postal_code": "0155", "county": "Oslo", "country": "NO"}}}))
	publish(t, s, boardAd(in, "alesund", map[string]any{"employment_type": "temporary", "extent": "part_time",
		"categories": []string{"Helse"}, "locations": []any{map[string]any{"city": "Ålesund", "municipality": "Ålesund", "county": "Møre og Romsdal", "country": "NO"}}}))
	publish(t, s, boardAd(in, "stockholm", map[string]any{"employment_type": "contract", "remote": "full",
		"categories": []string{"IT-drift"}, "locations": []any{map[string]any{"city": "Norrköping", "postal_code": "114 55", "country": "SE"}}}))
	publish(t, s, boardAd(in, "bare", map[string]any{}))
	for _, c := range []struct {
		q    store.JobQuery
		want []string
	}{
		{store.JobQuery{Place: "oslo"}, []string{"oslo-it"}},
		{store.JobQuery{Place: "ÅLESUND"}, []string{"alesund"}},
		{store.JobQuery{Place: "møre  og romsdal"}, []string{"alesund"}},
		{store.JobQuery{Place: "0155"}, []string{"oslo-it"}},
		{store.JobQuery{Place: "11455"}, []string{"stockholm"}},
		{store.JobQuery{Place: "114 55"}, []string{"stockholm"}},
		{store.JobQuery{Place: "no"}, []string{"alesund", "oslo-it"}},
		{store.JobQuery{Place: "se"}, []string{"stockholm"}},
		{store.JobQuery{Place: "osl"}, []string{}},
		{store.JobQuery{Category: "it"}, []string{"oslo-it"}},
		{store.JobQuery{Category: "ØKONOMI"}, []string{"oslo-it"}},
		{store.JobQuery{Category: "it-drift"}, []string{"stockholm"}},
		{store.JobQuery{EmploymentType: "temporary"}, []string{"alesund"}},
		{store.JobQuery{EmploymentType: "volunteer"}, []string{}},
		{store.JobQuery{Extent: "full_time"}, []string{"oslo-it"}},
		{store.JobQuery{Extent: "part_time"}, []string{"alesund"}},
		{store.JobQuery{Remote: "full"}, []string{"stockholm"}},
		{store.JobQuery{Remote: "hybrid"}, []string{"oslo-it"}},
		{store.JobQuery{Remote: "none"}, []string{"bare", "alesund"}},
		{store.JobQuery{Place: "no", Extent: "full_time", Category: "it"}, []string{"oslo-it"}},
		{store.JobQuery{Place: "no", Extent: "part_time", Category: "it"}, []string{}},
	} {
		got, _, err := s.ListJobs(ctx(), c.q)
		require.NoError(t, err)
		require.Equal(t, c.want, refs(got), "query %+v", c.q)
	}
	for _, q := range []store.JobQuery{{Cursor: "garbage"}, {Sort: store.SortDeadline, Cursor: "x.job_1"}, {Sort: store.SortDeadline, Cursor: "job_1"}, {Sort: "oldest"}} {
		_, _, err := s.ListJobs(ctx(), q)
		require.ErrorIs(t, err, store.ErrInvalidCursor, "query %+v", q)
	}
}

func testBoardDeadlineSort(t *testing.T, s store.Store) {
	in := tenant(t, s)
	day := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	// Published in this order; the deadlines (days from day, -1 for none)
	// interleave with it.
	for _, a := range []struct {
		ref  string
		days int
	}{{"none-1", -1}, {"d3", 3}, {"d1-a", 1}, {"none-2", -1}, {"d2", 2}, {"d1-b", 1}, {"none-3", -1}} {
		w := boardAd(in, a.ref, map[string]any{"extent": "full_time"})
		if a.days >= 0 {
			w.DeadlineEnd = day.AddDate(0, 0, a.days)
			w.Deadline = w.DeadlineEnd.Format(time.DateOnly)
		}
		publish(t, s, w)
	}
	want := []string{"d1-b", "d1-a", "d2", "d3", "none-3", "none-2", "none-1"}
	all, next, err := s.ListJobs(ctx(), store.JobQuery{Sort: store.SortDeadline})
	require.NoError(t, err)
	require.Empty(t, next)
	require.Equal(t, want, refs(all), "soonest deadline first, newest first among equals, no deadline last")
	for size := 1; size <= 4; size++ {
		var got []string
		cursor := ""
		for pages := 0; ; pages++ {
			require.Less(t, pages, 10, "paging ends")
			page, next, err := s.ListJobs(ctx(), store.JobQuery{Sort: store.SortDeadline, Limit: size, Cursor: cursor, Extent: "full_time"})
			require.NoError(t, err)
			got = append(got, refs(page)...)
			if next == "" {
				break
			}
			cursor = next
		}
		require.Equal(t, want, got, "pages of %d give every ad once, in order", size)
	}
	newest, _, err := s.ListJobs(ctx(), store.JobQuery{Sort: store.SortNewest, Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []string{"none-3", "d1-b"}, refs(newest))
}
