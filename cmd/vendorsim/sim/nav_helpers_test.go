package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// vendorExamples is the shared vendor-examples folder, from this package.
const vendorExamples = "../../../../shared/vendor-examples"

// example reads a vendor example file, skipping the test when the shared
// folder is not there.
func example(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vendorExamples, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("vendor example %s not present", name)
	}
	require.NoError(t, err)
	return b
}

// navServer is a NAV served over real HTTP for one test.
type navServer struct {
	*NAV
	srv *httptest.Server
}

func newNAVServer(t *testing.T) navServer {
	t.Helper()
	n := NewNAV(NAVConfig{ProviderID: 10042, Token: "test-token", FilingDelay: NAVFilesAtOnce})
	return navServer{n, newServer(t, n)}
}

// newServer serves h over real HTTP for one test, closing h (releasing
// held requests) before the server.
func newServer(t *testing.T, h interface {
	http.Handler
	Close()
}) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		h.Close()
		srv.Close()
	})
	return srv
}

// do sends a request with the NAV's token (or token, when given) and
// reads the answer.
func (s navServer) do(t *testing.T, method, path string, body []byte, token ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.NAV.URL(s.srv.URL)+path, bytes.NewReader(body))
	require.NoError(t, err)
	auth := "Bearer " + s.Token()
	if len(token) > 0 {
		auth = token[0]
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if strings.Contains(path, "/batch/") {
		req.Header.Set("Content-Type", "application/json")
	} else if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-json-stream")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, b
}

func (s navServer) batch(t *testing.T, body []byte) (*http.Response, map[string]any) {
	t.Helper()
	resp, b := s.do(t, http.MethodPost, fmt.Sprintf("/api/v1/transfers/batch/%d", s.ProviderID()), body)
	return resp, decodeObject(t, b)
}

// stream posts to the stream endpoint and decodes the receipts.
func (s navServer) stream(t *testing.T, body []byte) []map[string]any {
	t.Helper()
	resp, b := s.do(t, http.MethodPost, fmt.Sprintf("/api/v1/transfers/%d", s.ProviderID()), body)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(b))
	var out []map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	for dec.More() {
		var m map[string]any
		require.NoError(t, dec.Decode(&m), string(b))
		out = append(out, m)
	}
	return out
}

func (s navServer) adminStatus(t *testing.T, ref string) (int, map[string]any) {
	t.Helper()
	resp, b := s.do(t, http.MethodGet, fmt.Sprintf("/api/v1/adminstatus/%d/%s", s.ProviderID(), ref), nil)
	return resp.StatusCode, decodeObject(t, b)
}

func (s navServer) delete(t *testing.T, ref string, hard bool) (int, map[string]any) {
	t.Helper()
	path := fmt.Sprintf("/api/v1/transfers/%d/%s", s.ProviderID(), ref)
	if hard {
		path += "?delete=true"
	}
	resp, b := s.do(t, http.MethodDelete, path, nil)
	return resp.StatusCode, decodeObject(t, b)
}

func decodeObject(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m), string(b))
	return m
}

// navAd is our own minimal valid ad (research §1.16), with changes.
func navAd(ref string, change func(ad map[string]any)) map[string]any {
	ad := map[string]any{
		"reference": ref, "title": "Lagermedarbeider", "adText": "<p>Vi søker lagermedarbeider.</p>",
		"published": "2025-03-01T08:00:00", "expires": "2099-03-31T00:00:00", "positions": 1,
		"employer": map[string]any{"orgnr": "999 999 999", "businessName": "Eksempel AS",
			"location": map[string]any{"postalCode": "0150", "city": "OSLO"}},
		"locationList": []any{map[string]any{"postalCode": "0150", "municipal": "OSLO", "country": "NORGE"}},
		"contactList":  []any{map[string]any{"name": "Kari Nordmann", "email": "kari@example.no"}},
		"properties": map[string]any{"engagementtype": "Fast", "extent": "Heltid", "sector": "Privat",
			"applicationurl": "https://ats.example/apply/123", "workday": `["Ukedager"]`},
	}
	if change != nil {
		change(ad)
	}
	return ad
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}
