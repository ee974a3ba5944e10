package finn

import (
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
)

// maxTokens bounds the XML tokens read from one answer.
const maxTokens = 100_000

// Words an answer's elements and attributes may use. FINN's are [U]; these
// are the ones an import answer plausibly uses, in English and Norwegian,
// and FEEDBACK_LEVEL's levels of the 7.1 head DTD (info|warning|error|fatal).
var (
	statusNames = []string{"status", "result", "state", "level", "feedback_level", "severity", "outcome"}
	boolNames   = []string{"success", "ok"}
	errorValues = []string{"error", "errors", "failed", "failure", "fail", "feil", "fatal", "rejected", "refused", "nok", "invalid", "avvist"}
	okValues    = []string{"ok", "success", "successful", "accepted", "received", "mottatt", "vellykket", "done", "info"}
	noneValues  = []string{"", "0", "false", "no", "none", "ingen"}
	// textErrors and textOK are the words of a plain-text answer or a
	// message; not "nok", which is also the currency.
	textErrors = []string{"error", "errors", "failed", "failure", "feil", "fatal", "exception", "ugyldig", "invalid", "rejected", "refused", "avvist"}
	textOK     = []string{"ok", "success", "successful", "accepted", "received", "mottatt", "vellykket"}
	reFinnkode = regexp.MustCompile(`(?i)finn-?kode\D{0,3}([0-9]{4,12})`)
	reDigits   = regexp.MustCompile(`^[0-9]{4,12}$`)
)

// errorName is an element or attribute that carries an error.
func errorName(n string) bool {
	return strings.Contains(n, "error") || strings.Contains(n, "feil") ||
		strings.Contains(n, "fault") || strings.Contains(n, "exception")
}

func finnkodeName(n string) bool {
	n = strings.ReplaceAll(n, "_", "")
	return n == "finnkode" || n == "finncode" || n == "adid" || n == "finnid"
}

// readXML walks an XML (or HTML) answer. An error element with text, an
// error attribute that is set, or a status of an error value refuses; a
// status of a success value accepts; a FINNKODE element or attribute of
// digits names the ad. The walk stops at the first malformed token.
func readXML(r *reading, s string) {
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict, dec.AutoClose, dec.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	// The body is UTF-8 already (ParseAnswer converted it).
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	var names []string
	var texts []*strings.Builder
	elements := 0
	for range maxTokens {
		tok, err := dec.Token()
		if err != nil {
			r.malformed = !errors.Is(err, io.EOF) || len(names) > 0 || elements == 0
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := strings.ToLower(t.Name.Local)
			r.html = r.html || (len(names) == 0 && n == "html")
			for _, at := range t.Attr {
				r.judge(strings.ToLower(at.Name.Local), strings.TrimSpace(at.Value))
			}
			names, texts = append(names, n), append(texts, &strings.Builder{})
			elements++
		case xml.CharData:
			if len(texts) > 0 && texts[len(texts)-1].Len() < maxScan {
				texts[len(texts)-1].Write(t)
			}
			if r.all.Len() < maxScan {
				r.all.Write(t)
				r.all.WriteByte(' ')
			}
		case xml.EndElement:
			if len(names) == 0 {
				continue
			}
			last := len(names) - 1
			r.judge(names[last], strings.Join(strings.Fields(texts[last].String()), " "))
			names, texts = names[:last], texts[:last]
		}
	}
	r.malformed = true
}

// judge reads one element's text or one attribute's value under its
// lowercased name.
func (r *reading) judge(name, v string) {
	lv := strings.ToLower(v)
	switch {
	case finnkodeName(name) && reDigits.MatchString(v):
		r.finnkode = v
	case slices.Contains(statusNames, name) && slices.Contains(errorValues, lv),
		slices.Contains(boolNames, name) && lv == "false":
		r.refused = true
	case slices.Contains(statusNames, name) && slices.Contains(okValues, lv),
		slices.Contains(boolNames, name) && lv == "true":
		r.ok = true
	case errorName(name) && !slices.Contains(noneValues, lv):
		r.refused = true
		r.messages = append(r.messages, v)
	case v != "" && (strings.Contains(name, "message") || strings.Contains(name, "melding")):
		r.messages = append(r.messages, v)
		// "Error: ..." or "Feil i ...": a message that opens with an
		// error word reports one.
		if w := strings.Trim(strings.Fields(lv)[0], ":.!-"); slices.Contains(textErrors, w) {
			r.refused = true
		}
	}
}

// readText reads a plain-text answer: an error word refuses, a success
// word accepts, "finnkode: 123" names the ad.
func readText(r *reading, s string) {
	r.malformed, r.text = true, true // not XML: accepted only when it says so
	if len(s) > maxScan {
		s = s[:maxScan]
	}
	r.all.WriteString(s)
	if m := reFinnkode.FindStringSubmatch(s); m != nil {
		r.finnkode = m[1]
	}
	words := strings.FieldsFunc(strings.ToLower(s), func(c rune) bool {
		return !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c < 0x80
	})
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	for _, w := range words {
		switch {
		case slices.Contains(textErrors, w):
			r.refused = true
			r.messages = append(r.messages, first)
			return
		case slices.Contains(textOK, w):
			r.ok = true
		}
	}
}
