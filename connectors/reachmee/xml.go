package reachmee

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/jobgate/jobgate/connectors"
)

// decodeChannel reads the <channel> of an <rss> document, refusing any
// other root (an HTML page) and any entity declaration. What XML forbids
// (a NUL, bytes that are not UTF-8) is scrubbed first
// (connectors.ScrubXML), after an ISO-8859-1 document is converted to
// UTF-8, and an item that held some gets a problem, to be skipped: one
// bad item does not make the export unreadable.
func decodeChannel(body []byte) (channel, error) {
	clean := connectors.ScrubXML(toUTF8(body))
	dec := xml.NewDecoder(bytes.NewReader(clean.Body))
	dec.CharsetReader = charsetReader
	root := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return channel{}, errors.New("no <rss><channel>")
		}
		if err != nil {
			return channel{}, err
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(t, []byte("ENTITY")) {
				return channel{}, errors.New("the document declares entities")
			}
		case xml.StartElement:
			switch {
			case !root && t.Name.Local != "rss":
				return channel{}, fmt.Errorf("the document is <%s>, not <rss>", t.Name.Local)
			case !root:
				root = true
			case t.Name.Local == "channel":
				ch, err := decodeItems(dec, clean)
				if err != nil {
					return channel{}, err
				}
				return ch, rest(dec)
			default:
				return channel{}, fmt.Errorf("<%s> where <channel> was expected", t.Name.Local)
			}
		}
	}
}

// decodeItems reads the channel's title and items, up to </channel>,
// noting the items whose part of the document was scrubbed.
func decodeItems(dec *xml.Decoder, clean connectors.Scrubbed) (channel, error) {
	var ch channel
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return ch, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return ch, nil
		case xml.StartElement:
			switch t.Name.Local {
			case "item":
				var it Item
				if err := dec.DecodeElement(&it, &t); err != nil {
					return ch, err
				}
				if clean.Damaged(start, dec.InputOffset()) {
					it.problem = connectors.ProblemUnreadable
				}
				ch.Items = append(ch.Items, it)
			case "title":
				var title string
				if err := dec.DecodeElement(&title, &t); err != nil {
					return ch, err
				}
				if ch.Title == "" {
					ch.Title = title
				}
			default:
				if err := dec.Skip(); err != nil {
					return ch, err
				}
			}
		}
	}
}

// rest reads the document to its end, so a body cut after </channel> is
// refused like one cut before it.
func rest(dec *xml.Decoder) error {
	for {
		if _, err := dec.Token(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// charsetReader accepts the ISO-8859-1 declaration of a document toUTF8
// has converted already; any other declared encoding fails the parse.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	if !latin1(label) {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return input, nil
}

// reEncoding finds the encoding an XML declaration names.
var reEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']`)

// toUTF8 converts a document that declares ISO-8859-1, an encoding older
// Nordic exports declare ([U] for ReachMee, whose exports are UTF-8 as
// far as public code shows), to UTF-8: ISO-8859-1's bytes are the first
// 256 code points. Converting before parsing lets the scrubbed offsets
// be the parser's. The body is in memory already (feedhttp bounds it).
func toUTF8(body []byte) []byte {
	m := reEncoding.FindSubmatch(body[:min(len(body), 200)])
	if m == nil || !latin1(string(m[1])) {
		return body
	}
	var sb strings.Builder
	sb.Grow(len(body) + len(body)/8)
	for _, c := range body {
		sb.WriteRune(rune(c))
	}
	return []byte(sb.String())
}

func latin1(label string) bool {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		return true
	}
	return false
}
