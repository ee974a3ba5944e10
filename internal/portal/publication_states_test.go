package portal

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPublicationStatesShown: every publication state, unknown (NAV's
// UNKNOWN) among them, has its words on the ads pages in both languages.
func TestPublicationStatesShown(t *testing.T) {
	want := map[string]string{"nb": "nav: ukjent status", "en": "nav: unknown status"}
	for lang, text := range want {
		ad := adView{ID: "job_1", Reference: "r-1", Title: "Lager", Status: "live", Channels: []channelView{{Channel: "nav", State: "unknown"}}}
		for name, data := range map[string]any{
			"ads": adsListPage{page: signedInPage(lang), Ads: []adView{ad}},
			"ad":  adDetailPage{page: signedInPage(lang), Ad: ad},
		} {
			var buf bytes.Buffer
			require.NoError(t, pageTemplates.ExecuteTemplate(&buf, name, data))
			require.Contains(t, buf.String(), text, "%s (%s)", name, lang)
		}
		for _, state := range []string{"pending", "live", "rejected", "withdrawn", "unknown"} {
			_, ok := languageText[lang]["pub_"+state]
			require.True(t, ok, "%s has no words for %s", lang, state)
		}
	}
}
