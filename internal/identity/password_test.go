package identity

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPasswordHash: the hash is an argon2id PHC string with the chosen
// parameters and a fresh salt; it verifies the password and nothing else;
// a malformed or tampered hash never verifies.
func TestPasswordHash(t *testing.T) {
	h, err := hashPassword("correct horse battery")
	require.NoError(t, err)
	require.Regexp(t, regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`), h)
	again, err := hashPassword("correct horse battery")
	require.NoError(t, err)
	require.NotEqual(t, h, again, "a fresh salt each time")
	require.True(t, verifyPassword(h, "correct horse battery"))
	require.False(t, verifyPassword(h, "correct horse batterY"))
	require.False(t, verifyPassword(h, ""))
	parts := strings.Split(h, "$")
	for _, bad := range []string{"", "plain", strings.Replace(h, "argon2id", "argon2i", 1),
		strings.Replace(h, "m=19456", "m=99999999", 1), strings.Join(parts[:5], "$"), h[:len(h)-4]} {
		require.False(t, verifyPassword(bad, "correct horse battery"), bad)
	}
}

// TestPasswordRules: 10 characters (not bytes) at least, 256 bytes at most.
func TestPasswordRules(t *testing.T) {
	require.ErrorIs(t, checkPassword("short1234"), ErrWeakPassword)
	require.NoError(t, checkPassword("tencharsok"))
	require.NoError(t, checkPassword("æøåæøåæøåæ"), "ten characters, twenty bytes")
	require.ErrorIs(t, checkPassword(strings.Repeat("a", 257)), ErrWeakPassword)
	require.NoError(t, checkPassword(strings.Repeat("a", 256)))
}

// TestEmailRules: one bare address, lower-cased.
func TestEmailRules(t *testing.T) {
	for _, ok := range []string{"kari@example.no", "kari.nordmann+jobs@sub.example.no"} {
		require.NoError(t, checkEmail(ok), ok)
	}
	for _, bad := range []string{"", "kari", "kari@", "@example.no", "Kari <kari@example.no>", "a@b.no,c@d.no", "kari@localhost", "ka ri@example.no", "kari@example.no\r\nBcc: x@y.no"} {
		require.ErrorIs(t, checkEmail(NormalizeEmail(bad)), ErrInvalidEmail, bad)
	}
	require.Equal(t, "kari@example.no", NormalizeEmail("  Kari@Example.NO "))
}
