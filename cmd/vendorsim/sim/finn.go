package sim

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
)

// FINN plays FINN's job file import (research/channels-finn-nav.md Part 2)
// over real HTTP, so jobgate's FINN channel is tested against it: one
// route, the import of §2.2, takes multipart/form-data whose file part
// "fil" holds an IAD.IF.JOB document (which publishes or replaces the ads
// by ORDERNO) or an IAD.IF.STOP one (which takes them down, §2.6). The
// document must be well-formed XML, read without expanding entities (a
// DOCTYPE with an internal subset is refused), of HEAD/PARTNER the
// configured partner, and valid against the job DTD 8.0 as the sim infers
// it from 7.1 and FINN-UPD (§2.3, §2.8; or 7.1 itself when its DOCTYPE
// names IADIF-job71.dtd): element order, required elements, exactly one
// COMPANY, at least one JOB_CONTACT, OCCUPATION and APPLICATION_URL. The
// answer's schema is [U] (§2.2); the sim answers XML (finn_result.go),
// with §2.7's error messages where they apply. Faults and outages come on
// demand (ChannelFault, Down), and a control API under /_sim/finn
// (finn_control.go). A FINN is safe for concurrent use.
type FINN struct {
	*gate
	cfg FINNConfig
	mux *http.ServeMux

	mu       sync.Mutex
	ads      map[string]*finnRecord
	finnkode int64    // the last finnkode given
	contract []string // the ad types the customer's contract covers; nil: none
	stats    finnCounters
}

// FINNConfig configures a FINN.
type FINNConfig struct {
	// PartnerID is FINN's id for the sending system, which HEAD/PARTNER
	// must hold (§2.3); DefaultFINNPartnerID if "".
	PartnerID string
	// Path is the import's path (default DefaultFINNPath, §2.2).
	Path string
	// Username and Password, when Username is set, are the HTTP Basic
	// credentials the import requires, as FINN's test import does (§2.2);
	// how production authenticates is [U], so by default nothing is asked.
	Username, Password string
	// Require80 refuses job documents of the 7.1 DTD. Whether FINN still
	// takes them is [U] (§2.3), so by default they are read by 7.1's rules.
	Require80 bool
	// ErrorStatus is the HTTP status of an answer that reports an error in
	// the document (default 200: FINN-SDK reads the XML of every answer,
	// §2.2 [I]); a request that is no upload at all is 400.
	ErrorStatus int
}

// Defaults for a zero FINNConfig.
const (
	DefaultFINNPath      = "/finn/import/fileimport"
	DefaultFINNPartnerID = "vendorsim-partner"
)

// maxFINNUpload bounds the uploaded file (FINN's limit is [U], §2.10).
const maxFINNUpload = 10 << 20

// finnAdTypes are the job ad types (§2.3).
var finnAdTypes = []string{"JOB", "JOB_EXECUTIVE", "JOB_PARTTIME"}

// NewFINN returns a FINN with no ads whose customer contract covers every
// job ad type (SetContract changes it).
func NewFINN(cfg FINNConfig) *FINN {
	if cfg.PartnerID == "" {
		cfg.PartnerID = DefaultFINNPartnerID
	}
	if cfg.Path == "" {
		cfg.Path = DefaultFINNPath
	}
	if cfg.ErrorStatus == 0 {
		cfg.ErrorStatus = http.StatusOK
	}
	f := &FINN{gate: newGate("FINN import"), cfg: cfg, mux: http.NewServeMux(), ads: map[string]*finnRecord{},
		finnkode: 300_000_000, contract: finnAdTypes}
	f.mux.HandleFunc("POST "+cfg.Path, f.importFile)
	f.mountControl()
	return f
}

// ServeHTTP serves the import and the control API.
func (f *FINN) ServeHTTP(w http.ResponseWriter, r *http.Request) { f.mux.ServeHTTP(w, r) }

// PartnerID is the partner id the FINN accepts.
func (f *FINN) PartnerID() string { return f.cfg.PartnerID }

// URL is the import's URL on a server at base: what JOBGATE_FINN_URL is
// set to.
func (f *FINN) URL(base string) string { return strings.TrimRight(base, "/") + f.cfg.Path }

// SetContract sets the ad types (JOB, JOB_EXECUTIVE, JOB_PARTTIME) the
// customer's contract covers; with none, the contract has expired. An ad
// of a type it does not cover is refused with FINN's "Kontrakten er
// utgått eller feil i forhold til oversendte annonsetype" (§2.7).
func (f *FINN) SetContract(adTypes ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.contract = adTypes
}

// importFile serves the import: gate, credentials, the file part, the
// document, then each OBJECT.
func (f *FINN) importFile(w http.ResponseWriter, r *http.Request) {
	f.bump(&f.stats.requests)
	if !f.admit(w, r) {
		return
	}
	if !f.authorized(r) {
		f.bump(&f.stats.unauthorized)
		f.unauthorized(w)
		return
	}
	file, err := readFil(w, r)
	if err != nil {
		f.refuse(w, http.StatusBadRequest, err)
		return
	}
	doc, err := parseFINNDoc(file)
	var d dtd
	if err == nil {
		d, err = f.schema(doc)
	}
	if err == nil {
		err = checkElement(d, doc.root)
	}
	if err == nil {
		err = f.checkHead(doc.root)
	}
	if err != nil {
		f.refuse(w, f.cfg.ErrorStatus, err)
		return
	}
	res := f.apply(d, doc.root, file)
	status := http.StatusOK
	if res.Status != finnOK {
		status = f.cfg.ErrorStatus
	}
	writeFINNResult(w, status, res)
}

// authorized checks HTTP Basic credentials when the FINN has some.
func (f *FINN) authorized(r *http.Request) bool {
	if f.cfg.Username == "" {
		return true
	}
	u, p, ok := r.BasicAuth()
	return ok && subtle.ConstantTimeCompare([]byte(u), []byte(f.cfg.Username)) == 1 &&
		subtle.ConstantTimeCompare([]byte(p), []byte(f.cfg.Password)) == 1
}

// readFil reads the file part "fil" of a multipart/form-data upload, as
// FINN-SDK sends it (§2.2). A zip (a document with images, §2.5) is not
// simulated.
func readFil(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFINNUpload+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errors.New("the upload must be multipart/form-data with the document in the file part fil")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the upload has no file part fil")
		}
		if err != nil {
			return nil, fmt.Errorf("the upload is not readable multipart: %w", err)
		}
		if part.FormName() != "fil" {
			continue
		}
		if strings.HasSuffix(strings.ToLower(part.FileName()), ".zip") {
			return nil, errors.New("zip uploads (documents with images, §2.5) are not simulated: send file.xml")
		}
		b, err := io.ReadAll(io.LimitReader(part, maxFINNUpload+1))
		if err == nil && len(b) > maxFINNUpload {
			err = fmt.Errorf("the file is over %d bytes", maxFINNUpload)
		}
		return b, err
	}
}

// checkHead checks the sender and that every OBJECT has its key.
func (f *FINN) checkHead(root *xnode) error {
	if p := root.path("HEAD/PARTNER"); p != f.cfg.PartnerID {
		return fmt.Errorf("unknown PARTNER %q: this import is partner %q's", p, f.cfg.PartnerID)
	}
	for _, obj := range root.kids[1:] {
		if obj.path("OBJECT_HEAD/ORDERNO") == "" {
			return lineErr(obj, "ORDERNO is empty")
		}
	}
	return nil
}
