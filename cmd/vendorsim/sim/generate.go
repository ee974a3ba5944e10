package sim

import (
	"fmt"
	"strings"
	"time"
)

// GeneratePosting is the i-th generated Norwegian job ad (i from 1):
// deterministic, varied in role, place, terms and length (a description of
// a few hundred bytes to about 2 KB), with a deadline in 2030. Its ID is
// "posting-0001" style; Feed.Generate gives its feeds vendor-shaped ids and
// one employer per feed. Employers and contacts are fictional.
func GeneratePosting(i int) Posting {
	p := generatePosting(i, companies[i%len(companies)])
	p.ID = fmt.Sprintf("posting-%04d", i)
	return p
}

// role is one kind of job the generator writes ads for.
type role struct {
	title, category, occupation, department, team string
	tasks, requirements                           []string
}

var roles = []role{
	{"Lagermedarbeider", "Logistikk", "Lagerarbeider", "Lager", "Vareflyt", []string{"Plukk og pakking av ordre", "Varemottak og kontroll", "Kjøring av truck"}, []string{"Truckførerbevis", "Erfaring fra lager er en fordel"}},
	{"Sykepleier", "Helse", "Sykepleier", "Medisinsk avdeling", "Sengepost 3", []string{"Pasientbehandling og oppfølging", "Legemiddelhåndtering", "Samarbeid med pårørende"}, []string{"Norsk autorisasjon som sykepleier", "Gode samarbeidsevner"}},
	{"Backend-utvikler (Go)", "IT", "Utvikler", "Teknologi", "Plattform", []string{"Utvikling av API-er i Go", "Drift av tjenester i skyen", "Kodegjennomgang og deling av kunnskap"}, []string{"Erfaring med Go eller lignende språk", "Kjennskap til PostgreSQL"}},
	{"Regnskapsmedarbeider", "Økonomi", "Regnskapsfører", "Økonomi", "Regnskap", []string{"Bilagsføring og avstemminger", "Månedlig rapportering", "Fakturering"}, []string{"Utdanning innen økonomi", "Erfaring med regnskapssystemer"}},
	{"Butikkmedarbeider", "Salg", "Selger", "Butikk", "Sentrum", []string{"Kundebehandling og salg", "Vareplassering", "Kassearbeid"}, []string{"Serviceinnstilling", "Fleksibilitet for kvelds- og helgearbeid"}},
	{"Elektriker", "Bygg og anlegg", "Elektriker", "Prosjekt", "Service", []string{"Installasjon i nybygg", "Feilsøking og service", "Dokumentasjon av arbeid"}, []string{"Fagbrev som elektriker", "Førerkort klasse B"}},
	{"Kundeservicerådgiver", "Kundeservice", "Kundebehandler", "Kundesenter", "Privatmarked", []string{"Besvare henvendelser på telefon og chat", "Løse saker i første linje", "Registrere saker i CRM"}, []string{"Gode kommunikasjonsevner", "Erfaring fra kundeservice er en fordel"}},
	{"Prosjektleder", "Ledelse", "Prosjektleder", "Prosjekt", "Utbygging", []string{"Planlegging og styring av prosjekter", "Oppfølging av økonomi og fremdrift", "Kontakt med kunder og leverandører"}, []string{"Erfaring som prosjektleder", "Høyere utdanning innen relevant fag"}},
	{"Barnehagelærer", "Undervisning", "Pedagog", "Barnehage", "Avdeling Blåbær", []string{"Pedagogisk ledelse av avdeling", "Planlegging av aktiviteter", "Foreldresamarbeid"}, []string{"Utdannet barnehagelærer", "Politiattest"}},
	{"Kokk", "Restaurant", "Kokk", "Kjøkken", "Storkjøkken", []string{"Tilberedning av lunsj og middag", "Bestilling av varer", "Internkontroll og HMS"}, []string{"Fagbrev som kokk", "Erfaring fra storkjøkken"}},
	{"Dataanalytiker", "IT", "Analytiker", "Analyse", "Innsikt", []string{"Analyse av salgs- og kundedata", "Utvikling av dashboards", "Rådgivning til ledelsen"}, []string{"Kunnskap om SQL og Python", "Analytisk sans"}},
	{"Sjåfør klasse C", "Transport", "Sjåfør", "Distribusjon", "Region Vest", []string{"Distribusjon av varer til kunder", "Lasting og lossing", "Enkel vedlikehold av bil"}, []string{"Førerkort klasse C", "YSK"}},
}

// place is a Norwegian work place.
type place struct{ city, municipality, region, postalCode, address string }

var places = []place{
	{"Oslo", "Oslo", "Oslo", "0150", "Storgata 12"},
	{"Bergen", "Bergen", "Vestland", "5003", "Strandkaien 4"},
	{"Trondheim", "Trondheim", "Trøndelag", "7011", "Munkegata 20"},
	{"Oslo", "Oslo", "Oslo", "0484", "Nydalsveien 30"},
	{"Stavanger", "Stavanger", "Rogaland", "4006", "Kirkegata 8"},
	{"Bergen", "Bergen", "Vestland", "5020", "Nygårdsgaten 91"},
	{"Trondheim", "Trondheim", "Trøndelag", "7030", "Sluppenvegen 17"},
}

var companies = []string{"Nordlys Logistikk AS", "Fjellvind Energi AS", "Havbris Helse AS", "Bryggen Data AS",
	"Solstreif Bygg AS", "Granskog Handel AS", "Fjordlys Kommunikasjon AS", "Midnattsol Mat AS"}

var firstNames = []string{"Kari", "Ola", "Ingrid", "Lars", "Sofie", "Magnus", "Nora", "Henrik"}

var lastNames = []string{"Nordmann", "Hansen", "Johansen", "Berg", "Lie", "Dahl", "Haugen", "Bakke"}

var benefits = []string{"Fleksibel arbeidstid", "Gode pensjons- og forsikringsordninger", "Bedriftshytte og aktivt sosialt miljø",
	"Kompetanseutvikling og kurs", "Treningstilbud", "Sentral beliggenhet nær kollektivtransport"}

var fillers = []string{
	"Vi er en arbeidsplass i vekst, med korte beslutningsveier og stor takhøyde. Her får du ansvar fra første dag og kolleger som heier på deg.",
	"Vi legger vekt på et inkluderende arbeidsmiljø og oppfordrer alle kvalifiserte kandidater til å søke, uavhengig av alder, kjønn, funksjonsevne og bakgrunn.",
	"Du får en grundig opplæring og en fast fadder de første månedene. Vi tilbyr varierte oppgaver og gode muligheter for faglig og personlig utvikling.",
	"Intervjuer gjennomføres fortløpende, så send gjerne søknaden din så snart som mulig. Tiltredelse etter avtale.",
}

// generatePosting writes the i-th ad for company; the caller sets the ID.
func generatePosting(i int, company string) Posting {
	r, pl := roles[i%len(roles)], places[(i/2)%len(places)]
	first, last := firstNames[i%len(firstNames)], lastNames[(i/len(firstNames)+i)%len(lastNames)]
	p := Posting{
		Title: r.title, Company: company, CompanyWebsite: "https://" + slug(company) + ".example",
		Opening:         "<p>" + company + " søker en engasjert " + strings.ToLower(r.occupation) + " til vårt team i " + pl.city + ".</p>",
		DescriptionHTML: description(i, r, pl),
		Requirements:    append(append([]string{}, r.requirements...), "Gode norskkunnskaper, muntlig og skriftlig"),
		Benefits:        []string{benefits[i%len(benefits)], benefits[(i+2)%len(benefits)], benefits[(i+4)%len(benefits)]},
		Department:      r.department, Team: r.team, Category: r.category, Occupation: r.occupation,
		Address: pl.address, PostalCode: pl.postalCode, City: pl.city, Municipality: pl.municipality, Region: pl.region, Country: "NO",
		EmploymentType: "permanent", Extent: "full_time", Remote: "none",
		Deadline:    fmt.Sprintf("2030-%02d-%02d", 1+i%12, 1+i%28),
		ContactName: first + " " + last, ContactEmail: slug(first) + "." + slug(last) + "@" + slug(company) + ".example",
		ContactPhone: fmt.Sprintf("+47 %03d %02d %03d", 400+i%100, (i*7)%100, (i*13)%1000),
		Language:     "nb",
		Created:      time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * time.Hour),
	}
	terms(i, &p)
	return p
}

// terms varies the employment terms and pay by index.
func terms(i int, p *Posting) {
	if i%7 == 3 {
		p.EmploymentType = "temporary"
	}
	if i%5 == 4 {
		p.Extent = "part_time"
	}
	switch {
	case i%6 == 2:
		p.Remote = "hybrid"
	case i%11 == 7:
		p.Remote = "full"
	}
	switch {
	case i%3 == 2:
	case p.Extent == "part_time":
		p.SalaryMin, p.SalaryMax, p.SalaryCurrency, p.SalaryPeriod = 230+i%40, 260+i%40, "NOK", "hour"
	default:
		p.SalaryMin, p.SalaryMax, p.SalaryCurrency, p.SalaryPeriod = 520000+(i%9)*25000, 610000+(i%9)*25000, "NOK", "year"
	}
}

// description is the ad body: the role, its tasks and one to four more
// paragraphs, so lengths vary from a few hundred bytes to about 2 KB.
func description(i int, r role, pl place) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<h3>Om stillingen</h3><p>Som %s blir du en del av %s i %s, med %d kolleger.</p>",
		strings.ToLower(r.occupation), r.department, pl.city, 4+i%20)
	b.WriteString("<p><strong>Arbeidsoppgaver</strong></p><ul>" + liHTML(r.tasks) + "</ul>")
	for k := 0; k <= i%len(fillers); k++ {
		b.WriteString("<p>" + fillers[(i+k)%len(fillers)] + "</p>")
	}
	return b.String()
}

// nordic spells the Nordic letters in ASCII, for slugs.
var nordic = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "ä", "a", "ö", "o")

// slug is s in lower-case ASCII letters, digits and hyphens.
func slug(s string) string {
	s = nordic.Replace(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
