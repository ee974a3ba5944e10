package apply

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFileNameRunes is the longest file name SanitizeFileName returns.
const maxFileNameRunes = 100

// SanitizeFileName returns a safe file name for a document the candidate
// named name and DetectType found to be of extension ext: the base name
// only (cut after the last / or \), with nothing but letters (æ, ø, å and
// other Unicode letters, with their combining marks), digits, spaces and
// . _ - ( ), white space runs collapsed to one space, no leading or
// trailing dots and spaces, at most 100 runes, and the extension ext in
// place of the one it had ("cv.pdf.exe" of a PDF is "cv.pdf"). When
// nothing is left it is "document.<ext>". ext is expected to be one of
// DetectType's; any other is cut to lower case ASCII letters and digits
// ("bin" when none are left). SanitizeFileName is idempotent.
func SanitizeFileName(name, ext string) string {
	ext = cleanExt(ext)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	stem := stripExt(strings.Trim(filterName(name), ". "))
	suffix := "." + ext
	// The suffix goes before the cut as well as after it: a name that
	// already ends in it must not have it cut in half ("x.9.11111118"
	// becoming "x.9.111111.11111118" on a second pass).
	stem = stripSuffix(stem, suffix)
	if limit := maxFileNameRunes - len(suffix); utf8.RuneCountInString(stem) > limit {
		stem = stripSuffix(string([]rune(stem)[:limit]), suffix)
	}
	if stem == "" {
		stem = "document"
	}
	return stem + suffix
}

// stripSuffix trims dots and spaces from the ends of stem and removes
// every trailing copy of suffix (compared without case).
func stripSuffix(stem, suffix string) string {
	for {
		stem = strings.Trim(stem, ". ")
		n := len(stem) - len(suffix)
		if n < 0 || !strings.EqualFold(stem[n:], suffix) {
			return stem
		}
		stem = stem[:n]
	}
}

// filterName keeps the allowed runes of a file name, turns white space
// into a space, and collapses runs of spaces.
func filterName(name string) string {
	var b strings.Builder
	prev := ' ' // so that leading spaces and marks go
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			r = ' '
		case unicode.IsLetter(r), unicode.IsDigit(r), strings.ContainsRune("._-()", r):
		case unicode.IsMark(r) && (unicode.IsLetter(prev) || unicode.IsMark(prev)):
		default:
			continue
		}
		if r == ' ' && prev == ' ' {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// stripExt removes the name's extension: a last dot followed by one to ten
// ASCII letters and digits, at least one a letter ("CV v2.1" keeps its
// ".1").
func stripExt(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return name
	}
	ext, letter := name[i+1:], false
	if len(ext) == 0 || len(ext) > 10 {
		return name
	}
	for _, c := range []byte(ext) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9':
		default:
			return name
		}
	}
	if !letter {
		return name
	}
	return name[:i]
}

// cleanExt cuts an extension to at most ten lower case ASCII letters and
// digits, "bin" when none are left.
func cleanExt(ext string) string {
	var b strings.Builder
	for _, c := range []byte(strings.ToLower(ext)) {
		if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') && b.Len() < 10 {
			b.WriteByte(c)
		}
	}
	if b.Len() == 0 {
		return "bin"
	}
	return b.String()
}
