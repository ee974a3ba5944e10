package httpapi

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/store"
)

// feedSize is how many jobs the feed lists at most.
const feedSize = 100

// excerptRunes bounds an item's description.
const excerptRunes = 300

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Description string   `xml:"description,omitempty"`
	Categories  []string `xml:"category"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// feed is GET /feed.rss (and /feed.xml): the board's live jobs as RSS 2.0,
// newest first (or by deadline with sort=deadline), at most feedSize (or
// limit), with the listing's filters. The text is escaped by encoding/xml;
// each item's description is a plain-text excerpt of the ad's.
func (h *handlers) feed(c *gin.Context) {
	q, bad := jobQuery(c, feedSize, feedSize)
	if len(bad) > 0 {
		abortFields(c, http.StatusBadRequest, codeInvalidQuery, "invalid query parameters", bad)
		return
	}
	q.Cursor = ""
	recs, _, err := h.d.Store.ListJobs(c.Request.Context(), q)
	if err != nil {
		abortInternal(c, err)
		return
	}
	doc := rss{Version: "2.0", Channel: rssChannel{Title: "Jobs", Link: strings.TrimRight(h.d.PublicURL, "/") + "/",
		Description: "Open jobs on the board", LastBuildDate: time.Now().UTC().Format(time.RFC1123Z), Items: []rssItem{}}}
	for _, rec := range recs {
		doc.Channel.Items = append(doc.Channel.Items, h.feedItem(rec))
	}
	out, err := xml.MarshalIndent(doc, "", " ")
	if err != nil {
		abortInternal(c, err)
		return
	}
	c.Data(http.StatusOK, "application/rss+xml; charset=utf-8", append([]byte(xml.Header), out...))
}

func (h *handlers) feedItem(rec store.AdRecord) rssItem {
	var a ad.Ad
	_ = json.Unmarshal(rec.Content, &a)
	link := board.JobURL(h.d.PublicURL, rec.ID)
	title := a.Title
	if a.Employer.Name != "" {
		title += " – " + a.Employer.Name
	}
	return rssItem{Title: title, Link: link, GUID: rssGUID{IsPermaLink: true, Value: link},
		PubDate: rec.CreatedAt.UTC().Format(time.RFC1123Z), Description: excerpt(plainText(a.Description), excerptRunes), Categories: a.Categories}
}

// plainText is sanitised HTML (the ad's description) as text: tags become
// spaces, entities characters, runs of white space one space. The
// description was sanitised on the way in, so every '<' in it opens a tag.
func plainText(s string) string {
	var b strings.Builder
	inTag := false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
			b.WriteByte(' ')
		case r == '>' && inTag:
			inTag = false
		case !inTag:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// excerpt cuts s to at most n runes, at a word's end, marked with "…".
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}
