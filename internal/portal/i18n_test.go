package portal

import "testing"

// TestPickLanguage: Norwegian browsers (nb, nn, no) and anything the
// portal does not speak get Bokmål; English ones English.
func TestPickLanguage(t *testing.T) {
	for header, want := range map[string]string{
		"":                          "nb",
		"nb-NO,nb;q=0.9":            "nb",
		"nn-NO":                     "nb",
		"no":                        "nb",
		"en-GB,en;q=0.8":            "en",
		"en-US":                     "en",
		"de-DE":                     "nb",
		"fr;q=0.9, en;q=0.8":        "en",
		"this is not a header;q=x,": "nb",
	} {
		if got := pickLanguage(header); got != want {
			t.Errorf("pickLanguage(%q) = %q, want %q", header, got, want)
		}
	}
}

// TestLabelsComplete: both languages have every key.
func TestLabelsComplete(t *testing.T) {
	for key := range labelsNB {
		if _, ok := labelsEN[key]; !ok {
			t.Errorf("en lacks %q", key)
		}
	}
	for key := range labelsEN {
		if _, ok := labelsNB[key]; !ok {
			t.Errorf("nb lacks %q", key)
		}
	}
}
