package ad

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPhoneNumber: the number is found in the phone text ATSs send, and
// text without a usable number is not taken for one.
func TestPhoneNumber(t *testing.T) {
	for in, want := range map[string]string{
		"+47 22 00 00 00 (sentralbord)": "+47 22 00 00 00",
		"Tlf. 22 00 00 00":              "22 00 00 00",
		"22.00.00.00":                   "22 00 00 00",
		"900 00 000 / 22 00 00 00":      "900 00 000",
		"+46 (0)8 123 456 eller mobil":  "+46 (0)8 123 456",
		"08-123 45 67, växel":           "08-123 45 67",
	} {
		got, ok := PhoneNumber(in)
		require.True(t, ok, in)
		require.Equal(t, want, got, in)
		require.Regexp(t, rePhone, got, in)
	}
	for _, in := range []string{"sentralbord", "ring oss", "12", "(+47) ukjent", ""} {
		_, ok := PhoneNumber(in)
		require.False(t, ok, in)
	}
}

// TestDropInvalidContactAndWebsite: a vendor's odd phone keeps its number,
// an unusable phone or e-mail is dropped, a website without its scheme is
// kept with https://, and a website that is no address is dropped; each
// with a warning naming the field and never the value, and the ad is
// then valid. The generic API's Normalize still refuses them.
func TestDropInvalidContactAndWebsite(t *testing.T) {
	a := validAd(t)
	a.Contact = &Contact{Name: "Kari", Phone: "+47 22 00 00 00 (sentralbord)", Email: "kari at example.no"}
	a.Employer.Website = "www.example.no"
	strict := a
	strict.Contact = &Contact{Name: "Kari", Phone: a.Contact.Phone}
	strict.Employer.Website = "www.example.no"
	var ve *ValidationError
	require.ErrorAs(t, Normalize(&strict, testNow), &ve)
	require.Equal(t, []fieldCode{{"employer.website", "invalid_url"}, {"contact.phone", "invalid_format"}}, codes(ve.Fields))

	warnings := DropInvalid(&a)
	require.Equal(t, []fieldCode{{"contact.phone", "normalized"}, {"contact.email", "invalid_format"},
		{"employer.website", "normalized"}}, codes(warnings))
	for _, w := range warnings {
		require.NotContains(t, w.Message, "22 00")
		require.NotContains(t, w.Message, "example")
	}
	require.Equal(t, "+47 22 00 00 00", a.Contact.Phone)
	require.Empty(t, a.Contact.Email)
	require.Equal(t, "https://www.example.no", a.Employer.Website)
	require.NoError(t, Normalize(&a, testNow))

	b := validAd(t)
	b.Contact = &Contact{Name: "Kari", Phone: "sentralbord"}
	b.Employer.Website = "our careers page"
	require.Equal(t, []fieldCode{{"contact.phone", "invalid_format"}, {"employer.website", "invalid_url"}}, codes(DropInvalid(&b)))
	require.Empty(t, b.Contact.Phone)
	require.Empty(t, b.Employer.Website)
	require.NoError(t, Normalize(&b, testNow))

	for _, site := range []string{"http//example.no", "mailto:hr@example.no", "example", "www.example .no"} {
		c := validAd(t)
		c.Employer.Website = site
		w := DropInvalid(&c)
		require.Equal(t, []fieldCode{{"employer.website", "invalid_url"}}, codes(w), site)
		require.True(t, strings.HasPrefix(w[0].Message, "dropped"), site)
		require.Empty(t, c.Employer.Website, site)
	}
	d := validAd(t)
	d.Employer.Website = "acme.no/karriere"
	require.Equal(t, []fieldCode{{"employer.website", "normalized"}}, codes(DropInvalid(&d)))
	require.Equal(t, "https://acme.no/karriere", d.Employer.Website)
}

func codes(fs []FieldError) []fieldCode {
	out := make([]fieldCode, len(fs))
	for i, f := range fs {
		out[i] = fieldCode{f.Field, f.Code}
	}
	return out
}
