package stats

import "strings"

// botMarks are User-Agent fragments of obvious robots: search engine and
// SEO crawlers ("bot", "crawl", "spider", "slurp"), link preview fetchers
// of chat and social sites, prerenderers, monitors and validators.
// Plain HTTP clients (curl, wget, Go's, Python's) and headless browsers
// (HeadlessChrome) are counted: an API client, a script or a browser
// walk reading the page is not obviously a robot, and boards that filter
// them miss real integrations and end-to-end checks of their own pages.
var botMarks = []string{
	"bot", "crawl", "spider", "slurp", "facebookexternalhit", "facebookcatalog",
	"preview", "embedly", "whatsapp", "lighthouse", "pingdom",
	"uptime", "monitor", "validator", "scrapy", "ia_archiver", "feedfetcher",
	"mediapartners-google", "google-inspectiontool", "prerender",
}

// IsBot reports whether a User-Agent is an obvious robot's, whose visits
// are not counted.
func IsBot(userAgent string) bool {
	if userAgent == "" {
		return false
	}
	if len(userAgent) > 512 {
		userAgent = userAgent[:512]
	}
	ua := strings.ToLower(userAgent)
	for _, m := range botMarks {
		if strings.Contains(ua, m) {
			return true
		}
	}
	return false
}
