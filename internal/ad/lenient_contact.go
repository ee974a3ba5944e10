package ad

import (
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

// Messages of the contact and website checks, shared by Normalize and
// DropInvalid.
const (
	msgPhone        = "must be a phone number such as +4790000000"
	msgContactEmail = "must be an e-mail address"
	msgHTTPURL      = "must be an absolute http or https URL"
)

// codeNormalized is the warning code of a vendor's value jobgate kept in
// a corrected form (the number of "+47 22 00 00 00 (sentralbord)").
const codeNormalized = "normalized"

// reTextInParens is a parenthesised remark with a letter in it, such as
// "(sentralbord)" or "(mobil)".
var reTextInParens = regexp.MustCompile(`\([^)]*\pL[^)]*\)`)

// salvageContact keeps what can be kept of a vendor's contact phone and
// e-mail: a phone with text around a usable number keeps the number, an
// unusable phone or e-mail is dropped. Each change is a warning.
func salvageContact(v *ValidationError, a *Ad) {
	c := a.Contact
	if c == nil {
		return
	}
	if p := strings.TrimSpace(c.Phone); p != "" && !rePhone.MatchString(p) {
		if n, ok := PhoneNumber(p); ok {
			c.Phone = n
			v.add("contact.phone", codeNormalized, "kept the phone number, dropped the text around it")
		} else {
			c.Phone = ""
			v.add("contact.phone", "invalid_format", "dropped: %s", msgPhone)
		}
	}
	if e := strings.TrimSpace(c.Email); e != "" && !contactEmail(e) {
		c.Email = ""
		v.add("contact.email", "invalid_format", "dropped: %s", msgContactEmail)
	}
}

// contactEmail reports whether s is one bare e-mail address.
func contactEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s
}

// PhoneNumber finds the phone number in a vendor's phone text: it drops
// a leading label ("Tlf."), remarks in parentheses ("(sentralbord)") and
// everything from the first letter or separator of another number on
// ("/", ",", ";"), and returns what is left when that is a phone number.
func PhoneNumber(s string) (string, bool) {
	s = reTextInParens.ReplaceAllString(s, " ")
	start := strings.IndexFunc(s, func(r rune) bool { return r == '+' || unicode.IsDigit(r) })
	if start < 0 {
		return "", false
	}
	s = s[start:]
	if end := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("+0123456789 ()-.", r) }); end >= 0 {
		s = s[:end]
	}
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, ".", " ")), " ")
	s = strings.TrimRight(s, " -(")
	return s, rePhone.MatchString(s)
}

// salvageWebsite keeps an employer website written without its scheme
// ("www.example.no" is https://www.example.no) and drops one that is not a
// web address at all.
func salvageWebsite(v *ValidationError, a *Ad) {
	w := strings.TrimSpace(a.Employer.Website)
	if w == "" || validHTTPURL(w) {
		return
	}
	if u := "https://" + w; !strings.Contains(w, "://") && hostLike(u) {
		a.Employer.Website = u
		v.add("employer.website", codeNormalized, "kept with https:// added: %s", msgHTTPURL)
		return
	}
	a.Employer.Website = ""
	v.add("employer.website", "invalid_url", "dropped: %s", msgHTTPURL)
}

// hostLike reports whether s is an http(s) URL whose host is a domain
// name with a dot ("www.example.no"), not a word, text with spaces, or
// another scheme's address ("mailto:hr@example.no" has a user and a
// colon before its host).
func hostLike(s string) bool {
	if !validHTTPURL(s) {
		return false
	}
	u, _ := url.Parse(s)
	h := u.Hostname()
	return u.User == nil && u.Port() == "" && strings.Contains(h, ".") && !strings.ContainsAny(h, " _:") && !strings.HasSuffix(h, ".")
}

// validHTTPURL reports whether s is an absolute http or https URL with a
// host, at most maxURL bytes long.
func validHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= maxURL
}
