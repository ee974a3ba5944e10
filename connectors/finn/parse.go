package finn

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// ParseJobDocument reads an IAD.IF.JOB document in UTF-8 or ISO-8859-1
// (FINN's 7.1 example). Elements this package does not send are skipped.
func ParseJobDocument(b []byte) (*JobDocument, error) {
	var doc JobDocument
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.CharsetReader = latin1Reader
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("finn: parse job document: %w", err)
	}
	return &doc, nil
}

// latin1Reader decodes ISO-8859-1, whose bytes are the first 256 code
// points; any other declared encoding is refused.
func latin1Reader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
	default:
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	b, err := io.ReadAll(in)
	if err != nil {
		return nil, err
	}
	return strings.NewReader(latin1(b)), nil
}

func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
