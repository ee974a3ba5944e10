// Package ids makes the identifiers jobgate hands out: a short type prefix
// and a ULID-shaped body (48-bit millisecond time, 80 random bits, Crockford
// base32), so ids sort by creation time and cannot be guessed.
package ids

import (
	"crypto/rand"
	"encoding/binary"
	"time"
)

const crockford = "0123456789abcdefghjkmnpqrstvwxyz"

// Prefixes of the ids jobgate issues.
const (
	Account     = "acc"
	Integration = "int"
	Ad          = "job"
	Delivery    = "dlv"
	Key         = "key"
	Audit       = "aud"
	// User is a person who signs in: an account's admin or user, or an
	// operator.
	User = "usr"
	// Receipt is an erasure receipt.
	Receipt = "era"
)

// New returns a new id such as "job_01jd3x...".
func New(prefix string) string {
	return prefix + "_" + body(time.Now())
}

// body encodes 128 bits as 26 base32 characters.
func body(t time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(t.UnixMilli())<<16)
	if _, err := rand.Read(b[6:]); err != nil {
		panic("ids: crypto/rand failed: " + err.Error())
	}
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	out := make([]byte, 26)
	for i := 25; i >= 0; i-- {
		out[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return string(out)
}
