package ad

import (
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// policy is bluemonday's user-generated-content allow-list: formatting,
// lists, tables and links (with rel="nofollow"), no scripts, styles or event
// handlers. Vendors send ad bodies as HTML; it is sanitised once, on the way
// in, so every reader of the store gets safe HTML.
var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
})

// SanitizeHTML returns html reduced to the allow-list, trimmed.
func SanitizeHTML(html string) string {
	return strings.TrimSpace(policy().Sanitize(html))
}
