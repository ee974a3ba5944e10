package reachmee

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// Feed is the RSS export: the channel's title and its items.
type Feed struct {
	Title string
	Items []Item
}

// Item is one vacancy of the export, with the elements jobgate uses
// (research/ats-vendors.md §4). ReachMee's own element names are
// mixed-case (CommAdSeqNo, Area1, occupationArea); they are matched
// without regard to case, as nothing documents the casing.
type Item struct {
	Title           string
	Description     string
	Link            string
	PubDateTo       string
	CommAdSeqNo     string
	Area1           string
	Area2           string
	Country         string
	OccupationArea  string
	Position        string
	Org1            string
	Org2            string
	Org3            string
	WorkingHours    string
	EmploymentLevel string
}

// Reference is the ad's key: ReachMee's CommAdSeqNo, the vacancy id that
// is also the rmjob parameter of the item's link.
func (it Item) Reference() string { return strings.TrimSpace(it.CommAdSeqNo) }

// UnmarshalXML reads an <item>'s child elements by name. The first
// non-empty value of an element repeated is kept; elements of another
// namespace (atom:link, dc:*) are skipped so they cannot stand in for
// RSS's own.
func (it *Item) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	fields := map[string]*string{"title": &it.Title, "description": &it.Description, "link": &it.Link,
		"pubdateto": &it.PubDateTo, "commadseqno": &it.CommAdSeqNo, "area1": &it.Area1, "area2": &it.Area2,
		"country": &it.Country, "occupationarea": &it.OccupationArea, "position": &it.Position,
		"org1": &it.Org1, "org2": &it.Org2, "org3": &it.Org3, "workinghours": &it.WorkingHours,
		"employmentlevel": &it.EmploymentLevel}
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			var s string
			if err := d.DecodeElement(&s, &t); err != nil {
				return err
			}
			p, ok := fields[strings.ToLower(t.Name.Local)]
			if ok && t.Name.Space == start.Name.Space && *p == "" {
				*p = strings.TrimSpace(s)
			}
		}
	}
}

type channel struct {
	Title string `xml:"title"`
	Items []Item `xml:"item"`
}

// ParseFeed reads an RSS 2.0 export. It fails on anything but an <rss>
// document with a <channel> (an HTML page, a cut body), on a document
// that declares entities (encoding/xml expands no custom or external
// entity, and an undeclared one is an error), and on an item without a
// CommAdSeqNo or with one listed twice, so a damaged export withdraws
// nothing.
func ParseFeed(body []byte) (Feed, error) {
	ch, err := decodeChannel(body)
	if err != nil {
		return Feed{}, fmt.Errorf("reachmee: malformed feed: %w", err)
	}
	seen := make(map[string]bool, len(ch.Items))
	for i, it := range ch.Items {
		ref := it.Reference()
		if ref == "" {
			return Feed{}, fmt.Errorf("reachmee: item %d has no CommAdSeqNo", i)
		}
		if seen[ref] {
			return Feed{}, fmt.Errorf("reachmee: item %s is listed twice", ref)
		}
		seen[ref] = true
	}
	return Feed{Title: strings.TrimSpace(ch.Title), Items: ch.Items}, nil
}
