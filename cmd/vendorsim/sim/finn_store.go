package sim

import (
	"slices"
	"strconv"
	"time"
)

// FINNAd is what FINN holds for one ORDERNO, for tests and the control API.
type FINNAd struct {
	OrderNo string `json:"orderno"`
	// Finnkode is FINN's id for the ad, given on its first upload (§2.6;
	// nine digits like FINN's [I]).
	Finnkode string `json:"finnkode"`
	// AdType is JOB, JOB_EXECUTIVE or JOB_PARTTIME; DTD the job DTD's
	// version the document was read by ("8.0" or "7.1").
	AdType string `json:"ad_type"`
	DTD    string `json:"dtd"`
	// Provider is HEAD/PROVIDER, the customer's account.
	Provider string `json:"provider,omitempty"`
	// Live is false once a STOP took the ad down (an upload publishes it
	// again); Uploads and Stops count the documents that did each.
	Live    bool `json:"live"`
	Uploads int  `json:"uploads"`
	Stops   int  `json:"stops"`
	// Fields holds the text of every element without children in the ad's
	// OBJECT, in document order, by path: OBJECT_HEAD's below
	// "OBJECT_HEAD/" ("OBJECT_HEAD/FROMDATE"), the ad element's with its
	// name left out ("JOB_TITLE", "COMPANY/COMPANY_NAME"); an attribute
	// is path@NAME ("OBJECT_HEAD/OVERWRITE_MMO@MODUS").
	Fields map[string][]string `json:"fields"`
	// Document is the last IAD.IF.JOB file that carried the ad, exactly as
	// uploaded; StopDocument the last IAD.IF.STOP one.
	Document     []byte `json:"-"`
	StopDocument []byte `json:"-"`
}

// Value is the ad's first value at path ("" if none).
func (a FINNAd) Value(path string) string {
	if v := a.Fields[path]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// finnRecord is a held ad and the first day it was published from, for
// the 42-day rule.
type finnRecord struct {
	ad        FINNAd
	firstFrom time.Time
}

// FINN's known error messages (§2.7).
const (
	finnContractMsg = "Kontrakten er utgått eller feil i forhold til oversendte annonsetype"
	finnDateMsg     = "Tildato må være etter fradato"
)

// finnMessage is an error worded as FINN (or its XML parser) words it.
type finnMessage string

func (m finnMessage) Error() string { return string(m) }

// finnMaxLife is how long a job ad may live from its first publication
// (§2.6).
const finnMaxLife = 42 * 24 * time.Hour

// publishLocked applies one job OBJECT: FINN's per-ad checks (the
// contract, the dates: TODATE after FROMDATE, within 42 days of the first
// FROMDATE of the ORDERNO, a deadline not before FROMDATE, §2.6, §2.7),
// then the upsert by ORDERNO.
func (f *FINN) publishLocked(d dtd, root, obj *xnode, raw []byte) finnObjectResult {
	orderNo, body := obj.path("OBJECT_HEAD/ORDERNO"), adBody(obj)
	err := checkObject(d, obj)
	if err == nil && !slices.Contains(f.contract, body.name) {
		err = finnMessage(finnContractMsg)
	}
	rec := f.ads[orderNo]
	from, to, deadline := finnDate(obj.path("OBJECT_HEAD/FROMDATE")), finnDate(obj.path("OBJECT_HEAD/TODATE")), finnDate(body.path("APPLICATION_DEADLINE"))
	first := from
	if rec != nil && !rec.firstFrom.IsZero() {
		first = rec.firstFrom
	}
	switch {
	case err != nil:
	case !from.IsZero() && !to.IsZero() && !to.After(from),
		!first.IsZero() && to.Sub(first) > finnMaxLife,
		!from.IsZero() && !deadline.IsZero() && deadline.Before(from):
		err = finnMessage(finnDateMsg)
	}
	if err != nil {
		return finnObjectResult{OrderNo: orderNo, Status: finnError, Errors: []string{err.Error()}}
	}
	action := "updated"
	if rec == nil {
		f.finnkode++
		rec = &finnRecord{ad: FINNAd{OrderNo: orderNo, Finnkode: strconv.FormatInt(f.finnkode, 10)}, firstFrom: from}
		f.ads[orderNo], action = rec, "created"
	}
	a := &rec.ad
	a.AdType, a.DTD, a.Provider, a.Live, a.Document = body.name, d.version, root.path("HEAD/PROVIDER"), true, raw
	a.Uploads++
	a.Fields = objectFields(obj)
	f.stats.published++
	return finnObjectResult{OrderNo: orderNo, Status: finnOK, Finnkode: a.Finnkode, Action: action}
}

// finnDate reads FINN's dd.mm.yyyy; zero when s is empty or another
// format (START_DATE-like free text).
func finnDate(s string) time.Time {
	t, err := time.Parse("02.01.2006", s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// stopLocked applies one STOP OBJECT: the ad is taken down. An ORDERNO
// FINN does not hold is an error [I: FINN's answer is U].
func (f *FINN) stopLocked(obj *xnode, raw []byte) finnObjectResult {
	orderNo := obj.path("OBJECT_HEAD/ORDERNO")
	rec := f.ads[orderNo]
	if rec == nil {
		return finnObjectResult{OrderNo: orderNo, Status: finnError, Errors: []string{"no ad with ORDERNO " + orderNo}}
	}
	rec.ad.Live, rec.ad.StopDocument = false, raw
	rec.ad.Stops++
	f.stats.stopped++
	return finnObjectResult{OrderNo: orderNo, Status: finnOK, Finnkode: rec.ad.Finnkode, Action: "stopped"}
}

// objectFields collects FINNAd.Fields.
func objectFields(obj *xnode) map[string][]string {
	out := map[string][]string{}
	var walk func(n *xnode, prefix string)
	walk = func(n *xnode, prefix string) {
		for _, name := range sortedKeys(n.attrs) {
			out[prefix+"@"+name] = append(out[prefix+"@"+name], n.attrs[name])
		}
		if len(n.kids) == 0 {
			out[prefix] = append(out[prefix], n.textOf())
		}
		for _, k := range n.kids {
			walk(k, prefix+"/"+k.name)
		}
	}
	for _, k := range obj.kids {
		if k.name == "OBJECT_HEAD" {
			walk(k, "OBJECT_HEAD")
			continue
		}
		for _, kk := range k.kids {
			walk(kk, kk.name)
		}
	}
	return out
}

// Ad is what FINN holds for the ORDERNO; false if it has none.
func (f *FINN) Ad(orderNo string) (FINNAd, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	rec := f.ads[orderNo]
	if rec == nil {
		return FINNAd{}, false
	}
	return rec.ad, true
}

// Document is the last IAD.IF.JOB file that carried the ORDERNO, exactly
// as uploaded; nil if none did.
func (f *FINN) Document(orderNo string) []byte {
	a, _ := f.Ad(orderNo)
	return a.Document
}

// OrderNos lists the ORDERNOs FINN holds (live or stopped), sorted.
func (f *FINN) OrderNos() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return sortedKeys(f.ads)
}
