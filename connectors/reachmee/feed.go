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

	// problem is why the item cannot be read as it came (its
	// connectors.Posting's Problem), or "".
	problem string
}

// Reference is the ad's key: ReachMee's CommAdSeqNo, the vacancy id that
// is also the rmjob parameter of the item's link.
func (it Item) Reference() string { return strings.TrimSpace(it.CommAdSeqNo) }

// UnmarshalXML reads an <item>'s child elements by name. The first
// non-empty value of an element repeated is kept; elements of another
// namespace (atom:link, dc:*) are skipped so they cannot stand in for
// RSS's own.
func (it *Item) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
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
			if p := it.field(t.Name.Local); p != nil && t.Name.Space == start.Name.Space && *p == "" {
				*p = strings.TrimSpace(s)
			}
		}
	}
}

// field is where the element named name goes, matched without regard to
// case; nil for an element jobgate does not use.
func (it *Item) field(name string) *string {
	switch strings.ToLower(name) {
	case "title":
		return &it.Title
	case "description":
		return &it.Description
	case "link":
		return &it.Link
	case "pubdateto":
		return &it.PubDateTo
	case "commadseqno":
		return &it.CommAdSeqNo
	case "area1":
		return &it.Area1
	case "area2":
		return &it.Area2
	case "country":
		return &it.Country
	case "occupationarea":
		return &it.OccupationArea
	case "position":
		return &it.Position
	case "org1":
		return &it.Org1
	case "org2":
		return &it.Org2
	case "org3":
		return &it.Org3
	case "workinghours":
		return &it.WorkingHours
	case "employmentlevel":
		return &it.EmploymentLevel
	}
	return nil
}

// channel is what decodeChannel reads of <channel>.
type channel struct {
	Title string
	Items []Item
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
