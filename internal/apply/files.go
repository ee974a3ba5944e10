package apply

import (
	"slices"

	"github.com/gabriel-vasile/mimetype"
)

// Limits of the documents of one application.
const (
	// MaxFileBytes is the largest document a candidate may attach.
	MaxFileBytes = 10 << 20
	// MaxTotalBytes is the largest total size of an application's
	// documents.
	MaxTotalBytes = 25 << 20
	// MaxDocuments is the most documents an application may hold: the CV,
	// the cover letter, other documents and the files answering file
	// questions together.
	MaxDocuments = 8
)

// Allowed document types: the extension and the MIME type DetectType
// gives.
const (
	ctPDF  = "application/pdf"
	ctDOC  = "application/msword"
	ctDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	ctODT  = "application/vnd.oasis.opendocument.text"
	ctRTF  = "application/rtf"
	ctTXT  = "text/plain"
)

// extensions maps each allowed MIME type to its file extension.
var extensions = map[string]string{
	ctPDF: "pdf", ctDOC: "doc", ctDOCX: "docx", ctODT: "odt", ctRTF: "rtf", ctTXT: "txt",
}

// fileTypeOrder is the allowed types' extensions in the order forms list
// them.
var fileTypeOrder = []string{"pdf", "doc", "docx", "odt", "rtf", "txt"}

// TakenFileTypes returns the extensions of the documents a form takes
// when the ATS takes atsTypes (extensions, from its connector's
// Capabilities.FileTypes): those jobgate allows that the ATS takes too,
// or every allowed one when atsTypes is empty.
func TakenFileTypes(atsTypes []string) []string {
	var out []string
	for _, ext := range fileTypeOrder {
		if len(atsTypes) == 0 || slices.Contains(atsTypes, ext) {
			out = append(out, ext)
		}
	}
	return out
}

// DetectType decides a document's type from its content, never its name
// or the Content-Type it was sent with, and returns its MIME type and
// file extension (without the dot).
//
// mimetype (github.com/gabriel-vasile/mimetype) names the family from
// the first bytes (PDF, compound file, zip, RTF, text); each allowed
// family then has a check of its own structure, since a magic number is
// only a prefix:
//   - PDF: the header at the start, an indirect object right after it, a
//     trailer or cross-reference stream, startxref and %%EOF at the end
//     (checkPDF);
//   - Word 97-2003: a compound file with a Word WordDocument stream and
//     no macros or embedded objects (checkDOC);
//   - docx and OpenDocument text: a zip container checked entry by entry
//     (checkContainer);
//   - RTF: {\rtf1 without embedded objects (checkRTF);
//   - plain text: valid UTF-8 without NUL or other control characters,
//     and not markup (checkText).
//
// Everything else — HTML, SVG, scripts, images, executables, archives,
// spreadsheets — is refused. The error is a *FileError naming the
// reason; an empty file is ErrEmptyFile.
func DetectType(data []byte) (contentType, ext string, err error) {
	if len(data) == 0 {
		return "", "", ErrEmptyFile
	}
	contentType, err = checkContent(data)
	if err != nil {
		return "", "", err
	}
	return contentType, extensions[contentType], nil
}

// checkContent returns the allowed type of data, or why it is refused.
func checkContent(data []byte) (string, error) {
	m := mimetype.Detect(data)
	switch {
	case m.Is(ctPDF):
		return ctPDF, checkPDF(data)
	case within(m, "application/x-ole-storage"):
		return ctDOC, checkDOC(data)
	case within(m, "application/zip"):
		return checkContainer(data)
	case m.Is(ctRTF):
		return ctRTF, checkRTF(data)
	case isPlainText(m):
		return ctTXT, checkText(data)
	case isMarkup(m):
		return "", refuse(ReasonMarkup, "HTML, SVG or a script")
	}
	return "", refuse(ReasonType, "not a PDF, Word, OpenDocument text, RTF or plain text document")
}

// within reports whether m is the family or one of its kinds. Within a
// container family mimetype's kinds are heuristics (a compound file
// whose FAT comes first is "PowerPoint" to it; a docx whose first entry
// is not one Word writes first is "zip"), so the container's own check
// decides which kind it is, from its directory.
func within(m *mimetype.MIME, family string) bool {
	for ; m != nil; m = m.Parent() {
		if m.Is(family) {
			return true
		}
	}
	return false
}

// isPlainText reports whether mimetype found text that may be sent as a
// plain text document: text, or data that happens to read as CSV, TSV,
// JSON or XML (a CV whose lines hold commas is "CSV" to mimetype).
func isPlainText(m *mimetype.MIME) bool {
	for _, t := range []string{"text/plain", "text/csv", "text/tab-separated-values", "application/json", "text/xml"} {
		if m.Is(t) {
			return true
		}
	}
	return false
}

// isMarkup reports whether mimetype found a document a browser runs or
// renders: HTML, XHTML, SVG, or a script.
func isMarkup(m *mimetype.MIME) bool {
	for _, t := range []string{"text/html", "application/xhtml+xml", "image/svg+xml", "text/javascript",
		"text/x-php", "text/x-shellscript", "text/x-python", "text/x-perl", "text/x-ruby", "text/x-lua", "text/x-tcl"} {
		if m.Is(t) {
			return true
		}
	}
	return false
}
