package ad

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// FuzzDecodeNormalize feeds arbitrary bodies to Decode and Normalize. They
// must never panic, and an ad they accept must be a fixed point: encoding it
// and running it through Decode and Normalize again gives the same ad and
// the same Hash, so an unchanged re-push is recognised as unchanged.
func FuzzDecodeNormalize(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.json"))
	require.NoError(f, err)
	require.NotEmpty(f, files)
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(b)
	}
	for _, s := range []string{
		``,
		`{`,
		`[]`,
		`null`,
		`{"title":5}`,
		`{"title":"x"} trailing`,
		`{"title":"x","description":"<script>alert(1)</script>","employer":{"name":"e"}}`,
		`{"title":"t","description":"<a href=\"javascript:x()\" onclick=\"y()\">z</a>","employer":{"name":"e"}}`,
		`{"title":"t","description":"a &amp;lt; b &#32; <p>c</p>","employer":{"name":"e"},"locations":[],"categories":[]}`,
		`{"title":"t","description":"d","employer":{"name":"e"},"salary":{},"contact":{}}`,
		`{"title":"t","description":"d","employer":{"name":"e"},"recruiters":[" Kari@Eksempel.NO","kari@eksempel.no","\u023aa@b.no",""]}`,
		`{"title":"t","description":"d","employer":{"name":"e","NAME":"f"},"locations":[{"city":1,"x":2}]}`,
		// Text that is not text, numbers out of range and codes out of
		// the registries (issue 13, breaks 5 and 8).
		`{"title":"a\u0000b","description":"d","employer":{"name":"e"}}`,
		`{"title":"t","description":"<p>\u0000</p>","employer":{"name":"e"},"locations":[{"city":"\u0000"}]}`,
		"{\"title\":\"t\xff\",\"description\":\"d\",\"employer\":{\"name\":\"e\xc3(\"}}",
		"{\"title\":\"t\",\"description\":\"\xc0\x80\xed\xa0\x80\",\"employer\":{\"name\":\"e\"}}",
		`{"title":"t","description":"d","employer":{"name":"e"},"salary":{"min":1e308,"max":1e309}}`,
		`{"title":"t","description":"d","employer":{"name":"e"},"salary":{"min":-1,"max":"NaN","currency":"ABC"}}`,
		`{"title":"t","description":"d","employer":{"name":"e"},"salary":{"min":1000000000,"max":1000000000.5}}`,
		`{"title":"t","description":"d","employer":{"name":"e"},"positions":0,"language":"zz","locations":[{"country":"XX"},{"country":"419"}]}`,
		`{"title":"t","description":"d","employer":{"name":"e"},"positions":1e3,"language":"NB-no","locations":[{"country":"se"}],"salary":{"currency":"eur"}}`,
	} {
		f.Add([]byte(s))
	}

	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := Decode(body)
		if err != nil {
			return
		}
		if err := Normalize(&a, testNow); err != nil {
			return
		}
		if strings.Contains(strings.ToLower(a.Description), "<script") {
			t.Fatalf("description keeps a script: %q", a.Description)
		}
		if s := a.Salary; s != nil && (!validAmount(s.Min) || !validAmount(s.Max)) {
			t.Fatalf("salary out of range accepted: %+v", s)
		}

		encoded, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if !utf8.Valid(encoded) || bytes.Contains(encoded, []byte(`\u0000`)) {
			t.Fatalf("an accepted ad holds a NUL or invalid UTF-8: %q", encoded)
		}
		again, err := Decode(encoded)
		if err != nil {
			t.Fatalf("decoding a normalised ad: %v\n%s", err, encoded)
		}
		if err := Normalize(&again, testNow); err != nil {
			t.Fatalf("normalising a normalised ad: %v\n%s", err, encoded)
		}
		require.Equal(t, a, again, "normalisation is not idempotent")
		require.Equal(t, Hash(a), Hash(again))
	})
}

// FuzzDescription fuzzes the description of an otherwise valid ad, where
// random bodies rarely reach: the sanitised HTML must hold no script and
// survive a round trip through Decode and Normalize unchanged.
func FuzzDescription(f *testing.F) {
	for _, s := range []string{
		`<p>Vi søker ...</p>`,
		`<script>alert(1)</script>`,
		`<p onclick="x()">a</p><a href="javascript:alert(1)">b</a><a href="https://eksempel.no">c</a>`,
		`<ul><li><strong>a</strong></li></ul><table><tr><td>b</td></tr></table>`,
		`a &amp;lt; b &#32; &nbsp; <br/> <img src=x onerror=alert(1)>`,
		`<scr<script>ipt>alert(1)</script>`,
		`<textarea><script>x</script></textarea><noscript><p title="</noscript><script>">`,
		`<!-- <script> --><![CDATA[<script>]]><svg><script>x</script></svg>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, desc string) {
		body, err := json.Marshal(map[string]any{"title": "t", "description": desc, "employer": map[string]string{"name": "e"}})
		require.NoError(t, err)
		a, err := Decode(body)
		if strings.ContainsRune(desc, 0) {
			// json.Marshal writes NUL as \u0000, which an ad may not hold
			// (issue 13); invalid UTF-8 it has already replaced.
			require.ErrorContains(t, err, CodeInvalidText)
			return
		}
		require.NoError(t, err)
		if err := Normalize(&a, testNow); err != nil {
			return // empty or too long once sanitised
		}
		if strings.Contains(strings.ToLower(a.Description), "<script") {
			t.Fatalf("description keeps a script: %q", a.Description)
		}
		require.Equal(t, a.Description, SanitizeHTML(a.Description), "sanitising is not idempotent")
		encoded, err := json.Marshal(a)
		require.NoError(t, err)
		again, err := Decode(encoded)
		require.NoError(t, err)
		require.NoError(t, Normalize(&again, testNow), "normalising a normalised ad")
		require.Equal(t, a, again)
		require.Equal(t, Hash(a), Hash(again))
	})
}
