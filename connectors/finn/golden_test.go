package finn

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const testdata = "../../testdata/finn"

// testNow is the golden documents' time: the fixtures' dates are around it.
var testNow = time.Date(2026, 3, 2, 10, 0, 0, 0, ad.Oslo)

var testConfig = Config{PartnerID: "jobgate-test"}

// fixture is a PublishedAd as testdata/finn/ads/*.json spell it.
type fixture struct {
	ID        string            `json:"id"`
	Reference string            `json:"reference"`
	Revision  int               `json:"revision"`
	ApplyMode string            `json:"apply_mode"`
	JobURL    string            `json:"job_url"`
	ApplyURL  string            `json:"apply_url"`
	CreatedAt time.Time         `json:"created_at"`
	Settings  map[string]string `json:"settings"`
	Ad        ad.Ad             `json:"ad"`
}

func loadFixture(t *testing.T, path string) connectors.PublishedAd {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var f fixture
	require.NoError(t, json.Unmarshal(b, &f))
	return connectors.PublishedAd{ID: f.ID, Reference: f.Reference, Revision: f.Revision, ApplyMode: f.ApplyMode,
		JobURL: f.JobURL, ApplyURL: f.ApplyURL, CreatedAt: f.CreatedAt, Settings: f.Settings, Ad: f.Ad}
}

// goldenDocument is what the channel sends for a fixture published for the
// first time at testNow.
func goldenDocument(t *testing.T, a connectors.PublishedAd) (OrderNo, []byte) {
	t.Helper()
	st, o, err := plan(a, nil, testNow, false)
	require.NoError(t, err)
	require.Equal(t, stepUpload, st)
	doc, err := Document(a, testConfig, o, testNow)
	require.NoError(t, err)
	return o, doc
}

// compareGolden compares got with the golden file, or rewrites it with
// -update.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to write it")
	require.Equal(t, string(want), string(got))
}

// TestGoldenDocuments maps every fixture to the exact document sent and
// checks it against the DTD's element order as 8.0 keeps it.
func TestGoldenDocuments(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testdata, "ads", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	models := jobModels(t)
	var wrote []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			_, doc := goldenDocument(t, loadFixture(t, f))
			golden := filepath.Join(testdata, name+".finn.golden.xml")
			wrote = append(wrote, golden)
			compareGolden(t, golden, doc)
			require.NoError(t, checkOrder(doc, models))
			parsed, err := ParseJobDocument(doc)
			require.NoError(t, err)
			require.Len(t, parsed.Objects, 1)
		})
	}
	all, err := filepath.Glob(filepath.Join(testdata, "*.finn.golden.xml"))
	require.NoError(t, err)
	for _, g := range all {
		if !slices.Contains(wrote, g) && filepath.Base(g) != "stop.finn.golden.xml" {
			t.Errorf("%s: no fixture writes this golden file", g)
		}
	}
}

// TestGoldenStop is the STOP document of the full fixture's ORDERNO.
func TestGoldenStop(t *testing.T) {
	a := loadFixture(t, filepath.Join(testdata, "ads", "full.json"))
	o, _ := goldenDocument(t, a)
	doc, err := Stop(testConfig, a.Settings[SettingProvider], o.String(), a.Reference)
	require.NoError(t, err)
	compareGolden(t, filepath.Join(testdata, "stop.finn.golden.xml"), doc)
	require.NoError(t, checkOrder(doc, stopModels()))
}

// TestFINNExample parses FINN's own 7.1 example (ISO-8859-1) with this
// package's document types, and checks it with the order checker against
// the unchanged 7.1 DTDs, which shows the checker reads them right.
func TestFINNExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testdata, "job_example.xml"))
	require.NoError(t, err)
	doc, err := ParseJobDocument(b)
	require.NoError(t, err)
	require.Equal(t, "insert_partnerID", doc.Head.Partner)
	require.Len(t, doc.Objects, 1)
	o := doc.Objects[0]
	require.Equal(t, "10100576", o.Head.OrderNo)
	require.Equal(t, "no", o.Head.OverwriteMMO.Modus)
	require.Equal(t, "10.01.2013", o.Head.FromDate)
	require.Equal(t, "0159", o.Head.Location.ZipCode)
	require.NotNil(t, o.Executive)
	j := o.Body()
	require.Equal(t, "Javautvikler", j.Title)
	require.Equal(t, "permanent", j.Duration)
	require.Equal(t, "FINN.no AS", j.Company.Name)
	require.Contains(t, j.Texts[0].Text.Text, "Slik håper vi du er")
	require.Len(t, j.Contacts, 2)
	require.Equal(t, "Produktdirektør", j.Contacts[0].Title)
	require.Equal(t, 2, j.Positions)
	require.Equal(t, []string{"Java", "Smidig", "Lean", "TDD", "ruby"}, j.Tags)
	require.Equal(t, "senmanager", j.ManagerRole)
	require.NoError(t, checkOrder(b, dtdModels(t)))
}
