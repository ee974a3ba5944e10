package reachmee

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// decodeChannel reads the <channel> of an <rss> document, refusing any
// other root (an HTML page) and any entity declaration.
func decodeChannel(body []byte) (channel, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
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
				var ch channel
				if err := dec.DecodeElement(&ch, &t); err != nil {
					return channel{}, err
				}
				return ch, rest(dec)
			default:
				return channel{}, fmt.Errorf("<%s> where <channel> was expected", t.Name.Local)
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

// charsetReader reads ISO-8859-1 besides UTF-8, an encoding older Nordic
// exports declare ([U] for ReachMee, whose exports are UTF-8 as far as
// public code shows); any other declared encoding fails the parse. The
// body is in memory already (feedhttp bounds it), so it is converted
// whole.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
	default:
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	b, err := io.ReadAll(input)
	if err != nil {
		return nil, err
	}
	// ISO-8859-1's bytes are the first 256 code points.
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return strings.NewReader(sb.String()), nil
}
