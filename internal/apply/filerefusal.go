package apply

import "errors"

// ErrFileType is wrapped by DetectType's error for a file that is not one
// of the allowed document types (PDF, Word doc and docx, OpenDocument
// text, RTF, plain UTF-8 text), whatever its name says, or that holds
// what a document may not (macros, embedded objects, encryption).
var ErrFileType = errors.New("apply: file type not allowed")

// ErrZipBomb is wrapped by DetectType's error for a docx or odt whose zip
// container would expand beyond the limits: too many entries, too large a
// total, an entry compressed too well, or an entry that decompresses to
// more than its header declares.
var ErrZipBomb = errors.New("apply: zip container exceeds the expansion limits")

// ErrEmptyFile is DetectType's error for a file without content.
var ErrEmptyFile = errors.New("apply: file is empty")

// Reason is the category of a file's refusal, as FileError and its
// message name it: stable words an operator can count, never the file's
// content or name.
type Reason string

// The reasons a file is refused.
const (
	// ReasonType: the content is none of the allowed types (an image, an
	// executable, an archive, a spreadsheet, unrecognised binary data).
	ReasonType Reason = "type_not_allowed"
	// ReasonMarkup: HTML, XHTML, SVG or a script, whatever it is called.
	ReasonMarkup Reason = "markup_or_script"
	// ReasonText: text that is not valid UTF-8 or holds NUL or other
	// control characters.
	ReasonText Reason = "invalid_text"
	// ReasonPDF: starts like a PDF but is not structurally one.
	ReasonPDF Reason = "malformed_pdf"
	// ReasonContainer: a corrupt zip or compound file, a part a document
	// must have missing, or an entry name that is not a plain relative
	// path.
	ReasonContainer Reason = "malformed_container"
	// ReasonPart: a zip entry that is none of the container's expected
	// parts.
	ReasonPart Reason = "unexpected_part"
	// ReasonMacros: VBA or Basic macros, or a macro-enabled type.
	ReasonMacros Reason = "macros"
	// ReasonEmbedded: an embedded OLE object, ActiveX control or package.
	ReasonEmbedded Reason = "embedded_object"
	// ReasonExternal: a docx relationship that fetches a template, an
	// object, a frame or an image from elsewhere when it is opened.
	ReasonExternal Reason = "external_content"
	// ReasonEncrypted: encrypted entries or an encrypted document, which
	// cannot be checked.
	ReasonEncrypted Reason = "encrypted"
	// ReasonZipBomb: a zip container beyond the expansion limits.
	ReasonZipBomb Reason = "zip_bomb"
)

// FileError is DetectType's refusal of a file: the reason's category and
// a fixed description of what was found. It wraps ErrZipBomb for
// ReasonZipBomb and ErrFileType for every other reason.
type FileError struct {
	Reason Reason
	// Detail says what was found, in words that never quote the file.
	Detail string
}

func (e *FileError) Error() string {
	return e.Unwrap().Error() + " (" + string(e.Reason) + "): " + e.Detail
}

// Unwrap returns ErrZipBomb or ErrFileType.
func (e *FileError) Unwrap() error {
	if e.Reason == ReasonZipBomb {
		return ErrZipBomb
	}
	return ErrFileType
}

// refuse returns the refusal of a file for the reason.
func refuse(reason Reason, detail string) error {
	return &FileError{Reason: reason, Detail: detail}
}
