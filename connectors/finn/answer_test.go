package finn

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// answers are FINN answers as far as §2.2 and §2.7 tell (the schema is
// [U], so these are constructed) and what ParseAnswer makes of them.
var answers = []struct {
	body     string
	outcome  Outcome
	known    error
	finnkode string
	message  string
}{
	{`<?xml version="1.0"?><RESULT><STATUS>OK</STATUS><FINNKODE>123456789</FINNKODE></RESULT>`, Accepted, nil, "123456789", ""},
	{`<IMPORT_RESULT><OBJECT ORDERNO="x-1-20260301" FINNKODE="98765432"/></IMPORT_RESULT>`, Accepted, nil, "98765432", ""},
	{`<RESULT success="true"><ERRORS/><WARNINGS count="0"/></RESULT>`, Accepted, nil, "", ""},
	{`<RESULT errors="0"><MESSAGE>Annonsen er mottatt</MESSAGE></RESULT>`, Accepted, nil, "", ""},
	// The two shapes cmd/vendorsim's FINN answers (its own [I] schema).
	{"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<IMPORT_RESULT STATUS=\"OK\" DOCUMENT=\"IAD.IF.JOB\">\n" +
		"  <OBJECT ORDERNO=\"gw-000123\" STATUS=\"OK\" FINNKODE=\"300000001\" ACTION=\"created\"></OBJECT>\n</IMPORT_RESULT>",
		Accepted, nil, "300000001", ""},
	{"<IMPORT_RESULT STATUS=\"ERROR\" DOCUMENT=\"IAD.IF.JOB\">\n  <OBJECT ORDERNO=\"gw-000123\" STATUS=\"ERROR\">\n" +
		"    <ERROR>Tildato må være etter fradato</ERROR>\n  </OBJECT>\n</IMPORT_RESULT>", Refused, ErrDateOrder, "", "Tildato må være etter fradato"},
	{"OK", Accepted, nil, "", ""},
	{"Mottatt. Finnkode: 4455667788", Accepted, nil, "4455667788", ""},
	{`<RESULT><ERROR>Kontrakten er utgått eller feil i forhold til oversendte annonsetype</ERROR></RESULT>`, Refused, ErrContract, "",
		"Kontrakten er utgått eller feil i forhold til oversendte annonsetype"},
	{"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><R><FEIL>Tildato m\xe5 v\xe6re\n  etter fradato</FEIL></R>", Refused, ErrDateOrder, "",
		"Tildato må være etter fradato"},
	{"TILDATO MA VAERE ETTER FRADATO", Refused, ErrDateOrder, "", "tildato må være etter fradato"},
	{`<RESULT STATUS="ERROR"><MESSAGE>ORDERNO mangler</MESSAGE></RESULT>`, Refused, nil, "", "ORDERNO mangler"},
	{`<RESULT><MESSAGE>Error: element TODATE not allowed here</MESSAGE></RESULT>`, Refused, nil, "", "Error: element TODATE not allowed here"},
	{`<EMAIL_FEEDBACK FEEDBACK_LEVEL="fatal">file not valid</EMAIL_FEEDBACK>`, Refused, nil, "", "FINN reported an error"},
	{"Exception in thread main\njava.lang.NullPointerException", Refused, nil, "", "Exception in thread main"},
	{"", Unclear, nil, "", "FINN's answer is empty"},
	{"  \n ", Unclear, nil, "", "FINN's answer is empty"},
	{"<html><head><title>503</title></head><body>Vedlikehold</body></html>", Unclear, nil, "", "FINN answered an HTML page"},
	{"<RESULT><STATUS>O", Unclear, nil, "", "FINN's answer is not readable XML"},
	{`<?xml version="1.0"?>`, Unclear, nil, "", "FINN's answer is not readable XML"},
	{"Takk for filen", Unclear, nil, "", "FINN's answer is not XML and reports neither success nor an error"},
	{"Lønn 500 000 NOK", Unclear, nil, "", "FINN's answer is not XML and reports neither success nor an error"},
}

func TestParseAnswer(t *testing.T) {
	for _, c := range answers {
		a := ParseAnswer([]byte(c.body))
		require.Equal(t, c.outcome, a.Outcome, c.body)
		require.Equal(t, c.known, a.Known, c.body)
		require.Equal(t, c.finnkode, a.Finnkode, c.body)
		require.Equal(t, c.message, a.Message, c.body)
		require.True(t, utf8.ValidString(a.Raw), c.body)
	}
}

func TestParseAnswerBounds(t *testing.T) {
	big := "<R><ERROR>" + strings.Repeat("é", 3000) + "</ERROR>" + strings.Repeat("<X/>", 200_000) + "</R>"
	a := ParseAnswer([]byte(big))
	require.Equal(t, Refused, a.Outcome)
	require.LessOrEqual(t, len(a.Message), maxMessage)
	require.LessOrEqual(t, len(a.Raw), MaxRawAnswer)
	require.True(t, utf8.ValidString(a.Message) && utf8.ValidString(a.Raw))
	// No entity is expanded: a DOCTYPE with declarations is read as text.
	bomb := `<?xml version="1.0"?><!DOCTYPE R [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><R><STATUS>&b;</STATUS></R>`
	require.NotPanics(t, func() { ParseAnswer([]byte(bomb)) })
}

// FuzzAnswer: whatever FINN answers, the parser neither panics nor keeps
// more than its bounds, and its verdict is consistent.
func FuzzAnswer(f *testing.F) {
	for _, c := range answers {
		f.Add([]byte(c.body))
	}
	f.Add([]byte("<R><ERROR>\xff\xfe</ERROR></R>"))
	f.Add([]byte("<a><b></a></b>"))
	f.Fuzz(func(t *testing.T, body []byte) {
		a := ParseAnswer(body)
		if a.Outcome < Unclear || a.Outcome > Refused {
			t.Fatalf("outcome %d", a.Outcome)
		}
		if len(a.Raw) > MaxRawAnswer || len(a.Message) > maxMessage {
			t.Fatalf("unbounded: raw %d, message %d bytes", len(a.Raw), len(a.Message))
		}
		if !utf8.ValidString(a.Raw) || !utf8.ValidString(a.Message) {
			t.Fatalf("invalid UTF-8 kept")
		}
		if a.Known != nil && a.Outcome != Refused {
			t.Fatalf("a known error that does not refuse")
		}
		if a.Outcome == Accepted && a.Message != "" {
			t.Fatalf("accepted with message %q", a.Message)
		}
		if a.Outcome != Accepted && a.Message == "" {
			t.Fatalf("outcome %d without a message", a.Outcome)
		}
		if a.Finnkode != "" && !reDigits.MatchString(a.Finnkode) {
			t.Fatalf("finnkode %q", a.Finnkode)
		}
		if reEmail.MatchString(a.Raw) || reEmail.MatchString(a.Message) {
			t.Fatalf("an e-mail address kept")
		}
	})
}
