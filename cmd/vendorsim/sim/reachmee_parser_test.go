package sim

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors/reachmee"
)

// TestReachMeeFeedIsReadByTheConnector checks the export against jobgate's
// own parser and mapping, in every export language.
func TestReachMeeFeedIsReadByTheConnector(t *testing.T) {
	fs, srv := newFeedServer(t)
	feed := fs.ReachMee("12", "I003", "acme")
	feed.Generate(10)
	for _, lang := range []string{"UK", "SE", "NO", "DK"} {
		_, body := get(t, ReachMeeURL(srv.URL, "12", "I003", "acme", lang))
		parsed, err := reachmee.ParseFeed(body)
		require.NoError(t, err, lang)
		require.Len(t, parsed.Items, 10, lang)
		for _, it := range parsed.Items {
			p, ok := feed.Posting(it.Reference())
			require.True(t, ok, lang)
			a := it.Ad(p.Company)
			require.Equal(t, p.Title, a.Title, lang)
			require.Equal(t, p.Deadline, a.Deadline, lang)
			require.Equal(t, p.EmploymentType, a.EmploymentType, "%s %s", lang, it.EmploymentLevel)
			require.Equal(t, p.Extent, a.Extent, "%s %s", lang, it.WorkingHours)
			require.Equal(t, p.City, a.Locations[0].City, lang)
			require.Equal(t, "NO", a.Locations[0].Country, lang)
			require.Contains(t, a.Description, "<p>", lang)
		}
	}
}
