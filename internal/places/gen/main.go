// Command gen rebuilds internal/places/data from the Norwegian postal
// register (Posten/Bring's postnummerregister): the bundled postal codes
// (postal_codes.tsv.gz) and the municipalities derived from them
// (municipalities.tsv). It is a maintenance tool, not shipped:
//
//	curl -o /tmp/postnummerregister-ansi.txt https://www.bring.no/postnummerregister-ansi.txt
//	go run ./internal/places/gen -src /tmp/postnummerregister-ansi.txt
//
// The source is Bring's tab-separated register, five columns (postal code,
// place, municipality number, municipality name, category), either as Bring
// serves it (Latin-1, CRLF) or as a UTF-8 copy such as
// sindresorhus/norway-postal-codes' converted/postal-codes.tsv. The result
// is then loaded as the package loads it (places.Load), which checks it
// against the hand-kept counties.tsv: a municipality number whose first two
// digits are no current county (a register from before the 2024 county
// reform) fails here instead of shipping.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jobgate/jobgate/internal/places"
)

func main() {
	src := flag.String("src", "", "Bring's postal register file (Latin-1 or UTF-8, tab-separated)")
	dir := flag.String("data", "internal/places/data", "the data directory to write")
	flag.Parse()
	if *src == "" {
		fmt.Fprintln(os.Stderr, "gen: -src is required")
		os.Exit(2)
	}
	if err := run(*src, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, dir string) error {
	raw, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	rows, err := parseRegister(raw)
	if err != nil {
		return err
	}
	munis, err := municipalities(rows)
	if err != nil {
		return err
	}
	restore := keep(filepath.Join(dir, "municipalities.tsv"), filepath.Join(dir, "postal_codes.tsv.gz"))
	if err := writeMunicipalities(filepath.Join(dir, "municipalities.tsv"), munis); err != nil {
		return err
	}
	if err := writePostalCodes(filepath.Join(dir, "postal_codes.tsv.gz"), rows); err != nil {
		return err
	}
	r, err := places.Load(os.DirFS(dir))
	if err != nil {
		restore()
		return fmt.Errorf("the register does not load, the data is left as it was: %w", err)
	}
	fmt.Printf("gen: %d postal codes, %d municipalities, %d counties\n", r.PostalCodes(), len(munis), r.Counties())
	return nil
}

// keep reads files as they are and returns what writes them back (a file
// that did not exist is removed), for a run whose result is refused.
func keep(files ...string) func() {
	old := map[string][]byte{}
	for _, f := range files {
		old[f], _ = os.ReadFile(f)
	}
	return func() {
		for f, b := range old {
			if b == nil {
				_ = os.Remove(f)
				continue
			}
			_ = os.WriteFile(f, b, 0o644)
		}
	}
}
