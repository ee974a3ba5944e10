package ad

import (
	"net/mail"
	"slices"
	"strings"
)

// MaxRecruiters is the most recruiters an ad names: a recruiting team,
// not a mailing list.
const MaxRecruiters = 20

// maxEmail is the longest e-mail address (RFC 5321's path limit).
const maxEmail = 254

const msgEmail = "must be one e-mail address (local part and domain, no display name)"

// validEmail reports whether s is one bare e-mail address (no display
// name, no list) of at most maxEmail bytes.
func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s && len(s) <= maxEmail
}

// validateRecruiters checks each address, lower-cased (at its index as
// sent), and the count, then writes the list in its canonical form:
// lower-cased, de-duplicated and sorted, so that neither the case nor the
// order of the same team changes the ad's hash. The lower-cased form is
// what is checked, so the canonical list passes again unchanged.
func validateRecruiters(v *ValidationError, a *Ad) {
	bad := false
	for i, r := range a.Recruiters {
		if !validEmail(strings.ToLower(r)) {
			v.add("recruiters["+itoa(i)+"]", "invalid_format", msgEmail)
			bad = true
		}
	}
	if bad {
		return
	}
	a.Recruiters = canonicalRecruiters(a.Recruiters)
	if len(a.Recruiters) > MaxRecruiters {
		v.add("recruiters", "too_many", "at most %d distinct addresses", MaxRecruiters)
	}
}

// canonicalRecruiters lower-cases, sorts and de-duplicates addresses;
// nil when there are none.
func canonicalRecruiters(rs []string) []string {
	if len(rs) == 0 {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = strings.ToLower(r)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// dropRecruiters removes from a vendor's ad the recruiter addresses that
// are not e-mail addresses, and those past MaxRecruiters: a vendor's odd
// user record does not keep its ad off the board.
func dropRecruiters(v *ValidationError, a *Ad) {
	var kept []string
	for i, r := range a.Recruiters {
		if r = strings.ToLower(strings.TrimSpace(r)); !validEmail(r) {
			v.add("recruiters["+itoa(i)+"]", "invalid_format", "dropped: %s", msgEmail)
			continue
		}
		kept = append(kept, r)
	}
	kept = canonicalRecruiters(kept)
	if len(kept) > MaxRecruiters {
		kept = kept[:MaxRecruiters]
		v.add("recruiters", "too_many", "dropped: addresses past the first %d", MaxRecruiters)
	}
	a.Recruiters = kept
}
