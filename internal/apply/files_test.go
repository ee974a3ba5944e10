package apply

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// zipEntry is an entry of a zip built by a test.
type zipEntry struct {
	name   string
	data   []byte
	method uint16
}

// makeZip builds a zip of the entries, in order.
func makeZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		fw, err := w.CreateHeader(&zip.FileHeader{Name: e.name, Method: e.method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const contentTypesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const documentXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Åse Bjørnstad – CV</w:t></w:r></w:p></w:body></w:document>`

// docxEntries are the parts of a minimal docx; body is word/document.xml.
func docxEntries(body []byte) []zipEntry {
	return []zipEntry{
		{name: "[Content_Types].xml", data: []byte(contentTypesXML), method: zip.Deflate},
		{name: "_rels/.rels", data: []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`), method: zip.Deflate},
		{name: "word/document.xml", data: body, method: zip.Deflate},
	}
}

// odtEntries are the parts of a minimal odt with the mimetype.
func odtEntries(mimetype string) []zipEntry {
	return []zipEntry{
		{name: "mimetype", data: []byte(mimetype), method: zip.Store},
		{name: "content.xml", data: []byte(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:text>Åse</office:text></office:body></office:document-content>`), method: zip.Deflate},
		{name: "META-INF/manifest.xml", data: []byte(`<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`), method: zip.Deflate},
	}
}

// compoundFile is the start of an OLE2 compound file whose directory
// names the stream.
func compoundFile(stream string) []byte {
	b := append([]byte{}, magicOLE2...)
	b = append(b, make([]byte, 1024)...)
	return append(append(b, utf16le(stream)...), make([]byte, 64)...)
}

// zerosChunks returns the deflate stream of n MiB of zeros, built from one
// compressed MiB repeated (after the first MiB, the compressor's output
// for another MiB of zeros is always the same), so a test has a 200 MiB
// entry in a few hundred KiB and milliseconds, even under -race.
var zerosChunks = sync.OnceValues(func() (first, next []byte) {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
	zeros := make([]byte, 1<<20)
	var parts [][]byte
	for range 3 {
		w.Write(zeros)
		w.Flush()
		parts = append(parts, bytes.Clone(buf.Bytes()))
		buf.Reset()
	}
	if !bytes.Equal(parts[1], parts[2]) {
		panic("the compressor's output for zeros is not periodic")
	}
	return parts[0], parts[1]
})

func deflatedZeros(mib int) []byte {
	first, next := zerosChunks()
	out := append([]byte{}, first...)
	for range mib - 1 {
		out = append(out, next...)
	}
	return append(out, 3, 0) // a final, empty, fixed-Huffman block
}

func crcZeros(mib int) uint32 {
	zeros := make([]byte, 1<<20)
	var crc uint32
	for range mib {
		crc = crc32.Update(crc, crc32.IEEETable, zeros)
	}
	return crc
}

// zerosDocx is a docx whose word/document.xml is mib MiB of zeros, its
// declared size declared bytes.
func zerosDocx(t testing.TB, mib int, declared uint64) []byte {
	return rawDocx(t, deflatedZeros(mib), crcZeros(mib), declared)
}

// rawDocx is a docx whose word/document.xml is the deflated body, with
// the checksum and the declared size.
func rawDocx(t testing.TB, body []byte, crc uint32, declared uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range docxEntries(nil)[:2] {
		fw, _ := w.Create(e.name)
		fw.Write(e.data)
	}
	fw, err := w.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CRC32: crc, CompressedSize64: uint64(len(body)), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(body)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflate compresses data.
func deflate(data []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

func TestDeflatedZeros(t *testing.T) {
	data := zerosDocx(t, 3, 3<<20)
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := r.File[2].Open()
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

func TestDetectTypeAllowed(t *testing.T) {
	tests := []struct {
		name, ct, ext string
		data          []byte
	}{
		{"pdf", ctPDF, "pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")},
		{"doc", ctDOC, "doc", compoundFile("WordDocument")},
		{"docx", ctDOCX, "docx", makeZip(t, docxEntries([]byte(documentXML))...)},
		{"docx of 3 MiB prose", ctDOCX, "docx", makeZip(t, docxEntries(largeText(3<<20))...)},
		{"odt", ctODT, "odt", makeZip(t, odtEntries(odtMimetype)...)},
		{"rtf", ctRTF, "rtf", []byte(`{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} \f0 S\u248?knad}`)},
		{"txt", ctTXT, "txt", []byte("Åse Bjørnstad\r\n\tUtvikler\n\fSide 2\n")},
		{"txt with a BOM", ctTXT, "txt", []byte("\uFEFFCV\n")},
		{"txt that mentions html", ctTXT, "txt", []byte("I write <html> for a living")},
		{"txt that is xml", ctTXT, "txt", []byte(`<?xml version="1.0"?><cv/>`)},
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

func TestDetectTypeRefused(t *testing.T) {
	docx := makeZip(t, docxEntries([]byte(documentXML))...)
	many := docxEntries([]byte(documentXML))
	for i := range maxZipEntries {
		many = append(many, zipEntry{name: "word/media/" + strconv.Itoa(i) + ".xml"})
	}
	tests := []struct {
		name string
		data []byte
		want error
		why  string // in the error, when set
	}{
		{"empty", nil, ErrEmptyFile, ""},
		{"ELF executable", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"), ErrFileType, ""},
		{"PE executable", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode."), ErrFileType, ""},
		{"self-extracting docx", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), docx...), ErrFileType, ""},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrFileType, ""},
		{"JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), ErrFileType, ""},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00"), ErrFileType, ""},
		{"html doctype", []byte("<!DOCTYPE html><html><body>CV</body></html>"), ErrFileType, ""},
		{"html after space and BOM", []byte("\uFEFF \n\t<HTML lang=nb>"), ErrFileType, ""},
		{"script", []byte("<ScRiPt>alert(1)</script>"), ErrFileType, ""},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), ErrFileType, ""},
		{"UTF-16LE without BOM", []byte("C\x00V\x00 \x00\xc5\x00s\x00e\x00"), ErrFileType, ""},
		{"UTF-16LE with BOM", []byte("\xff\xfeC\x00V\x00"), ErrFileType, ""},
		{"Latin-1", []byte("S\xf8knad fra \xc5se"), ErrFileType, ""},
		{"text with NUL", []byte("CV\x00"), ErrFileType, ""},
		{"text with an escape", []byte("CV \x1b[31m"), ErrFileType, ""},
		{"text with a C1 control", []byte("CV \u0085"), ErrFileType, ""},
		{"excel compound file", compoundFile("Workbook"), ErrFileType, ""},
		{"plain zip", makeZip(t, zipEntry{name: "cv.pdf", data: []byte("%PDF-1.4")}), ErrFileType, ""},
		{"docx without document.xml", makeZip(t, docxEntries(nil)[:2]...), ErrFileType, ""},
		{"docx with macros", makeZip(t, append(docxEntries([]byte(documentXML)), zipEntry{name: "word/vbaProject.bin", data: []byte{1}})...), ErrFileType, ""},
		{"ods", makeZip(t, odtEntries("application/vnd.oasis.opendocument.spreadsheet")...), ErrFileType, ""},
		{"odt whose mimetype is not first", makeZip(t, append(odtEntries(odtMimetype)[1:], odtEntries(odtMimetype)[0])...), ErrFileType, ""},
		{"odt without content", makeZip(t, odtEntries(odtMimetype)[:1]...), ErrFileType, ""},
		{"corrupt zip", []byte("PK\x03\x04\x14\x00\x00\x00garbage"), ErrFileType, ""},
		{"truncated docx", docx[:len(docx)/2], ErrFileType, ""},
		{"zip bomb: 200 MiB of zeros", zerosDocx(t, 200, 200<<20), ErrZipBomb, "an entry larger than"},
		{"zip bomb: 50 MiB of zeros (1000:1)", zerosDocx(t, 50, 50<<20), ErrZipBomb, "compressed more than 100:1"},
		{"zip bomb: declared size lies", zerosDocx(t, 200, 1<<20), ErrZipBomb, "beyond its declared size"},
		{"zip bomb: too many entries", makeZip(t, many...), ErrZipBomb, "more than 1000 entries"},
		{"declared size larger than the entry", rawDocx(t, deflate([]byte(documentXML)), crc32.ChecksumIEEE([]byte(documentXML)), 1<<20), ErrFileType, "corrupt"},
		{"wrong checksum", rawDocx(t, deflate([]byte(documentXML)), 1, uint64(len(documentXML))), ErrFileType, "corrupt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct, ext, err := DetectType(tt.data)
			if !errors.Is(err, tt.want) || ct != "" || ext != "" || !strings.Contains(err.Error(), tt.why) {
				t.Fatalf("DetectType = %q, %q, %v; want %v (%s)", ct, ext, err, tt.want, tt.why)
			}
		})
	}
}

func TestCheckZipSizesTotal(t *testing.T) {
	// Entries within the ratio whose declared sizes add up to more than
	// the limit.
	files := make([]*zip.File, 3)
	for i := range files {
		files[i] = &zip.File{FileHeader: zip.FileHeader{UncompressedSize64: 40 << 20, CompressedSize64: 20 << 20}}
	}
	if err := checkZipSizes(files); !errors.Is(err, ErrZipBomb) || !strings.Contains(err.Error(), "uncompressed") {
		t.Fatalf("checkZipSizes = %v; want the total refused", err)
	}
	if err := checkZipSizes(files[:2]); err != nil {
		t.Fatalf("checkZipSizes of 80 MiB = %v", err)
	}
}

func TestExtensionsAreClean(t *testing.T) {
	for ct, ext := range extensions {
		if cleanExt(ext) != ext {
			t.Errorf("the extension of %s is not clean", ct)
		}
	}
}

func FuzzDetectType(f *testing.F) {
	for _, seed := range [][]byte{
		[]byte("%PDF-1.4"), compoundFile("WordDocument"), []byte(`{\rtf1}`), []byte("CV\n"),
		makeZip(f, docxEntries([]byte(documentXML))...), makeZip(f, odtEntries(odtMimetype)...),
		[]byte("<html>"), []byte("\x7fELF"), {},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ct, ext, err := DetectType(data)
		if err != nil {
			if ct != "" || ext != "" {
				t.Fatalf("a type with the error %v", err)
			}
			if !errors.Is(err, ErrFileType) && !errors.Is(err, ErrZipBomb) && !errors.Is(err, ErrEmptyFile) {
				t.Fatalf("an unclassified error: %v", err)
			}
			return
		}
		if want, ok := extensions[ct]; !ok || want != ext {
			t.Fatalf("DetectType = %q, %q: not an allowed type", ct, ext)
		}
	})
}
