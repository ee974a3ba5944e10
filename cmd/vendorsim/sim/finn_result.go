package sim

import (
	"encoding/xml"
	"net/http"
	"strconv"
)

// finnResult is the sim's answer to an upload. FINN's answer schema is
// [U] (§2.2, §2.10 question 2), so this one is the sim's own [I]: XML,
// as FINN-SDK expects, an overall STATUS of OK or ERROR, the document's
// errors, and per OBJECT its ORDERNO, STATUS, FINNKODE and what was done:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<IMPORT_RESULT STATUS="OK" DOCUMENT="IAD.IF.JOB">
//	  <OBJECT ORDERNO="gw-000123" STATUS="OK" FINNKODE="300000001" ACTION="created"></OBJECT>
//	</IMPORT_RESULT>
//
//	<IMPORT_RESULT STATUS="ERROR" DOCUMENT="IAD.IF.JOB">
//	  <OBJECT ORDERNO="gw-000123" STATUS="ERROR">
//	    <ERROR>Tildato må være etter fradato</ERROR>
//	  </OBJECT>
//	</IMPORT_RESULT>
type finnResult struct {
	XMLName  xml.Name           `xml:"IMPORT_RESULT"`
	Status   string             `xml:"STATUS,attr"`
	Document string             `xml:"DOCUMENT,attr,omitempty"`
	Errors   []string           `xml:"ERROR"`
	Objects  []finnObjectResult `xml:"OBJECT"`
}

// finnObjectResult is one OBJECT's outcome; Action is created, updated or
// stopped.
type finnObjectResult struct {
	OrderNo  string   `xml:"ORDERNO,attr"`
	Status   string   `xml:"STATUS,attr"`
	Finnkode string   `xml:"FINNKODE,attr,omitempty"`
	Action   string   `xml:"ACTION,attr,omitempty"`
	Errors   []string `xml:"ERROR"`
}

// The STATUS values.
const (
	finnOK    = "OK"
	finnError = "ERROR"
)

// apply applies every OBJECT of a valid document; the answer is OK when
// every one of them was.
func (f *FINN) apply(d dtd, root *xnode, raw []byte) finnResult {
	res := finnResult{Status: finnOK, Document: root.name}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, obj := range root.kids[1:] {
		var o finnObjectResult
		if d.root == finnStop.root {
			o = f.stopLocked(obj, raw)
		} else {
			o = f.publishLocked(d, root, obj, raw)
		}
		if o.Status != finnOK {
			res.Status = finnError
			f.stats.objectErrors++
		}
		res.Objects = append(res.Objects, o)
	}
	if res.Status == finnOK {
		f.stats.accepted++
	}
	return res
}

// refuse answers an upload that was refused whole.
func (f *FINN) refuse(w http.ResponseWriter, status int, err error) {
	f.bump(&f.stats.refused)
	writeFINNResult(w, status, finnResult{Status: finnError, Errors: []string{err.Error()}})
}

func writeFINNResult(w http.ResponseWriter, status int, res finnResult) {
	b, _ := xml.MarshalIndent(res, "", "  ")
	body := append([]byte(xml.Header), b...)
	body = append(body, '\n')
	w.Header().Set("Content-Type", "text/xml; charset=UTF-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
