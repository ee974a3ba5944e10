package demo

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/jobgate/jobgate/internal/apply/applytest"
)

// walk is what the demo prints: where to look, how to sign in, and what to
// try. Every URL to open is on a line of its own, "  label:  URL", so a
// script (and the demo's test) can read them.
type walk struct {
	URL, Sims, DataDir, Account string
	// Job is the job page's job: the generic integration's first ad,
	// which takes applications into the simulated ATS's webhook.
	Job          string
	Secrets      secrets
	Integrations []seeded
	// CV is a sample PDF résumé for the curl line that applies.
	CV string
	// Temporary is true when the data directory is removed at the end.
	Temporary bool
}

// link is one URL to open.
type link struct{ Label, URL string }

// links are the URLs the walk-through tells to open, in its order.
func (w walk) links() []link {
	return []link{
		{"board (API)", w.URL + "/v1/jobs"},
		{"job page (apply here)", w.URL + "/jobs/" + w.Job},
		{"console", w.URL + "/ops/"},
		{"console: integrations", w.URL + "/ops/integrations"},
		{"console: dead deliveries", w.URL + "/ops/dead"},
		{"queues", w.URL + "/ops/queues/"},
		{"portal", w.URL + "/portal/"},
		{"metrics", w.URL + "/metrics"},
		{"ATS simulator (received)", w.Sims + "/_sim/received"},
		{"NAV simulator (ads)", w.Sims + "/_sim/nav/ads"},
		{"FINN simulator (ads)", w.Sims + "/_sim/finn/ads"},
		{"feed simulators", w.Sims + "/_sim/feeds"},
	}
}

// writeCV writes the sample résumé into the data directory.
func (w *walk) writeCV() error {
	w.CV = filepath.Join(w.DataDir, "demo-cv.pdf")
	return os.WriteFile(w.CV, applytest.PDF([]byte("BT (Demo CV) Tj ET")), 0o600)
}

// integration is the seeded integration of the vendor.
func (w walk) integration(vendor string) seeded {
	for _, s := range w.Integrations {
		if s.Vendor == vendor {
			return s
		}
	}
	return seeded{}
}

// print writes the walk-through.
func (w walk) print(out io.Writer) {
	var b strings.Builder
	fmt.Fprintf(&b, "jobgate demo is running: jobgate at %s, the vendor simulators at %s\n", w.URL, w.Sims)
	fate := "kept"
	if w.Temporary {
		fate = "removed"
	}
	fmt.Fprintf(&b, "data directory: %s (Ctrl-C stops the demo; the directory is %s)\n\nOpen:\n", w.DataDir, fate)
	for _, l := range w.links() {
		fmt.Fprintf(&b, "  %s:  %s\n", l.Label, l.URL)
	}
	b.WriteString("  (the console's menu leads to its other pages: integrations, ads, applications, dead deliveries, breakers)\n")
	fmt.Fprintf(&b, "\nSign in (passwords are new every run, printed only here):\n")
	fmt.Fprintf(&b, "  console operator:  %s  password %s\n", operatorEmail, w.Secrets.OperatorPassword)
	fmt.Fprintf(&b, "  portal account admin:  %s  password %s\n", adminEmail, w.Secrets.AdminPassword)
	fmt.Fprintf(&b, "  operator token (JOBGATE_OPERATOR_TOKEN, for scripts):  %s\n", w.Secrets.OperatorToken)
	fmt.Fprintf(&b, "\nAccount %q (%s), one integration of every vendor, publishing to the board, NAV and FINN:\n", accountName, w.Account)
	for _, s := range w.Integrations {
		fmt.Fprintf(&b, "  %-10s  %s  API key %s  (%s)\n", s.Vendor, s.ID, s.Key, s.How)
	}
	b.WriteString(w.tryLines())
	io.WriteString(out, b.String())
}

// tryLines are the copy-paste commands of the walk-through.
func (w walk) tryLines() string {
	key := w.integration("generic").Key
	ad := `{"title":"Butikkmedarbeider","description":"<p>Vi søker en butikkmedarbeider.</p>","employer":{"name":"` + accountName +
		`"},"locations":[{"address":"Storgata 1","postal_code":"0150","city":"Oslo","country":"NO"}],"employment_type":"permanent","extent":"full_time","deadline":"` +
		deadline().Format("2006-01-02") + `"}`
	lines := []string{
		"", "Try (copy and paste):",
		"  # push an ad with the generic integration's key",
		fmt.Sprintf("  curl -sS -X PUT %s/v1/ads/try-1 -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '%s'", w.URL, key, ad),
		"  # watch it reach NAV and FINN: channels board, nav and finn go from pending to live",
		fmt.Sprintf("  curl -sS %s/v1/ads/try-1 -H 'Authorization: Bearer %s'", w.URL, key),
		"  # apply to the job page's job (or fill in its form in the browser)",
		fmt.Sprintf("  curl -sS %s/v1/jobs/%s/applications -F first_name=Kari -F last_name=Nordmann -F email=kari@example.no -F 'consents[privacy_policy]=true' -F cv=@%s", w.URL, w.Job, w.CV),
		"  # see it reach the simulated ATS (the apply webhook)",
		fmt.Sprintf("  curl -sS '%s/_sim/received?vendor=webhook'", w.Sims),
		"  # break the ATS: every application now fails (5xx), is retried and ends dead in /ops/dead within a minute",
		fmt.Sprintf("  curl -sS -X POST '%s/_sim/ats/fault?kind=5xx'", w.Sims),
		"  # fix it, then replay: from the console's Dead deliveries page, or with the CLI on the demo's data",
		fmt.Sprintf("  curl -sS -X DELETE %s/_sim/ats/fault", w.Sims),
		fmt.Sprintf("  JOBGATE_DATA_DIR=%s go run ./cmd/jobgate deliveries replay --all-dead", w.DataDir),
		"  # take NAV down for a while (FINN: /_sim/finn/down), or break a feed, then sync now",
		fmt.Sprintf("  curl -sS -X POST '%s/_sim/nav/down?for=2m'", w.Sims),
		fmt.Sprintf("  curl -sS -X POST '%s/_sim/lever/%s/fault?kind=5xx'", w.Sims, demoKey),
		fmt.Sprintf("  curl -sS -X POST %s/v1/integrations/%s/sync -H 'Authorization: Bearer %s'", w.URL, w.integration("lever").ID, w.Secrets.OperatorToken),
		"",
	}
	return strings.Join(lines, "\n")
}
