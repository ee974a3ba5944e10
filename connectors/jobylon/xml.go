package jobylon

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jobgate/jobgate/connectors"
)

// parseXML reads <jobs><job>…</job></jobs> or a lone <job>. encoding/xml
// expands no external or custom entities (an undefined entity is an
// error), and a document that declares entities is refused outright. An
// HTML page, or another document without jobs, is an error rather than an
// empty list: an empty list withdraws every ad.
//
// What XML forbids (a NUL, bytes that are not UTF-8) is scrubbed first
// (connectors.ScrubXML), and a job that held some is returned with its
// problem: one bad job does not make the document unreadable.
func parseXML(body []byte) ([]Job, error) {
	clean := connectors.ScrubXML(body)
	dec := xml.NewDecoder(bytes.NewReader(clean.Body))
	var jobs []Job
	root := ""
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(t, []byte("ENTITY")) {
				return nil, errors.New("the document declares entities")
			}
		case xml.StartElement:
			if root == "" {
				root = t.Name.Local
				if strings.EqualFold(root, "html") {
					return nil, errors.New("an HTML page, not a feed")
				}
			}
			if t.Name.Local != "job" {
				continue
			}
			var j Job
			if err := dec.DecodeElement(&j, &t); err != nil {
				return nil, err
			}
			if clean.Damaged(start, dec.InputOffset()) {
				j.problem = connectors.ProblemUnreadable
			}
			jobs = append(jobs, j)
		}
	}
	switch {
	case root == "":
		return nil, errors.New("no root element")
	case len(jobs) == 0 && root != "jobs":
		return nil, fmt.Errorf("no <job> in a document rooted at <%s>", root)
	}
	return jobs, nil
}
