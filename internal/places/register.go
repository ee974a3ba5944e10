package places

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

//go:embed data/*.tsv data/*.tsv.gz
var embedded embed.FS

// County is a county (fylke) or a territory outside them.
type County struct {
	// Number is SSB's two-digit county number, e.g. "46".
	Number string
	// Name is upper case, as NAV's geography writes it, e.g. "VESTLAND".
	Name string
}

// Municipality is a municipality (kommune).
type Municipality struct {
	// Number is SSB's four-digit municipality number, e.g. "4601".
	Number string
	// Name is the postal register's upper-case name, qualified with the
	// county where a former municipality had the same name ("NES
	// (AKERSHUS)"), as NAV's geography writes it.
	Name string
	// County is the county it lies in.
	County County
}

// postal is one postal code of the register.
type postal struct {
	place, municipality string
}

// Register is a loaded set of Norwegian places. It is read-only once
// loaded and safe for concurrent use.
type Register struct {
	counties       map[string]County
	municipalities map[string]Municipality
	postalCodes    map[string]postal
	// The name indexes map a name's key to numbers: municipality names
	// (current and former), postal places, county names.
	municipalityNames, placeNames, countyNames map[string][]string
}

// Default is the register bundled with jobgate, loaded on first use.
var Default = sync.OnceValues(func() (*Register, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, err
	}
	return Load(sub)
})

// PostalCodes is how many postal codes r holds.
func (r *Register) PostalCodes() int { return len(r.postalCodes) }

// Counties is how many counties (and territories) r holds.
func (r *Register) Counties() int { return len(r.counties) }

// Municipalities lists r's municipalities in number order.
func (r *Register) Municipalities() []Municipality {
	out := make([]Municipality, 0, len(r.municipalities))
	for _, m := range r.municipalities {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Municipality) int { return strings.Compare(a.Number, b.Number) })
	return out
}

// Load reads a register from the files of fsys laid out as data/ is
// (counties.tsv, former_names.tsv, municipality_names.tsv,
// municipalities.tsv, postal_codes.tsv.gz) and checks that they agree.
func Load(fsys fs.FS) (*Register, error) {
	r := &Register{counties: map[string]County{}, municipalities: map[string]Municipality{}, postalCodes: map[string]postal{},
		municipalityNames: map[string][]string{}, placeNames: map[string][]string{}, countyNames: map[string][]string{}}
	former := map[string][]string{}
	steps := []struct {
		file string
		row  func([]string) error
	}{
		{"counties.tsv", r.addCounty},
		{"former_names.tsv", func(f []string) error { return addFormer(former, f) }},
		{"municipalities.tsv", r.addMunicipality},
		{"municipality_names.tsv", r.addOtherNames},
		{"postal_codes.tsv.gz", r.addPostalCode},
	}
	for _, s := range steps {
		if err := eachRow(fsys, s.file, s.row); err != nil {
			return nil, fmt.Errorf("places: %s: %w", s.file, err)
		}
	}
	if err := r.addFormerNames(former); err != nil {
		return nil, fmt.Errorf("places: former_names.tsv: %w", err)
	}
	return r, nil
}

// eachRow calls row with the tab-separated fields of every line of file
// that is neither blank nor a # comment; a .gz file is gunzipped.
func eachRow(fsys fs.FS, file string, row func([]string) error) error {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return err
	}
	var rd io.Reader = bytes.NewReader(b)
	if strings.HasSuffix(file, ".gz") {
		if rd, err = gzip.NewReader(rd); err != nil {
			return err
		}
	}
	sc := bufio.NewScanner(rd)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := row(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}
