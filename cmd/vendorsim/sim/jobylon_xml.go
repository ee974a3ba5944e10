package sim

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"hash/crc32"
	"html"
	"net/url"
	"strconv"
	"strings"
)

// jobylonJobOf renders p as a Jobylon job (§3.1). Jobylon has no salary
// or remote field in the documented shape, so those are not rendered;
// to_date is the deadline, from_date the publication day.
func jobylonJobOf(p Posting) jobylonJob {
	company := slug(p.Company)
	j := jobylonJob{ID: jsonID(p.ID), Title: p.Title, Slug: slug(p.Title),
		Descr: p.bodyHTML() + listHTML("Vi tilbyr", p.Benefits), Skills: listHTML("Kvalifikasjoner", p.Requirements),
		Function: p.Occupation, EmploymentType: jobylonEmployment(p), ToDate: p.Deadline, Language: p.Language,
		Categories: []jobylonCategoryW{}, Departments: []jobylonDepartment{}, Locations: []jobylonLocationW{},
		Company: jobylonCompany{Slug: company, Name: p.Company, Website: p.CompanyWebsite, ID: smallID(p.Company),
			Industry: p.Category, Descr: "<p>" + html.EscapeString(p.Company) + " er en norsk arbeidsgiver.</p>"},
		Contact: jobylonContact{Name: p.ContactName, Email: p.ContactEmail, Phone: p.ContactPhone},
	}
	if p.CompanyWebsite != "" {
		j.Company.Logo, j.Company.Cover = p.CompanyWebsite+"/logo.png", p.CompanyWebsite+"/cover.jpg"
	}
	if !p.Created.IsZero() {
		j.FromDate = p.Created.Format("2006-01-02")
	}
	if p.Category != "" {
		var c jobylonCategoryW
		c.Category.Text, c.Category.ID = p.Category, smallID(p.Category)
		j.Categories = append(j.Categories, c)
	}
	if p.Department != "" {
		var d jobylonDepartment
		d.Department.Descr, d.Department.ID = p.Department, smallID(p.Department)
		j.Departments = append(j.Departments, d)
	}
	if p.City != "" || p.PostalCode != "" {
		j.Locations = append(j.Locations, jobylonLocationW{jobylonLocationOf(p)})
	}
	j.URLs.Ad = "https://emp.jobylon.com/jobs/" + p.ID + "-" + company + "-" + j.Slug + "/"
	j.URLs.Apply = p.ApplyURL
	if j.URLs.Apply == "" {
		j.URLs.Apply = "https://emp.jobylon.com/applications/jobs/" + p.ID + "/create/"
	}
	return j
}

// jobylonLocationOf is the Google-Maps-derived location Jobylon sends.
func jobylonLocationOf(p Posting) jobylonLocation {
	country := countryNames[p.Country]
	text := strings.Join(nonEmpty(p.Address, p.City, country), ", ")
	return jobylonLocation{City: p.City, CityShort: p.City, Municipality: p.Municipality, Area1: p.Region, Area1Short: p.Region,
		PostalCode: p.PostalCode, PostalCodeShort: p.PostalCode, Country: country, CountryShort: p.Country, Text: text,
		URL:     "https://maps.google.com/?q=" + url.QueryEscape(text),
		PlaceID: "ChIJ" + strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(text))), 36) + "sim"}
}

var countryNames = map[string]string{"NO": "Norway", "SE": "Sweden", "DK": "Denmark", "FI": "Finland"}

// jobylonEmployment is employment_type's free text: "Full-time",
// "Part-time", with the kind ("Full-time, Temporary").
func jobylonEmployment(p Posting) string {
	var parts []string
	switch p.Extent {
	case "full_time":
		parts = append(parts, "Full-time")
	case "part_time":
		parts = append(parts, "Part-time")
	}
	if k := commitmentKinds[p.EmploymentType]; k != "" {
		parts = append(parts, k)
	}
	return strings.Join(parts, ", ")
}

// jsonID is an all-digit id as a JSON number (Jobylon's are), else a string.
func jsonID(id string) json.RawMessage {
	if _, err := strconv.ParseUint(id, 10, 63); err == nil {
		return json.RawMessage(id)
	}
	b, _ := json.Marshal(id)
	return b
}

// smallID is a stable small id for a name (a category's, a company's).
func smallID(s string) int { return int(crc32.ChecksumIEEE([]byte(s))%9000) + 100 }

// writeJobylonXML writes one <job> as jobylon-feed-job-example.xml has it:
// the same elements in the same order, text in CDATA.
func writeJobylonXML(b *bytes.Buffer, j jobylonJob) {
	var id string
	if json.Unmarshal(j.ID, &id) != nil {
		id = string(j.ID) // a number
	}
	b.WriteString("<job>")
	xmlText(b, "id", id)
	b.WriteString("<categories>")
	for _, c := range j.Categories {
		b.WriteString("<category>")
		xmlText(b, "id", strconv.Itoa(c.Category.ID))
		cdata(b, "text", c.Category.Text)
		b.WriteString("</category>")
	}
	b.WriteString("</categories><company>")
	c := j.Company
	xmlText(b, "id", strconv.Itoa(c.ID))
	cdatas(b, "slug", c.Slug, "logo", c.Logo, "cover", c.Cover, "industry", c.Industry, "name", c.Name, "descr", c.Descr, "website", c.Website)
	b.WriteString("</company><contact>")
	cdatas(b, "name", j.Contact.Name, "email", j.Contact.Email, "photo", j.Contact.Photo, "phone", j.Contact.Phone)
	b.WriteString("</contact>")
	for _, d := range j.Departments {
		b.WriteString("<departments>")
		xmlText(b, "descr", d.Department.Descr)
		xmlText(b, "id", strconv.Itoa(d.Department.ID))
		b.WriteString("</departments>")
	}
	cdatas(b, "title", j.Title, "slug", j.Slug, "descr", j.Descr, "skills", j.Skills, "function", j.Function,
		"experience", j.Experience, "employment_type", j.EmploymentType)
	xmlText(b, "from_date", j.FromDate)
	xmlText(b, "to_date", j.ToDate)
	cdata(b, "language", j.Language)
	b.WriteString("<locations>")
	for _, lw := range j.Locations {
		writeJobylonLocationXML(b, lw.Location)
	}
	b.WriteString("</locations><urls>")
	cdatas(b, "ad", j.URLs.Ad, "apply", j.URLs.Apply)
	b.WriteString("</urls></job>")
}

// writeJobylonLocationXML writes one <location>, in the example's order.
func writeJobylonLocationXML(b *bytes.Buffer, l jobylonLocation) {
	b.WriteString("<location>")
	cdatas(b, "city_short", l.CityShort, "area_1", l.Area1, "postal_code", l.PostalCode, "area_1_short", l.Area1Short,
		"municipality", l.Municipality, "country", l.Country, "url", l.URL, "place_id", l.PlaceID, "text", l.Text,
		"city", l.City, "postal_code_short", l.PostalCodeShort, "country_short", l.CountryShort)
	b.WriteString("</location>")
}

// cdatas writes name, value pairs as CDATA elements.
func cdatas(b *bytes.Buffer, pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		cdata(b, pairs[i], pairs[i+1])
	}
}

// cdata writes <name><![CDATA[v]]></name>, splitting any "]]>" in v.
func cdata(b *bytes.Buffer, name, v string) {
	b.WriteString("<" + name + "><![CDATA[" + strings.ReplaceAll(v, "]]>", "]]]]><![CDATA[>") + "]]></" + name + ">")
}

// xmlText writes <name>v</name>, v escaped.
func xmlText(b *bytes.Buffer, name, v string) {
	b.WriteString("<" + name + ">")
	_ = xml.EscapeText(b, []byte(v))
	b.WriteString("</" + name + ">")
}
