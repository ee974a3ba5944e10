package main

import (
	"strconv"
	"strings"
)

// The ad body: about 2 KB of canonical ad JSON whose title and apply_url
// carry the ad's number, so every ad's body (and content hash) differs.
const description = `<p>Vil du jobbe i et trygt og inkluderende arbeidsmiljø? Eksempel AS søker en strukturert og ` +
	`løsningsorientert lagermedarbeider til vårt sentrallager på Alnabru i Oslo. Du blir en del av et team på ` +
	`tjue kolleger som sørger for at varene kommer riktig ut til butikkene våre over hele Østlandet.</p>` +
	`<h2>Arbeidsoppgaver</h2><ul><li>Plukk og pakk av ordre med håndterminal</li><li>Mottak og kontroll av ` +
	`varer, registrering i lagersystemet</li><li>Truckkjøring (T1, T2 og T4)</li><li>Vareopptelling og ` +
	`orden på lageret</li><li>Samarbeid med transportører og innkjøpsavdelingen</li></ul>` +
	`<h2>Kvalifikasjoner</h2><ul><li>Erfaring fra lager eller logistikk er en fordel, men ikke et krav</li>` +
	`<li>Truckførerbevis (T1, T2 og T4) eller vilje til å ta det</li><li>Du snakker og skriver godt norsk ` +
	`eller et annet skandinavisk språk</li><li>Førerkort klasse B</li></ul>` +
	`<h2>Vi tilbyr</h2><ul><li>Fast stilling med konkurransedyktig lønn og gode pensjonsordninger</li>` +
	`<li>Grundig opplæring og mulighet for faglig utvikling</li><li>Et godt arbeidsmiljø med aktivt ` +
	`bedriftsidrettslag</li><li>Kantine med subsidiert frokost og lunsj</li></ul>` +
	`<p>Arbeidstiden er dagtid mandag til fredag, 07.00 til 15.00, med mulighet for overtid i høysesong. ` +
	`Tiltredelse etter avtale. Søknader behandles fortløpende, så send gjerne søknaden din så snart som mulig. ` +
	`Har du spørsmål om stillingen, ta kontakt med lagersjef Kari Nordmann på telefon 900 00 000.</p>` +
	`<p>Eksempel AS er en norsk familiebedrift med over 400 ansatte fordelt på hovedkontor, to lagre og ` +
	`femti butikker. Vi er opptatt av mangfold og oppfordrer alle kvalifiserte kandidater til å søke, ` +
	`uavhengig av alder, kjønn, funksjonsevne eller bakgrunn. Politiattest kan bli etterspurt.</p>`

var (
	bodyHead = []byte(`{"title":"Lagermedarbeider `)
	bodyMid  = []byte(`","description":` + strconv.Quote(description) + `,"language":"nb",` +
		`"employer":{"name":"Eksempel AS","org_number":"999999999"},` +
		`"locations":[{"postal_code":"0150","city":"Oslo","country":"NO"}],` +
		`"employment_type":"permanent","extent":"full_time","deadline":"2030-12-31",` +
		`"apply_url":"https://ats.example/apply/`)
	bodyTail = []byte(`"}`)
)

// appendBody appends ad number n's body to buf.
func appendBody(buf []byte, n uint64) []byte {
	buf = append(buf, bodyHead...)
	buf = strconv.AppendUint(buf, n, 10)
	buf = append(buf, bodyMid...)
	buf = strconv.AppendUint(buf, n, 10)
	return append(buf, bodyTail...)
}

// appendPath appends the request path of ad number n to buf.
func appendPath(buf []byte, prefix string, n uint64) []byte {
	buf = append(buf, "/v1/ads/"...)
	buf = append(buf, prefix...)
	buf = append(buf, '-')
	return strconv.AppendUint(buf, n, 10)
}

// validPrefix reports whether the reference prefix needs no escaping in a
// URL path.
func validPrefix(p string) bool {
	return p != "" && strings.Trim(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == ""
}
