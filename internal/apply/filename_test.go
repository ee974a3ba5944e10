package apply

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitizeFileName(t *testing.T) {
	tests := []struct{ name, ext, want string }{
		{"cv.pdf", "pdf", "cv.pdf"},
		{"CV.PDF", "pdf", "CV.pdf"},
		{"/home/åse/Dokumenter/CV Åse Bjørnstad.pdf", "pdf", "CV Åse Bjørnstad.pdf"},
		{`C:\Users\max\Desktop\cv.docx`, "docx", "cv.docx"},
		{`mixed/dirs\and/cv.odt`, "odt", "cv.odt"},
		{"../../etc/passwd", "txt", "passwd.txt"},
		{"..", "pdf", "document.pdf"},
		{"dir/", "pdf", "document.pdf"},
		{"", "pdf", "document.pdf"},
		{"   ", "rtf", "document.rtf"},
		{"!!!###", "rtf", "document.rtf"},
		{".bashrc", "txt", "bashrc.txt"},
		{"cv.pdf.exe", "pdf", "cv.pdf"},
		{"cv.pdf.pdf.exe", "pdf", "cv.pdf"},
		{"cv.exe", "pdf", "cv.pdf"},
		{"cv.docx", "pdf", "cv.pdf"},
		{"cv", "doc", "cv.doc"},
		{"CV v2.1", "pdf", "CV v2.1.pdf"},
		{"Bjørn A. Hansen CV", "pdf", "Bjørn A. Hansen CV.pdf"},
		{"  my   cv\t(final) .docx ", "docx", "my cv (final).docx"},
		{"...cv...pdf", "pdf", "cv.pdf"},
		{"cv.pdf .pdf", "pdf", "cv.pdf"},
		{"søknad_2024-01 (1).odt", "odt", "søknad_2024-01 (1).odt"},
		{"cv\x00\x1b[31m.pdf", "pdf", "cv31m.pdf"},
		{"cv\r\nX-Header: 1.pdf", "pdf", "cv X-Header 1.pdf"},
		{"cv\u202Efdp.exe", "pdf", "cvfdp.pdf"},
		{"<script>alert(1)</script>.pdf", "pdf", "script.pdf"},
		{"<b>alert(1)<b>.pdf", "pdf", "balert(1)b.pdf"},
		{"a／b∕c.pdf", "pdf", "abc.pdf"},
		{"cv\xff\xfe.pdf", "pdf", "cv.pdf"},
		{"re\u0301sume\u0301.pdf", "pdf", "re\u0301sume\u0301.pdf"},
		{"\u0301\u0301cv.pdf", "pdf", "cv.pdf"},
		{"履歴書.pdf", "pdf", "履歴書.pdf"},
		{"سيرة ذاتية.pdf", "pdf", "سيرة ذاتية.pdf"},
		{strings.Repeat("ø", 300) + ".pdf", "pdf", strings.Repeat("ø", 96) + ".pdf"},
		{strings.Repeat("a", 95) + " .pdf.exe", "pdf", strings.Repeat("a", 95) + ".pdf"},
		{strings.Repeat("a", 95) + " bcdefg", "pdf", strings.Repeat("a", 95) + ".pdf"},
		{"cv.pdf", ".PDF", "cv.pdf"},
		{"cv.pdf", "p/d\\f", "cv.pdf"},
		{"cv.pdf", "", "cv.bin"},
	}
	for _, tt := range tests {
		if got := SanitizeFileName(tt.name, tt.ext); got != tt.want {
			t.Errorf("SanitizeFileName(%q, %q) = %q; want %q", tt.name, tt.ext, got, tt.want)
		}
	}
}

func FuzzSanitizeFileName(f *testing.F) {
	for _, seed := range []string{"cv.pdf", "../../etc/passwd", `C:\x\cv.doc`, "cv.pdf.exe", "", "..", "Åse Bjørnstad.odt",
		"re\u0301sume\u0301", strings.Repeat("ø", 120), "cv\x00.pdf", "a.pdf .pdf"} {
		for _, ext := range []string{"pdf", "doc", "docx", "odt", "rtf", "txt", ""} {
			f.Add(seed, ext)
		}
	}
	f.Fuzz(func(t *testing.T, name, ext string) {
		got := SanitizeFileName(name, ext)
		suffix := "." + cleanExt(ext)
		switch {
		case !utf8.ValidString(got):
			t.Fatalf("%q: not UTF-8", got)
		case strings.ContainsAny(got, `/\`):
			t.Fatalf("%q: a path", got)
		case strings.ContainsFunc(got, unicode.IsControl):
			t.Fatalf("%q: a control character", got)
		case !strings.HasSuffix(got, suffix) || len(got) == len(suffix):
			t.Fatalf("%q: does not end with a name and %s", got, suffix)
		case strings.HasPrefix(got, ".") || strings.HasPrefix(got, " "):
			t.Fatalf("%q: starts with a dot or space", got)
		case utf8.RuneCountInString(got) > maxFileNameRunes:
			t.Fatalf("%q: longer than %d runes", got, maxFileNameRunes)
		}
		if again := SanitizeFileName(got, ext); again != got {
			t.Fatalf("not idempotent: %q, then %q", got, again)
		}
	})
}
