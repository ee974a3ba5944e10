package apply

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a zip container (docx, odt), against zip bombs. A CV of 10
// MiB that is all text compresses some 10:1; images are stored as they
// are.
const (
	maxZipEntries = 1000
	// maxZipBytes bounds the total uncompressed size: the sizes the
	// central directory declares, and what the entries really inflate to.
	maxZipBytes = 64 << 20
	// Beyond ratioFloor bytes uncompressed, an entry, and the container
	// as a whole, may not be more than maxRatio times its compressed
	// size.
	maxRatio   = 100
	ratioFloor = 1 << 20
	// maxKeptPart bounds the parts read to be checked ([Content_Types].xml,
	// META-INF/manifest.xml).
	maxKeptPart = 1 << 20
)

// zipMethodAES is the compression method WinZip's AES encryption
// declares (APPNOTE.TXT 4.4.5, method 99).
const zipMethodAES = 99

// checkContainer returns the type of a zip container that is a docx or
// an OpenDocument text, checked entry by entry:
//   - at most maxZipEntries entries, each named by a plain relative path
//     (APPNOTE.TXT 4.4.17: no drive, no leading slash, forward slashes;
//     and no "." or ".." segment), none twice (OPC part names compare
//     without case), none encrypted, each stored or deflated;
//   - the declared sizes within maxZipBytes and maxRatio;
//   - only the parts the container's specification expects (docxPart,
//     odtPart), no macros, no embedded objects;
//   - every entry inflated, through a limit, so a header that lies
//     about an entry's size is found: archive/zip fails an entry that
//     grows beyond its declared size;
//   - what the type asks of its parts ([Content_Types].xml, the
//     manifest).
func checkContainer(data []byte) (string, error) {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", refuse(ReasonContainer, "a corrupt zip container")
	}
	if err := checkZipEntries(r.File); err != nil {
		return "", err
	}
	if err := checkZipSizes(r.File); err != nil {
		return "", err
	}
	pkg, err := packageOf(r.File)
	if err != nil {
		return "", err
	}
	for _, f := range r.File {
		if err := pkg.part(f.Name); err != nil {
			return "", err
		}
	}
	kept, err := inflateAll(r.File, pkg.keep)
	if err != nil {
		return "", err
	}
	if err := pkg.check(kept); err != nil {
		return "", err
	}
	return pkg.contentType, nil
}

// checkZipEntries checks the entries' number, names, encryption and
// compression methods.
func checkZipEntries(files []*zip.File) error {
	if len(files) > maxZipEntries {
		return refuse(ReasonZipBomb, "more than 1000 entries")
	}
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		if !plainEntryName(f.Name) {
			return refuse(ReasonContainer, "an entry name that is not a plain relative path")
		}
		if key := strings.ToLower(f.Name); seen[key] {
			return refuse(ReasonContainer, "two entries of the same name")
		} else {
			seen[key] = true
		}
		switch {
		case f.Flags&0x1 != 0 || f.Method == zipMethodAES:
			return refuse(ReasonEncrypted, "an encrypted zip entry")
		case f.Method != zip.Store && f.Method != zip.Deflate:
			return refuse(ReasonContainer, "an entry neither stored nor deflated")
		}
	}
	return nil
}

// plainEntryName reports whether a zip entry's name is a relative path
// of non-empty segments, none "." or "..", in UTF-8 without control
// characters, backslashes or colons (a directory's ends with a slash).
func plainEntryName(name string) bool {
	p := strings.TrimSuffix(name, "/")
	if p == "" || !utf8.ValidString(name) || strings.ContainsAny(name, `\:`) || strings.ContainsFunc(name, unicode.IsControl) {
		return false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// checkZipSizes checks the sizes the central directory declares: each
// entry's and the total uncompressed size, and the compression ratios.
func checkZipSizes(files []*zip.File) error {
	var total, compressed uint64
	for _, f := range files {
		if f.UncompressedSize64 > maxZipBytes {
			return refuse(ReasonZipBomb, "an entry larger than 64 MiB")
		}
		total += f.UncompressedSize64
		compressed += f.CompressedSize64
		switch {
		case total > maxZipBytes:
			return refuse(ReasonZipBomb, "more than 64 MiB uncompressed")
		case tooDense(f.UncompressedSize64, f.CompressedSize64):
			return refuse(ReasonZipBomb, "an entry compressed more than 100:1")
		}
	}
	if tooDense(total, compressed) {
		return refuse(ReasonZipBomb, "entries compressed more than 100:1 together")
	}
	return nil
}

// tooDense reports whether size bytes compressed into compressed bytes is
// a ratio a document does not have.
func tooDense(size, compressed uint64) bool {
	return size > ratioFloor && size > maxRatio*compressed
}

// inflateAll inflates every entry within the limits and returns the
// parts keep names, read.
func inflateAll(files []*zip.File, keep func(name string) bool) (map[string][]byte, error) {
	kept := map[string][]byte{}
	var total uint64
	for _, f := range files {
		limit := min(maxZipBytes-total, maxRatio*f.CompressedSize64+ratioFloor)
		var w io.Writer = io.Discard
		var buf *bytes.Buffer
		if keep(f.Name) {
			if f.UncompressedSize64 > maxKeptPart {
				return nil, refuse(ReasonContainer, "a package part too large to check")
			}
			buf = &bytes.Buffer{}
			w, limit = buf, min(limit, maxKeptPart)
		}
		n, err := inflate(f, w, limit)
		if err != nil {
			return nil, err
		}
		total += n
		if buf != nil {
			kept[f.Name] = buf.Bytes()
		}
	}
	return kept, nil
}

// inflate decompresses the entry into w, through limit: archive/zip
// fails an entry that grows beyond its declared size with zip.ErrFormat,
// and the limit bounds the work even if it did not.
func inflate(f *zip.File, w io.Writer, limit uint64) (uint64, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, refuse(ReasonContainer, "a corrupt zip entry")
	}
	defer rc.Close()
	n, err := io.Copy(w, io.LimitReader(rc, int64(limit)+1))
	switch {
	case uint64(n) > limit:
		return 0, refuse(ReasonZipBomb, "an entry decompresses beyond the limits")
	case errors.Is(err, zip.ErrFormat):
		return 0, refuse(ReasonZipBomb, "an entry decompresses beyond its declared size")
	case err != nil:
		return 0, refuse(ReasonContainer, "a corrupt zip entry")
	}
	return uint64(n), nil
}
