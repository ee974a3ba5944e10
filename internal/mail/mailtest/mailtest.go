// Package mailtest runs a real SMTP server (github.com/emersion/go-smtp)
// on loopback for tests, and keeps the messages it receives, decoded.
package mailtest

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"
)

// Message is one message as the server received it.
type Message struct {
	From    string
	To      []string
	Subject string
	// Body is the decoded text.
	Body string
	// TLS is true when the message came over TLS; User names who
	// authenticated ("" for nobody).
	TLS  bool
	User string
}

// Options configure Start.
type Options struct {
	// User and Pass, when set, are the only credentials accepted, and
	// authentication is required.
	User, Pass string
	// TLS, when set, makes the server offer STARTTLS with it, or, with
	// Implicit, speak TLS from the first byte (smtps).
	TLS      *tls.Config
	Implicit bool
}

// Server is a running SMTP server.
type Server struct {
	// URL is a JOBGATE_SMTP_URL for it (without credentials).
	URL string
	// Addr is its host:port.
	Addr string
	opt  Options
	mu   sync.Mutex
	msgs []Message
}

// Start runs a server until the test ends.
func Start(t testing.TB, opt Options) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &Server{Addr: ln.Addr().String(), opt: opt}
	scheme := "smtp"
	if opt.Implicit {
		scheme, ln = "smtps", tls.NewListener(ln, opt.TLS)
	}
	s.URL = scheme + "://" + s.Addr + "?from=" + url.QueryEscape("jobgate@board.example")
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{srv: s, conn: c}, nil
	}))
	srv.Domain = "localhost"
	if !opt.Implicit {
		srv.TLSConfig = opt.TLS
	}
	srv.AllowInsecureAuth = true // loopback: net/smtp's PlainAuth allows it there too
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return s
}

// Messages returns the messages received so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Wait waits (up to 10 s) until n messages have arrived and returns them.
func (s *Server) Wait(t testing.TB, n int) []Message {
	t.Helper()
	require.Eventually(t, func() bool { return len(s.Messages()) >= n }, 10*time.Second, 10*time.Millisecond,
		"waiting for %d e-mails", n)
	return s.Messages()
}

type session struct {
	srv  *Server
	conn *smtp.Conn
	user string
	msg  Message
}

var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}

func (s *session) AuthMechanisms() []string {
	if s.srv.opt.User == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.srv.opt.User || pass != s.srv.opt.Pass {
			return errors.New("invalid credentials")
		}
		s.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.opt.User != "" && s.user == "" {
		return errAuthRequired
	}
	s.msg = Message{From: from}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.msg.To = append(s.msg.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	var body io.Reader = m.Body
	if strings.EqualFold(m.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(m.Body)
	}
	text, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	s.msg.Subject, _ = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	s.msg.Body = strings.ReplaceAll(string(text), "\r\n", "\n")
	_, s.msg.TLS = s.conn.TLSConnectionState()
	s.msg.User = s.user
	s.srv.mu.Lock()
	s.srv.msgs = append(s.srv.msgs, s.msg)
	s.srv.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.msg = Message{} }
func (s *session) Logout() error { return nil }
