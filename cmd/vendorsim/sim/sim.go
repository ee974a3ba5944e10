// Package sim plays the vendors' side of jobgate's integrations over real
// HTTP, as research/ats-vendors.md describes their wire formats, with the
// faults a test asks for: the senders of the push integrations (Ponty,
// Teamtailor, Workbuster), and Feeds, the feed hosts of the polled ones
// (Lever, Jobylon, ReachMee, Workbuster), whose postings change while jobgate polls
// them. It also plays the channels jobgate publishes to, as
// research/channels-finn-nav.md describes them: NAV (NAV's stillingsimport
// API) and FINN (FINN's job file import), served together by Channels,
// with ChannelFault faults, outages and NAV's moderation under the test's
// control. cmd/vendorsim drives it from the command line; tests, the demo
// and load tools use it in-process.
package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Fault is a way a simulated vendor misbehaves on purpose.
type Fault string

// Faults the senders can produce.
const (
	// None sends a correct request.
	None Fault = ""
	// WrongKey signs with a key that is not the integration's.
	WrongKey Fault = "wrong-key"
	// Expired sends a token or signature issued long ago.
	Expired Fault = "expired"
	// Future sends a token or signature issued in the future.
	Future Fault = "future"
	// Unsigned sends no credentials.
	Unsigned Fault = "unsigned"
	// Malformed sends a body that is not JSON.
	Malformed Fault = "malformed"
	// Tampered changes the body after signing it.
	Tampered Fault = "tampered"
)

// Response is what jobgate answered.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the answer's body into a map (nil if it is not JSON).
func (r Response) JSON() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	return m
}

// client is the HTTP client every sender uses.
var client = &http.Client{Timeout: 30 * time.Second}

// send makes one request with headers (name, value pairs).
func send(ctx context.Context, method, url string, body []byte, headers ...string) (Response, error) {
	contentType := ""
	if body != nil {
		contentType = "application/json"
	}
	return sendAs(ctx, method, url, body, contentType, headers...)
}

// sendAs sends body labelled contentType, or with no Content-Type when it
// is "".
func sendAs(ctx context.Context, method, url string, body []byte, contentType string, headers ...string) (Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return Response{}, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] != "" {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return Response{}, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, err
}

// faultyBody returns body, or a broken one for the Malformed fault.
func faultyBody(body []byte, f Fault) []byte {
	if f == Malformed {
		return []byte(`{"this is":not json`)
	}
	return body
}
