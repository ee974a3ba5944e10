package apply

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
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

// Limits of a zip container (docx, odt), against zip bombs.
const (
	maxZipEntries = 1000
	// maxZipBytes bounds the total declared uncompressed size, and what
	// the main part may actually decompress to.
	maxZipBytes = 100 << 20
	// An entry larger than ratioFloor bytes uncompressed may not be more
	// than maxRatio times its compressed size.
	maxRatio   = 100
	ratioFloor = 1 << 20
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

// ErrFileType is wrapped by DetectType's error for a file that is not one
// of the allowed document types (PDF, Word doc and docx, OpenDocument
// text, RTF, plain UTF-8 text), whatever its name says.
var ErrFileType = errors.New("apply: file type not allowed")

// ErrZipBomb is wrapped by DetectType's error for a docx or odt whose zip
// container would expand beyond the limits: too many entries, too large a
// total, an entry compressed too well, or a main part that decompresses to
// more than its declared size.
var ErrZipBomb = errors.New("apply: zip container exceeds the expansion limits")

// ErrEmptyFile is DetectType's error for a file without content.
var ErrEmptyFile = errors.New("apply: file is empty")

var (
	magicPDF  = []byte("%PDF-")
	magicOLE2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicZip  = []byte("PK\x03\x04")
	magicRTF  = []byte(`{\rtf`)
	// wordStream is the name of the stream every Word document (Word 6
	// and later) holds in its compound file, as the directory spells it
	// (UTF-16LE); Excel and PowerPoint files and encrypted OOXML packages
	// have none.
	wordStream = utf16le("WordDocument")
)

// DetectType decides a document's type from its content, never its name,
// and returns its MIME type and file extension (without the dot). Allowed
// are PDF, Word 97–2003 (a compound file with a WordDocument stream),
// docx, OpenDocument text, RTF, and plain text (valid UTF-8 without
// control characters other than tab, CR, LF and FF, and not HTML). A docx
// or odt must pass the zip limits (ErrZipBomb); anything else wraps
// ErrFileType; an empty file is ErrEmptyFile.
func DetectType(data []byte) (contentType, ext string, err error) {
	switch {
	case len(data) == 0:
		return "", "", ErrEmptyFile
	case bytes.HasPrefix(data, magicPDF):
		contentType = ctPDF
	case bytes.HasPrefix(data, magicOLE2):
		if !bytes.Contains(data, wordStream) {
			return "", "", fmt.Errorf("%w: a compound file that is not a Word document", ErrFileType)
		}
		contentType = ctDOC
	case bytes.HasPrefix(data, magicZip):
		if contentType, err = detectZip(data); err != nil {
			return "", "", err
		}
	case bytes.HasPrefix(data, magicRTF):
		contentType = ctRTF
	default:
		if err := checkText(data); err != nil {
			return "", "", err
		}
		contentType = ctTXT
	}
	return contentType, extensions[contentType], nil
}

// checkText returns nil when data is plain text: valid UTF-8, no control
// characters but tab, CR, LF and FF, and not an HTML document.
func checkText(text []byte) error {
	if !utf8.Valid(text) {
		return fmt.Errorf("%w: binary content (not UTF-8 text)", ErrFileType)
	}
	for data := text; len(data) > 0; {
		r, size := utf8.DecodeRune(data)
		data = data[size:]
		if unicode.IsControl(r) && r != '\t' && r != '\r' && r != '\n' && r != '\f' {
			return fmt.Errorf("%w: binary content (control characters)", ErrFileType)
		}
	}
	if isHTML(text) {
		return fmt.Errorf("%w: an HTML document", ErrFileType)
	}
	return nil
}

// isHTML reports whether text starts, after white space and a byte order
// mark, like an HTML (or SVG) document.
func isHTML(text []byte) bool {
	text = bytes.TrimLeftFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' })
	head := strings.ToLower(string(text[:min(len(text), 16)]))
	for _, p := range []string{"<!doctype html", "<html", "<script", "<svg"} {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}

// detectZip returns the type of a zip container that is a docx or an odt
// within the zip limits.
func detectZip(data []byte) (string, error) {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: a corrupt zip container", ErrFileType)
	}
	if err := checkZipSizes(r.File); err != nil {
		return "", err
	}
	var ct, main string
	switch {
	case isODT(r.File):
		ct, main = ctODT, "content.xml"
	case hasEntry(r.File, "[Content_Types].xml") && hasEntry(r.File, "word/document.xml"):
		if hasEntry(r.File, "word/vbaProject.bin") {
			return "", fmt.Errorf("%w: a Word document with macros", ErrFileType)
		}
		ct, main = ctDOCX, "word/document.xml"
	default:
		return "", fmt.Errorf("%w: a zip container that is neither docx nor odt", ErrFileType)
	}
	f := entry(r.File, main)
	if f == nil {
		return "", fmt.Errorf("%w: an OpenDocument without content", ErrFileType)
	}
	if err := checkInflate(f); err != nil {
		return "", err
	}
	return ct, nil
}

// checkZipSizes checks the sizes the central directory declares: the
// number of entries, their total uncompressed size, and each entry's
// compression ratio.
func checkZipSizes(files []*zip.File) error {
	if len(files) > maxZipEntries {
		return fmt.Errorf("%w: more than %d entries", ErrZipBomb, maxZipEntries)
	}
	var total uint64
	for _, f := range files {
		if f.UncompressedSize64 > maxZipBytes {
			return fmt.Errorf("%w: an entry larger than %d bytes", ErrZipBomb, maxZipBytes)
		}
		total += f.UncompressedSize64
		if total > maxZipBytes {
			return fmt.Errorf("%w: more than %d bytes uncompressed", ErrZipBomb, maxZipBytes)
		}
		if tooDense(f.UncompressedSize64, f.CompressedSize64) {
			return fmt.Errorf("%w: an entry compressed more than %d:1", ErrZipBomb, maxRatio)
		}
	}
	return nil
}

// tooDense reports whether size bytes compressed into compressed bytes is
// a ratio a document does not have.
func tooDense(size, compressed uint64) bool {
	return size > ratioFloor && size > maxRatio*compressed
}

// checkInflate decompresses the entry, which the central directory may
// lie about, through a limit: it must stay within maxZipBytes and the
// compression ratio, and match its declared size (archive/zip fails an
// entry that grows beyond it with zip.ErrFormat).
func checkInflate(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: a corrupt zip entry", ErrFileType)
	}
	defer rc.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(rc, maxZipBytes+1))
	switch {
	case n > maxZipBytes || tooDense(uint64(n), f.CompressedSize64):
		return fmt.Errorf("%w: an entry decompresses beyond the limits", ErrZipBomb)
	case errors.Is(err, zip.ErrFormat):
		return fmt.Errorf("%w: an entry decompresses beyond its declared size", ErrZipBomb)
	case err != nil:
		return fmt.Errorf("%w: a corrupt zip entry", ErrFileType)
	}
	return nil
}

// odtMimetype is what the mimetype entry of an OpenDocument text holds.
const odtMimetype = "application/vnd.oasis.opendocument.text"

// isODT reports whether the first entry is a mimetype naming OpenDocument
// text.
func isODT(files []*zip.File) bool {
	if len(files) == 0 || files[0].Name != "mimetype" || files[0].UncompressedSize64 > 256 {
		return false
	}
	rc, err := files[0].Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 257))
	return err == nil && string(b) == odtMimetype
}

// entry returns the first entry with the name (OPC part names are case
// insensitive), or nil.
func entry(files []*zip.File, name string) *zip.File {
	for _, f := range files {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// hasEntry reports whether the zip has an entry with the name.
func hasEntry(files []*zip.File, name string) bool { return entry(files, name) != nil }

// utf16le encodes an ASCII string as UTF-16LE.
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := range len(s) {
		b = append(b, s[i], 0)
	}
	return b
}
