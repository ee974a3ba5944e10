// Package secretbox encrypts secrets at rest (vendor credentials, the API key
// secrets a vendor signs with) with AES-256-GCM under the master key.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the master key's length in bytes.
const KeySize = 32

// ErrDecrypt is returned when a sealed value cannot be opened: the wrong
// master key, a tampered value, or a value sealed for another subject.
var ErrDecrypt = errors.New("secretbox: cannot decrypt")

// Box seals and opens values under one master key.
type Box struct {
	aead cipher.AEAD
	// macKey keys Token: derived from the master key, never the key itself.
	macKey []byte
	// candidateKey keys CandidateKey, derived apart from macKey so that a
	// status token and a candidate key never share a key.
	candidateKey []byte
}

// New returns a Box for a 32-byte master key.
func New(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secretbox: master key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	return &Box{aead: aead, macKey: deriveKey(key, "jobgate token key v1"), candidateKey: deriveKey(key, "jobgate candidate key v1")}, nil
}

// deriveKey is HMAC-SHA256(master key, label): a key of its own for one
// use, from which the master key cannot be recovered.
func deriveKey(key []byte, label string) []byte {
	derive := hmac.New(sha256.New, key)
	derive.Write([]byte(label))
	return derive.Sum(nil)
}

// CandidateKey returns the key applications of the candidate with e-mail
// email are stored under (hex HMAC-SHA256 of the trimmed, lower-cased
// e-mail under a key derived from the master key): export and erasure
// find a candidate's applications by it, while the database, read alone,
// cannot be searched for an e-mail address.
func (b *Box) CandidateKey(email string) string {
	mac := hmac.New(sha256.New, b.candidateKey)
	mac.Write([]byte(strings.ToLower(strings.TrimSpace(email))))
	return hex.EncodeToString(mac.Sum(nil))
}

// Token returns an unguessable token for subject (an application id):
// HMAC-SHA256 under a key derived from the master key, in URL-safe base64.
// The same subject always gets the same token, so a token need not be
// stored to be given again.
func (b *Box) Token(subject string) string {
	mac := hmac.New(sha256.New, b.macKey)
	mac.Write([]byte(subject))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// ParseKey decodes a master key given as base64 (standard or URL alphabet).
func ParseKey(s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) == KeySize {
			return k, nil
		}
	}
	return nil, fmt.Errorf("secretbox: master key must be %d bytes in base64 (openssl rand -base64 32)", KeySize)
}

// Seal encrypts plaintext. subject (an integration or key id) is bound as
// additional data so a sealed value cannot be moved to another row.
func (b *Box) Seal(plaintext []byte, subject string) []byte {
	nonce := make([]byte, b.aead.NonceSize(), b.aead.NonceSize()+len(plaintext)+b.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic("secretbox: crypto/rand failed: " + err.Error())
	}
	return b.aead.Seal(nonce, nonce, plaintext, []byte(subject))
}

// Open decrypts a value made by Seal for the same subject.
func (b *Box) Open(sealed []byte, subject string) ([]byte, error) {
	n := b.aead.NonceSize()
	if len(sealed) < n+b.aead.Overhead() {
		return nil, ErrDecrypt
	}
	out, err := b.aead.Open(nil, sealed[:n], sealed[n:], []byte(subject))
	if err != nil {
		return nil, ErrDecrypt
	}
	return out, nil
}
