package sim

import (
	"bytes"
	"encoding/xml"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// finnServer is a FINN served over real HTTP for one test.
type finnServer struct {
	*FINN
	srv *httptest.Server
}

func newFINNServer(t *testing.T, cfg FINNConfig) finnServer {
	t.Helper()
	if cfg.PartnerID == "" {
		cfg.PartnerID = "jobgate"
	}
	f := NewFINN(cfg)
	return finnServer{f, newServer(t, f)}
}

// multipartFile is the upload FINN-SDK sends: the document in the file
// part "fil" (research §2.2).
func multipartFile(t *testing.T, field, filename string, doc []byte) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	part, err := w.CreateFormFile(field, filename)
	require.NoError(t, err)
	_, err = part.Write(doc)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.Bytes(), w.FormDataContentType()
}

// post sends a body to the import and reads the answer.
func (s finnServer) post(t *testing.T, body []byte, ctype string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.FINN.URL(s.srv.URL), bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", ctype)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, b
}

// upload sends doc as file.xml and decodes the answer.
func (s finnServer) upload(t *testing.T, doc []byte) (int, finnResult) {
	t.Helper()
	body, ctype := multipartFile(t, "fil", "file.xml", doc)
	resp, b := s.post(t, body, ctype)
	require.Equal(t, "text/xml; charset=UTF-8", resp.Header.Get("Content-Type"), string(b))
	var res finnResult
	require.NoError(t, xml.Unmarshal(b, &res), string(b))
	return resp.StatusCode, res
}

// message is the answer's first error, the document's or an OBJECT's.
func (r finnResult) message() string {
	if len(r.Errors) > 0 {
		return r.Errors[0]
	}
	for _, o := range r.Objects {
		if len(o.Errors) > 0 {
			return o.Errors[0]
		}
	}
	return ""
}

// jobDoc is our own 8.0 job document (research §2.8's skeleton), with
// each replacement (old, new pairs) applied.
func jobDoc(orderNo string, replace ...string) []byte {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE IAD.IF.JOB SYSTEM "https://www.finn.no/dtd/IADIF-job80.dtd">
<IAD.IF.JOB>
  <HEAD><PARTNER>jobgate</PARTNER><PROVIDER>customer-1</PROVIDER></HEAD>
  <OBJECT>
    <OBJECT_HEAD>
      <ORDERNO>` + orderNo + `</ORDERNO>
      <OVERWRITE_MMO MODUS="no"/>
      <FROMDATE>01.03.2025</FROMDATE><TODATE>31.03.2025</TODATE>
      <OBJECT_LOCATION><ZIPCODE>0150</ZIPCODE><COUNTRYCODE>NO</COUNTRYCODE></OBJECT_LOCATION>
      <HEADING>Lagermedarbeider i Oslo</HEADING>
    </OBJECT_HEAD>
    <JOB>
      <JOB_TITLE>Lagermedarbeider</JOB_TITLE>
      <SITUATION>Oslo</SITUATION>
      <SECTOR>private</SECTOR>
      <OCCUPATION><GENERAL>TRANSPORTLOGISTICS</GENERAL></OCCUPATION>
      <DURATION>permanent</DURATION>
      <COMPANY><COMPANY_NAME>Eksempel AS</COMPANY_NAME></COMPANY>
      <GENERAL_TEXT_JOB><GENERAL_TEXT><![CDATA[<p>Vi søker <b>deg</b>.</p>]]></GENERAL_TEXT></GENERAL_TEXT_JOB>
      <APPLICATION_DEADLINE>20.03.2025</APPLICATION_DEADLINE>
      <JOB_CONTACT><NAME>Kari Nordmann</NAME><EMAIL>kari@example.no</EMAIL></JOB_CONTACT>
      <APPLICATION_LABEL>` + orderNo + `</APPLICATION_LABEL>
      <APPLICATION_URL>https://ats.example/apply/123</APPLICATION_URL>
      <NO_OF_POSITIONS>1</NO_OF_POSITIONS>
    </JOB>
  </OBJECT>
</IAD.IF.JOB>
`
	return []byte(strings.NewReplacer(replace...).Replace(doc))
}

// stopDoc is an IAD.IF.STOP document as FINN-SDK's StopXml.php builds it.
func stopDoc(orderNos ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<!DOCTYPE IAD.IF.STOP SYSTEM "http://www.iad.no/dtd/IADIF-stop30.dtd">` + "\n" +
		`<IAD.IF.STOP><HEAD><PARTNER>jobgate</PARTNER><PROVIDER>customer-1</PROVIDER></HEAD>`)
	for _, no := range orderNos {
		b.WriteString(`<OBJECT><OBJECT_HEAD><ORDERNO>` + no + `</ORDERNO><PROVIDER_REFERENCE>ref-` + no + `</PROVIDER_REFERENCE></OBJECT_HEAD></OBJECT>`)
	}
	b.WriteString("</IAD.IF.STOP>\n")
	return []byte(b.String())
}
