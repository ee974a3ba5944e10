package secretbox_test

import (
	"bytes"
	"testing"

	"github.com/jobgate/jobgate/internal/secretbox"
)

// TestCandidateKey: one candidate's e-mail, however it is cased or
// padded, is one key; another e-mail or another master key is another
// key; and the key is neither the e-mail nor the status token of it.
func TestCandidateKey(t *testing.T) {
	box, err := secretbox.New(bytes.Repeat([]byte{1}, secretbox.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	other, err := secretbox.New(bytes.Repeat([]byte{2}, secretbox.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	k := box.CandidateKey("kari@example.no")
	if len(k) != 64 {
		t.Fatalf("key %q: want 64 hex characters", k)
	}
	if got := box.CandidateKey("  Kari@Example.NO "); got != k {
		t.Errorf("cased and padded e-mail: %q, want %q", got, k)
	}
	for name, got := range map[string]string{
		"another e-mail":     box.CandidateKey("ola@example.no"),
		"another master key": other.CandidateKey("kari@example.no"),
		"the status token":   box.Token("kari@example.no"),
	} {
		if got == k {
			t.Errorf("%s gives the same key", name)
		}
	}
}
