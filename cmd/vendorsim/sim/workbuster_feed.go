package sim

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash/crc32"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// workbusterWire renders a Workbuster customer's job feed, GET
// /jobs/feed/{customer}?format=json, in the shape the one public program
// that reads it expects (github.com/Naicah/Retargeting_app, snapshot
// 6093226: database/update_database.js, knex/seeds/ads_seed.js at 7f33026;
// connectors/workbuster's package doc lists what it shows):
//
//   - one JSON object whose "jobs" member lists every published job, no
//     paging; served as application/json ([I]);
//   - each job's id an integer, title, description_short (plain text),
//     last_application_timestamp (the closing day's 23:59:59 in
//     Europe/Stockholm, with its offset: +01:00 or +02:00),
//     published_first_date (a date), updated_timestamp (UTC with
//     milliseconds), apply_url (the job's page,
//     https://{customer}.workbuster.com/jobs/{id}-{slug}), image (an S3
//     URL), company {name, city}, location {city, name} and department
//     {name};
//   - the awkward parts the consumer copes with: location.city null with
//     location.name set (one job in four, by id), department null when
//     the job has none, last_application_timestamp null without a
//     deadline.
//
// What is unknown is not invented: no ETag or Last-Modified ([U]), no
// single-job route, and a request without format=json is answered 404
// (what Workbuster answers then is [U]; jobgate must not depend on it).
type workbusterWire struct{ customer string }

// workbusterJob is one job, fields in the consumer's order.
type workbusterJob struct {
	ID               json.RawMessage      `json:"id"`
	Title            string               `json:"title"`
	DescriptionShort string               `json:"description_short"`
	LastApplication  *string              `json:"last_application_timestamp"`
	PublishedFirst   string               `json:"published_first_date"`
	Updated          string               `json:"updated_timestamp"`
	ApplyURL         string               `json:"apply_url"`
	Image            string               `json:"image"`
	Company          workbusterCompany    `json:"company"`
	Location         workbusterLocation   `json:"location"`
	Department       *workbusterNamedUnit `json:"department"`
}

type workbusterCompany struct {
	Name string `json:"name"`
	City string `json:"city"`
}

type workbusterLocation struct {
	City *string `json:"city"`
	Name string  `json:"name"`
}

type workbusterNamedUnit struct {
	Name string `json:"name"`
}

func (w workbusterWire) vendor() Vendor                 { return VendorWorkbuster }
func (w workbusterWire) key() string                    { return w.customer }
func (w workbusterWire) url(base string) string         { return WorkbusterURL(base, w.customer) }
func (w workbusterWire) genID(i int) string             { return numericID(w.customer, i) }
func (w workbusterWire) format(url.Values) string       { return "json" }
func (w workbusterWire) hasXML() bool                   { return false }
func (w workbusterWire) conditional() bool              { return false }
func (w workbusterWire) listKey(url.Values) string      { return "json" }
func (w workbusterWire) one(Posting, url.Values) []byte { return nil }
func (w workbusterWire) empty(url.Values) []byte        { return []byte(`{"jobs":[]}`) }

// WorkbusterURL is a customer's feed URL on a Feeds server at base
// (standing in for https://api.workbuster.com).
func WorkbusterURL(base, customer string) string {
	return strings.TrimRight(base, "/") + "/jobs/feed/" + url.PathEscape(customer) + "?format=json"
}

func (w workbusterWire) list(ps []Posting, _ url.Values) []byte {
	jobs := make([]workbusterJob, len(ps))
	for i, p := range ps {
		jobs[i] = w.job(p)
	}
	return bytes.TrimSuffix(jsonBytes(map[string][]workbusterJob{"jobs": jobs}), []byte("\n"))
}

// stockholm is the zone of the customer's closing day.
var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic("sim: " + err.Error())
	}
	return loc
}()

func (w workbusterWire) job(p Posting) workbusterJob {
	j := workbusterJob{ID: jsonID(p.ID), Title: p.Title, DescriptionShort: workbusterShort(p),
		PublishedFirst: p.Created.UTC().Format(time.DateOnly),
		Updated:        p.Created.Add(time.Duration(p.Revision) * time.Hour).UTC().Format("2006-01-02T15:04:05.000Z"),
		ApplyURL:       p.ApplyURL, Image: workbusterImage(p.Company),
		Company:  workbusterCompany{Name: p.Company, City: p.City},
		Location: workbusterLocation{Name: cmp.Or(p.Municipality, p.City)}}
	if j.ApplyURL == "" {
		j.ApplyURL = "https://" + w.customer + ".workbuster.com/jobs/" + p.ID + "-" + slug(p.Title)
	}
	if d, err := time.ParseInLocation(time.DateOnly, p.Deadline, stockholm); err == nil {
		s := d.Add(24*time.Hour - time.Second).Format(time.RFC3339)
		j.LastApplication = &s
	}
	if city := p.City; city != "" && crc32.ChecksumIEEE([]byte(p.ID))%4 != 0 {
		j.Location.City = &city
	}
	if p.Department != "" {
		j.Department = &workbusterNamedUnit{Name: p.Department}
	}
	return j
}

// workbusterShort is the job's short description, plain text: its
// opening (or the start of its body) and Touch's revision marker.
func workbusterShort(p Posting) string {
	s := plainText(p.Opening)
	if s == "" {
		s = plainText(p.DescriptionHTML)
		if cut := strings.LastIndexByte(s[:min(len(s), 300)], ' '); len(s) > 300 && cut > 0 {
			s = s[:cut] + " …"
		}
	}
	if p.Revision > 0 {
		s += "\n\n" + plainText(p.revisionHTML())
	}
	return s
}

// workbusterImage is an S3 image URL shaped as the consumer's seed row.
func workbusterImage(company string) string {
	sum := sha256.Sum256([]byte(company))
	return "https://s3-eu-west-1.amazonaws.com/wb-bolt-production/account_" + strconv.Itoa(smallID(company)) +
		"/image-gallery/" + hex.EncodeToString(sum[:20]) + ".jpg"
}

// workbuster serves a customer's feed; only format=json is known.
func (fs *Feeds) workbuster(w http.ResponseWriter, r *http.Request) {
	f := fs.Lookup(VendorWorkbuster, r.PathValue("customer"))
	if f == nil || r.URL.Query().Get("format") != "json" {
		notFound(w, VendorWorkbuster)
		return
	}
	f.serve(w, r, "")
}
