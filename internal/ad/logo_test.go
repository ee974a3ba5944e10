package ad

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestEmployerLogoURL: the employer's logo is an absolute https URL; the
// generic API refuses anything else, a vendor's ad is kept without it.
func TestEmployerLogoURL(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for _, logo := range []string{"https://eksempel.no/logo.png", "https://cdn.eksempel.no/a/b.svg?v=2"} {
		a := validAd(t)
		a.Employer.LogoURL = logo
		require.NoError(t, Normalize(&a, now), logo)
		require.Equal(t, logo, a.Employer.LogoURL)
	}
	for _, logo := range []string{"http://eksempel.no/logo.png", "javascript:alert(1)", "/logo.png", "https://", "https://u:p@eksempel.no/l.png", "data:image/png;base64,AAAA"} {
		a := validAd(t)
		a.Employer.LogoURL = logo
		var ve *ValidationError
		require.ErrorAs(t, Normalize(&a, now), &ve, logo)
		require.Equal(t, []fieldCode{{"employer.logo_url", "invalid_url"}}, codes(ve.Fields), logo)

		b := validAd(t)
		b.Employer.LogoURL = logo
		require.Equal(t, []fieldCode{{"employer.logo_url", "invalid_url"}}, codes(DropInvalid(&b)), logo)
		require.Empty(t, b.Employer.LogoURL, logo)
	}
	decoded, err := Decode([]byte(`{"title":"T","description":"D","employer":{"name":"E","logo_url":"https://eksempel.no/l.png"}}`))
	require.NoError(t, err)
	require.Equal(t, "https://eksempel.no/l.png", decoded.Employer.LogoURL)
}
