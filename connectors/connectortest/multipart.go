package connectortest

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
)

// Part is one part of a multipart body an intake received, as the apply
// connectors' tests compare it (Data is the file's bytes, left out of
// golden files; Size stands for it there).
type Part struct {
	Name        string `json:"name"`
	Value       string `json:"value,omitempty"`
	FileName    string `json:"file_name,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	Size        int    `json:"size,omitempty"`
	Data        []byte `json:"-"`
}

// ReadParts reads a multipart/form-data body with the given Content-Type.
func ReadParts(contentType string, body io.Reader) ([]Part, error) {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil, err
	}
	mr := multipart.NewReader(body, params["boundary"])
	var out []Part
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		data, _ := io.ReadAll(p)
		pt := Part{Name: p.FormName(), FileName: p.FileName()}
		if pt.FileName != "" {
			pt.ContentType, pt.Size, pt.Data = p.Header.Get("Content-Type"), len(data), data
		} else {
			pt.Value = string(data)
		}
		out = append(out, pt)
	}
}
