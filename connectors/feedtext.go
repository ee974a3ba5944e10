package connectors

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/jobgate/jobgate/internal/jsontext"
)

// Scrubbed is a feed body in which what no XML or JSON parser takes was
// replaced by U+FFFD, so one bad posting no longer makes the whole
// document unreadable (and every poll of the feed fail). Damaged then
// tells the postings that held a replacement, to be skipped rather than
// stored as if they had been read.
type Scrubbed struct {
	Body []byte
	// at are the offsets in Body of the replacements, ascending.
	at []int64
}

// Damaged reports whether Body[from:to] holds a replacement.
func (s Scrubbed) Damaged(from, to int64) bool {
	i := sort.Search(len(s.at), func(i int) bool { return s.at[i] >= from })
	return i < len(s.at) && s.at[i] < to
}

// ProblemUnreadable is a posting's Problem when its part of the feed held
// bytes no parser reads.
const ProblemUnreadable = "the posting holds a NUL, a control character or bytes that are not UTF-8"

// ScrubXML replaces what XML 1.0 forbids in a UTF-8 document (section
// 2.2, Char): C0 control characters other than tab, LF and CR, bytes that
// are not UTF-8, U+FFFE and U+FFFF, and character references to any of
// them (&#0;). encoding/xml refuses a whole document for one of them.
func ScrubXML(body []byte) Scrubbed {
	return scrub(body, true)
}

// ScrubJSON replaces the C0 control characters other than tab, LF and CR,
// which JSON allows nowhere unescaped (RFC 8259 section 7). Bytes that are
// not UTF-8 are left for JSONProblem to find with their path.
func ScrubJSON(body []byte) Scrubbed {
	return scrub(body, false)
}

func scrub(body []byte, xml bool) Scrubbed {
	var out Scrubbed
	var b bytes.Buffer
	for i := 0; i < len(body); {
		c := body[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				out.at = append(out.at, int64(b.Len()))
				b.WriteRune(utf8.RuneError)
			} else if n := badCharRef(body[i:]); xml && n > 0 {
				out.at = append(out.at, int64(b.Len()))
				b.WriteRune(utf8.RuneError)
				i += n
				continue
			} else {
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(body[i:])
		if xml && (r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF) {
			out.at = append(out.at, int64(b.Len()))
			b.WriteRune(utf8.RuneError)
		} else {
			b.Write(body[i : i+n])
		}
		i += n
	}
	if len(out.at) == 0 {
		return Scrubbed{Body: body}
	}
	out.Body = b.Bytes()
	return out
}

// badCharRef returns the length of the character reference at the start
// of s when it names a character XML forbids, else 0.
func badCharRef(s []byte) int {
	if len(s) < 4 || s[0] != '&' || s[1] != '#' {
		return 0
	}
	end := bytes.IndexByte(s[:min(len(s), 12)], ';')
	if end < 3 {
		return 0
	}
	digits, base := s[2:end], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	v, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || xmlChar(rune(v)) {
		return 0
	}
	return end + 1
}

// xmlChar reports whether XML 1.0 allows r.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// JSONArray reads a JSON array of postings element by element: each
// element's raw JSON and, when it cannot be read as it came (a control
// character scrubbed away, bytes that are not UTF-8, a \u0000), the
// posting's Problem, naming the path inside the element. A body that is
// not an array fails.
func JSONArray(body []byte) ([]json.RawMessage, []string, error) {
	s := ScrubJSON(bytes.TrimSpace(body))
	dec := json.NewDecoder(bytes.NewReader(s.Body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, nil, errNotArray
	}
	elems, problems, err := arrayElems(dec, s)
	if err != nil {
		return nil, nil, err
	}
	return elems, problems, endOfBody(dec)
}

// JSONObjectArray is JSONArray for a feed that wraps its list in an
// object, {"jobs": [...]} (Workbuster's): the array under key, element by
// element, each with its Problem. A body that is not an object, an object
// without key or with key twice, and a key whose value is not an array
// (null included) fail: an unexpected document never reads as "no
// postings". The object's other members are skipped.
func JSONObjectArray(body []byte, key string) ([]json.RawMessage, []string, error) {
	s := ScrubJSON(bytes.TrimSpace(body))
	dec := json.NewDecoder(bytes.NewReader(s.Body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, errNotObject
	}
	var elems []json.RawMessage
	var problems []string
	found := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		if tok != key {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, nil, err
			}
			continue
		}
		if found {
			return nil, nil, fmt.Errorf("%q is given twice", key)
		}
		found = true
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return nil, nil, fmt.Errorf("%q is not a JSON array", key)
		}
		if elems, problems, err = arrayElems(dec, s); err != nil {
			return nil, nil, err
		}
	}
	if !found {
		return nil, nil, fmt.Errorf("no %q list in the object", key)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	return elems, problems, endOfBody(dec)
}

// arrayElems reads the elements of the array whose '[' dec has just
// read, and its ']', each with its Problem (s is the scrubbed body dec
// reads).
func arrayElems(dec *json.Decoder, s Scrubbed) ([]json.RawMessage, []string, error) {
	elems, problems := []json.RawMessage{}, []string{}
	for dec.More() {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, err
		}
		problem := ""
		if s.Damaged(start, dec.InputOffset()) {
			problem = ProblemUnreadable
		} else if ps := jsontext.Check(raw); len(ps) > 0 {
			problem = ps[0].Path + ": " + ps[0].Message
		}
		elems, problems = append(elems, raw), append(problems, problem)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	return elems, problems, nil
}

// endOfBody fails when anything but white space follows the document.
func endOfBody(dec *json.Decoder) error {
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errTrailing
	}
	return nil
}

var (
	errNotArray  = errors.New("not a JSON array")
	errNotObject = errors.New("not a JSON object")
	errTrailing  = errors.New("data after the JSON document")
)
