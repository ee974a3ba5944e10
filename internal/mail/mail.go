// Package mail sends jobgate's few e-mails (invitations, password resets)
// through the SMTP server named by JOBGATE_SMTP_URL:
// smtp://[user:pass@]host[:port]?from=address (STARTTLS when the server
// offers it) or smtps:// for TLS from the first byte. Credentials go only
// to the server, never over a plain connection to another host, and never
// into an error or a log line; neither do the server's replies, which may
// quote the recipient.
package mail

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strings"
	"time"
)

// Mailer sends plain-text e-mails through one SMTP server.
type Mailer struct {
	addr        string // host:port
	host        string
	implicitTLS bool
	user, pass  string
	hasAuth     bool
	from        string
	// tlsConfig is used for STARTTLS and smtps; nil verifies the server
	// against the system's roots (tests give their own).
	tlsConfig *tls.Config
	// timeout bounds a send whose context has no deadline.
	timeout time.Duration
}

// errURL is the one message for a bad URL: url.Parse's own errors quote
// the URL, password included.
var errURL = errors.New("must be smtp://[user:pass@]host[:port]?from=address or smtps://... (TLS from the start)")

// Parse reads a JOBGATE_SMTP_URL. Its errors never quote the URL.
func Parse(raw string) (*Mailer, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" || u.Opaque != "" {
		return nil, errURL
	}
	m := &Mailer{host: u.Hostname(), implicitTLS: u.Scheme == "smtps", timeout: 30 * time.Second}
	port := u.Port()
	if port == "" {
		port = map[bool]string{false: "25", true: "465"}[m.implicitTLS]
	}
	m.addr = net.JoinHostPort(m.host, port)
	if u.User != nil {
		m.user = u.User.Username()
		m.pass, _ = u.User.Password()
		m.hasAuth = m.user != ""
	}
	from := u.Query().Get("from")
	if from == "" {
		return nil, errors.New("needs ?from=address (the sender of jobgate's e-mails)")
	}
	a, err := netmail.ParseAddress(from)
	if err != nil || a.Name != "" || strings.ContainsAny(a.Address, "\r\n") {
		return nil, errors.New("from= must be one e-mail address")
	}
	m.from = a.Address
	return m, nil
}

// String names the server without the credentials, for logs.
func (m *Mailer) String() string {
	scheme := "smtp"
	if m.implicitTLS {
		scheme = "smtps"
	}
	return fmt.Sprintf("%s://%s", scheme, m.addr)
}

// From is the sender address.
func (m *Mailer) From() string { return m.from }
