package nav

import (
	"html"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// adTextPolicy keeps what NAV keeps of adText: NAV unescapes entities and
// then sanitises with OWASP's Sanitizers.FORMATTING, LINKS, BLOCKS and
// TABLES (research §1.5, NAV-SRC transferlog/HtmlSanitizer.kt). jobgate
// applies the same allow-list first, so the golden files show what
// arbeidsplassen will show and an ad NAV would empty is refused here.
// Attributes other than a link's href are dropped; NAV's formatting set
// allows a few presentational ones (font color) that ads do not need.
var adTextPolicy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	// Sanitizers.FORMATTING (without the obsolete <o>, <font>).
	p.AllowElements("b", "i", "s", "u", "sup", "sub", "ins", "del", "strong", "strike", "tt", "code",
		"big", "small", "br", "span", "em")
	// Sanitizers.BLOCKS.
	p.AllowElements("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote")
	// Sanitizers.TABLES.
	p.AllowElements("table", "tr", "td", "th", "colgroup", "caption", "col", "thead", "tbody", "tfoot")
	// Sanitizers.LINKS: http, https and mailto hrefs, rel="nofollow".
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnLinks(true)
	return p
})

// textOnly strips every tag, to tell whether HTML has any text to show.
var textOnly = sync.OnceValue(bluemonday.StrictPolicy)

// adText reduces s to NAV's subset, unescaping entities first as NAV does
// (text that reads as a tag once unescaped is dropped, as on
// arbeidsplassen); empty when nothing readable is left.
func adText(s string) string {
	out := strings.TrimSpace(adTextPolicy().Sanitize(html.UnescapeString(s)))
	if strings.TrimSpace(textOnly().Sanitize(out)) == "" {
		return ""
	}
	if !strings.Contains(out, "<") {
		return paragraphs(out)
	}
	return out
}

// paragraphs makes HTML of plain text (NAV's adText is HTML): a paragraph
// per blank-line-separated block, a line break per newline. The text is
// already escaped by the sanitiser.
func paragraphs(text string) string {
	var b strings.Builder
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + strings.ReplaceAll(p, "\n", "<br>") + "</p>")
		}
	}
	return b.String()
}
