package teamtailor

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors/connectortest"
	"github.com/jobgate/jobgate/internal/ad"
)

// now is the documented example's created-at, before its end-date.
var now = time.Date(2021, time.March, 24, 12, 0, 0, 0, time.UTC)

// TestGolden maps Teamtailor's own example webhook (and any other
// testdata/teamtailor/*webhook-post*.json) to the canonical ad jobgate
// stores, compared with <fixture>.golden.json.
func TestGolden(t *testing.T) {
	connectortest.Golden(t, "../../testdata/teamtailor/*webhook-post*.json", now, func(body []byte) (ad.Ad, error) {
		e, err := Decode(body)
		return e.Ad(), err
	})
}

func TestMappingTables(t *testing.T) {
	for in, want := range map[string][2]string{"fully": {"", "full_time"}, "part": {"", "part_time"}, "contract": {"contract", ""},
		"internship": {"internship", ""}, "none": {"", ""}, "made-up": {"", ""}} {
		k, e := employment(in)
		require.Equal(t, want, [2]string{k, e}, in)
	}
	for in, want := range map[string]string{"none": "none", "temporary": "hybrid", "hybrid": "hybrid", "fully": "full", "": ""} {
		require.Equal(t, want, remote(in), in)
	}
	require.Empty(t, deadline("soon"))
}

// TestEndDateIsTheDayAfterTheDeadline: Teamtailor's end-date is the moment
// the ad is unlisted, midnight at the start of a day in the company's zone
// (the documented example "2021-03-31T00:00:00+02:00"), so the ad's last
// day, the canonical deadline, is the day before (issue 15, Teamtailor end
// date one day late).
func TestEndDateIsTheDayAfterTheDeadline(t *testing.T) {
	for in, want := range map[string]string{
		"2021-03-31T00:00:00+02:00": "2021-03-30", // the docs' example: unlisted as 31 March begins
		"2027-01-31T00:00:00+01:00": "2027-01-30", // winter time, Oslo/Stockholm
		"2027-01-31T00:00:00+02:00": "2027-01-30", // Helsinki
		"2027-01-31T12:00:00+01:00": "2027-01-31", // unlisted at noon: still listed that morning
		"2027-01-31T00:00:01+01:00": "2027-01-31",
		"2027-01-30T23:00:00Z":      "2027-01-30", // read in its own offset
		"2027-01-31":                "2027-01-30", // a bare date: unlisted as it begins
	} {
		require.Equal(t, want, deadline(in), in)
	}
}

func TestConfigFormCategory(t *testing.T) {
	e, err := Decode([]byte(`{"id":"e","reference-id":"1","webhook-data":{"category":" warehouse "},"job":{"role":{"name":"Driver"}}}`))
	require.NoError(t, err)
	require.Equal(t, []string{"Driver", "warehouse"}, e.Ad().Categories)
}

// TestAnswersHaveTheDocumentedShape compares jobgate's answers with
// Teamtailor's own example responses (testdata/teamtailor).
func TestAnswersHaveTheDocumentedShape(t *testing.T) {
	keys := func(raw []byte) []string {
		var m map[string]map[string]any
		require.NoError(t, json.Unmarshal(raw, &m))
		var out []string
		for k, v := range m {
			for kk := range v {
				out = append(out, k+"."+kk)
			}
		}
		return out
	}
	example, err := os.ReadFile("../../testdata/teamtailor/teamtailor-webhook-response-success.json")
	require.NoError(t, err)
	ours, err := json.Marshal(success{Body: external{ExternalID: "job_1", ExternalURL: "https://board.example/jobs/job_1"}})
	require.NoError(t, err)
	require.ElementsMatch(t, keys(example), keys(ours))
}

func TestDecodeRefuses(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"not JSON", `{"id":`, "not a JSON object"},
		{"no id", `{"reference-id":"1"}`, "missing field: id"},
		{"no reference", `{"id":"e1"}`, "reference-id"},
		{"wrong type", `{"id":"e1","reference-id":"1","job":{"title":5}}`, "job.title"},
	} {
		_, err := Decode([]byte(c.body))
		require.ErrorContains(t, err, c.want, c.name)
	}
}

// FuzzDecode feeds the webhook decoder: no panic, and anything accepted
// maps to an ad that validates or is refused field by field.
func FuzzDecode(f *testing.F) {
	if body, err := os.ReadFile("../../testdata/teamtailor/teamtailor-webhook-post.json"); err == nil {
		f.Add(body)
	}
	f.Add([]byte(`{"id":"e","reference-id":7,"job":{"title":"t","body":"<p>b</p>","salary":{"min-salary":"1","max-salary":"x"}}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := Decode(body)
		if err != nil {
			return
		}
		a := e.Ad()
		if err := ad.Normalize(&a, now); err != nil {
			var verr *ad.ValidationError
			require.ErrorAs(t, err, &verr)
			return
		}
		require.NotContains(t, strings.ToLower(a.Description), "<script")
	})
}
