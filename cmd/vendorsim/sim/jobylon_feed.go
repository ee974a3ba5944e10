package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"net/url"
	"strings"
)

// jobylonWire renders a Jobylon partner feed, GET /feeds/{hash}/ and
// /feeds/{hash}/{job_id} (research/ats-vendors.md §3.1, from
// jobylon/jbl-developer source/api-feed.html.md): XML by default, JSON with
// ?format=json, each job in exactly the shape of Jobylon's own examples
// (vendor-examples/jobylon-feed-jobs-example.json and
// jobylon-feed-job-example.xml), without the optional video.
type jobylonWire struct{ hash string }

// jobylonJob is one job in the documented JSON shape, fields in the
// example's order; the XML (jobylon_xml.go) is written from it too.
type jobylonJob struct {
	ID             json.RawMessage     `json:"id"`
	Categories     []jobylonCategoryW  `json:"categories"`
	Company        jobylonCompany      `json:"company"`
	Contact        jobylonContact      `json:"contact"`
	Departments    []jobylonDepartment `json:"departments"`
	Title          string              `json:"title"`
	Slug           string              `json:"slug"`
	Descr          string              `json:"descr"`
	Skills         string              `json:"skills"`
	Function       string              `json:"function"`
	Experience     string              `json:"experience"`
	EmploymentType string              `json:"employment_type"`
	FromDate       string              `json:"from_date"`
	ToDate         string              `json:"to_date"`
	Language       string              `json:"language"`
	Locations      []jobylonLocationW  `json:"locations"`
	URLs           struct {
		Apply string `json:"apply"`
		Ad    string `json:"ad"`
	} `json:"urls"`
}

type jobylonCategoryW struct {
	Category struct {
		Text string `json:"text"`
		ID   int    `json:"id"`
	} `json:"category"`
}

// jobylonDepartment is {"department":{...}} in JSON, one <departments>
// element in XML (the XSD puts descr and id straight inside it).
type jobylonDepartment struct {
	Department struct {
		Descr string `json:"descr"`
		ID    int    `json:"id"`
	} `json:"department"`
}

type jobylonCompany struct {
	Logo     string `json:"logo"`
	Slug     string `json:"slug"`
	Descr    string `json:"descr"`
	Website  string `json:"website"`
	ID       int    `json:"id"`
	Industry string `json:"industry"`
	Name     string `json:"name"`
	Cover    string `json:"cover"`
}

type jobylonContact struct {
	Phone string `json:"phone"`
	Email string `json:"email"`
	Name  string `json:"name"`
	Photo string `json:"photo"`
}

type jobylonLocationW struct {
	Location jobylonLocation `json:"location"`
}

type jobylonLocation struct {
	City            string `json:"city"`
	Municipality    string `json:"municipality"`
	PostalCodeShort string `json:"postal_code_short"`
	CountryShort    string `json:"country_short"`
	Area1Short      string `json:"area_1_short"`
	CityShort       string `json:"city_short"`
	Area1           string `json:"area_1"`
	URL             string `json:"url"`
	PlaceID         string `json:"place_id"`
	Text            string `json:"text"`
	Country         string `json:"country"`
	PostalCode      string `json:"postal_code"`
}

func (j jobylonWire) vendor() Vendor    { return VendorJobylon }
func (j jobylonWire) key() string       { return j.hash }
func (j jobylonWire) hasXML() bool      { return true }
func (j jobylonWire) conditional() bool { return true }
func (j jobylonWire) url(base string) string {
	return JobylonURL(base, j.hash)
}

// JobylonURL is a feed's XML list URL on a Feeds server at base.
func JobylonURL(base, hash string) string {
	return strings.TrimRight(base, "/") + "/feeds/" + url.PathEscape(hash) + "/"
}

// JobylonJSONURL is a feed's JSON list URL.
func JobylonJSONURL(base, hash string) string { return JobylonURL(base, hash) + "?format=json" }

// genID is digits, as Jobylon's ids are numbers: a prefix from the hash,
// then i.
func (j jobylonWire) genID(i int) string { return numericID(j.hash, i) }

// numericID is a stable all-digit id: four digits from key, then i.
func numericID(key string, i int) string {
	return fmt.Sprintf("%d%04d", 1000+crc32.ChecksumIEEE([]byte(key))%9000, i)
}

func (j jobylonWire) format(q url.Values) string {
	if q.Get("format") == "json" {
		return "json"
	}
	return "xml"
}

func (j jobylonWire) listKey(q url.Values) string { return j.format(q) }

func (j jobylonWire) list(ps []Posting, q url.Values) []byte {
	jobs := make([]jobylonJob, len(ps))
	for i, p := range ps {
		jobs[i] = jobylonJobOf(p)
	}
	if j.format(q) == "json" {
		return jsonBytes(jobs)
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n<jobs>")
	for _, job := range jobs {
		writeJobylonXML(&b, job)
	}
	b.WriteString("</jobs>\n")
	return b.Bytes()
}

func (j jobylonWire) one(p Posting, q url.Values) []byte {
	job := jobylonJobOf(p)
	if j.format(q) == "json" {
		return jsonBytes(job)
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	writeJobylonXML(&b, job)
	return b.Bytes()
}

func (j jobylonWire) empty(q url.Values) []byte {
	if j.format(q) == "json" {
		return []byte("[]")
	}
	return []byte(`<?xml version="1.0" encoding="utf-8"?>` + "\n<jobs></jobs>\n")
}

// jsonBytes is v as JSON, HTML left unescaped as Jobylon's example has it.
func jsonBytes(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("sim: encode: " + err.Error())
	}
	return b.Bytes()
}
