package nav

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

func TestWithdraw(t *testing.T) {
	stopped := `{"versionId":12,"providerId":10000,"status":"RECEIVED","message":"STOPPED","md5":"C0FFEE","items":1}`
	for _, tc := range []struct {
		name, body, contentType, query string
		status                         int
		hard                           bool
		class                          connectors.Class // when failing
		ok                             bool
	}{
		{name: "stopped", status: 200, body: stopped, ok: true},
		{name: "hard delete", status: 200, body: stopped, hard: true, query: "delete=true", ok: true},
		{name: "never got it", status: 404, body: navError("NOT_FOUND", "AdState not found"), ok: true},
		{name: "404 page of another host", status: 404, body: "<html>Not Found</html>", contentType: "text/html", class: connectors.Permanent},
		{name: "401", status: 401, body: "Unauthorized", class: connectors.Unauthorised},
		{name: "500", status: 500, class: connectors.Retryable},
		{name: "409", status: 409, body: navError("CONFLICT", "conflict"), class: connectors.Permanent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, f := serve(t, func(w http.ResponseWriter, _ call) {
				w.Header().Set("Content-Type", "application/json")
				if tc.contentType != "" {
					w.Header().Set("Content-Type", tc.contentType)
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			c.cfg.HardDelete = tc.hard
			a := published(t, "full", "job_a")
			prev := connectors.Publication{Channel: Name, State: connectors.PublicationLive, Reference: "ref/with space", URL: "https://arbeidsplassen.nav.no/stillinger/stilling/u-1"}
			pub, err := c.Withdraw(ctx, a, prev)
			calls := f.Calls()
			require.Len(t, calls, 1)
			require.Equal(t, http.MethodDelete, calls[0].Method)
			require.Equal(t, "/stillingsimport/api/v1/transfers/10000/ref%2Fwith%20space", calls[0].Path, "the reference is one path segment")
			require.Equal(t, tc.query, calls[0].Query, "never ?delete=true unless HardDelete")
			require.Equal(t, "Bearer "+token, calls[0].Auth)
			if !tc.ok {
				require.Equal(t, tc.class, connectors.ClassOf(err), "%v", err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, connectors.Publication{Channel: Name, State: connectors.PublicationWithdrawn, Reference: prev.Reference,
				URL: prev.URL, Revision: a.Revision, UpdatedAt: now}, pub)
		})
	}
}

func TestCheckStatus(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(vendor, "nav-doc-adminstatus.json"))
	require.NoError(t, err)
	earlier := now.Add(-time.Hour)
	const navURL = "https://arbeidsplassen.nav.no/stillinger/stilling/2afe26f3-9aef-4a12-97eb-20d6c06c513a"
	status := func(publish, msg, url string) string {
		return `{"uuid":"2afe26f3-9aef-4a12-97eb-20d6c06c513a","status":"DONE","reference":"12345","url":"` + url +
			`","providerId":10000,"message":` + msg + `,"publishStatus":"` + publish + `"}`
	}
	for _, tc := range []struct {
		name, body, was, state, url, reason string
		status                              int
		class                               connectors.Class
		fails, changed                      bool
	}{
		{name: "not processed yet", status: 404, body: navError("NOT_FOUND", "AdAdminStatus for 12345 not found"), was: "pending", state: "pending"},
		{name: "NAV's example: processed, not yet in search", status: 200, body: string(doc), was: "pending", state: "pending", url: navURL, changed: true},
		{name: "active", status: 200, body: status("ACTIVE", "null", navURL), was: "pending", state: "live", url: navURL, changed: true},
		{name: "active without url", status: 200, body: status("ACTIVE", "null", ""), was: "pending", state: "live", url: navURL, changed: true},
		{name: "rejected", status: 200, body: status("REJECTED", `"DISCRIMINATING"`, navURL), was: "pending", state: "rejected", url: navURL, reason: "DISCRIMINATING", changed: true},
		{name: "rejected, no reason", status: 200, body: status("REJECTED", "null", navURL), was: "live", state: "rejected", url: navURL, reason: "UNKNOWN", changed: true},
		{name: "stopped", status: 200, body: status("STOPPED", "null", navURL), was: "live", state: "withdrawn", url: navURL, changed: true},
		{name: "deleted", status: 200, body: status("DELETED", "null", navURL), was: "pending", state: "withdrawn", url: navURL, changed: true},
		{name: "expired", status: 200, body: status("INACTIVE", "null", navURL), was: "live", state: "withdrawn", url: navURL, changed: true},
		{name: "unchanged live", status: 200, body: status("ACTIVE", "null", navURL), was: "live", state: "live", url: navURL},
		{name: "401", status: 401, fails: true, class: connectors.Unauthorised},
		{name: "500", status: 500, fails: true, class: connectors.Retryable},
		{name: "garbage", status: 200, body: `{"hello":1}`, fails: true, class: connectors.Retryable},
		{name: "another reference", status: 200, body: `{"reference":"other","publishStatus":"ACTIVE"}`, fails: true, class: connectors.Permanent},
		{name: "HTML 404", status: 404, body: "<html></html>", fails: true, class: connectors.Permanent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, f := serve(t, func(w http.ResponseWriter, _ call) {
				ct := "application/json"
				if tc.name == "HTML 404" {
					ct = "text/html"
				}
				w.Header().Set("Content-Type", ct)
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			url := ""
			if tc.was == "live" {
				url = navURL
			}
			pub := connectors.Publication{Channel: Name, State: tc.was, Reference: "12345", URL: url, Revision: 4, UpdatedAt: earlier}
			got, err := c.CheckStatus(ctx, pub)
			require.Equal(t, "/stillingsimport/api/v1/adminstatus/10000/12345", f.Calls()[0].Path)
			if tc.fails {
				require.Equal(t, tc.class, connectors.ClassOf(err), "%v", err)
				return
			}
			require.NoError(t, err)
			want := connectors.Publication{Channel: Name, State: tc.state, Reference: "12345", URL: tc.url, Reason: tc.reason, Revision: 4, UpdatedAt: earlier}
			if tc.changed {
				want.UpdatedAt = now
			}
			if tc.name == "not processed yet" {
				want.URL = ""
			}
			require.Equal(t, want, got)
		})
	}
	c, _ := serve(t, func(w http.ResponseWriter, _ call) { t.Fatal("no reference, no call") })
	_, err = c.CheckStatus(ctx, connectors.Publication{State: "pending"})
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
}

// TestCheckStatusUnknownAnswers: how NAV's UNKNOWN answers count (research
// §1.10; AdTransportToAdminStatus.kt), with NAV's message carried when it
// gives one, and what ends an unknown state.
func TestCheckStatusUnknownAnswers(t *testing.T) {
	answer := func(status, publish, msg string) string {
		return `{"uuid":"u-1","status":"` + status + `","reference":"12345","providerId":10000,"message":` + msg + `,"publishStatus":"` + publish + `"}`
	}
	for _, tc := range []struct {
		name, body, was, state, reason string
		checks, want                   int
	}{
		{name: "publishStatus UNKNOWN counts", body: answer("DONE", "UNKNOWN", "null"), was: "pending", state: "pending", checks: 1, want: 2},
		{name: "status UNKNOWN, not in search, counts", body: answer("UNKNOWN", "INACTIVE", "null"), was: "pending", state: "pending", want: 1},
		{name: "status UNKNOWN of a live ad is its publishStatus", body: answer("UNKNOWN", "ACTIVE", "null"), was: "live", state: "live", checks: 2, want: 0},
		{name: "the last check, with NAV's message", body: answer("UNKNOWN", "UNKNOWN", `"ukjent feil mot kari@example.no"`), was: "pending",
			state: "unknown", checks: 5, want: 6,
			reason: "NAV answered UNKNOWN at 6 status checks in a row (publishStatus UNKNOWN, status UNKNOWN): ukjent feil mot [e-mail]"},
		{name: "still unknown", body: answer("DONE", "UNKNOWN", "null"), was: "unknown", state: "unknown", checks: 6, want: 7,
			reason: "NAV answered UNKNOWN at 6 status checks in a row (publishStatus UNKNOWN, status DONE)"},
		{name: "unknown, then not in search: pending again", body: answer("DONE", "INACTIVE", "null"), was: "unknown", state: "pending", checks: 7},
		{name: "unknown, then active", body: answer("DONE", "ACTIVE", "null"), was: "unknown", state: "live", checks: 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := serve(t, func(w http.ResponseWriter, _ call) { reply(w, http.StatusOK, tc.body) })
			pub := connectors.Publication{Channel: Name, State: tc.was, Reference: "12345", Revision: 2, Checks: tc.checks}
			if tc.was == "unknown" {
				pub.Reason = "NAV answered UNKNOWN at 6 status checks in a row (publishStatus UNKNOWN, status DONE)"
			}
			got, err := c.CheckStatus(ctx, pub)
			require.NoError(t, err)
			require.Equal(t, tc.state, got.State)
			require.Equal(t, tc.want, got.Checks)
			require.Equal(t, tc.reason, got.Reason)
		})
	}
}
