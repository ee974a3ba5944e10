package sim

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// reachMeeWire renders ReachMee's public RSS export, GET
// /Public/rssfeed/external.ashx?id={siteId}&InstallationID={Ixxx}&CustomerName={customer}&lang={UK|SE|NO|DK}
// (research/ats-vendors.md §4; third-party code, so [C, third party]):
// RSS 2.0 with every published vacancy in one response, with ReachMee's
// own item elements. The id attributes' values are [U]; these are stable
// hashes. pubDateTo is written as a date, 2006-01-02.
type reachMeeWire struct{ site, installation, customer string }

type rmRSS struct {
	XMLName xml.Name  `xml:"rss"`
	Version string    `xml:"version,attr"`
	Channel rmChannel `xml:"channel"`
}

type rmChannel struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	Description string   `xml:"description"`
	Items       []rmItem `xml:"item"`
}

type rmItem struct {
	Title           string  `xml:"title"`
	Description     string  `xml:"description"`
	Link            string  `xml:"link"`
	PubDate         string  `xml:"pubDate"`
	PubDateTo       string  `xml:"pubDateTo"`
	CommAdSeqNo     string  `xml:"CommAdSeqNo"`
	Area1           rmCoded `xml:"Area1"`
	Area2           rmCoded `xml:"Area2"`
	Country         rmCoded `xml:"country"`
	OccupationArea  rmCoded `xml:"occupationArea"`
	Position        rmCoded `xml:"Position"`
	Org1            string  `xml:"Org1"`
	Org2            string  `xml:"Org2,omitempty"`
	Org3            string  `xml:"Org3,omitempty"`
	WorkingHours    rmCoded `xml:"workingHours"`
	EmploymentLevel rmCoded `xml:"employmentLevel"`
}

// rmCoded is an element with an id attribute and text, as <Area1 id="3">Oslo</Area1>.
type rmCoded struct {
	ID   string `xml:"id,attr"`
	Text string `xml:",chardata"`
}

// cet is the zone of pubDate; ReachMee is Swedish. Daylight saving is
// ignored, so no time zone database is needed.
var cet = time.FixedZone("CET", 3600)

func (m reachMeeWire) vendor() Vendor                 { return VendorReachMee }
func (m reachMeeWire) key() string                    { return ReachMeeKey(m.site, m.installation, m.customer) }
func (m reachMeeWire) hasXML() bool                   { return true }
func (m reachMeeWire) conditional() bool              { return true }
func (m reachMeeWire) format(url.Values) string       { return "rss" }
func (m reachMeeWire) listKey(q url.Values) string    { return lang(q) }
func (m reachMeeWire) genID(i int) string             { return numericID(m.key(), i) }
func (m reachMeeWire) one(Posting, url.Values) []byte { return nil }
func (m reachMeeWire) url(base string) string {
	return ReachMeeURL(base, m.site, m.installation, m.customer, "NO")
}

// ReachMeeURL is an installation site's RSS export URL on a Feeds server
// at base (standing in for https://site{NNN}.reachmee.com).
func ReachMeeURL(base, siteID, installationID, customer, lang string) string {
	return strings.TrimRight(base, "/") + "/Public/rssfeed/external.ashx?id=" + url.QueryEscape(siteID) +
		"&InstallationID=" + url.QueryEscape(installationID) + "&CustomerName=" + url.QueryEscape(customer) + "&lang=" + url.QueryEscape(lang)
}

func (m reachMeeWire) list(ps []Posting, q url.Values) []byte {
	l := lang(q)
	items := make([]rmItem, len(ps))
	for i, p := range ps {
		items[i] = m.item(p, l)
	}
	return m.marshal(items, l)
}

func (m reachMeeWire) empty(q url.Values) []byte { return m.marshal(nil, lang(q)) }

func (m reachMeeWire) marshal(items []rmItem, lang string) []byte {
	rss := rmRSS{Version: "2.0", Channel: rmChannel{Title: m.customer + " - " + rmLabel("vacancies", lang),
		Link: m.career(lang), Description: rmLabel("vacancies", lang), Items: items}}
	b, err := xml.Marshal(rss)
	if err != nil {
		panic("sim: encode ReachMee RSS: " + err.Error())
	}
	return append([]byte(xml.Header), b...)
}

// career is the career-site link; a job's adds rmpage=job&rmjob={id}.
func (m reachMeeWire) career(lang string) string {
	sum := sha256.Sum256([]byte(m.key()))
	return "https://web103.reachmee.com/ext/" + m.installation + "/" + url.PathEscape(m.customer) +
		"/main?site=" + url.QueryEscape(m.site) + "&validator=" + hex.EncodeToString(sum[:16]) + "&lang=" + lang
}

func (m reachMeeWire) item(p Posting, lang string) rmItem {
	link := p.ApplyURL
	if link == "" {
		link = m.career(lang) + "&rmpage=job&rmjob=" + url.QueryEscape(p.ID)
	}
	it := rmItem{Title: p.Title, Description: p.fullHTML(), Link: link, PubDateTo: p.Deadline, CommAdSeqNo: p.ID,
		Area1: coded("Area1", p.Region), Area2: coded("Area2", cmp.Or(p.Municipality, p.City)), Country: coded("country", rmCountry(p.Country, lang)),
		OccupationArea: coded("occupationArea", p.Category), Position: coded("Position", p.Occupation), Org1: p.Company, Org2: p.Department, Org3: p.Team,
		WorkingHours: coded("workingHours", rmLabel(p.Extent, lang)), EmploymentLevel: coded("employmentLevel", rmLabel(p.EmploymentType, lang))}
	if !p.Created.IsZero() {
		it.PubDate = p.Created.In(cet).Format(time.RFC1123Z)
	}
	return it
}

// coded is an element's text with a stable id for it, per element.
func coded(element, s string) rmCoded {
	if s == "" {
		return rmCoded{}
	}
	return rmCoded{ID: strconv.Itoa(smallID(element + ":" + s)), Text: s}
}

// lang is the export's language, UK when absent or unknown.
func lang(q url.Values) string {
	switch l := strings.ToUpper(queryFold(q, "lang")); l {
	case "SE", "NO", "DK":
		return l
	}
	return "UK"
}

// queryFold is the first value of the query parameter named name, in any case.
func queryFold(q url.Values, name string) string {
	if v, ok := q[name]; ok && len(v) > 0 {
		return v[0]
	}
	for k, v := range q {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}
