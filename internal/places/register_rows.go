package places

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

func (r *Register) addCounty(f []string) error {
	if len(f) != 3 || !digits(f[0], 2) || f[1] == "" {
		return errors.New("want county number, name, official name")
	}
	c := County{Number: f[0], Name: f[1]}
	r.counties[c.Number] = c
	addName(r.countyNames, c.Name, c.Number)
	for _, n := range strings.Split(f[2], " - ") {
		addName(r.countyNames, n, c.Number)
	}
	return nil
}

func addFormer(former map[string][]string, f []string) error {
	if len(f) != 2 || f[0] == "" || f[1] == "" {
		return errors.New("want name, numbers")
	}
	former[f[0]] = strings.Split(f[1], ",")
	return nil
}

// addMunicipality adds a municipality of the postal register; its county
// is its number's first two digits (SSB's numbering).
func (r *Register) addMunicipality(f []string) error {
	if len(f) != 2 || !digits(f[0], 4) || f[1] == "" {
		return errors.New("want municipality number, name")
	}
	c, ok := r.counties[f[0][:2]]
	if !ok {
		return fmt.Errorf("municipality %s %s: county %s is not a current county (a register from before the 2024 reform?)", f[0], f[1], f[0][:2])
	}
	r.municipalities[f[0]] = Municipality{Number: f[0], Name: f[1], County: c}
	addName(r.municipalityNames, baseName(f[1]), f[0])
	return nil
}

// addOtherNames indexes a municipality's official names in its other
// languages ("Guovdageaidnu - Kautokeino").
func (r *Register) addOtherNames(f []string) error {
	if len(f) != 2 {
		return errors.New("want municipality number, official name")
	}
	if _, ok := r.municipalities[f[0]]; !ok {
		return fmt.Errorf("no municipality %s", f[0])
	}
	for _, n := range strings.Split(f[1], " - ") {
		addName(r.municipalityNames, n, f[0])
	}
	return nil
}

func (r *Register) addPostalCode(f []string) error {
	if len(f) != 4 || !digits(f[0], 4) || f[1] == "" {
		return errors.New("want postal code, place, municipality number, category")
	}
	if _, ok := r.municipalities[f[2]]; !ok {
		return fmt.Errorf("postal code %s: no municipality %s", f[0], f[2])
	}
	r.postalCodes[f[0]] = postal{place: f[1], municipality: f[2]}
	addName(r.placeNames, f[1], f[2])
	return nil
}

// addFormerNames indexes the former names, and qualifies a current
// municipality whose name is shared with a former one with its county, as
// NAV does ("NES (AKERSHUS)"): alone, the name would mislead.
func (r *Register) addFormerNames(former map[string][]string) error {
	for name, numbers := range former {
		for _, n := range numbers {
			index := r.municipalityNames
			if _, ok := r.municipalities[n]; !ok {
				if _, ok := r.counties[n]; !ok {
					return fmt.Errorf("%s: no county or municipality %s", name, n)
				}
				index = r.countyNames
			}
			addName(index, name, n)
		}
		if len(numbers) < 2 {
			continue
		}
		for num, m := range r.municipalities {
			if key(m.Name) == key(name) {
				m.Name = m.Name + " (" + m.County.Name + ")"
				r.municipalities[num] = m
			}
		}
	}
	return nil
}

// addName indexes number under name's key, once.
func addName(index map[string][]string, name, number string) {
	k := key(name)
	if k != "" && !slices.Contains(index[k], number) {
		index[k] = append(index[k], number)
	}
}

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
