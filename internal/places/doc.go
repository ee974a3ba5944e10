// Package places is a bundled register of Norwegian places and a resolver
// from what an ad says about where it is (a postal code, a city, "City,
// Country", a municipality, a county) to the municipality and county a
// channel such as NAV needs.
//
// The register is data, not code (data/):
//
//   - postal_codes.tsv.gz and municipalities.tsv: Posten/Bring's postal
//     register (postnummerregister, https://www.bring.no/postnummerregister-ansi.txt),
//     as retrieved on 2026-05-26 and carried by sindresorhus/norway-postal-codes
//     v4.2.0 (converted/postal-codes.tsv, commit 547a6da; the npm release,
//     3.3.0, ships only postal code to place): 5122 postal codes
//     in 357 municipalities (and Svalbard and Jan Mayen), numbered after
//     the 2024 county reform. The data
//     is Bring's, under the Norwegian Licence for Open Government Data
//     (NLOD 2.0, https://data.norge.no/nlod/en/2.0), which permits
//     redistribution with attribution. internal/places/gen rebuilds both
//     files from a newer register.
//   - counties.tsv: the 15 counties from 2024-01-01 (Viken, Vestfold og
//     Telemark and Troms og Finnmark split again), numbered as SSB and
//     Kartverket number them, plus Svalbard and Jan Mayen, named as NAV's
//     own geography names them (navikt/pam-geography, CountyDAO.java, MIT).
//   - former_names.tsv: county and municipality names a merger, split or
//     rename left meaning more than one current place (Viken; the bare
//     "Nes", which NAV writes "NES (AKERSHUS)" because Nes in Buskerud is
//     now Nesbyen, PostDataDAO.java); municipality_names.tsv: official
//     names in Sámi and Kven of municipalities the postal register writes
//     as one run of words.
//
// A municipality's county is the first two digits of its number; Load
// refuses a register whose numbers name no current county.
package places
