package applytest

import "archive/zip"

// DocxContentTypes is the [Content_Types].xml of a minimal docx: the
// main document part is WordprocessingML's (ECMA-376 Part 1, 11.3.10).
const DocxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`

// DocxDocument is the word/document.xml of a one-paragraph CV.
const DocxDocument = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Åse Bjørnstad – CV</w:t></w:r></w:p></w:body></w:document>`

const docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`

const docxCore = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>CV</dc:title></cp:coreProperties>`

// DocxParts are the parts of a minimal docx, in the order Word writes
// them, with body as word/document.xml.
func DocxParts(body []byte) []Entry {
	return []Entry{
		{Name: "[Content_Types].xml", Data: []byte(DocxContentTypes), Method: zip.Deflate},
		{Name: "_rels/.rels", Data: []byte(docxRels), Method: zip.Deflate},
		{Name: "word/document.xml", Data: body, Method: zip.Deflate},
		{Name: "word/_rels/document.xml.rels", Data: []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`), Method: zip.Deflate},
		{Name: "docProps/core.xml", Data: []byte(docxCore), Method: zip.Deflate},
	}
}

// Docx is a minimal valid docx.
func Docx() []byte { return Zip(DocxParts([]byte(DocxDocument))...) }

// ODTMimetype is the media type of OpenDocument text, which the first
// entry of its package, mimetype, holds.
const ODTMimetype = "application/vnd.oasis.opendocument.text"

// ODTParts are the parts of a minimal OpenDocument text whose mimetype
// entry holds mimetype: that entry first and stored (ODF 1.3 Part 2,
// "MIME type file"), then the content, styles and metadata, and the
// manifest ("Manifest file").
func ODTParts(mimetype string) []Entry {
	return []Entry{
		{Name: "mimetype", Data: []byte(mimetype), Method: zip.Store},
		{Name: "content.xml", Data: []byte(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"><office:body><office:text>Åse</office:text></office:body></office:document-content>`), Method: zip.Deflate},
		{Name: "styles.xml", Data: []byte(`<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"/>`), Method: zip.Deflate},
		{Name: "meta.xml", Data: []byte(`<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"/>`), Method: zip.Deflate},
		{Name: "META-INF/manifest.xml", Data: []byte(`<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="` + mimetype + `"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`), Method: zip.Deflate},
	}
}

// ODT is a minimal valid OpenDocument text.
func ODT() []byte { return Zip(ODTParts(ODTMimetype)...) }

// DocxWithHiddenZeros is a docx with an extra part, word/media/image1.png,
// that declares 1 KiB and inflates to mib MiB of zeros: a zip bomb that
// only inflating every entry finds.
func DocxWithHiddenZeros(mib int) []byte {
	zeros, crc := DeflatedZeros(mib)
	return Zip(append(DocxParts([]byte(DocxDocument)), Entry{Name: "word/media/image1.png", Raw: zeros, CRC32: crc, Size: 1 << 10})...)
}
