package finn

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// JobDocument is an IAD.IF.JOB document (§2.3). Every struct below lists
// its elements in the DTD's order, which encoding/xml keeps: a DTD fails a
// document whose elements are out of order.
type JobDocument struct {
	XMLName xml.Name `xml:"IAD.IF.JOB"`
	Head    Head     `xml:"HEAD"`
	Objects []Object `xml:"OBJECT"`
}

// Head names the sender: PARTNER is jobgate, PROVIDER the employer's
// account (IADIF-head20.dtd without 8.0's removed UPLOAD_REFERENCE and
// EMAIL_FEEDBACK).
type Head struct {
	Partner  string `xml:"PARTNER"`
	Provider string `xml:"PROVIDER,omitempty"`
}

// Object is one ad: its head and exactly one of the three ad types.
type Object struct {
	Head      ObjectHead `xml:"OBJECT_HEAD"`
	Job       *Job       `xml:"JOB"`
	Executive *Job       `xml:"JOB_EXECUTIVE"`
	PartTime  *Job       `xml:"JOB_PARTTIME"`
}

// Body returns the object's ad, whichever type it is.
func (o Object) Body() *Job {
	switch {
	case o.Job != nil:
		return o.Job
	case o.PartTime != nil:
		return o.PartTime
	default:
		return o.Executive
	}
}

// ObjectHead is IADIF-objecthead21.dtd's OBJECT_HEAD without what 8.0
// removed (PROVIDER_REFERENCE, VERSIONNO, SEGMENT, PROJECT_REFERENCE).
type ObjectHead struct {
	OrderNo       string   `xml:"ORDERNO"`
	UserReference string   `xml:"USER_REFERENCE,omitempty"`
	OverwriteMMO  MMO      `xml:"OVERWRITE_MMO"`
	FromDate      string   `xml:"FROMDATE,omitempty"`
	ToDate        string   `xml:"TODATE,omitempty"`
	Location      Location `xml:"OBJECT_LOCATION"`
	Heading       string   `xml:"HEADING,omitempty"`
}

// MMO is the EMPTY element OVERWRITE_MMO: whether uploaded images replace
// the ad's (all, images or no in 8.0).
type MMO struct {
	Modus string `xml:"MODUS,attr"`
}

// Location is OBJECT_LOCATION without 8.0's removed ADDRESS2-4 and
// MAP_COORDINATE.
type Location struct {
	StreetAddress string `xml:"STREETADDRESS,omitempty"`
	ZipCode       string `xml:"ZIPCODE,omitempty"`
	CountryCode   string `xml:"COUNTRYCODE,omitempty"`
}

// Job is the body of JOB, JOB_PARTTIME and JOB_EXECUTIVE: the 7.1 content
// model with the 8.0 changes in §2.8's places ([I], see the package doc).
type Job struct {
	Title          string        `xml:"JOB_TITLE"`
	Situation      string        `xml:"SITUATION"`
	Sector         string        `xml:"SECTOR"`
	Occupations    []Occupation  `xml:"OCCUPATION"`
	Industry       string        `xml:"INDUSTRY,omitempty"`
	Duration       string        `xml:"DURATION"`
	Salary         string        `xml:"SALARY,omitempty"`
	Company        Company       `xml:"COMPANY"`
	Texts          []GeneralText `xml:"GENERAL_TEXT_JOB"`
	Deadline       string        `xml:"APPLICATION_DEADLINE,omitempty"`
	Email          string        `xml:"APPLICATION_EMAIL,omitempty"`
	StartDate      string        `xml:"START_DATE,omitempty"`
	Contacts       []Contact     `xml:"JOB_CONTACT"`
	Label          string        `xml:"APPLICATION_LABEL"`
	ApplicationURL string        `xml:"APPLICATION_URL,omitempty"`
	Positions      int           `xml:"NO_OF_POSITIONS"`
	Tags           []string      `xml:"TAGS"`
	ManagerRole    string        `xml:"MANAGER_ROLE,omitempty"`
}

// Occupation is 8.0's OCCUPATION: SPECIALIZATION when the value has one,
// else GENERAL (FINN-UPD). In reference.go's table both are set, the
// general code being the specialization's parent.
type Occupation struct {
	General        string `xml:"GENERAL,omitempty"`
	Specialization string `xml:"SPECIALIZATION,omitempty"`
}

// Company is the one COMPANY 8.0 requires.
type Company struct {
	Name string `xml:"COMPANY_NAME"`
	URL  string `xml:"URL,omitempty"`
}

// GeneralText is a block of the ad's text: limited HTML in CDATA (§2.3).
type GeneralText struct {
	Heading string `xml:"GENERAL_HEADING,omitempty"`
	Text    CDATA  `xml:"GENERAL_TEXT"`
}

// CDATA is text written as a CDATA section; encoding/xml splits a "]]>"
// in it across two sections, so no text can end the section early.
type CDATA struct {
	Text string `xml:",cdata"`
}

// Contact is a JOB_CONTACT; 8.0 needs at least one.
type Contact struct {
	Name  string `xml:"NAME"`
	Title string `xml:"TITLE,omitempty"`
	Phone string `xml:"PHONE,omitempty"`
	Email string `xml:"EMAIL,omitempty"`
}

// marshal writes doc as a UTF-8 document with the DOCTYPE root SYSTEM dtd.
func marshal(root, dtd string, doc any) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s<!DOCTYPE %s SYSTEM %q>\n", xml.Header, root, dtd)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encode %s: %w", root, err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// selfClose writes the first OVERWRITE_MMO as an empty-element tag:
// encoding/xml writes none, and XML 1.0 §3.1 asks for one for an element
// declared EMPTY. Only the first is replaced, the one in the OBJECT_HEAD
// before any ad text, so no CDATA is touched.
func selfClose(doc []byte, modus string) []byte {
	open := `<OVERWRITE_MMO MODUS="` + modus + `">`
	return bytes.Replace(doc, []byte(open+"</OVERWRITE_MMO>"), []byte(open[:len(open)-1]+"/>"), 1)
}
