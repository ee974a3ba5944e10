package applytest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"sync"
)

// Entry is an entry of a zip container a test builds.
type Entry struct {
	Name string
	Data []byte
	// Method is zip.Store or zip.Deflate (the zero value stores).
	Method uint16
	// Raw, when not nil, is written as the entry's compressed (deflated)
	// data as it is, with CRC32 and Size declared for it: a test's way to
	// a header that lies. Data is then unused.
	Raw   []byte
	CRC32 uint32
	Size  uint64
	// Flags are the entry's general purpose flags (bit 0: encrypted).
	Flags uint16
}

// Zip returns a zip of the entries, in order.
func Zip(entries ...Entry) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		must(writeEntry(w, e))
	}
	must(w.Close())
	return buf.Bytes()
}

func writeEntry(w *zip.Writer, e Entry) error {
	if e.Raw != nil || e.Flags != 0 {
		raw, crc, size := e.Raw, e.CRC32, e.Size
		if raw == nil {
			raw, crc, size = Deflate(e.Data), crc32.ChecksumIEEE(e.Data), uint64(len(e.Data))
		}
		fw, err := w.CreateRaw(&zip.FileHeader{Name: e.Name, Method: zip.Deflate, Flags: e.Flags,
			CRC32: crc, CompressedSize64: uint64(len(raw)), UncompressedSize64: size})
		if err != nil {
			return err
		}
		_, err = fw.Write(raw)
		return err
	}
	fw, err := w.CreateHeader(&zip.FileHeader{Name: e.Name, Method: e.Method})
	if err != nil {
		return err
	}
	_, err = fw.Write(e.Data)
	return err
}

// Deflate compresses data.
func Deflate(data []byte) []byte {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.DefaultCompression)
	must(err)
	_, err = w.Write(data)
	must(err)
	must(w.Close())
	return buf.Bytes()
}

// zerosChunks are the deflate stream of the first MiB of zeros and of
// every MiB after it: after the first, the compressor's output for
// another MiB of zeros is always the same, so a test has an entry of
// hundreds of MiB in a few hundred KiB and milliseconds, even under
// -race.
var zerosChunks = sync.OnceValues(func() (first, next []byte) {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.DefaultCompression)
	must(err)
	zeros := make([]byte, 1<<20)
	var parts [][]byte
	for range 3 {
		_, err = w.Write(zeros)
		must(err)
		must(w.Flush())
		parts = append(parts, bytes.Clone(buf.Bytes()))
		buf.Reset()
	}
	if !bytes.Equal(parts[1], parts[2]) {
		panic("applytest: the compressor's output for zeros is not periodic")
	}
	return parts[0], parts[1]
})

// DeflatedZeros returns the deflate stream of mib MiB of zeros and their
// CRC-32.
func DeflatedZeros(mib int) (deflated []byte, crc uint32) {
	first, next := zerosChunks()
	out := append([]byte{}, first...)
	zeros := make([]byte, 1<<20)
	crc = crc32.Update(0, crc32.IEEETable, zeros)
	for range mib - 1 {
		out = append(out, next...)
		crc = crc32.Update(crc, crc32.IEEETable, zeros)
	}
	return append(out, 3, 0), crc // a final, empty, fixed-Huffman block
}

func must(err error) {
	if err != nil {
		panic("applytest: " + err.Error())
	}
}
