package ad

import "net/url"

// msgLogoURL is the message of an employer logo that is not an https URL.
const msgLogoURL = "must be an absolute https URL"

// validLogoURL says whether s is an absolute https URL with a host: the
// job page draws the logo from it, and a page served over https loads
// no image over plain http.
func validLogoURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil && len(s) <= maxURL
}

// dropLogo removes an employer logo that is not an https URL from a
// vendor's ad (DropInvalid): the ad does without it.
func dropLogo(v *ValidationError, a *Ad) {
	if a.Employer.LogoURL != "" && !validLogoURL(a.Employer.LogoURL) {
		a.Employer.LogoURL = ""
		v.add("employer.logo_url", "invalid_url", "dropped: %s", msgLogoURL)
	}
}
