package sim

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// leverWire renders a site of Lever's Postings API, GET
// /v0/postings/{site}?mode=json (research/ats-vendors.md §2.1, from
// github.com/lever/postings-api): a JSON array of the published postings,
// paginated by skip and limit, filtered by location, commitment, team and
// department (several values of one are ORed). mode is not checked: the
// simulator speaks JSON only. Lever documents no conditional requests, so
// there is no ETag.
type leverWire struct {
	site string
	eu   bool
}

// leverPosting is one posting with the documented field names (§2.1).
type leverPosting struct {
	ID                     string          `json:"id"`
	Text                   string          `json:"text"`
	Categories             leverCategories `json:"categories"`
	Country                string          `json:"country,omitempty"`
	Opening                string          `json:"opening"`
	OpeningPlain           string          `json:"openingPlain"`
	Description            string          `json:"description"`
	DescriptionPlain       string          `json:"descriptionPlain"`
	DescriptionBody        string          `json:"descriptionBody"`
	DescriptionBodyPlain   string          `json:"descriptionBodyPlain"`
	Lists                  []leverList     `json:"lists"`
	Additional             string          `json:"additional"`
	AdditionalPlain        string          `json:"additionalPlain"`
	HostedURL              string          `json:"hostedUrl"`
	ApplyURL               string          `json:"applyUrl"`
	WorkplaceType          string          `json:"workplaceType"`
	SalaryRange            *leverSalary    `json:"salaryRange,omitempty"`
	SalaryDescription      string          `json:"salaryDescription,omitempty"`
	SalaryDescriptionPlain string          `json:"salaryDescriptionPlain,omitempty"`
	CreatedAt              int64           `json:"createdAt"`
}

type leverCategories struct {
	Location     string   `json:"location,omitempty"`
	Commitment   string   `json:"commitment,omitempty"`
	Team         string   `json:"team,omitempty"`
	Department   string   `json:"department,omitempty"`
	AllLocations []string `json:"allLocations"`
}

type leverList struct {
	Text    string `json:"text"`
	Content string `json:"content"`
}

type leverSalary struct {
	Currency string `json:"currency"`
	Interval string `json:"interval"`
	Min      int    `json:"min"`
	Max      int    `json:"max"`
}

func (l leverWire) vendor() Vendor {
	if l.eu {
		return VendorLeverEU
	}
	return VendorLever
}

func (l leverWire) key() string                        { return l.site }
func (l leverWire) format(url.Values) string           { return "json" }
func (l leverWire) hasXML() bool                       { return false }
func (l leverWire) conditional() bool                  { return false }
func (l leverWire) empty(url.Values) []byte            { return []byte("[]") }
func (l leverWire) one(p Posting, _ url.Values) []byte { return marshalLever(l.posting(p)) }

func (l leverWire) url(base string) string {
	if l.eu {
		return LeverEUURL(base, l.site)
	}
	return LeverURL(base, l.site)
}

// LeverURL is a site's list URL on a Feeds server at base (standing in
// for https://api.lever.co).
func LeverURL(base, site string) string {
	return strings.TrimRight(base, "/") + "/v0/postings/" + url.PathEscape(site) + "?mode=json"
}

// LeverEUURL is a site's list URL on the EU instance: base+"/eu" stands
// in for https://api.eu.lever.co.
func LeverEUURL(base, site string) string { return LeverURL(strings.TrimRight(base, "/")+"/eu", site) }

// genID is a UUID-like id (Lever's ids are UUIDs) hashed from site and i.
func (l leverWire) genID(i int) string {
	sum := sha256.Sum256([]byte(l.site + "/" + strconv.Itoa(i)))
	h := []byte(hex.EncodeToString(sum[:16]))
	h[12], h[16] = '4', '8'
	return string(h[:8]) + "-" + string(h[8:12]) + "-" + string(h[12:16]) + "-" + string(h[16:20]) + "-" + string(h[20:])
}

var leverFilters = []string{"location", "commitment", "team", "department"}

func (l leverWire) listKey(q url.Values) string {
	k := url.Values{"skip": q["skip"], "limit": q["limit"]}
	for _, name := range leverFilters {
		k[name] = q[name]
	}
	return k.Encode()
}

// list filters, then pages: skip postings, then at most limit (no limit,
// or a non-positive one, is all).
func (l leverWire) list(ps []Posting, q url.Values) []byte {
	lps := make([]leverPosting, 0, len(ps))
	for _, p := range ps {
		if lp := l.posting(p); leverMatches(lp, q) {
			lps = append(lps, lp)
		}
	}
	skip, _ := strconv.Atoi(q.Get("skip"))
	lps = lps[min(max(skip, 0), len(lps)):]
	if limit, _ := strconv.Atoi(q.Get("limit")); limit > 0 && limit < len(lps) {
		lps = lps[:limit]
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for i, lp := range lps {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(marshalLever(lp))
	}
	b.WriteByte(']')
	return b.Bytes()
}

func leverMatches(lp leverPosting, q url.Values) bool {
	c := lp.Categories
	for name, have := range map[string][]string{"location": c.AllLocations, "commitment": {c.Commitment}, "team": {c.Team}, "department": {c.Department}} {
		if want := q[name]; len(want) > 0 && !slices.ContainsFunc(want, func(w string) bool { return slices.Contains(have, w) }) {
			return false
		}
	}
	return true
}

func marshalLever(lp leverPosting) []byte { return bytes.TrimSuffix(jsonBytes(lp), []byte("\n")) }
