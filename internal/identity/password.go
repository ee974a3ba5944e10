package identity

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's second configuration (19 MiB, 2 passes, 1
// lane; https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html).
// jobgate runs on small servers (2 cores): one lane keeps a sign-in on one
// core, so two can run at once, and 19 MiB rather than 64 MiB keeps memory
// bounded when several sign in together (hashSlots caps them at 4, 76 MiB).
// The parameters are stored in each hash, so raising them later leaves
// existing hashes verifiable.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSaltLen = 16
	argonKeyLen  = 32
)

// hashSlots bounds the hashes computed at once, and so their memory.
var hashSlots = make(chan struct{}, 4)

// MinPasswordChars is the shortest password accepted, in characters
// (the forms say so).
const MinPasswordChars = minPasswordChars

// Password length limits: 10 characters at least; 256 bytes at most, so
// that nobody makes the server hash megabytes.
const (
	minPasswordChars = 10
	maxPasswordBytes = 256
)

// checkPassword returns ErrWeakPassword for a password too short or too
// long.
func checkPassword(p string) error {
	if utf8.RuneCountInString(p) < minPasswordChars || len(p) > maxPasswordBytes || !utf8.ValidString(p) {
		return ErrWeakPassword
	}
	return nil
}

// hashPassword returns the PHC string of password:
// $argon2id$v=19$m=...,t=...,p=...$salt$hash (unpadded standard base64).
func hashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("identity: salt: %w", err)
	}
	key := argon2id([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// verifyPassword reports whether password matches the PHC string phc, in
// constant time. A malformed phc never matches.
func verifyPassword(phc, password string) bool {
	p, err := parsePHC(phc)
	if err != nil {
		return false
	}
	key := argon2id([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1
}

func argon2id(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey(password, salt, time, memory, threads, keyLen)
}

type phcParams struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

var errPHC = errors.New("identity: malformed password hash")

func parsePHC(phc string) (phcParams, error) {
	var p phcParams
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return p, errPHC
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, errPHC
	}
	// Bounds keep a tampered row from making a sign-in allocate gigabytes.
	if p.memory == 0 || p.memory > 1<<20 || p.time == 0 || p.time > 16 || p.threads == 0 {
		return p, errPHC
	}
	var err1, err2 error
	p.salt, err1 = base64.RawStdEncoding.DecodeString(parts[4])
	p.key, err2 = base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(p.salt) == 0 || len(p.key) < 16 || len(p.key) > 64 {
		return p, errPHC
	}
	return p, nil
}

// spendHash verifies password against a hash no password matches, so
// that a sign-in with an unknown e-mail (or a user without a password)
// takes as long as one with a wrong password.
func (s *Service) spendHash(password string) {
	s.dummyOnce.Do(func() {
		random := make([]byte, 32)
		_, _ = rand.Read(random)
		s.dummy, _ = hashPassword(base64.RawStdEncoding.EncodeToString(random))
	})
	verifyPassword(s.dummy, password)
}
