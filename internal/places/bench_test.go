package places

import (
	"io/fs"
	"testing"
)

// BenchmarkLoad measures reading the bundled register, which every
// process does once, on the first NAV ad it maps.
func BenchmarkLoad(b *testing.B) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(sub); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResolve measures placing the locations NAV ads carry: a postal
// code, a Lever "City, Country" after SplitCountry, a ReachMee county, and
// a qualified municipality name.
func BenchmarkResolve(b *testing.B) {
	r, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	city, _ := SplitCountry("Oslo, Norway")
	queries := []Query{{PostalCode: "5003"}, {City: city}, {County: "Vestland"}, {City: "Herøy i Nordland"}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := r.Resolve(queries[i%len(queries)]); err != nil {
			b.Fatal(err)
		}
	}
}
