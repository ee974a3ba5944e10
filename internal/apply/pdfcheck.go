package apply

import (
	"bytes"
)

// The structure checkPDF asks of a PDF (ISO 32000-1:2008 and ISO
// 32000-2:2020, 7.5 "File structure"). It is not a parser: it makes sure
// the file is laid out as a PDF from its first byte to its last, so that
// an executable, a zip or a script behind a "%PDF-" prefix is refused.
const (
	// pdfTail is how near the end %%EOF must be: 7.5.5 puts it on the
	// last line; readers accept it within the last 1024 bytes (Annex H of
	// ISO 32000-1, "%%EOF" implementation note), and so does this check,
	// for files with trailing white space or padding.
	pdfTail = 1024
	// pdfHeadSkip bounds the comment lines (7.2.4 "Comments", such as the
	// binary marker line 7.5.2 recommends) between the header and the
	// first object.
	pdfHeadSkip = 1024
)

// checkPDF returns nil when data is structurally a PDF:
//   - 7.5.2 "File header": %PDF-1.0 to %PDF-1.7 or %PDF-2.0 at the start,
//     then white space;
//   - 7.5.3 "File body" and 7.3.10 "Indirect objects": after the header
//     and its comment lines comes an indirect object ("1 0 obj"), and
//     an endobj follows;
//   - 7.5.5 "File trailer": a trailer dictionary ("trailer") or, since
//     PDF 1.5, a cross-reference stream ("/Type /XRef", 7.5.8), and at
//     the end "startxref", a byte offset within the file, and "%%EOF".
func checkPDF(data []byte) error {
	rest, ok := pdfHeader(data)
	switch {
	case !ok:
		return refuse(ReasonPDF, "no PDF header at the start")
	case !startsWithObject(skipPDFComments(rest)):
		return refuse(ReasonPDF, "no indirect object after the header")
	case !bytes.Contains(rest, []byte("endobj")):
		return refuse(ReasonPDF, "an object without endobj")
	case !bytes.Contains(data, []byte("trailer")) && !hasXRefStream(data):
		return refuse(ReasonPDF, "no trailer or cross-reference stream")
	case !pdfEnds(data):
		return refuse(ReasonPDF, "no startxref and %%EOF at the end")
	}
	return nil
}

// pdfHeader checks the header line and returns what follows it.
func pdfHeader(data []byte) ([]byte, bool) {
	const n = len("%PDF-1.x")
	if len(data) <= n || !bytes.HasPrefix(data, []byte("%PDF-")) || !isPDFSpace(data[n]) {
		return nil, false
	}
	v := string(data[5:n])
	if v != "2.0" && (v[0] != '1' || v[1] != '.' || v[2] < '0' || v[2] > '7') {
		return nil, false
	}
	return data[n:], true
}

// skipPDFComments skips white space and comment lines (7.2.3, 7.2.4),
// within pdfHeadSkip bytes.
func skipPDFComments(b []byte) []byte {
	limit := len(b) - min(len(b), pdfHeadSkip)
	for len(b) > limit {
		switch {
		case isPDFSpace(b[0]):
			b = b[1:]
		case b[0] == '%':
			i := bytes.IndexAny(b, "\r\n")
			if i < 0 {
				return nil
			}
			b = b[i:]
		default:
			return b
		}
	}
	return b
}

// startsWithObject reports whether b starts with an indirect object's
// header: an object number, a generation number and the keyword obj,
// separated by white space (7.3.10).
func startsWithObject(b []byte) bool {
	for range 2 {
		digits := len(b) - len(bytes.TrimLeft(b, "0123456789"))
		if digits == 0 || digits > 10 {
			return false
		}
		b = b[digits:]
		spaces := len(b) - len(bytes.TrimLeftFunc(b, func(r rune) bool { return r < 0x80 && isPDFSpace(byte(r)) }))
		if spaces == 0 {
			return false
		}
		b = b[spaces:]
	}
	return bytes.HasPrefix(b, []byte("obj")) && (len(b) == 3 || isPDFSpace(b[3]) || isPDFDelimiter(b[3]))
}

// hasXRefStream reports whether data has a cross-reference stream's
// dictionary: /Type followed, after white space, by /XRef.
func hasXRefStream(data []byte) bool {
	for rest := data; ; {
		i := bytes.Index(rest, []byte("/XRef"))
		if i < 0 {
			return false
		}
		if bytes.HasSuffix(bytes.TrimRightFunc(rest[:i], func(r rune) bool { return r < 0x80 && isPDFSpace(byte(r)) }), []byte("/Type")) {
			return true
		}
		rest = rest[i+len("/XRef"):]
	}
}

// pdfEnds reports whether the last pdfTail bytes hold %%EOF, preceded by
// startxref and a byte offset within the file (7.5.5).
func pdfEnds(data []byte) bool {
	tail := len(data) - min(len(data), pdfTail)
	eof := bytes.LastIndex(data[tail:], []byte("%%EOF"))
	if eof < 0 {
		return false
	}
	eof += tail
	sx := bytes.LastIndex(data[:eof], []byte("startxref"))
	if sx < 0 {
		return false
	}
	offset := bytes.TrimFunc(data[sx+len("startxref"):eof], func(r rune) bool { return r < 0x80 && isPDFSpace(byte(r)) })
	if len(offset) == 0 || len(offset) > 10 || len(bytes.Trim(offset, "0123456789")) != 0 {
		return false
	}
	n := 0
	for _, c := range offset {
		n = n*10 + int(c-'0')
	}
	return n < len(data)
}

// isPDFSpace reports whether c is a PDF white-space character (7.2.3,
// Table 1): NUL, tab, LF, FF, CR, space.
func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// isPDFDelimiter reports whether c is a PDF delimiter (7.2.3, Table 2).
func isPDFDelimiter(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}
