package ad

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestHashIsStable(t *testing.T) {
	tests := []struct {
		name string
		a, b func(t *testing.T) Ad
	}{
		{
			name: "same ad twice",
			a:    func(t *testing.T) Ad { return decodeFixture(t, "full.json") },
			b:    func(t *testing.T) Ad { return decodeFixture(t, "full.json") },
		},
		{
			name: "same content, different member order and spacing",
			a:    func(t *testing.T) Ad { return decodeFixture(t, "minimal.json") },
			b: func(t *testing.T) Ad {
				a, err := Decode([]byte(`{ "employer" : {"name":"  Restaurant AS"},
					"description":"  Vi søker en kokk.  ", "title":"Kokk\n" }`))
				require.NoError(t, err)
				require.NoError(t, Normalize(&a, testNow))
				return a
			},
		},
		{
			name: "nil and empty optional parts",
			a:    func(t *testing.T) Ad { return Ad{Title: "t", Description: "d", Employer: Employer{Name: "e"}} },
			b: func(t *testing.T) Ad {
				return Ad{Title: "t", Description: "d", Employer: Employer{Name: "e"}, Locations: []Location{}, Categories: []string{}}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := Hash(tc.a(t))
			require.Len(t, h, 64)
			_, err := hex.DecodeString(h)
			require.NoError(t, err)
			require.Equal(t, h, Hash(tc.b(t)))
		})
	}
}

func TestHashChangesWithEveryField(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(a *Ad)
	}{
		{"title", func(a *Ad) { a.Title += "!" }},
		{"title case", func(a *Ad) { a.Title = "lagermedarbeider" }},
		{"description", func(a *Ad) { a.Description = "<p>Vi søker…</p>" }},
		{"language", func(a *Ad) { a.Language = "en" }},
		{"employer name", func(a *Ad) { a.Employer.Name = "Eksempel ASA" }},
		{"employer org number", func(a *Ad) { a.Employer.OrgNumber = "999999998" }},
		{"employer website", func(a *Ad) { a.Employer.Website = "https://eksempel.com" }},
		{"employer logo", func(a *Ad) { a.Employer.LogoURL = "https://eksempel.com/logo.png" }},
		{"location address", func(a *Ad) { a.Locations[0].Address = "Storgata 2" }},
		{"location postal code", func(a *Ad) { a.Locations[0].PostalCode = "0151" }},
		{"location city", func(a *Ad) { a.Locations[0].City = "Bergen" }},
		{"location municipality", func(a *Ad) { a.Locations[0].Municipality = "Bergen" }},
		{"location country", func(a *Ad) { a.Locations[0].Country = "SE" }},
		{"location added", func(a *Ad) { a.Locations = append(a.Locations, Location{City: "Bergen"}) }},
		{"locations removed", func(a *Ad) { a.Locations = nil }},
		{"employment type", func(a *Ad) { a.EmploymentType = "temporary" }},
		{"extent", func(a *Ad) { a.Extent = "part_time" }},
		{"remote", func(a *Ad) { a.Remote = "full" }},
		{"positions", func(a *Ad) { a.Positions = ptr(2) }},
		{"salary min", func(a *Ad) { a.Salary.Min = 500001 }},
		{"salary max", func(a *Ad) { a.Salary.Max = 600000.5 }},
		{"salary currency", func(a *Ad) { a.Salary.Currency = "SEK" }},
		{"salary period", func(a *Ad) { a.Salary.Period = "month" }},
		{"salary removed", func(a *Ad) { a.Salary = nil }},
		{"deadline", func(a *Ad) { a.Deadline = "2030-12-30" }},
		{"start date", func(a *Ad) { a.StartDate = "2031-01-01" }},
		{"department", func(a *Ad) { a.Department = "Logistikk" }},
		{"category changed", func(a *Ad) { a.Categories = []string{"Warehouse"} }},
		{"category added", func(a *Ad) { a.Categories = append(a.Categories, "logistics") }},
		{"categories reordered", func(a *Ad) { a.Categories = []string{"logistics", "warehouse"} }},
		{"contact name", func(a *Ad) { a.Contact.Name = "Ola Nordmann" }},
		{"contact title", func(a *Ad) { a.Contact.Title = "CEO" }},
		{"contact email", func(a *Ad) { a.Contact.Email = "ola@eksempel.no" }},
		{"contact phone", func(a *Ad) { a.Contact.Phone = "+4790000001" }},
		{"contact removed", func(a *Ad) { a.Contact = nil }},
		{"apply url", func(a *Ad) { a.ApplyURL = "https://ats.example/jobs/124/apply" }},
	}
	base := decodeFixture(t, "full.json")
	base.Categories = []string{"warehouse", "logistics"}
	baseHash := Hash(base)
	seen := map[string]string{baseHash: "base"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := decodeFixture(t, "full.json")
			a.Categories = []string{"warehouse", "logistics"}
			require.Equal(t, baseHash, Hash(a), "a fresh copy hashes like the base")
			tc.mutate(&a)
			h := Hash(a)
			require.NotEqual(t, baseHash, h)
			if other, dup := seen[h]; dup {
				t.Fatalf("same hash as %q", other)
			}
			seen[h] = tc.name
		})
	}
}

func TestSearchAndLocationText(t *testing.T) {
	a := decodeFixture(t, "full.json")
	require.Equal(t, "0150 oslo oslo no", LocationText(a))
	require.Equal(t, "lagermedarbeider eksempel as logistics 0150 oslo oslo no warehouse", SearchText(a))
	require.Empty(t, LocationText(Ad{}))
}
