package sim

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFINNReadsItsJobExample(t *testing.T) {
	s := newFINNServer(t, FINNConfig{PartnerID: "insert_partnerID"})
	doc := example(t, "finn/job_example.xml")
	status, res := s.upload(t, doc)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "OK", res.Status, res.message())
	require.Equal(t, []finnObjectResult{{OrderNo: "10100576", Status: "OK", Finnkode: "300000001", Action: "created"}}, res.Objects)

	ad, ok := s.Ad("10100576")
	require.True(t, ok)
	require.Equal(t, "JOB_EXECUTIVE", ad.AdType)
	require.Equal(t, "7.1", ad.DTD, "its DOCTYPE names IADIF-job71.dtd")
	require.True(t, ad.Live)
	require.Equal(t, doc, s.Document("10100576"), "the raw document, ISO-8859-1 as sent")
	require.Equal(t, "Javautvikler", ad.Value("JOB_TITLE"))
	require.Equal(t, "FINN.no AS", ad.Value("COMPANY/COMPANY_NAME"))
	require.Equal(t, "Produktdirektør", ad.Value("JOB_CONTACT/TITLE"), "decoded from ISO-8859-1")
	require.Equal(t, []string{"Pedro Thormodsen", "Lennart A. Augustson"}, ad.Fields["JOB_CONTACT/NAME"])
	require.Len(t, ad.Fields["TAGS"], 5)
	require.Equal(t, "no", ad.Value("OBJECT_HEAD/OVERWRITE_MMO@MODUS"))
	require.Equal(t, "10.01.2013", ad.Value("OBJECT_HEAD/FROMDATE"))
	require.Contains(t, ad.Value("GENERAL_TEXT_JOB/GENERAL_TEXT"), "<b>Slik håper vi du er</b>", "CDATA kept as text")

	_, res = s.upload(t, doc)
	require.Equal(t, "updated", res.Objects[0].Action, "the same ORDERNO replaces the ad (§2.6)")
	ad, _ = s.Ad("10100576")
	require.Equal(t, 2, ad.Uploads)
	require.Equal(t, "300000001", ad.Finnkode)

	strict := newFINNServer(t, FINNConfig{PartnerID: "insert_partnerID", Require80: true})
	_, res = strict.upload(t, doc)
	require.Equal(t, "ERROR", res.Status)
	require.Contains(t, res.message(), "IADIF-job71.dtd is not accepted")
}

func TestFINNPublishesA80Document(t *testing.T) {
	s := newFINNServer(t, FINNConfig{})
	status, res := s.upload(t, jobDoc("gw-1"))
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "OK", res.Status, res.message())
	ad, ok := s.Ad("gw-1")
	require.True(t, ok)
	require.Equal(t, "8.0", ad.DTD)
	require.Equal(t, "JOB", ad.AdType)
	require.Equal(t, "customer-1", ad.Provider)
	require.Equal(t, "https://ats.example/apply/123", ad.Value("APPLICATION_URL"))

	// Without a DOCTYPE the job DTD 8.0 applies too.
	_, res = s.upload(t, jobDoc("gw-2", `<!DOCTYPE IAD.IF.JOB SYSTEM "https://www.finn.no/dtd/IADIF-job80.dtd">`, ""))
	require.Equal(t, "OK", res.Status, res.message())
	st := s.Stats()
	require.Equal(t, 2, st.Accepted)
	require.Equal(t, 2, st.Live)
}

func TestFINNRefusesDocumentsTheDTDRefuses(t *testing.T) {
	label := "<APPLICATION_LABEL>gw-1</APPLICATION_LABEL>"
	url := "<APPLICATION_URL>https://ats.example/apply/123</APPLICATION_URL>"
	company := "<COMPANY><COMPANY_NAME>Eksempel AS</COMPANY_NAME></COMPANY>"
	contact := "<JOB_CONTACT><NAME>Kari Nordmann</NAME><EMAIL>kari@example.no</EMAIL></JOB_CONTACT>"
	for _, c := range []struct {
		name    string
		replace []string
		want    []string
	}{
		{"out of order", []string{label + "\n      " + url, url + label},
			[]string{`The content of element type "JOB" must match "(JOB_TITLE,SITUATION,SECTOR,OCCUPATION+,`, "APPLICATION_LABEL is missing before APPLICATION_URL"}},
		{"sector before situation", []string{"<SITUATION>Oslo</SITUATION>", "", "<SECTOR>private</SECTOR>", "<SECTOR>private</SECTOR><SITUATION>Oslo</SITUATION>"},
			[]string{"SITUATION is missing before SECTOR"}},
		{"no COMPANY", []string{company, ""}, []string{"COMPANY is missing before GENERAL_TEXT_JOB"}},
		{"two COMPANY", []string{company, company + company}, []string{"too many COMPANY (at most 1)"}},
		{"no JOB_CONTACT", []string{contact, ""}, []string{"JOB_CONTACT+ is missing before APPLICATION_LABEL"}},
		{"no APPLICATION_URL", []string{url, ""}, []string{"APPLICATION_URL is missing before NO_OF_POSITIONS"}},
		{"MOREINFO of 7.1", []string{url, "<MOREINFO><URL>https://x</URL></MOREINFO>"}, []string{`Element type "MOREINFO" must be declared.`}},
		{"JOB_CATEGORY of 7.1", []string{"<OCCUPATION><GENERAL>TRANSPORTLOGISTICS</GENERAL></OCCUPATION>", "<JOB_CATEGORY><CATEGORY>A</CATEGORY><SUBCATEGORY>B</SUBCATEGORY></JOB_CATEGORY>"},
			[]string{`Element type "JOB_CATEGORY" must be declared.`}},
		{"HTML outside CDATA", []string{"<![CDATA[<p>Vi søker <b>deg</b>.</p>]]>", "<p>Vi søker</p>"}, []string{`Element type "p" must be declared.`, "CDATA"}},
		{"no MODUS", []string{`<OVERWRITE_MMO MODUS="no"/>`, "<OVERWRITE_MMO/>"}, []string{`Attribute "MODUS" is required`}},
		{"MODUS urls gone in 8.0", []string{`MODUS="no"`, `MODUS="urls"`}, []string{`Attribute "MODUS" with value "urls"`}},
		{"six TAGS", []string{"</NO_OF_POSITIONS>", "</NO_OF_POSITIONS>" + strings.Repeat("<TAGS>t</TAGS>", 6)}, []string{"too many TAGS (at most 5)"}},
		{"empty OCCUPATION", []string{"<OCCUPATION><GENERAL>TRANSPORTLOGISTICS</GENERAL></OCCUPATION>", "<OCCUPATION/>"}, []string{"OCCUPATION needs a GENERAL or a SPECIALIZATION"}},
		{"unknown OCCUPATION", []string{"<GENERAL>TRANSPORTLOGISTICS</GENERAL>", "<GENERAL>warehouse</GENERAL>"}, []string{"OCCUPATION warehouse is not one of FINN's OCCUPATION values"}},
		{"SPECIALIZATION under another GENERAL", []string{"<GENERAL>TRANSPORTLOGISTICS</GENERAL>", "<GENERAL>HEALTHCARE</GENERAL><SPECIALIZATION>APPLICDEV</SPECIALIZATION>"},
			[]string{"OCCUPATION HEALTHCARE/APPLICDEV is not one of"}},
		{"other partner", []string{"<PARTNER>jobgate</PARTNER>", "<PARTNER>someone</PARTNER>"}, []string{`unknown PARTNER "someone"`}},
		{"no ORDERNO", []string{"<ORDERNO>gw-1</ORDERNO>", "<ORDERNO> </ORDERNO>"}, []string{"ORDERNO is empty"}},
		{"positions", []string{"<NO_OF_POSITIONS>1</NO_OF_POSITIONS>", "<NO_OF_POSITIONS>many</NO_OF_POSITIONS>"}, []string{"NO_OF_POSITIONS must be a whole number"}},
		{"long title", []string{"<JOB_TITLE>Lagermedarbeider</JOB_TITLE>", "<JOB_TITLE>" + strings.Repeat("x", 101) + "</JOB_TITLE>"}, []string{"JOB_TITLE is longer than 100"}},
		{"not XML", []string{"</IAD.IF.JOB>", "</IAD.IF.JOBB>"}, []string{"not well-formed"}},
		{"unknown DTD", []string{"IADIF-job80.dtd", "IADIF-job60.dtd"}, []string{`unknown job DTD`}},
		{"other root", []string{"IAD.IF.JOB", "IAD.IF.CAR"}, []string{"IAD.IF.CAR: the job import takes IAD.IF.JOB and IAD.IF.STOP"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newFINNServer(t, FINNConfig{})
			status, res := s.upload(t, jobDoc("gw-1", c.replace...))
			require.Equal(t, http.StatusOK, status)
			require.Equal(t, "ERROR", res.Status)
			for _, want := range c.want {
				require.Contains(t, res.message(), want)
			}
			require.Empty(t, s.OrderNos(), "nothing is published")
		})
	}
}

func TestFINNRefusesEntityDeclarations(t *testing.T) {
	laughs := `<!DOCTYPE IAD.IF.JOB [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>`
	external := `<!DOCTYPE IAD.IF.JOB SYSTEM "https://www.finn.no/dtd/IADIF-job80.dtd" [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>`
	subset := `<!DOCTYPE IAD.IF.JOB SYSTEM "https://www.finn.no/dtd/IADIF-job80.dtd" [ <!ELEMENT JOB ANY> ]>`
	doctype := `<!DOCTYPE IAD.IF.JOB SYSTEM "https://www.finn.no/dtd/IADIF-job80.dtd">`
	for name, c := range map[string]struct{ doctype, use, want string }{
		"billion laughs":  {laughs, "&lol2;", "the DOCTYPE declares entities"},
		"external entity": {external, "&x;", "the DOCTYPE declares entities"},
		"internal subset": {subset, "Oslo", "the DOCTYPE has an internal subset"},
		"undeclared":      {doctype, "&x;", "not well-formed"},
	} {
		s := newFINNServer(t, FINNConfig{ErrorStatus: http.StatusBadRequest})
		status, res := s.upload(t, jobDoc("gw-1", doctype, c.doctype, "<SITUATION>Oslo</SITUATION>", "<SITUATION>"+c.use+"</SITUATION>"))
		require.Equal(t, http.StatusBadRequest, status, name)
		require.Equal(t, "ERROR", res.Status, name)
		require.Contains(t, res.message(), c.want, name)
		require.Empty(t, s.OrderNos(), name)
	}
}

func TestFINNStopTakesTheAdDown(t *testing.T) {
	s := newFINNServer(t, FINNConfig{})
	_, res := s.upload(t, jobDoc("gw-1"))
	require.Equal(t, "OK", res.Status, res.message())
	stop := stopDoc("gw-1")
	_, res = s.upload(t, stop)
	require.Equal(t, "OK", res.Status, res.message())
	require.Equal(t, []finnObjectResult{{OrderNo: "gw-1", Status: "OK", Finnkode: "300000001", Action: "stopped"}}, res.Objects)
	ad, _ := s.Ad("gw-1")
	require.False(t, ad.Live)
	require.Equal(t, 1, ad.Stops)
	require.Equal(t, stop, ad.StopDocument)
	require.Equal(t, 0, s.Stats().Live)

	_, res = s.upload(t, stopDoc("gw-1", "nobody"))
	require.Equal(t, "ERROR", res.Status)
	require.Equal(t, "OK", res.Objects[0].Status, "stopping a stopped ad again is fine")
	require.Equal(t, []string{"no ad with ORDERNO nobody"}, res.Objects[1].Errors)

	_, res = s.upload(t, jobDoc("gw-1"))
	require.Equal(t, "updated", res.Objects[0].Action)
	ad, _ = s.Ad("gw-1")
	require.True(t, ad.Live, "an upload publishes a stopped ad again")
}

func TestFINNAnswersItsKnownErrors(t *testing.T) {
	s := newFINNServer(t, FINNConfig{})
	from, to := "<FROMDATE>01.03.2025</FROMDATE>", "<TODATE>31.03.2025</TODATE>"
	for name, replace := range map[string][]string{
		"to before from":       {to, "<TODATE>01.02.2025</TODATE>"},
		"to equals from":       {to, "<TODATE>01.03.2025</TODATE>"},
		"over 42 days":         {to, "<TODATE>13.04.2025</TODATE>"},
		"deadline before from": {"<APPLICATION_DEADLINE>20.03.2025", "<APPLICATION_DEADLINE>20.02.2025"},
	} {
		_, res := s.upload(t, jobDoc("gw-"+name, replace...))
		require.Equal(t, "ERROR", res.Status, name)
		require.Equal(t, "Tildato må være etter fradato", res.message(), name)
	}
	_, res := s.upload(t, jobDoc("gw-1", to, "<TODATE>12.04.2025</TODATE>"))
	require.Equal(t, "OK", res.Status, "42 days: %s", res.message())
	// The 42 days run from the first publication, however the dates move.
	_, res = s.upload(t, jobDoc("gw-1", from, "<FROMDATE>01.04.2025</FROMDATE>", to, "<TODATE>20.04.2025</TODATE>"))
	require.Equal(t, "Tildato må være etter fradato", res.message())

	s.SetContract("JOB_PARTTIME")
	_, res = s.upload(t, jobDoc("gw-2"))
	require.Equal(t, "Kontrakten er utgått eller feil i forhold til oversendte annonsetype", res.message())
	s.SetContract()
	_, res = s.upload(t, jobDoc("gw-3", "<JOB>", "<JOB_PARTTIME>", "</JOB>", "</JOB_PARTTIME>"))
	require.Equal(t, "Kontrakten er utgått eller feil i forhold til oversendte annonsetype", res.message())
	require.Equal(t, []string{"gw-1"}, s.OrderNos())
}

func TestFINNRefusesWhatIsNoUpload(t *testing.T) {
	s := newFINNServer(t, FINNConfig{})
	doc := jobDoc("gw-1")
	body, ctype := multipartFile(t, "file", "file.xml", doc)
	for name, c := range map[string]struct {
		body        []byte
		ctype, want string
	}{
		"not multipart": {doc, "application/xml", "must be multipart/form-data"},
		"no fil part":   {body, ctype, "no file part fil"},
	} {
		resp, b := s.post(t, c.body, c.ctype)
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, name)
		require.Contains(t, string(b), c.want, name)
	}
	zip, zctype := multipartFile(t, "fil", "file.zip", []byte("PK\x03\x04"))
	resp, b := s.post(t, zip, zctype)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	require.Contains(t, string(b), "zip uploads")
	require.Equal(t, 3, s.Stats().Refused)
}
