package apply

import "slices"

// The parts of an OpenDocument text package. ODF 1.3 Part 2 (Packages)
// names the mimetype file, the manifest (META-INF/manifest.xml), the
// digital signatures (META-INF/documentsignatures.xml), the preview image
// (Thumbnails/thumbnail.png) and the RDF metadata manifest
// (manifest.rdf); Part 1 ("OpenDocument document", package form) the
// content.xml, styles.xml, meta.xml and settings.xml streams. Pictures/,
// Configurations2/ (the user interface settings) and layout-cache are
// what LibreOffice writes beside them.
var (
	odtFiles = []string{"mimetype", "content.xml", "styles.xml", "meta.xml", "settings.xml", "manifest.rdf", "layout-cache",
		"META-INF/", "META-INF/manifest.xml", "META-INF/documentsignatures.xml"}
	odtFolders = []string{"Pictures/", "Thumbnails/", "Configurations2/"}
	// odtMacroFolders hold Basic macros and scripts, and their dialogs
	// and signature (LibreOffice's Basic/, Dialogs/, Scripts/ and
	// META-INF/macrosignatures.xml).
	odtMacroFolders = []string{"Basic/", "Dialogs/", "Scripts/", "META-INF/macrosignatures.xml"}
	// odtEmbeddedFolders hold embedded objects: sub-documents ("Object
	// 1/") or OLE objects, and their replacement images.
	odtEmbeddedFolders = []string{"Object ", "ObjectReplacements/"}
)

// odtPart returns nil when name is a part an OpenDocument text may have
// (ODF part names are case sensitive).
func odtPart(name string) error {
	switch {
	case hasAnyPrefix(name, odtMacroFolders):
		return refuse(ReasonMacros, "an OpenDocument text with macros")
	case hasAnyPrefix(name, odtEmbeddedFolders):
		return refuse(ReasonEmbedded, "an OpenDocument text with embedded objects")
	case slices.Contains(odtFiles, name), hasAnyPrefix(name, odtFolders):
		return nil
	}
	return refuse(ReasonPart, "an entry an OpenDocument text does not have")
}
