package applyhttp

import (
	"bytes"
	"mime/multipart"
	"net/textproto"

	"github.com/jobgate/jobgate/internal/apply"
)

// FilePart is a document sent as the multipart field Field.
type FilePart struct {
	Field    string
	Document apply.Document
}

// Multipart builds a multipart/form-data body of fields (name, value;
// empty values are left out) and files, in one buffer grown once to about
// its final size, so every file is copied once, from the application
// into the body. A buffered body has a length, which a streamed one would
// not: the ATS gets a Content-Length, and net/http can replay the request
// on a dead keep-alive connection. It returns the body and its
// Content-Type.
func Multipart(fields [][2]string, files []FilePart) ([]byte, string, error) {
	size := 1024
	for _, f := range fields {
		size += 128 + len(f[0]) + len(f[1])
	}
	for _, f := range files {
		size += 256 + len(f.Document.FileName) + len(f.Document.Data)
	}
	var buf bytes.Buffer
	buf.Grow(size)
	w := multipart.NewWriter(&buf)
	for _, f := range fields {
		if f[1] == "" {
			continue
		}
		if err := w.WriteField(f[0], f[1]); err != nil {
			return nil, "", err
		}
	}
	for _, f := range files {
		if err := writeFile(w, f.Field, f.Document); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// writeFile writes d as a file part with its name and content type.
func writeFile(w *multipart.Writer, field string, d apply.Document) error {
	ct := d.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", multipart.FileContentDisposition(field, d.FileName))
	h.Set("Content-Type", ct)
	part, err := w.CreatePart(h)
	if err != nil {
		return err
	}
	_, err = part.Write(d.Data)
	return err
}
