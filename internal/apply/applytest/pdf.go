// Package applytest makes the documents that tests and load tools send as
// candidates' files: a minimal valid PDF, docx, odt and Word 97 compound
// file, and the hostile containers the file checks must refuse (a docx
// with a zip bomb behind a lying header). Everything is built in memory,
// in milliseconds, so that no test depends on a fixture file.
package applytest

import (
	"bytes"
	"fmt"
)

// PDF returns a small, valid PDF of one empty A4 page whose only stream
// holds body (any bytes, so tests can follow them to the ATS): a header,
// four indirect objects, a cross-reference table with the objects' real
// offsets, the trailer, startxref and %%EOF (ISO 32000-1, 7.5).
func PDF(body []byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(body), body),
	}
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
