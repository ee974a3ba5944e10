package teamtailor

import (
	"fmt"

	"github.com/jobgate/jobgate/internal/apply"
)

// fileTypes are the file types Teamtailor's Direct Apply takes, by
// extension, with the file-type (MIME type) it names for each: the
// "Resume file types" table of POST /apply
// (https://partner.teamtailor.com/job_boards/direct_apply, source
// Teamtailor/tt-partner-docs source/includes/job_boards/direct_apply/
// _index.md.erb): docx, pptx, pdf, txt and rtf. Word 97-2003 (.doc) and
// OpenDocument text (.odt), which jobgate otherwise takes, are not among
// them. The docs list types for the resume only; the documents and the
// files answering questions are Teamtailor's same file object, so the
// same list holds for every file sent [I].
var fileTypes = []struct{ ext, mime string }{
	{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
	{"pdf", "application/pdf"},
	{"txt", "text/plain"},
	{"rtf", "application/rtf"},
}

// fileExtensions are the extensions of fileTypes, for Capabilities: the
// application form of a Teamtailor job takes only these.
func fileExtensions() []string {
	out := make([]string, len(fileTypes))
	for i, t := range fileTypes {
		out[i] = t.ext
	}
	return out
}

// checkFileTypes refuses an application holding a document of a type
// Teamtailor does not take: it is never sent (the form refuses such a
// file, so only an application taken before that reaches here).
func checkFileTypes(docs []apply.Document) error {
	for i, d := range docs {
		if !takesType(d.ContentType) {
			return fmt.Errorf("document %d (%s) is of a type Teamtailor's Direct Apply does not take (only docx, pptx, pdf, txt, rtf)", i, d.Kind)
		}
	}
	return nil
}

func takesType(mime string) bool {
	for _, t := range fileTypes {
		if t.mime == mime {
			return true
		}
	}
	return false
}
