package intake

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"sort"
)

// partDigest is the SHA-256 of one part of a submission: its kind, its
// name and its bytes (a file's name as sent and its content's SHA-256).
type partDigest struct {
	name string
	sum  [sha256.Size]byte
}

// Kinds of part in a digest, so that a text part never equals a file.
const (
	digestText = 't'
	digestFile = 'f'
)

// digestPart is the digest of a part named name of kind, of the values in
// order, each prefixed with its length so that no two parts' bytes run
// into each other.
func digestPart(kind byte, name string, values ...[]byte) partDigest {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	h.Write([]byte{kind})
	for _, v := range append([][]byte{[]byte(name)}, values...) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(v)))])
		h.Write(v)
	}
	var d partDigest
	d.name = name
	h.Sum(d.sum[:0])
	return d
}

// contentHash is the canonical hash of a submission's parts: the digests
// sorted by part name, parts of the same name kept in the order they came
// (a multiselect's choices, several documents). Two submissions have the
// same hash when every field, answer, consent and file is byte for byte
// the same, in whatever order their parts were sent.
func contentHash(parts []partDigest) string {
	sorted := append([]partDigest(nil), parts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	h := sha256.New()
	for _, p := range sorted {
		h.Write(p.sum[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}
