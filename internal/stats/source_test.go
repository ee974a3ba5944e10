package stats

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestClassify(t *testing.T) {
	c := NewClassifier("https://jobb.example.no")
	for _, tc := range []struct {
		utm, referer string
		want         Source
	}{
		{"", "", Source{Class: Direct}},
		{"", "https://arbeidsplassen.nav.no/stillinger/stilling/123", Source{Class: NAV}},
		{"", "https://www.nav.no/", Source{Class: NAV}},
		{"", "https://www.finn.no/job/fulltime/ad.html?finnkode=1", Source{Class: FINN}},
		{"", "https://jobb.example.no/v1/jobs", Source{Class: Board}},
		{"", "https://WWW.Jobb.Example.NO:8443/", Source{Class: Board}},
		{"", "https://www.linkedin.com/feed/", Source{Class: Other, Site: "linkedin.com"}},
		{"", "android-app://com.google.android.gm/", Source{Class: Other}},
		{"", "https://notnav.no/", Source{Class: Other, Site: "notnav.no"}},
		{"nav", "https://www.finn.no/", Source{Class: NAV}},
		{"FINN", "", Source{Class: FINN}},
		{"jobgate", "", Source{Class: Board}},
		{"board", "https://elsewhere.example/", Source{Class: Board}},
		{"Newsletter", "", Source{Class: Other, Site: "newsletter"}},
		{"<script>alert(1)</script>", "https://arbeidsplassen.nav.no/", Source{Class: NAV}},
		{strings.Repeat("a", 5000), "", Source{Class: Direct}},
		{"", "https://" + strings.Repeat("x", 100) + ".example/", Source{Class: Other}},
		{"", "https://ex%41mple.com/", Source{Class: Other}},
		{"", "::not a url", Source{Class: Other}},
	} {
		require.Equal(t, tc.want, c.Classify(tc.utm, tc.referer), "utm %q referer %q", tc.utm, tc.referer)
	}
}

func TestParseKeyTrustsNothing(t *testing.T) {
	for key, want := range map[string]Source{
		"nav": {Class: NAV}, "board": {Class: Board}, "direct": {Class: Direct}, "other": {Class: Other},
		"linkedin.com": {Class: Other, Site: "linkedin.com"}, "": {Class: Direct},
		"a b": {Class: Direct}, strings.Repeat("z", 65): {Class: Direct}, "Ünicode": {Class: Direct},
	} {
		require.Equal(t, want, ParseKey(key), "key %q", key)
		require.Equal(t, want, ParseKey(want.Key()), "a key survives its round trip")
	}
}

func TestIsBot(t *testing.T) {
	for _, ua := range []string{
		"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
		"Mozilla/5.0 (compatible; bingbot/2.0)", "facebookexternalhit/1.1", "Slackbot-LinkExpanding 1.0",
		"Mozilla/5.0 (compatible; Yahoo! Slurp)", "WhatsApp/2.23", "AhrefsBot/7.0", "Screaming Frog SEO Spider/19",
	} {
		require.True(t, IsBot(ua), ua)
	}
	for _, ua := range []string{
		"", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1",
		"curl/8.5.0", "Go-http-client/1.1", "python-requests/2.31",
		// A headless browser is how test walks and accessibility checkers
		// see a page as a person would: counted.
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
	} {
		require.False(t, IsBot(ua), ua)
	}
}

func TestTaggedURL(t *testing.T) {
	require.Equal(t, "https://jobb.example.no/jobs/ad_1?utm_medium=jobgate&utm_source=nav", TaggedURL("https://jobb.example.no/jobs/ad_1", "nav"))
	require.Equal(t, NAV, NewClassifier("https://jobb.example.no").Classify("nav", "").Class)
}

// FuzzClassify checks that whatever a visitor sends, the source is one of
// the five classes, its key is short, clean and parses back to itself.
func FuzzClassify(f *testing.F) {
	f.Add("", "https://arbeidsplassen.nav.no/stillinger")
	f.Add("finn", "")
	f.Add("<b>x</b>", "https://www.EXAMPLE.com:80/a?b=c")
	f.Add(strings.Repeat("é", 40), "javascript:alert(1)")
	c := NewClassifier("https://jobb.example.no")
	f.Fuzz(func(t *testing.T, utm, referer string) {
		s := c.Classify(utm, referer)
		if !validClass(s.Class) {
			t.Fatalf("class %q", s.Class)
		}
		key := s.Key()
		if len(key) == 0 || len(key) > MaxSite {
			t.Fatalf("key %q", key)
		}
		for i := 0; i < len(key); i++ {
			if b := key[i]; !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '.' || b == '-' || b == '_') {
				t.Fatalf("key %q has %q", key, b)
			}
		}
		if s.Site != "" && s.Class != Other {
			t.Fatalf("site %q on class %q", s.Site, s.Class)
		}
		if back := ParseKey(key); back != s {
			t.Fatalf("key %q parses back as %+v, not %+v", key, back, s)
		}
	})
}

func validClass(c Class) bool {
	for _, k := range Classes {
		if c == k {
			return true
		}
	}
	return false
}
