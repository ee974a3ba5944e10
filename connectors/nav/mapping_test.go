package nav

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// now is the golden files' clock: 14:00 in Oslo.
var now = time.Date(2026, time.July, 1, 12, 0, 0, 0, time.UTC)

const testdata = "../../testdata/nav"

// fixture is a testdata/nav/ads file: what the hub hands the channel.
type fixture struct {
	ID            string                  `json:"id"`
	AccountID     string                  `json:"account_id"`
	IntegrationID string                  `json:"integration_id"`
	Reference     string                  `json:"reference"`
	Revision      int                     `json:"revision"`
	ApplyMode     string                  `json:"apply_mode"`
	JobURL        string                  `json:"job_url"`
	ApplyURL      string                  `json:"apply_url"`
	CreatedAt     time.Time               `json:"created_at"`
	Settings      map[string]string       `json:"settings"`
	Prev          *connectors.Publication `json:"prev"`
	Ad            ad.Ad                   `json:"ad"`
}

// load reads a fixture and normalises its ad as the hub does on the way in.
func load(t testing.TB, name string) (connectors.PublishedAd, *connectors.Publication) {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(testdata, "ads", name+".json"))
	require.NoError(t, err)
	var f fixture
	require.NoError(t, json.Unmarshal(body, &f))
	require.NoError(t, ad.Normalize(&f.Ad, now), "the fixture must be a valid canonical ad")
	return connectors.PublishedAd{ID: f.ID, AccountID: f.AccountID, IntegrationID: f.IntegrationID, Reference: f.Reference,
		Revision: f.Revision, Ad: f.Ad, ApplyMode: f.ApplyMode, JobURL: f.JobURL, ApplyURL: f.ApplyURL,
		Settings: f.Settings, CreatedAt: f.CreatedAt}, f.Prev
}

// encode is the JSON of one AdDTO as upload writes it, indented.
func encode(t testing.TB, d Ad) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(d))
	return buf.Bytes()
}

// TestGolden maps each canonical fixture to the AdDTO jobgate sends, which
// must pass Validate and equal <name>.nav.golden.json.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testdata, "ads", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			a, prev := load(t, name)
			d, err := Mapping{}.Ad(a, prev, now)
			require.NoError(t, err)
			require.NoError(t, Validate(d))
			got := encode(t, d)
			golden := filepath.Join(testdata, name+".nav.golden.json")
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			require.Equal(t, string(want), string(got))
		})
	}
}

func TestMappingDetails(t *testing.T) {
	a, _ := load(t, "full")
	d, err := Mapping{}.Ad(a, nil, now)
	require.NoError(t, err)
	require.Equal(t, "2026-06-20T09:30:12", d.Published, "Oslo summer time, no offset")
	require.Equal(t, "2026-08-15T23:59:59", d.Expires, "the end of the deadline day")
	require.Equal(t, "2026-08-15", d.Properties["applicationdue"], "an ISO date, which NAV does not read as one: expires stands (research §1.8)")
	require.Equal(t, "01.09.2026", d.Properties["starttime"])
	require.Equal(t, "912345688", d.Employer.Orgnr, "digits only")
	require.Equal(t, "Utvikling;Backend, Go", d.Properties["keywords"], "deduplicated, NAV's separator escaped")
	require.NotContains(t, d.AdText, "<img")
	require.NotContains(t, d.AdText, "<pre")
	require.Contains(t, d.AdText, `<a href="https://fjordkraft.example/karriere" rel="nofollow">`)
	require.NotContains(t, d.Properties, "salary")

	m := Mapping{EngagementTypes: map[string]string{"permanent": "Åremål"}, MaxLocations: -1}
	d, err = m.Ad(a, nil, now)
	require.NoError(t, err)
	require.Equal(t, "Åremål", d.Properties["engagementtype"])

	a.Ad.EmploymentType = ""
	a.Settings = map[string]string{"nav_sector": " offentlig"}
	d, err = Mapping{}.Ad(a, nil, now)
	require.NoError(t, err)
	require.Equal(t, "Annet", d.Properties["engagementtype"], "NAV's docs mark it required")
	require.Equal(t, "Offentlig", d.Properties["sector"])

	a.Settings = map[string]string{"nav_sector": "Ideell"}
	d, err = Mapping{}.Ad(a, nil, now)
	require.NoError(t, err)
	require.ErrorContains(t, Validate(d), "properties.sector: must be one of Privat, Offentlig")
}

func TestMappingDates(t *testing.T) {
	a, _ := load(t, "minimal")
	a.CreatedAt = now.AddDate(0, 0, -60)
	d, err := Mapping{}.Ad(a, nil, now)
	require.NoError(t, err)
	require.Equal(t, "2026-05-02T14:00:00", d.Published)
	require.Equal(t, "2026-07-31T23:59:59", d.Expires, "an expiry already past rolls forward from today")

	d, err = Mapping{DefaultExpiry: 90 * 24 * time.Hour}.Ad(a, nil, now)
	require.NoError(t, err)
	require.Equal(t, "2026-07-31T23:59:59", d.Expires, "published + 90 days")

	live := &connectors.Publication{State: connectors.PublicationLive, Reference: a.ID}
	stopped := &connectors.Publication{State: connectors.PublicationWithdrawn, Reference: a.ID}
	d, err = Mapping{}.Ad(a, live, now)
	require.NoError(t, err)
	require.Equal(t, "2026-05-02T14:00:00", d.Published, "an update keeps the published time")
	d, err = Mapping{}.Ad(a, stopped, now)
	require.NoError(t, err)
	require.Equal(t, "2026-07-01T14:00:00", d.Published, "re-activating a stopped ad changes its content")
}

func TestMappingRefuses(t *testing.T) {
	for _, c := range []struct {
		name, field string
		edit        func(*connectors.PublishedAd)
	}{
		{"no readable text", "description", func(a *connectors.PublishedAd) { a.Ad.Description = `<img src="https://x.example/a.png">` }},
		{"deadline passed", "deadline", func(a *connectors.PublishedAd) { a.Ad.Deadline = "2026-06-30" }},
		{"bad deadline", "deadline", func(a *connectors.PublishedAd) { a.Ad.Deadline = "30.06.2026" }},
		{"no location", "locations", func(a *connectors.PublishedAd) { a.Ad.Locations = nil }},
		{"no placeable location", "locations", func(a *connectors.PublishedAd) {
			a.Ad.Locations = []ad.Location{{City: "Atlantis", Country: "NO"}, {Address: "Storgata 1"}}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, _ := load(t, "full")
			c.edit(&a)
			_, err := Mapping{}.Ad(a, nil, now)
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			require.Len(t, verr.Fields, 1)
			require.Equal(t, c.field, verr.Fields[0].Field)
		})
	}
}

func TestReferenceAndOrgnr(t *testing.T) {
	a := connectors.PublishedAd{ID: "job_1"}
	require.Equal(t, "job_1", Reference(a, nil))
	require.Equal(t, "job_1", Reference(a, &connectors.Publication{}))
	require.Equal(t, "old-ref", Reference(a, &connectors.Publication{Reference: "old-ref"}), "an ad keeps its NAV reference")
	for in, want := range map[string]string{"974 220 954": "974220954", "974-220-954": "974220954", "974220955": "",
		"5566778899": "", "12345678": "", "": ""} {
		require.Equal(t, want, orgnr(in), in)
	}
}
