package nav

import (
	"strings"

	"github.com/jobgate/jobgate/connectors"
)

// employer is the ad's employer. NAV needs a location for it, which the
// canonical ad lacks: [I] the first work location stands in.
func employer(a connectors.PublishedAd, locs []Location) *Employer {
	e := &Employer{Reference: a.AccountID, BusinessName: strings.TrimSpace(a.Ad.Employer.Name),
		Orgnr: orgnr(a.Ad.Employer.OrgNumber), Location: &Location{}}
	if len(locs) > 0 {
		l := locs[0]
		e.Location = &l
	}
	return e
}

// orgnr is the org number's digits when they are a Norwegian organisation
// number (nine digits, modulus-11 check digit); NAV can use no other
// country's number. [U] NAV wants the sub-unit (underenhet), which
// jobgate cannot tell from the main unit: the number is sent as given.
func orgnr(s string) string {
	var d []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			d = append(d, s[i])
		}
	}
	if len(d) != 9 {
		return ""
	}
	sum := 0
	for i, w := range []int{3, 2, 7, 6, 5, 4, 3, 2} {
		sum += int(d[i]-'0') * w
	}
	check := (11 - sum%11) % 11
	if check == 10 || check != int(d[8]-'0') {
		return ""
	}
	return string(d)
}
