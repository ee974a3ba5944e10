package apply

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkText returns nil when data is plain text: valid UTF-8, no control
// characters but tab, CR, LF and FF (so no NUL), and not starting like
// markup (mimetype finds HTML, and SVG with its namespace; this also
// finds an <svg> without one, which an HTML page would still run).
func checkText(text []byte) error {
	if !utf8.Valid(text) {
		return refuse(ReasonText, "not UTF-8 text")
	}
	for data := text; len(data) > 0; {
		r, size := utf8.DecodeRune(data)
		data = data[size:]
		if unicode.IsControl(r) && r != '\t' && r != '\r' && r != '\n' && r != '\f' {
			return refuse(ReasonText, "text with NUL or other control characters")
		}
	}
	if startsLikeMarkup(text) {
		return refuse(ReasonMarkup, "HTML, SVG or a script")
	}
	return nil
}

// startsLikeMarkup reports whether text starts, after white space and a
// byte order mark, like an HTML, SVG or script document.
func startsLikeMarkup(text []byte) bool {
	text = bytes.TrimLeftFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' })
	head := strings.ToLower(string(text[:min(len(text), 16)]))
	for _, p := range []string{"<!doctype html", "<html", "<script", "<svg", "<iframe", "<body", "<?php"} {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}

// rtfObjectWord starts the RTF control words of embedded objects (RTF 1.9.1
// specification, "Objects"): \object opens an object's destination,
// \objdata holds its OLE data, \objemb, \objlink, \objautlink, \objsub,
// \objpub, \objicemb, \objhtml and \objocx say what kind it is. An OLE
// object in an RTF is how documents carry exploits (the Equation Editor
// ones); a CV has none.
var rtfObjectWord = []byte(`\obj`)

// checkRTF returns nil when data is an RTF document ({\rtf1, RTF 1.9.1
// "Header") without embedded objects.
func checkRTF(data []byte) error {
	if !bytes.HasPrefix(data, []byte(`{\rtf1`)) {
		return refuse(ReasonType, "an RTF document without the {\\rtf1 header")
	}
	for rest := data; ; {
		i := bytes.Index(rest, rtfObjectWord)
		if i < 0 {
			return nil
		}
		if !escapedBackslash(rest[:i]) {
			return refuse(ReasonEmbedded, "an RTF document with an embedded object")
		}
		rest = rest[i+len(rtfObjectWord):]
	}
}

// escapedBackslash reports whether the backslash after before is itself
// escaped: preceded by an odd number of backslashes (\\ is a literal
// backslash in RTF text).
func escapedBackslash(before []byte) bool {
	n := 0
	for i := len(before) - 1; i >= 0 && before[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}
