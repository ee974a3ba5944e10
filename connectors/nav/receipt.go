package nav

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// Receipt statuses (research §1.9, TransferLogStatus).
const (
	// StatusReceived: stored, to be processed within about 30 s.
	StatusReceived = "RECEIVED"
	// StatusDone: processed into NAV's ad state.
	StatusDone = "DONE"
	// StatusSkipped: NAV already has this exact content.
	StatusSkipped = "SKIPPED"
	// StatusError: refused; Message says why.
	StatusError = "ERROR"
)

var receiptStatuses = []string{StatusReceived, StatusDone, StatusSkipped, StatusError}

// maxReceipts bounds how many receipts one answer may hold: one per ad of
// a batch at most.
const maxReceipts = 100

// ParseReceipts reads the receipts of an answer: one TransferLogDTO for a
// batch (nav-doc-batch-receipt.json), or several written one after another
// with no separator, as the stream endpoint does (research §1.4,
// nav-doc-stream-receipts.jstream). Each must be an object with a known
// status; anything else is refused.
func ParseReceipts(body []byte) ([]Receipt, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	var out []Receipt
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("receipt %d is not JSON: %w", len(out), err)
		}
		if len(out) == maxReceipts {
			return nil, fmt.Errorf("more than %d receipts", maxReceipts)
		}
		var r Receipt
		if raw[0] != '{' || json.Unmarshal(raw, &r) != nil {
			return nil, fmt.Errorf("receipt %d is not a transfer log object", len(out))
		}
		if !slices.Contains(receiptStatuses, r.Status) {
			return nil, fmt.Errorf("receipt %d has an unknown status", len(out))
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, errors.New("no receipt")
	}
	return out, nil
}
