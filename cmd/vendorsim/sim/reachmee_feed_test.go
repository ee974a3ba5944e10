package sim

import (
	"encoding/xml"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// rssDoc has ReachMee's element names (research/ats-vendors.md §4).
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		Description string `xml:"description"`
		Items       []struct {
			Title           string      `xml:"title"`
			Description     string      `xml:"description"`
			Link            string      `xml:"link"`
			PubDate         string      `xml:"pubDate"`
			PubDateTo       string      `xml:"pubDateTo"`
			CommAdSeqNo     string      `xml:"CommAdSeqNo"`
			Area1           rssCodedDoc `xml:"Area1"`
			Area2           rssCodedDoc `xml:"Area2"`
			Country         rssCodedDoc `xml:"country"`
			OccupationArea  rssCodedDoc `xml:"occupationArea"`
			Position        rssCodedDoc `xml:"Position"`
			Org1            string      `xml:"Org1"`
			Org2            string      `xml:"Org2"`
			Org3            string      `xml:"Org3"`
			WorkingHours    rssCodedDoc `xml:"workingHours"`
			EmploymentLevel rssCodedDoc `xml:"employmentLevel"`
		} `xml:"item"`
	} `xml:"channel"`
}

type rssCodedDoc struct {
	ID   string `xml:"id,attr"`
	Text string `xml:",chardata"`
}

func TestReachMeeServesRSS(t *testing.T) {
	fs, srv := newFeedServer(t)
	feed := fs.ReachMee("12", "I003", "acme")
	require.Equal(t, "12:I003:acme", feed.Key())
	feed.Generate(6)
	resp, body := get(t, ReachMeeURL(srv.URL, "12", "I003", "acme", "NO"))
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "application/rss+xml; charset=utf-8", resp.Header.Get("Content-Type"))
	require.Contains(t, string(body), "&lt;p&gt;", "the description is HTML encoded as text")
	var doc rssDoc
	require.NoError(t, xml.Unmarshal(body, &doc))
	require.Equal(t, "2.0", doc.Version)
	require.NotEmpty(t, doc.Channel.Title)
	require.Len(t, doc.Channel.Items, 6)
	for i, it := range doc.Channel.Items {
		p, ok := feed.Posting(it.CommAdSeqNo)
		require.True(t, ok)
		require.Equal(t, feed.GeneratedID(i+1), it.CommAdSeqNo)
		require.Regexp(t, `^[0-9]+$`, it.CommAdSeqNo)
		require.Equal(t, p.Title, it.Title)
		require.True(t, strings.HasPrefix(html.UnescapeString(it.Description), "<p>"))
		require.True(t, strings.HasPrefix(it.Link, "https://web103.reachmee.com/ext/I003/acme/main?site=12&validator="), it.Link)
		require.True(t, strings.HasSuffix(it.Link, "&lang=NO&rmpage=job&rmjob="+it.CommAdSeqNo), it.Link)
		_, err := time.Parse(time.RFC1123Z, it.PubDate)
		require.NoError(t, err)
		require.Equal(t, p.Deadline, it.PubDateTo)
		_, err = time.Parse("2006-01-02", it.PubDateTo)
		require.NoError(t, err)
		require.Equal(t, p.Region, it.Area1.Text)
		require.Equal(t, p.Municipality, it.Area2.Text)
		require.Equal(t, "Norge", it.Country.Text)
		for _, c := range []rssCodedDoc{it.Area1, it.Area2, it.Country, it.OccupationArea, it.Position, it.WorkingHours, it.EmploymentLevel} {
			require.Regexp(t, `^[0-9]+$`, c.ID)
		}
		require.Contains(t, []string{"Heltid", "Deltid"}, it.WorkingHours.Text)
		require.Contains(t, []string{"Fast ansettelse", "Midlertidig ansettelse"}, it.EmploymentLevel.Text)
		require.Equal(t, p.Company, it.Org1)
		require.Equal(t, p.Department, it.Org2)
	}

	_, body = get(t, srv.URL+"/Public/rssfeed/external.ashx?ID=12&installationid=I003&customername=acme&LANG=uk")
	doc = rssDoc{}
	require.NoError(t, xml.Unmarshal(body, &doc))
	require.Len(t, doc.Channel.Items, 6, "query names are case-insensitive")
	require.Contains(t, []string{"Full time", "Part time"}, doc.Channel.Items[0].WorkingHours.Text)
	require.Equal(t, "Norway", doc.Channel.Items[0].Country.Text)

	for _, q := range []string{"id=13&InstallationID=I003&CustomerName=acme", "id=12&InstallationID=I004&CustomerName=acme", "id=12&InstallationID=I003&CustomerName=other", ""} {
		resp, _ := get(t, srv.URL+"/Public/rssfeed/external.ashx?"+q)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, q)
	}
}

// TestConditionalRequests checks the [I]/[U] validators on the XML feeds,
// and that Lever sends none.
func TestConditionalRequests(t *testing.T) {
	fs, srv := newFeedServer(t)
	for _, feed := range []*Feed{fs.Jobylon("h"), fs.ReachMee("1", "I001", "c")} {
		feed.Generate(3)
		url := feed.URL(srv.URL)
		resp, body := get(t, url)
		etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		require.Regexp(t, `^"[0-9a-f]{32}"$`, etag)
		require.NotEmpty(t, lastMod)

		resp, again := get(t, url, "If-None-Match", etag)
		require.Equal(t, http.StatusNotModified, resp.StatusCode)
		require.Empty(t, again)
		require.Equal(t, etag, resp.Header.Get("ETag"))
		require.Equal(t, etag, feed.LastIfNoneMatch())
		resp, _ = get(t, url, "If-None-Match", `"other", W/`+etag)
		require.Equal(t, http.StatusNotModified, resp.StatusCode, "weak comparison, a list")
		resp, _ = get(t, url, "If-Modified-Since", lastMod)
		require.Equal(t, http.StatusNotModified, resp.StatusCode)
		resp, _ = get(t, url, "If-None-Match", `"other"`, "If-Modified-Since", lastMod)
		require.Equal(t, http.StatusOK, resp.StatusCode, "If-None-Match wins over If-Modified-Since")

		feed.Change(0.34)
		resp, changed := get(t, url, "If-None-Match", etag, "If-Modified-Since", lastMod)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.NotEqual(t, body, changed)
		require.NotEqual(t, etag, resp.Header.Get("ETag"))
		resp, _ = get(t, url, "If-Modified-Since", lastMod)
		require.Equal(t, http.StatusOK, resp.StatusCode, "Last-Modified moved on")
		require.Equal(t, 7, feed.Requests())
		require.Equal(t, 3, feed.NotModified())
	}
	lever := fs.Lever("acme")
	lever.Generate(1)
	resp, _ := get(t, lever.URL(srv.URL), "If-None-Match", "*", "If-Modified-Since", time.Now().Add(time.Hour).Format(http.TimeFormat))
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Empty(t, resp.Header.Get("ETag"))
	require.Empty(t, resp.Header.Get("Last-Modified"))
}
