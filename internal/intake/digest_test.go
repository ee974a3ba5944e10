package intake

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/apply"
)

// hashOf reads the parts as a submission and returns its content hash.
func hashOf(t *testing.T, parts ...part) string {
	t.Helper()
	sub, err := ReadSubmission(request(t, parts...))
	require.NoError(t, err)
	require.Len(t, sub.contentHash, 64)
	return sub.contentHash
}

// TestContentHash: the content hash is the same for the same parts in any
// order, and differs when any field, answer, consent, file or file name
// differs by a byte, or when bytes move between parts (break 2 of issue
// 13: only a byte-identical submission is a duplicate).
func TestContentHash(t *testing.T) {
	base := []part{{field: "first_name", data: []byte("Kari")}, {field: "email", data: []byte("kari@example.no")},
		{field: "answers[5][]", data: []byte("1")}, {field: "answers[5][]", data: []byte("3")},
		{field: "consents[privacy_policy]", data: []byte("true")}, {field: "cv", name: "cv.pdf", data: pdf}}
	h := hashOf(t, base...)
	reordered := []part{base[5], base[4], base[0], base[2], base[3], base[1]}
	require.Equal(t, h, hashOf(t, reordered...), "the order of differently named parts does not count")

	with := func(i int, p part) []part {
		out := append([]part(nil), base...)
		out[i] = p
		return out
	}
	variants := map[string][]part{
		"a field":                    with(0, part{field: "first_name", data: []byte("Kari ")}),
		"an answer":                  with(2, part{field: "answers[5][]", data: []byte("2")}),
		"the order of one answer":    with(2, base[3]),
		"a consent":                  with(4, part{field: "consents[privacy_policy]", data: []byte("on")}),
		"a file":                     with(5, part{field: "cv", name: "cv.pdf", data: append(append([]byte(nil), pdf...), ' ')}),
		"a file name":                with(5, part{field: "cv", name: "CV.pdf", data: pdf}),
		"bytes moved between parts":  append(with(0, part{field: "first_name", data: []byte("Kar")}), part{field: "last_name", data: []byte("i")}),
		"a part more":                append(append([]part(nil), base...), part{field: "phone", data: []byte("+47 912 34 567")}),
		"a part less":                base[1:],
		"the e-mail, all else equal": with(1, part{field: "email", data: []byte("kari@example.com")}),
	}
	seen := map[string]string{h: "the base"}
	for name, parts := range variants {
		got := hashOf(t, parts...)
		prev, dup := seen[got]
		require.False(t, dup, "%s has the hash of %s", name, prev)
		seen[got] = name
	}
	require.NotEqual(t, digestPart(digestText, "cv", []byte("hei")), digestPart(digestFile, "cv", []byte("hei")), "a text part is never a file")
}

// TestReadSubmissionRefusesText: every text part and file name that is
// not UTF-8 or holds NUL is named at once, as validation_failed's
// problems; a part name that is not text is a 400 (break 5 of issue 13).
func TestReadSubmissionRefusesText(t *testing.T) {
	_, err := ReadSubmission(request(t,
		part{field: "first_name", data: []byte("Ka\x00ri")}, part{field: "email", data: []byte("kari@example.no")},
		part{field: "answers[5]", data: []byte("\xc3\x28")}, part{field: "consents[privacy_policy]", data: []byte("on\x00")},
		part{field: "cv", name: "cv\xff.pdf", data: pdf}, part{field: "note", data: []byte("tab\tand newline\n are fine")}))
	var ve *apply.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	var fields []string
	for _, p := range ve.Problems {
		fields = append(fields, p.Field)
		require.Equal(t, apply.CodeInvalid, p.Code)
	}
	require.Equal(t, []string{"first_name", "answers[5]", "consents[privacy_policy]", "cv"}, fields)

	for _, name := range []string{"first\x00name", "answers[\xff]", "consents[a\x01]"} {
		_, err := ReadSubmission(request(t, part{field: name, data: []byte("x")}))
		var re *RequestError
		require.True(t, errors.As(err, &re), "%q: %v", name, err)
		require.Equal(t, http.StatusBadRequest, re.Status)
		require.Equal(t, CodeBadMultipart, re.Code)
		require.Empty(t, re.Field, "the bad name is not echoed")
	}
}

// TestCheckIdempotencyKey: a key is at most 255 bytes of UTF-8 without
// NUL or control characters.
func TestCheckIdempotencyKey(t *testing.T) {
	for _, ok := range []string{"", "5f0c7c1e-3d2a-4b8e-9a61-2f4d8c0b7e13", "søknad 1", strings.Repeat("k", 255)} {
		require.NoError(t, checkIdempotencyKey(ok), "%q", ok)
	}
	for _, bad := range []string{"k\x00", "k\xff\xfe", "k\t1", "k\u00851", "k\x7f", strings.Repeat("k", 256)} {
		err := checkIdempotencyKey(bad)
		var re *RequestError
		require.True(t, errors.As(err, &re), "%q: %v", bad, err)
		require.Equal(t, http.StatusBadRequest, re.Status)
		require.Equal(t, CodeBadIdempotencyKey, re.Code)
		require.Equal(t, "Idempotency-Key", re.Field)
		require.NotContains(t, re.Error(), bad)
	}
}
