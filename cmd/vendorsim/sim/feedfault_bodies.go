package sim

import "strings"

// htmlErrorPage is FaultHTML's body: what a proxy, a CDN or a login wall
// serves with 200 in place of a feed.
const htmlErrorPage = `<!DOCTYPE html>
<html><head><title>Service temporarily unavailable</title></head>
<body><h1>Service temporarily unavailable</h1><p>We are performing scheduled maintenance. Please try again later.</p></body></html>
`

// malformedBodies are FaultMalformed's bodies per format: each starts like
// the real thing and is syntactically broken.
var malformedBodies = map[string][]byte{
	"json": []byte(`[{"id":"broken-1","text":"Broken posting","categories":{"location":"Oslo"},`),
	"xml":  []byte(`<?xml version="1.0" encoding="utf-8"?><jobs><job><id>1</id><title><![CDATA[Broken]]></titel></job>`),
	"rss":  []byte(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Broken</title><item><title>Broken</item></channel>`),
}

// xmlFormat is the XML format to attack with: RSS stays RSS, anything else
// (a Jobylon feed asked for as JSON) gets Jobylon's XML.
func xmlFormat(format string) string {
	if format == "rss" {
		return format
	}
	return "xml"
}

// xmlAttack is the body of an XML-only fault, rooted as the feed's own
// documents are (<jobs> or <rss>), so only the DTD gives it away.
func xmlAttack(fault FeedFault, format string) []byte {
	root, head, tail := "jobs", "<jobs><job><id>1</id><title>", "</title></job></jobs>"
	if format == "rss" {
		root, head, tail = "rss", `<rss version="2.0"><channel><title>`, "</title></channel></rss>"
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n<!DOCTYPE " + root + " [\n")
	use := "&x;"
	if fault == FaultXMLExternalEntity {
		b.WriteString(`  <!ENTITY x SYSTEM "file:///etc/passwd">` + "\n")
	} else {
		// The classic billion laughs: ten levels of ten references.
		b.WriteString(`  <!ENTITY lol0 "lol">` + "\n")
		for i := 1; i <= 9; i++ {
			b.WriteString("  <!ENTITY lol" + string(rune('0'+i)) + ` "` + strings.Repeat("&lol"+string(rune('0'+i-1))+";", 10) + "\">\n")
		}
		use = "&lol9;"
	}
	b.WriteString("]>\n" + head + use + tail + "\n")
	return []byte(b.String())
}
