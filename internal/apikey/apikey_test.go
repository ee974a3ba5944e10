package apikey

import "testing"

func TestRoundTrip(t *testing.T) {
	// Many keys: base64url secrets often hold "_" and "-", which must not
	// confuse the split between id and secret.
	for range 500 {
		roundTrip(t, New())
	}
}

func roundTrip(t *testing.T, k Key) {
	t.Helper()
	id, secret, err := Parse(k.Full)
	if err != nil {
		t.Fatalf("Parse(%q): %v", k.Full, err)
	}
	if id != k.ID || secret != k.Secret {
		t.Fatalf("Parse = %q, %q; want %q, %q", id, secret, k.ID, k.Secret)
	}
	if !Verify(Hash(k.Secret), secret) {
		t.Fatal("Verify of the right secret = false")
	}
	if Verify(Hash(k.Secret), secret[:42]+"x") {
		t.Fatal("Verify of a wrong secret = true")
	}
}

func TestParseRejects(t *testing.T) {
	k := New()
	for _, s := range []string{"", "jg_", k.Full[3:], k.Full + "x", "jg_key__" + k.Secret, "Bearer " + k.Full, k.Full[:len(k.Full)-1]} {
		if _, _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted a malformed key", s)
		}
	}
}
