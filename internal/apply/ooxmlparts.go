package apply

import (
	"encoding/xml"
	"path"
	"slices"
	"strings"
)

// The parts of a docx. ECMA-376 Part 2 (Open Packaging Conventions)
// gives every package the content types stream, [Content_Types].xml,
// relationship parts in _rels/ folders, and digital signatures (Word
// keeps them under _xmlsignatures/); Part 1, 11.3 ("WordprocessingML
// parts"), and 15.2 (the parts every Office document may have: core
// and extended properties, thumbnail, custom XML data) name the rest,
// which Word keeps under word/, docProps/ and customXml/; [MS-OI29500]
// 3.4.1.5 adds the sensitivity label of Microsoft 365, at
// docMetadata/LabelInfo.xml.
var docxFolders = []string{"_rels/", "docprops/", "customxml/", "word/", "_xmlsignatures/", "docmetadata/"}

// docxMacroParts are the parts of VBA macros and the customisations
// that only macro-enabled documents have ([MS-OFFMACRO2]: vbaProject.bin,
// vbaData.xml, attachedToolbars.bin, customizations.xml).
var docxMacroParts = []string{"vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin", "attachedtoolbars.bin", "customizations.xml"}

// docxEmbeddedFolders hold embedded OLE objects and packages, and
// ActiveX controls (Part 1, 15.2: the "Embedded Object", "Embedded
// Package" and "Embedded Control Persistence" parts), which Word keeps
// under word/embeddings/ and word/activeX/.
var docxEmbeddedFolders = []string{"word/embeddings/", "word/activex/"}

// docxPart returns nil when name is a part a docx may have.
func docxPart(name string) error {
	lower := strings.ToLower(name)
	switch {
	case slices.Contains(docxMacroParts, path.Base(lower)):
		return refuse(ReasonMacros, "a Word document with macros")
	case hasAnyPrefix(lower, docxEmbeddedFolders):
		return refuse(ReasonEmbedded, "a Word document with embedded objects or controls")
	case lower == "[content_types].xml", hasAnyPrefix(lower, docxFolders):
		return nil
	}
	return refuse(ReasonPart, "an entry a Word document does not have")
}

// docxMain is the content type of a docx's main document part
// (ECMA-376 Part 1, 11.3.10 "Main Document Part").
const docxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

// contentTypes is the content types stream of an OPC package.
type contentTypes struct {
	Defaults  []contentType `xml:"Default"`
	Overrides []contentType `xml:"Override"`
}

type contentType struct {
	Extension   string `xml:"Extension,attr"`
	PartName    string `xml:"PartName,attr"`
	ContentType string `xml:"ContentType,attr"`
}

// checkContentTypes checks [Content_Types].xml: the main part is a Word
// document's, not a macro-enabled document's or a template's, and no
// part is of a macro or embedded object type, whatever its name
// (a docm's main part is application/vnd.ms-word.document.macroEnabled.main+xml,
// its project application/vnd.ms-office.vbaProject).
func checkContentTypes(data []byte) error {
	var types contentTypes
	if err := xml.Unmarshal(data, &types); err != nil {
		return refuse(ReasonContainer, "an Office package whose content types cannot be read")
	}
	main := ""
	for _, t := range append(types.Defaults, types.Overrides...) {
		ct := strings.ToLower(t.ContentType)
		switch {
		case containsAny(ct, "macroenabled", "vbaproject", "vbadata", "keymapcustomizations", "attachedtoolbars"):
			return refuse(ReasonMacros, "a Word document with macros")
		case containsAny(ct, "activex", "oleobject"):
			return refuse(ReasonEmbedded, "a Word document with embedded objects or controls")
		case strings.EqualFold(t.PartName, "/word/document.xml"):
			main = ct
		}
	}
	if main != docxMain {
		return refuse(ReasonType, "an Office package whose main part is not a Word document")
	}
	return nil
}

// relationships is a relationship part of an OPC package (ECMA-376
// Part 2, "Relationships Markup").
type relationships struct {
	Relationships []struct {
		Type       string `xml:"Type,attr"`
		TargetMode string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

// checkRelationships refuses a relationship to an external target other
// than a hyperlink: an external attached template, OLE object, frame,
// subdocument or image is fetched when the document opens (a template
// brings its macros in, a UNC path leaks the reader's credentials).
func checkRelationships(data []byte) error {
	var rels relationships
	if err := xml.Unmarshal(data, &rels); err != nil {
		return refuse(ReasonContainer, "an Office package whose relationships cannot be read")
	}
	for _, r := range rels.Relationships {
		if strings.EqualFold(r.TargetMode, "External") && !strings.HasSuffix(r.Type, "/hyperlink") {
			return refuse(ReasonExternal, "a Word document that loads external content when opened")
		}
	}
	return nil
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
