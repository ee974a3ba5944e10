package apikey

import (
	"strings"
	"testing"
)

// FuzzParse feeds Parse what clients put in Authorization headers: it must
// never panic, and whatever it accepts must have the shape of an issued key.
func FuzzParse(f *testing.F) {
	k := New()
	for _, s := range []string{k.Full, "", "jg_", "jg_key__", k.Full + "x", strings.ToUpper(k.Full), "jg_key_" + strings.Repeat("_", 70)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, secret, err := Parse(s)
		if err != nil {
			return
		}
		if !strings.HasPrefix(id, "key_") || len(id) != 30 || len(secret) != 43 || "jg_"+id+"_"+secret != s {
			t.Fatalf("Parse(%q) accepted id %q secret %q", s, id, secret)
		}
	})
}
