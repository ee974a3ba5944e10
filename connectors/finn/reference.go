package finn

import "strings"

// FINN's reference values (§2.4). FINN serves the lists at
// https://www.finn.no/job/v1/referencevalue?xmlCode=<FIELD> and asks that
// they be downloaded, not called while building ads; no copy was read, so
// every value below is marked: [C] seen in FINN's own job_example.xml
// (FINN-RB, DTD 7.1), [I] our inference, to be checked against the
// downloaded lists before production (§2.10). Replace these tables with
// the downloaded values; the mapping code reads nothing else.

// SECTOR values.
var sectors = []string{
	"private", // [C] job_example.xml
	"public",  // [I] private's counterpart; not in FINN's files
}

// defaultSector is sent when the employer sets no finn_sector: most ads
// jobgate carries are private employers'.
const defaultSector = "private"

// durations maps the canonical employment_type to DURATION (required since
// 7.1). The [I] codes are our guesses, each noted with the Norwegian kind
// of employment it stands for.
var durations = map[string]string{
	"permanent":      "permanent",  // [C] job_example.xml
	"temporary":      "temporary",  // [I] "vikariat"
	"contract":       "project",    // [I] "engasjement/prosjekt"
	"seasonal":       "seasonal",   // [I] "sesong"
	"internship":     "trainee",    // [I] "trainee"
	"apprenticeship": "apprentice", // [I] "lærling"
	"volunteer":      "other",      // [I] FINN has no volunteer duration we know of
	"other":          "other",      // [I] "annet"
}

// defaultDuration is sent for an ad without employment_type: the one
// confirmed value, and the most common kind of ad.
const defaultDuration = "permanent"

// parseOccupation reads a finn_occupation setting: "GENERAL" or
// "GENERAL/SPECIALIZATION".
func parseOccupation(v string) (Occupation, bool) {
	g, sp, slash := strings.Cut(v, "/")
	o := Occupation{General: strings.TrimSpace(g), Specialization: strings.TrimSpace(sp)}
	return o, reCode.MatchString(o.General) && (!slash || reCode.MatchString(o.Specialization))
}
