package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"os"
	"strings"
)

// Send sends one plain-text e-mail to one recipient. It uses STARTTLS
// when the server offers it, and authenticates only over TLS (or to a
// server on this host: net/smtp's PlainAuth refuses anything else).
func (m *Mailer) Send(ctx context.Context, to, subject, body string) error {
	if strings.ContainsAny(to, "\r\n") || strings.ContainsAny(subject, "\r\n") {
		return errors.New("mail: a recipient or subject holds a line break")
	}
	msg, err := message(m.from, to, subject, body)
	if err != nil {
		return err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, m.timeout)
		defer cancel()
	}
	c, err := m.dial(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := m.converse(c, to, msg); err != nil {
		return err
	}
	return smtpErr("QUIT", c.Quit())
}

// dial connects (with TLS first for smtps) and greets the server.
func (m *Mailer) dial(ctx context.Context) (*smtp.Client, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", m.addr)
	if err != nil {
		return nil, fmt.Errorf("mail: connect to %s: %w", m.addr, err)
	}
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	if m.implicitTLS {
		tc := tls.Client(conn, m.tls())
		if err := tc.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, fmt.Errorf("mail: TLS with %s: %w", m.addr, err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, m.host)
	if err != nil {
		conn.Close()
		return nil, smtpErr("greeting", err)
	}
	return c, nil
}

// converse runs EHLO, STARTTLS, AUTH, MAIL, RCPT and DATA.
func (m *Mailer) converse(c *smtp.Client, to string, msg []byte) error {
	if err := c.Hello(helloName()); err != nil {
		return smtpErr("EHLO", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok && !m.implicitTLS {
		if err := c.StartTLS(m.tls()); err != nil {
			return smtpErr("STARTTLS", err)
		}
	}
	if m.hasAuth {
		if err := c.Auth(smtp.PlainAuth("", m.user, m.pass, m.host)); err != nil {
			return smtpErr("AUTH", err)
		}
	}
	if err := c.Mail(m.from); err != nil {
		return smtpErr("MAIL FROM", err)
	}
	if err := c.Rcpt(to); err != nil {
		return smtpErr("RCPT TO", err)
	}
	w, err := c.Data()
	if err != nil {
		return smtpErr("DATA", err)
	}
	if _, err := w.Write(msg); err != nil {
		return smtpErr("DATA", err)
	}
	return smtpErr("DATA", w.Close())
}

// helloName is the name jobgate greets the server with: this host's name
// where it is one a server accepts, else "localhost".
func helloName() string {
	h, err := os.Hostname()
	if err != nil || h == "" || strings.ContainsAny(h, " \t\r\n") {
		return "localhost"
	}
	return h
}

func (m *Mailer) tls() *tls.Config {
	if m.tlsConfig != nil {
		c := m.tlsConfig.Clone()
		c.ServerName = m.host
		return c
	}
	return &tls.Config{ServerName: m.host, MinVersion: tls.VersionTLS12}
}

// smtpErr names the step that failed. A server's reply is reduced to its
// code: its text may quote the recipient's address.
func smtpErr(step string, err error) error {
	if err == nil {
		return nil
	}
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return fmt.Errorf("mail: %s refused by the server (%d)", step, reply.Code)
	}
	if strings.Contains(err.Error(), "@") {
		return fmt.Errorf("mail: %s failed", step)
	}
	return fmt.Errorf("mail: %s: %w", step, err)
}
