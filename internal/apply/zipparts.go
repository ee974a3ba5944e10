package apply

import (
	"archive/zip"
	"bytes"
	"io"
	"maps"
	"slices"
	"strings"
)

// zipPackage is what checkContainer asks of one kind of zip container.
type zipPackage struct {
	contentType string
	// part returns nil for an entry name the kind may have.
	part func(name string) error
	// keep names the parts check reads.
	keep func(name string) bool
	// check checks the parts kept, once every entry inflated.
	check func(kept map[string][]byte) error
}

// packageOf returns the kind of the container: OpenDocument text when
// its first entry is the mimetype (ODF 1.3 Part 2, "MIME type file"), a
// docx when it has the OPC content types stream (ECMA-376 Part 2,
// "Content Types Stream") and the parts a Word document needs.
func packageOf(files []*zip.File) (*zipPackage, error) {
	switch {
	case len(files) > 0 && files[0].Name == "mimetype":
		return odtPackage(files)
	case entry(files, "[Content_Types].xml") != nil:
		return docxPackage(files)
	}
	return nil, refuse(ReasonType, "a zip container that is neither docx nor odt")
}

// docxPackage checks that an OPC package is a Word document: the package
// relationships and the main document part at the name Word gives it.
func docxPackage(files []*zip.File) (*zipPackage, error) {
	if entry(files, "word/document.xml") == nil {
		return nil, refuse(ReasonType, "an Office package that is not a Word document")
	}
	if entry(files, "_rels/.rels") == nil {
		return nil, refuse(ReasonContainer, "an Office package without its relationships")
	}
	return &zipPackage{contentType: ctDOCX, part: docxPart,
		keep: func(name string) bool {
			return strings.EqualFold(name, "[Content_Types].xml") || strings.HasSuffix(strings.ToLower(name), ".rels")
		},
		check: checkDocxParts}, nil
}

// checkDocxParts checks the content types and every relationship part
// of a docx.
func checkDocxParts(kept map[string][]byte) error {
	types := false
	for _, name := range slices.Sorted(maps.Keys(kept)) {
		data, err := kept[name], error(nil)
		if strings.EqualFold(name, "[Content_Types].xml") {
			types, err = true, checkContentTypes(data)
		} else {
			err = checkRelationships(data)
		}
		if err != nil {
			return err
		}
	}
	if !types {
		return refuse(ReasonContainer, "an Office package without content types")
	}
	return nil
}

// odtPackage checks that an ODF package is OpenDocument text: the
// mimetype entry stored (uncompressed, as the specification requires)
// and naming text, the content and the manifest.
func odtPackage(files []*zip.File) (*zipPackage, error) {
	if f := files[0]; f.Method != zip.Store || f.UncompressedSize64 > 256 || string(readSmall(f)) != ctODT {
		return nil, refuse(ReasonType, "an OpenDocument file that is not text")
	}
	if entry(files, "content.xml") == nil || entry(files, "META-INF/manifest.xml") == nil {
		return nil, refuse(ReasonContainer, "an OpenDocument text without its content or manifest")
	}
	return &zipPackage{contentType: ctODT, part: odtPart,
		keep: func(name string) bool { return name == "META-INF/manifest.xml" },
		check: func(kept map[string][]byte) error {
			// ODF 1.3 Part 2, "Encryption": an encrypted part is listed in
			// the manifest with its encryption-data.
			if bytes.Contains(kept["META-INF/manifest.xml"], []byte("encryption-data")) {
				return refuse(ReasonEncrypted, "an encrypted OpenDocument text")
			}
			return nil
		}}, nil
}

// readSmall returns the content of a small stored entry, nil when it
// cannot be read.
func readSmall(f *zip.File) []byte {
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 257))
	if err != nil {
		return nil
	}
	return b
}

// entry returns the entry with the name, compared without case (OPC
// part names are case-insensitive), or nil.
func entry(files []*zip.File, name string) *zip.File {
	for _, f := range files {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}
