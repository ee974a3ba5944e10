package places

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// suffixes are words an ad may add to a place's name ("Bergen kommune",
// "Vestland fylke") that the register does not write.
var suffixes = []string{" KOMMUNE", " FYLKESKOMMUNE", " FYLKE", " MUNICIPALITY", " COUNTY"}

// key is the form names are compared in: NFC, upper case, single spaces,
// without a trailing "kommune" or "fylke", and no spaces around hyphens
// ("Sør - Odal" is "SØR-ODAL").
func key(s string) string {
	k := strings.Join(strings.Fields(strings.ToUpper(norm.NFC.String(s))), " ")
	k = strings.ReplaceAll(strings.ReplaceAll(k, " -", "-"), "- ", "-")
	for _, suf := range suffixes {
		if t := strings.TrimSuffix(k, suf); t != "" {
			k = t
		}
	}
	return k
}

// baseName is name without a parenthesised qualifier: "HERØY (NORDLAND)"
// is "HERØY".
func baseName(name string) string {
	if i := strings.Index(name, "("); i > 0 && strings.HasSuffix(strings.TrimSpace(name), ")") {
		return strings.TrimSpace(name[:i])
	}
	return name
}

// reading is one way to read a place's text: a name and the names that
// qualify it (a county or a municipality it lies in).
type reading struct {
	name       string
	qualifiers []string
}

// readings are the ways to read s, the whole text first: "Os i
// Østerdalen" is a postal place, "Herøy i Nordland", "Herøy (Nordland)"
// and "Nes, Akershus" are a name and its county.
func readings(s string) []reading {
	s = strings.TrimSpace(s)
	out := []reading{{name: s}}
	if parts := strings.Split(s, ","); len(parts) > 1 {
		out = append(out, reading{name: parts[0], qualifiers: parts[1:]})
	}
	if base := baseName(s); base != s {
		q := strings.TrimSuffix(strings.TrimSpace(s[len(base):]), ")")
		out = append(out, reading{name: base, qualifiers: []string{strings.TrimPrefix(strings.TrimSpace(q), "(")}})
	}
	if i := max(strings.LastIndex(s, " i "), strings.LastIndex(s, " I ")); i > 0 {
		out = append(out, reading{name: s[:i], qualifiers: []string{s[i+len(" I "):]}})
	}
	return out
}
