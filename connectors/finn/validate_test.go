package finn

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// fullAd is the full fixture, to be changed by a test.
func fullAd(t *testing.T) connectors.PublishedAd {
	return loadFixture(t, filepath.Join(testdata, "ads", "full.json"))
}

// TestDocumentRefuses breaks one rule per row: the ad fails permanently,
// naming the FINN element and the canonical field, with no personal data.
func TestDocumentRefuses(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(a *connectors.PublishedAd)
		want   string
	}{
		{"no provider", func(a *connectors.PublishedAd) { delete(a.Settings, SettingProvider) }, "setting finn_provider is required"},
		{"bad provider", func(a *connectors.PublishedAd) { a.Settings[SettingProvider] = "a b" }, "setting finn_provider must be"},
		{"bad readvertise", func(a *connectors.PublishedAd) { a.Settings[SettingReadvertise] = "sometimes" }, "finn_readvertise must be true or false"},
		{"bad sector", func(a *connectors.PublishedAd) { a.Settings[SettingSector] = "state" }, "finn_sector must be one of private, public"},
		{"bad occupation", func(a *connectors.PublishedAd) { a.Settings[SettingOccupation] = "IT/" }, "finn_occupation must be"},
		{"bad industry", func(a *connectors.PublishedAd) { a.Settings[SettingIndustry] = "Health care" }, "finn_industry must be"},
		{"fallback contact without name", func(a *connectors.PublishedAd) { a.Settings[SettingContactEmail] = "hr@fjordpay.example" }, "finn_contact_name is required"},
		{"bad fallback e-mail", func(a *connectors.PublishedAd) {
			a.Settings[SettingContactName], a.Settings[SettingContactEmail] = "HR", "not-an-address"
		}, "setting finn_contact_email: must be an e-mail address"},
		{"no contact", func(a *connectors.PublishedAd) { a.Ad.Contact = nil }, "JOB_CONTACT (contact.name) is required"},
		{"contact without name", func(a *connectors.PublishedAd) { a.Ad.Contact.Name = " " }, "JOB_CONTACT (contact.name) is required"},
		{"no location", func(a *connectors.PublishedAd) { a.Ad.Locations = nil }, "SITUATION (locations[0].city"},
		{"long city", func(a *connectors.PublishedAd) { a.Ad.Locations[0].City = strings.Repeat("å", 101) }, "SITUATION (locations[0].city) must be at most 100"},
		{"long title", func(a *connectors.PublishedAd) { a.Ad.Title = strings.Repeat("t", 256) }, "HEADING (title) must be at most 255"},
		{"no occupation", func(a *connectors.PublishedAd) {
			a.Ad.Categories, a.Ad.Department, a.Ad.Title = []string{"Diverse"}, "Avdeling 4", "Altmuligmann"
		}, "OCCUPATION (categories) is required"},
		{"no description", func(a *connectors.PublishedAd) { a.Ad.Description = "\x00" }, "GENERAL_TEXT (description) is required"},
		{"no employer", func(a *connectors.PublishedAd) { a.Ad.Employer.Name = "" }, "COMPANY_NAME (employer.name) is required"},
		{"deadline passed", func(a *connectors.PublishedAd) { a.Ad.Deadline = "2026-03-01" }, "APPLICATION_DEADLINE (deadline) has passed"},
		{"no apply URL", func(a *connectors.PublishedAd) { a.ApplyURL, a.Ad.ApplyURL, a.JobURL = "", "", "" }, "APPLICATION_URL (apply_url)"},
		{"relative apply URL", func(a *connectors.PublishedAd) { a.ApplyURL = "/apply" }, "APPLICATION_URL (apply_url)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := fullAd(t)
			c.change(&a)
			_, o := goldenOrder(t, a)
			_, err := Document(a, testConfig, o, testNow)
			require.ErrorContains(t, err, c.want)
			require.ErrorContains(t, err, "finn: ad "+a.ID)
			require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
			for _, private := range []string{"Kari", "kari@", "900 00", "not-an-address", "hr@"} {
				require.NotContains(t, err.Error(), private)
			}
		})
	}
}

// goldenOrder is the ORDERNO of a first publish at testNow.
func goldenOrder(t *testing.T, a connectors.PublishedAd) (step, OrderNo) {
	st, o, err := plan(a, nil, testNow, false)
	require.NoError(t, err)
	return st, o
}

func TestDocumentListsEveryProblem(t *testing.T) {
	a := fullAd(t)
	a.Ad.Contact, a.Ad.Locations, a.ApplyURL, a.Ad.ApplyURL, a.JobURL = nil, nil, "", "", ""
	_, o := goldenOrder(t, a)
	_, err := Document(a, testConfig, o, testNow)
	require.ErrorIs(t, err, ErrInvalid)
	for _, want := range []string{"JOB_CONTACT", "SITUATION", "APPLICATION_URL"} {
		require.ErrorContains(t, err, want)
	}
}

func TestDocumentFallbacks(t *testing.T) {
	a := fullAd(t)
	a.Ad.Contact = nil
	a.Ad.Locations = []ad.Location{{Municipality: "Bærum"}}
	a.Ad.Categories, a.Ad.Department, a.Ad.Title = nil, "", "Altmuligmann"
	a.Settings[SettingContactName], a.Settings[SettingContactPhone] = "HR", "+47 22 00 00 00"
	a.Settings[SettingOccupation] = "TRANSPORT/WAREHOUSE"
	a.ApplyURL = ""
	_, o := goldenOrder(t, a)
	b, err := Document(a, testConfig, o, testNow)
	require.NoError(t, err)
	doc, err := ParseJobDocument(b)
	require.NoError(t, err)
	j := doc.Objects[0].Body()
	require.Equal(t, []Contact{{Name: "HR", Phone: "+47 22 00 00 00"}}, j.Contacts)
	require.Equal(t, "Bærum", j.Situation)
	require.Equal(t, []Occupation{{Specialization: "WAREHOUSE"}}, j.Occupations)
	require.Equal(t, a.Ad.ApplyURL, j.ApplicationURL, "the ad's own apply URL when the hub gives none")
}

// TestToDate: the deadline shortens the window, never to FROMDATE itself.
func TestToDate(t *testing.T) {
	o := OrderNo{IDPart: "x", Life: 1, Start: day(testNow)}
	by := func(deadline, country string) ad.Ad {
		return ad.Ad{Deadline: deadline, Locations: []ad.Location{{Country: country}}}
	}
	require.Equal(t, "12.04.2026", toDate(o, by("", "")).Format(finnDate))
	require.Equal(t, "12.04.2026", toDate(o, by("2026-06-01", "NO")).Format(finnDate))
	require.Equal(t, "20.03.2026", toDate(o, by("2026-03-20", "NO")).Format(finnDate))
	require.Equal(t, "20.03.2026", toDate(o, by("2026-03-20", "FI")).Format(finnDate), "a Finnish day ends at 23:00 in Oslo, the same day")
	require.Equal(t, "20.03.2026", toDate(o, by("2026-03-20", "SE")).Format(finnDate))
	require.Equal(t, "03.03.2026", toDate(o, by("2026-03-02", "NO")).Format(finnDate), "TODATE must be after FROMDATE (§2.7)")
	require.Equal(t, "20.03.2026", deadlineDay(by("2026-03-20", "FI")))
	require.Empty(t, deadlineDay(by("", "")))
}

func TestTextHelpers(t *testing.T) {
	require.Equal(t, "ab\tc", clean(" a\x00b\x07\tc\uFFFE "))
	require.Equal(t, "ok", clean("o\xffk"))
	require.Equal(t, "en to tre…", shorten("en to tre fire fem seks", 12))
	require.Equal(t, "abcdefghi…", shorten("abcdefghijklmnop", 10))
	require.Equal(t, "01.05.2026", isoToFinn("2026-05-01"))
	require.Equal(t, "etter avtale", isoToFinn("etter avtale"))
	for _, c := range []struct {
		s    ad.Salary
		lang string
		want string
	}{
		{ad.Salary{Min: 500000, Max: 600000, Currency: "NOK", Period: "year"}, "nb", "500 000–600 000 NOK per år"},
		{ad.Salary{Min: 1234567.891, Currency: "SEK", Period: "month"}, "sv", "from 1 234 567.89 SEK per month"},
		{ad.Salary{Max: 99.999}, "", "opptil 100"},
		{ad.Salary{Min: 300, Max: 300, Period: "day"}, "nn", "300 per dag"},
	} {
		require.Equal(t, c.want, salaryText(&c.s, c.lang))
	}
	require.Empty(t, salaryText(&ad.Salary{Currency: "NOK"}, "nb"))
	require.Empty(t, salaryText(nil, "nb"))
}

func TestOccupations(t *testing.T) {
	for _, c := range []struct {
		ad   ad.Ad
		want []Occupation
	}{
		{ad.Ad{Title: "Systemutvikler"}, []Occupation{{General: "ITTELECOMINTERNET", Specialization: "APPLICDEV"}}},
		{ad.Ad{Title: "Driftsingeniør", Department: "IT"}, []Occupation{{General: "ITTELECOMINTERNET"}, {General: "ENGINEERING"}}},
		{ad.Ad{Title: "Lagermedarbeider", Categories: []string{"Edit", "Data"}}, []Occupation{{General: "ITTELECOMINTERNET"}, {General: "TRANSPORTLOGISTICS"}}},
		{ad.Ad{Title: "Intensivsykepleier"}, []Occupation{{General: "HEALTHCARE"}}},
		{ad.Ad{Title: "Faglærer i matematikk"}, []Occupation{{General: "EDUCATION"}}},
		{ad.Ad{Title: "Sjuksköterska", Department: "Akutmottagning"}, []Occupation{{General: "HEALTHCARE"}}},
		{ad.Ad{Title: "Kokk"}, []Occupation{{General: "HOTELRESTAURANT"}}},
		{ad.Ad{Title: "Medarbeider", Categories: []string{"STYRK08 4321"}}, []Occupation{{General: "TRANSPORTLOGISTICS"}}},
		{ad.Ad{Title: "Medarbeider", Categories: []string{"2223 Sykepleiere"}}, []Occupation{{General: "HEALTHCARE"}}},
		{ad.Ad{Title: "Medarbeider", Categories: []string{"1330"}}, []Occupation{{General: "ITTELECOMINTERNET"}}},
		{ad.Ad{Title: "Altmuligmann"}, nil},
	} {
		require.Equal(t, c.want, occupationsOf(c.ad, nil), c.ad.Title)
	}
	fallback := &Occupation{General: "X"}
	require.Equal(t, []Occupation{{General: "X"}}, occupationsOf(ad.Ad{Title: "Altmuligmann"}, fallback))
	require.Equal(t, "temporary", duration("temporary"))
	require.Equal(t, "permanent", duration(""))
	for _, e := range ad.EmploymentTypes {
		require.Contains(t, durations, e, "every canonical employment type has a DURATION")
	}
	require.ErrorContains(t, CheckSettings(map[string]string{}), SettingProvider)
	require.NoError(t, CheckSettings(map[string]string{SettingProvider: "p1", SettingOccupation: "A_1/B2", SettingReadvertise: "1"}))
}
