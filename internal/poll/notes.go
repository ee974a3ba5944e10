package poll

import (
	"strings"
	"unicode/utf8"

	"github.com/jobgate/jobgate/internal/store"
)

// notebook collects what a poll found wrong with single postings, bounded
// (store.MaxPollNotes and the other limits) and made safe to store and
// show: a reference from a feed may hold a NUL or bytes that are not
// UTF-8, and neither PostgreSQL nor a JSON reader should see them.
type notebook struct {
	notes store.PollNotes
}

// skip notes a posting left as it was.
func (n *notebook) skip(ref string, reasons ...string) {
	n.notes.Skipped = addNote(n.notes.Skipped, ref, reasons)
}

// warn notes a posting stored without some value.
func (n *notebook) warn(ref string, reasons ...string) {
	n.notes.Warnings = addNote(n.notes.Warnings, ref, reasons)
}

func addNote(list []store.PostingNote, ref string, reasons []string) []store.PostingNote {
	if len(list) >= store.MaxPollNotes {
		return list
	}
	if len(reasons) > store.MaxNoteReasons {
		reasons = append(reasons[:store.MaxNoteReasons:store.MaxNoteReasons], "…")
	}
	out := make([]string, len(reasons))
	for i, r := range reasons {
		out[i] = shown(r, store.MaxNoteReason)
	}
	return append(list, store.PostingNote{Reference: shown(ref, store.MaxNoteReference), Reasons: out})
}

// shown is s as the sync view may show it: valid UTF-8 with each NUL and
// each invalid byte as U+FFFD, at most max bytes.
func shown(s string, max int) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
