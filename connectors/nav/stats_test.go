package nav

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ad"
)

// statsSample is the example of navikt/pam-import-api docs/index.md
// "Stats", made valid JSON, with one row of an unknown type.
const statsSample = `{"content":[
 {"id":1193,"providerId":10041,"uuid":"a8778ad6-315f-4be4-a6f0-65c3d55822c9","reference":"234543","type":"pageviews","total":44,
  "created":"2021-12-07T08:07:41.094211","updated":"2021-12-08T08:09:30.159884"},
 {"id":4587,"providerId":10041,"uuid":"ff3109f6-2bcb-422b-b7a1-f8ebe657baa8","reference":"244838","type":"applicationurlclicks","total":1,
  "created":"2021-12-08T03:08:59.178562","updated":"2021-12-08T03:08:59"},
 {"id":4588,"providerId":10041,"uuid":"x","reference":"244838","type":"unknown","total":3,"updated":"2021-12-08T03:08:59"}],
 "pageable":{"number":0,"sort":{"orderBy":[{"property":"updated","direction":"ASC","ignoreCase":false,"ascending":true}]},"size":1000},
 "empty":false,"size":1000,"offset":0,"pageNumber":0,"numberOfElements":3}`

func TestParseStats(t *testing.T) {
	stats, n, err := ParseStats([]byte(statsSample))
	require.NoError(t, err)
	require.Equal(t, 3, n, "the page's size counts every row, for paging")
	require.Len(t, stats, 2, "an unknown type is left out")
	require.Equal(t, "234543", stats[0].Reference)
	require.Equal(t, StatPageViews, stats[0].Metric)
	require.Equal(t, int64(44), stats[0].Total)
	// 08:09:30 in Oslo in December is 07:09:30 UTC.
	require.Equal(t, time.Date(2021, 12, 8, 7, 9, 30, 159884000, time.UTC), stats[0].UpdatedAt)
	require.Equal(t, StatApplyURL, stats[1].Metric)

	_, _, err = ParseStats([]byte(`<html>`))
	require.Error(t, err)
	stats, n, err = ParseStats([]byte(`{"content":[{"reference":"","type":"pageviews","total":1,"updated":"2021-12-08T03:08:59"},
		{"reference":"r","type":"pageviews","total":-1,"updated":"2021-12-08T03:08:59"},
		{"reference":"r","type":"pageviews","total":1,"updated":"yesterday"}]}`))
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.Empty(t, stats, "no reference, a negative total or an unreadable time is left out")
}

func FuzzParseStats(f *testing.F) {
	f.Add([]byte(statsSample))
	f.Add([]byte(`{"content":[],"numberOfElements":500}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, body []byte) {
		stats, n, err := ParseStats(body)
		if err != nil {
			return
		}
		require.GreaterOrEqual(t, n, len(stats))
		for _, s := range stats {
			require.NotEmpty(t, s.Reference)
			require.GreaterOrEqual(t, s.Total, int64(0))
			require.Contains(t, []string{StatPageViews, StatApplyURL}, s.Metric)
		}
	})
}

// TestReportStatsPages checks the request (path, token, from 22 hours
// back in Oslo time, sorted by updated, StatsPageSize rows a page), that a
// full page is followed by the next and a short one ends the fetch, and
// that a refusal is an error naming the token.
func TestReportStatsPages(t *testing.T) {
	row := `{"uuid":"u","reference":"r%d","type":"pageviews","total":%d,"updated":"2026-07-01T10:00:00.5"}`
	c, f := serve(t, func(w http.ResponseWriter, cl call) {
		q, _ := url.ParseQuery(cl.Query)
		if q.Get("page") == "0" {
			rows := make([]string, StatsPageSize)
			for i := range rows {
				rows[i] = fmt.Sprintf(row, i, i)
			}
			reply(w, http.StatusOK, `{"content":[`+strings.Join(rows, ",")+`],"numberOfElements":`+strconv.Itoa(StatsPageSize)+`}`)
			return
		}
		reply(w, http.StatusOK, `{"content":[`+fmt.Sprintf(row, 1000, 7)+`],"numberOfElements":1}`)
	})
	stats, err := c.ReportStats(context.Background(), time.Time{})
	require.NoError(t, err)
	require.Len(t, stats, StatsPageSize+1)
	require.Equal(t, "r1000", stats[StatsPageSize].Reference)
	calls := f.Calls()
	require.Len(t, calls, 2)
	require.Equal(t, "/stillingsimport/api/v1/stats/"+provider, calls[0].Path)
	require.Equal(t, "Bearer "+token, calls[0].Auth)
	q, _ := url.ParseQuery(calls[1].Query)
	require.Equal(t, "1", q.Get("page"))
	require.Equal(t, "updated,asc", q.Get("sort"))
	require.Equal(t, strconv.Itoa(StatsPageSize), q.Get("size"))
	require.Equal(t, now.Add(-StatsWindow).In(ad.Oslo).Format("2006-01-02T15:04"), q.Get("from"), "an old since is clamped inside NAV's 24 hours")

	refused, _ := serve(t, func(w http.ResponseWriter, _ call) { http.Error(w, "Unauthorized", http.StatusUnauthorized) })
	_, err = refused.ReportStats(context.Background(), time.Time{})
	require.ErrorContains(t, err, "JOBGATE_NAV_TOKEN")
}
