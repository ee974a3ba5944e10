package finn

import (
	"errors"
	"html"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Bounds on what is kept of an answer.
const (
	// MaxRawAnswer bounds the answer text kept for operators.
	MaxRawAnswer = 4 << 10
	maxMessage   = 500
	// maxScan bounds the text searched for messages.
	maxScan = 64 << 10
)

// The error messages FINN documents (§2.7, FINN-ERR).
var (
	// ErrContract: the customer's contract has expired or does not cover
	// job ads (or includes FINN's applicant sorting); the customer must
	// contact FINN.
	ErrContract = errors.New("FINN: the employer's contract has expired or does not cover this ad type")
	// ErrDateOrder: the to-date is not after the from-date: the 42-day
	// limit has passed, the dates are wrong, or the deadline is before the
	// publish date.
	ErrDateOrder = errors.New("FINN: the to-date is not after the from-date (42-day limit passed, wrong dates, or a deadline before the publish date)")
)

// known pairs §2.7's messages, as FINN-ERR writes them, with their errors.
var known = []struct {
	text string
	err  error
}{
	{"kontrakten er utgått", ErrContract},
	{"tildato må være etter fradato", ErrDateOrder},
}

// Outcome is what an answer says about an upload.
type Outcome int

const (
	// Unclear is an empty answer, an HTML page or nothing recognisable.
	Unclear Outcome = iota
	// Accepted is a readable answer with no error in it.
	Accepted
	// Refused is an answer that reports an error.
	Refused
)

// Answer is FINN's answer to an upload, read loosely: its schema is [U]
// (§2.2), so success and error are told apart by what any answer of an
// import is likely to hold (see readXML and readText).
type Answer struct {
	Outcome Outcome
	// Message is FINN's error text, or why the answer is unclear.
	Message string
	// Known is ErrContract or ErrDateOrder when the answer holds one of
	// the messages §2.7 lists.
	Known error
	// Finnkode is FINN's id for the ad, when the answer names one.
	Finnkode string
	// Raw is the answer as text for operators: whitespace collapsed,
	// e-mail addresses masked, at most MaxRawAnswer bytes.
	Raw string
}

// reading is what readXML or readText found.
type reading struct {
	html, malformed, ok, refused bool
	text                         bool // not XML at all
	messages                     []string
	finnkode                     string
	all                          strings.Builder
}

// ParseAnswer reads an answer body in UTF-8 or, failing that, ISO-8859-1.
func ParseAnswer(body []byte) Answer {
	text := string(body)
	if !utf8.Valid(body) {
		text = latin1(body)
	}
	a := Answer{Raw: tidy(text, MaxRawAnswer)}
	text = strings.TrimSpace(strings.TrimPrefix(text, "\ufeff"))
	if text == "" {
		a.Message = "FINN's answer is empty"
		return a
	}
	var r reading
	if strings.HasPrefix(text, "<") {
		readXML(&r, text)
	} else {
		readText(&r, html.UnescapeString(text))
	}
	a.Finnkode = r.finnkode
	if len(r.messages) > 0 {
		a.Message = tidy(r.messages[0], maxMessage)
	}
	all := fold(r.all.String())
	for _, k := range known {
		if strings.Contains(all, fold(k.text)) {
			a.Outcome, a.Known = Refused, k.err
			a.Message = tidy(messageWith(r.messages, k.text), maxMessage)
			return a
		}
	}
	switch {
	case r.html:
		a.Message = "FINN answered an HTML page"
	case r.refused:
		a.Outcome = Refused
		if a.Message == "" {
			a.Message = "FINN reported an error"
		}
	case r.malformed && !r.ok && r.text:
		a.Message = "FINN's answer is not XML and reports neither success nor an error"
	case r.malformed && !r.ok:
		a.Message = "FINN's answer is not readable XML"
	case r.ok || !r.malformed:
		a.Outcome, a.Message = Accepted, ""
	}
	return a
}

// messageWith is the message holding a known text, or the text itself.
func messageWith(messages []string, text string) string {
	for _, m := range messages {
		if strings.Contains(fold(m), fold(text)) {
			return m
		}
	}
	return text
}

// fold lowercases s, spells æøå in ASCII and collapses whitespace, so a
// message matches however FINN encoded or wrapped it.
func fold(s string) string {
	s = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// reEmail is an e-mail address, masked in what is kept of an answer.
var reEmail = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

// tidy collapses whitespace, masks e-mail addresses (an answer may quote
// the ad's contact) and cuts s to at most n bytes at a character boundary.
func tidy(s string, n int) string {
	s = reEmail.ReplaceAllString(strings.Join(strings.Fields(s), " "), "<e-mail>")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
