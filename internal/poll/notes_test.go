package poll

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// TestNotebookBounds: what the sync view shows of skipped postings is
// bounded in number and length and is always text a store and a JSON
// reader take, whatever the feed's reference held.
func TestNotebookBounds(t *testing.T) {
	var n notebook
	for i := range store.MaxPollNotes + 5 {
		n.skip("ref"+strings.Repeat("x", i), "title:invalid_text")
	}
	require.Len(t, n.notes.Skipped, store.MaxPollNotes)

	var m notebook
	reasons := make([]string, 30)
	for i := range reasons {
		reasons[i] = strings.Repeat("r", 500)
	}
	m.warn("a\x00b\xffc"+strings.Repeat("ø", 300), reasons...)
	note := m.notes.Warnings[0]
	require.True(t, utf8.ValidString(note.Reference))
	require.NotContains(t, note.Reference, "\x00")
	require.True(t, strings.HasPrefix(note.Reference, "a\uFFFDb\uFFFDc"))
	require.LessOrEqual(t, len(note.Reference), store.MaxNoteReference+len("…"))
	require.Len(t, note.Reasons, store.MaxNoteReasons+1, "ten reasons and an ellipsis")
	for _, r := range note.Reasons {
		require.LessOrEqual(t, len(r), store.MaxNoteReason+len("…"))
	}
}

func TestReferenceProblem(t *testing.T) {
	for ref, bad := range map[string]bool{
		"123": false, "acme:39": false, "": true, "12\x003": true, "12\xff": true, "12\uFFFD": true,
		strings.Repeat("x", 201): true, strings.Repeat("x", 200): false,
	} {
		require.Equal(t, bad, referenceProblem(ref) != "", "%q", ref)
	}
}
