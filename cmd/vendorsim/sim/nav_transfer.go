package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// navBatchMax is NAV's batch size limit (§1.4, §1.13).
const navBatchMax = 100

// maxBatchSizes bounds NAVStats.BatchSizes.
const maxBatchSizes = 10_000

// batch serves POST /api/v1/transfers/batch/{providerId} as NAV's
// postTransfer does (§1.4, §1.9): the body is mapped whole (a parse or
// mapping error is 400 with NAV's error body), then its size checked
// (1..100), then every ad validated: one invalid ad refuses the batch and
// nothing is stored. A batch whose md5 was seen before is 200 SKIPPED;
// else 201 RECEIVED.
func (n *NAV) batch(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, n.cfg.MaxBatchBytes))
	if err != nil {
		tooLarge(w, err)
		return
	}
	raws, f := splitBatch(body)
	if f == nil {
		n.recordBatch(len(raws))
		var items []navItem
		var ads []*navAdDTO
		if items, ads, f = mapBatch(raws); f == nil {
			receipt := n.save(items, md5Of(ads))
			status := http.StatusCreated
			if receipt.Status == navSkipped {
				status = http.StatusOK
			}
			writeJSONBody(w, status, receipt)
			return
		}
	}
	n.bump(&n.stats.errors)
	writeNAVError(w, f.kind, f.batchMessage())
}

// splitBatch reads the batch body as a list of ads; a single ad object is
// a list of one (ACCEPT_SINGLE_VALUE_AS_ARRAY, §1.4).
func splitBatch(body []byte) ([][]byte, *navFailure) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, missingParameter("")
	}
	var raws []json.RawMessage
	var err error
	if trimmed[0] == '[' {
		err = json.Unmarshal(body, &raws)
	} else {
		var one json.RawMessage
		err = json.Unmarshal(body, &one)
		raws = []json.RawMessage{one}
	}
	if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
		return nil, parseError(body, se.Offset)
	}
	if err != nil {
		return nil, parseError(body, int64(len(body)))
	}
	out := make([][]byte, len(raws))
	for i, raw := range raws {
		out[i] = raw
	}
	return out, nil
}

// mapBatch maps, checks the size of and validates a batch's ads, in NAV's
// order, normalising them for the md5.
func mapBatch(raws [][]byte) ([]navItem, []*navAdDTO, *navFailure) {
	items, ads := make([]navItem, len(raws)), make([]*navAdDTO, len(raws))
	for i, raw := range raws {
		ad, expires, f := mapNAVAd(raw)
		if f != nil {
			return nil, nil, f
		}
		expires = ad.expiryRule(expires)
		ad.normalize()
		items[i], ads[i] = navItem{raw: raw, ref: *ad.Reference, expires: expires}, ad
	}
	if len(ads) == 0 || len(ads) > navBatchMax {
		return nil, nil, invalidValue(fmt.Sprintf("ads should be between 1 to max %d", navBatchMax))
	}
	for _, ad := range ads {
		if f := ad.validate(); f != nil {
			return nil, nil, f
		}
	}
	return items, ads, nil
}

func (n *NAV) recordBatch(size int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.stats.batchSizes) < maxBatchSizes {
		n.stats.batchSizes = append(n.stats.batchSizes, size)
	}
}

// stream serves POST /api/v1/transfers/{providerId} as NAV's
// streamTransfer does (§1.4): an empty body is 400 with no body; else
// 200 and one receipt per ad, written one after another with no separator
// (nav-doc-stream-receipts.jstream). An ad that fails gets an ERROR
// receipt and the next ones are still read; unparseable bytes get one
// ERROR receipt ("JSON Parse error: at …") and end the stream.
func (n *NAV) stream(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxStreamBytes))
	if err != nil {
		tooLarge(w, err)
		return
	}
	if len(bytes.TrimSpace(body)) == 0 {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	var out bytes.Buffer
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			offset := int64(len(body))
			if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
				offset = se.Offset
			}
			writeReceipt(&out, n.errorReceipt(parseError(body, offset)))
			break
		}
		writeReceipt(&out, n.receiveOne(raw))
	}
	w.Header().Set("Content-Type", "application/x-json-stream")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out.Bytes())
}

func writeReceipt(out *bytes.Buffer, r navReceipt) {
	b, _ := json.Marshal(r)
	out.Write(b)
}

// receiveOne is NAV's receiveAd for one streamed ad (§1.4, §1.9).
func (n *NAV) receiveOne(raw []byte) navReceipt {
	ad, expires, f := mapNAVAd(raw)
	if f == nil {
		expires = ad.expiryRule(expires)
		ad.normalize()
		f = ad.validate()
	}
	if f != nil {
		return n.errorReceipt(f)
	}
	return n.save([]navItem{{raw: raw, ref: *ad.Reference, expires: expires}}, md5Of(ad))
}

// errorReceipt is an ERROR receipt: no versionId, an empty md5 (§1.9).
func (n *NAV) errorReceipt(f *navFailure) navReceipt {
	n.bump(&n.stats.errors)
	t := navTime(time.Now())
	return navReceipt{ProviderID: n.cfg.ProviderID, Status: navError, Message: f.streamMessage(), Items: 1, Created: t, Updated: t}
}

// stop serves DELETE /api/v1/transfers/{providerId}/{reference}: the ad
// is stopped, or deleted with ?delete=true (§1.3 rows 5, 6); a reference
// NAV has no ad state for, which includes one whose upload it has not
// filed yet, is 404 NOT_FOUND (§1.11; TransferController.kt
// stopAdByProviderReference reads AdStateService).
func (n *NAV) stop(w http.ResponseWriter, r *http.Request) {
	ref, status := r.PathValue("reference"), navStopped
	if strings.EqualFold(r.URL.Query().Get("delete"), "true") {
		status = navDeleted
	}
	n.mu.Lock()
	n.fileDueLocked(time.Now())
	var receipt navReceipt
	known := n.ads[ref] != nil
	if known {
		receipt = n.stopLocked(ref, status)
	}
	n.mu.Unlock()
	if !known {
		writeNAVError(w, navNotFound, fmt.Sprintf("AdState with %d %s not found", n.cfg.ProviderID, ref))
		return
	}
	writeJSONBody(w, http.StatusOK, receipt)
}

// tooLarge answers a body over the limit 413, and a failed read 400.
func tooLarge(w http.ResponseWriter, err error) {
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		http.Error(w, "Content Too Large", http.StatusRequestEntityTooLarge)
		return
	}
	http.Error(w, "Bad Request", http.StatusBadRequest)
}
