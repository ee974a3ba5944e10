package sim

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// xnode is one element of an uploaded document.
type xnode struct {
	name  string
	attrs map[string]string
	kids  []*xnode
	text  strings.Builder // the character data directly inside it, CDATA included
	line  int
}

// finnDoc is a well-formed uploaded document.
type finnDoc struct {
	root     *xnode
	doctype  string // the DOCTYPE's root name ("" without a DOCTYPE)
	systemID string // its system id
}

// Bounds of an uploaded document.
const (
	maxFINNDepth    = 32
	maxFINNElements = 200_000
)

// parseFINNDoc reads an upload as a well-formed XML document WITHOUT
// expanding entities: encoding/xml knows only the five predefined ones and
// character references, so any other &name; is an error, and a DOCTYPE
// with an internal subset is refused before anything in it is used (no
// "billion laughs", no external entities). ISO-8859-1 (job_example.xml's,
// §2.2) and UTF-8 are read.
func parseFINNDoc(body []byte) (*finnDoc, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	dec.CharsetReader = finnCharset
	doc := &finnDoc{}
	var stack []*xnode
	for elements := 0; ; {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("the document is not well-formed XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if err := doc.directive(t, stack); err != nil {
				return nil, err
			}
		case xml.StartElement:
			if elements++; elements > maxFINNElements || len(stack) >= maxFINNDepth {
				return nil, errors.New("the document is too large or too deeply nested")
			}
			line, _ := dec.InputPos()
			n := &xnode{name: t.Name.Local, attrs: map[string]string{}, line: line}
			for _, a := range t.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.kids = append(top.kids, n)
			} else if doc.root == nil {
				doc.root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if doc.root == nil {
		return nil, errors.New("the document is not well-formed XML: it has no root element")
	}
	return doc, nil
}

// quoted finds a DOCTYPE's quoted literals.
var quoted = regexp.MustCompile(`"([^"]*)"|'([^']*)'`)

// directive reads the DOCTYPE: its root name and system id. One with an
// internal subset is refused, entity declarations above all.
func (doc *finnDoc) directive(d xml.Directive, stack []*xnode) error {
	s := strings.TrimSpace(string(d))
	if !strings.HasPrefix(s, "DOCTYPE") {
		return fmt.Errorf("unexpected declaration <!%.20s", s)
	}
	if doc.root != nil || len(stack) > 0 || doc.doctype != "" {
		return errors.New("the DOCTYPE must come once, before the root element")
	}
	if strings.Contains(strings.ToUpper(s), "<!ENTITY") {
		return errors.New("the DOCTYPE declares entities: refused, entities are never expanded")
	}
	if strings.Contains(s, "[") {
		return errors.New("the DOCTYPE has an internal subset: refused, only FINN's DTDs apply")
	}
	fields := strings.Fields(strings.TrimPrefix(s, "DOCTYPE"))
	if len(fields) == 0 {
		return errors.New("the DOCTYPE names no root element")
	}
	doc.doctype = fields[0]
	if lits := quoted.FindAllStringSubmatch(s, -1); len(lits) > 0 {
		last := lits[len(lits)-1] // SYSTEM "id", or PUBLIC "pub" "id"
		doc.systemID = last[1] + last[2]
	}
	return nil
}

// finnCharset decodes the encodings an upload may declare besides UTF-8.
func finnCharset(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
		return &latin1Reader{in: in}, nil
	case "us-ascii", "ascii":
		return in, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q (UTF-8 or ISO-8859-1)", label)
}

// latin1Reader turns ISO-8859-1 into UTF-8: each byte is the code point.
type latin1Reader struct {
	in  io.Reader
	buf []byte
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	if len(p) < utf8.UTFMax {
		return 0, io.ErrShortBuffer
	}
	n := len(p) / 2
	if cap(l.buf) < n {
		l.buf = make([]byte, n)
	}
	m, err := l.in.Read(l.buf[:n])
	out := p[:0]
	for _, b := range l.buf[:m] {
		out = utf8.AppendRune(out, rune(b))
	}
	return len(out), err
}

// textOf is the element's text, trimmed.
func (n *xnode) textOf() string { return strings.TrimSpace(n.text.String()) }

// kid is the element's first child of that name, or nil.
func (n *xnode) kid(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// path is the text of the first element at the slash-separated path
// below n ("" if there is none).
func (n *xnode) path(p string) string {
	for _, name := range strings.Split(p, "/") {
		if n = n.kid(name); n == nil {
			return ""
		}
	}
	return n.textOf()
}
