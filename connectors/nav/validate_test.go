package nav

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const vendor = testdata + "/vendor"

// decodeAds reads NAV's example bodies strictly into Ad: an array (batch),
// one object, or objects one after another (stream). A field of NAV's
// examples that Ad lacks fails the decode, so Ad's names and shapes cover
// what NAV publishes.
func decodeAds(t *testing.T, name string) []Ad {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(vendor, name))
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if bytes.HasPrefix(bytes.TrimSpace(body), []byte("[")) {
		var ads []Ad
		require.NoError(t, dec.Decode(&ads))
		return ads
	}
	var ads []Ad
	for {
		var a Ad
		err := dec.Decode(&a)
		if errors.Is(err, io.EOF) {
			return ads
		}
		require.NoError(t, err)
		ads = append(ads, a)
	}
}

// TestNAVExamplesValid: every ad NAV publishes as an example passes
// Validate, so the validator agrees with NAV about what is valid.
func TestNAVExamplesValid(t *testing.T) {
	for _, name := range []string{"nav-doc-sample-ad.json", "nav-transfer-ads.json", "nav-doc-batch-ads.json",
		"nav-ads-stream.jstream", "nav-doc-stream-ads.jstream"} {
		t.Run(name, func(t *testing.T) {
			ads := decodeAds(t, name)
			require.NotEmpty(t, ads)
			for i, a := range ads {
				require.NoError(t, Validate(a), "ad %d", i)
			}
		})
	}
}

// TestNAVSampleRoundTrip: NAV's sample ad decodes into Ad and encodes back
// to the same JSON, so field names, nesting and types match NAV's.
func TestNAVSampleRoundTrip(t *testing.T) {
	body, err := os.ReadFile(filepath.Join(vendor, "nav-doc-sample-ad.json"))
	require.NoError(t, err)
	ads := decodeAds(t, "nav-doc-sample-ad.json")
	require.Len(t, ads, 1)
	require.JSONEq(t, string(body), string(encode(t, ads[0])))
}

// TestNAVMissingFails: NAV's missing-field fixture (an old wrapper whose ad
// has no title or adText, its text under an unknown property, and an
// unknown category type) is refused, naming each field.
func TestNAVMissingFails(t *testing.T) {
	body, err := os.ReadFile(filepath.Join(vendor, "nav-transfer-ads-missing.json"))
	require.NoError(t, err)
	var wrapper struct{ Ads []Ad }
	require.NoError(t, json.Unmarshal(body, &wrapper))
	require.Len(t, wrapper.Ads, 1)
	err = Validate(wrapper.Ads[0])
	var verr *ValidationError
	require.ErrorAs(t, err, &verr)
	require.Equal(t, []string{"title", "adText", "properties.adtext", "categoryList[0].categoryType"}, fields(verr))
	require.NotContains(t, err.Error(), "Barnehage", "values are never quoted")
}

func fields(v *ValidationError) []string {
	var out []string
	for _, f := range v.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestValidateRules(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	for _, c := range []struct {
		name  string
		edit  func(*Ad)
		field string
	}{
		{"blank reference", func(a *Ad) { a.Reference = " " }, "reference"},
		{"reference of 255", func(a *Ad) { a.Reference = long(255) }, "reference"},
		{"title of 512", func(a *Ad) { a.Title = long(512) }, "title"},
		{"title in UTF-16 units", func(a *Ad) { a.Title = strings.Repeat("😀", 256) }, "title"},
		{"blank adText", func(a *Ad) { a.AdText = "\n" }, "adText"},
		{"no published", func(a *Ad) { a.Published = "" }, "published"},
		{"offset", func(a *Ad) { a.Published = "2026-07-01T12:00:00Z" }, "published"},
		{"date only", func(a *Ad) { a.Expires = "2026-07-01" }, "expires"},
		{"bad month", func(a *Ad) { a.Expires = "2026-13-01T00:00:00" }, "expires"},
		{"no positions", func(a *Ad) { a.Positions = 0 }, "positions"},
		{"no employer", func(a *Ad) { a.Employer = nil }, "employer"},
		{"no employer location", func(a *Ad) { a.Employer.Location = nil }, "employer.location"},
		{"no name without orgnr", func(a *Ad) { a.Employer.Orgnr = " "; a.Employer.BusinessName = "" }, "employer.businessName"},
		{"no locations", func(a *Ad) { a.LocationList = nil }, "locationList"},
		{"first location unplaceable", func(a *Ad) {
			a.LocationList = []Location{{City: "Oslo", Country: "Norge"}, {PostalCode: "0150"}}
		}, "locationList[0]"},
		{"phone of 36", func(a *Ad) { a.ContactList = []Contact{{Name: "N", Phone: long(36)}} }, "contactList[0].phone"},
		{"unknown property", func(a *Ad) { a.Properties["Extent"] = "Heltid" }, "properties.Extent"},
		{"bad extent", func(a *Ad) { a.Properties["extent"] = "heltid" }, "properties.extent"},
		{"an engagement type NAV does not know", func(a *Ad) { a.Properties["engagementtype"] = "Sommerjobb" }, "properties.engagementtype"},
		{"bad workday", func(a *Ad) { a.Properties["workday"] = `["Ukedager","Fredag"]` }, "properties.workday"},
		{"bad category type", func(a *Ad) { a.CategoryList = []Category{{Code: "1", CategoryType: "AP2020"}} }, "categoryList[0].categoryType"},
		{"four JANZZ categories", func(a *Ad) {
			a.CategoryList = []Category{{Code: "1", Name: "a"}, {Code: "2", Name: "b"}, {Code: "3", Name: "c", CategoryType: "JANZZ"}, {Code: "4", Name: "d"}}
		}, "categoryList"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := validAd()
			c.edit(&a)
			var verr *ValidationError
			require.ErrorAs(t, Validate(a), &verr)
			require.Equal(t, []string{c.field}, fields(verr))
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	for name, edit := range map[string]func(*Ad){
		"county only":        func(a *Ad) { a.LocationList = []Location{{County: "Vestland"}} },
		"municipal only":     func(a *Ad) { a.LocationList = []Location{{Municipal: "Bergen"}} },
		"abroad":             func(a *Ad) { a.LocationList = []Location{{Country: "Danmark"}} },
		"orgnr without name": func(a *Ad) { a.Employer.BusinessName = "" },
		"no seconds":         func(a *Ad) { a.Published = "2026-07-01T12:00" },
		"milliseconds":       func(a *Ad) { a.Published = "2019-02-13T14:05:18.128" },
		"empty enum value":   func(a *Ad) { a.Properties["sector"] = "" },
		"stringified list":   func(a *Ad) { a.Properties["workLanguage"] = `["Engelsk", "Norsk"]` },
		"STYRK dropped by NAV": func(a *Ad) {
			a.CategoryList = []Category{{Code: "1", CategoryType: "STYRK08"}, {Code: "2", CategoryType: "STYRK08"}, {Code: "3"}, {Code: "4"}}
		},
	} {
		a := validAd()
		edit(&a)
		require.NoError(t, Validate(a), name)
	}
}

func validAd() Ad {
	loc := Location{PostalCode: "0150", City: "OSLO"}
	return Ad{Reference: "job_1", Title: "T", AdText: "<p>x</p>", Published: "2026-07-01T12:00:00", Expires: "2026-07-31T23:59:59",
		Positions: 1, Employer: &Employer{BusinessName: "E", Orgnr: "974220954", Location: &loc}, LocationList: []Location{loc},
		Properties: map[string]string{"extent": "Heltid", "workday": `["Ukedager","Lørdag"]`}}
}
