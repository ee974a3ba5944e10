package mail

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/mail/mailtest"
)

const link = "https://board.example/portal/password?token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE"

// testTLS returns a server certificate for 127.0.0.1 and a client
// configuration that trusts it (httptest's).
func testTLS(t *testing.T) (server, client *tls.Config) {
	ts := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(ts.Close)
	roots := ts.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
	return &tls.Config{Certificates: ts.TLS.Certificates}, &tls.Config{RootCAs: roots}
}

// trusting is the Mailer of url, trusting the test certificate.
func trusting(t *testing.T, url string, client *tls.Config) *Mailer {
	t.Helper()
	m, err := Parse(url)
	require.NoError(t, err)
	m.tlsConfig = client
	return m
}

// TestSend: a real SMTP conversation delivers one message to the
// recipient, from the configured sender, with the subject (not ASCII) and
// the link intact in the body.
func TestSend(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	m, err := Parse(srv.URL)
	require.NoError(t, err)
	require.NoError(t, m.Send(context.Background(), "kari@example.no", "Velg passord for jobgate – ønsket", "Hei!\n\n"+link+"\n"))
	msgs := srv.Wait(t, 1)
	require.Len(t, msgs, 1)
	got := msgs[0]
	require.Equal(t, []string{"kari@example.no"}, got.To)
	require.Equal(t, "jobgate@board.example", got.From)
	require.Equal(t, "Velg passord for jobgate – ønsket", got.Subject)
	require.Contains(t, got.Body, "\n"+link+"\n", "the link arrives whole on its own line")
	require.False(t, got.TLS, "the server offered no STARTTLS")
}

// TestStartTLSAndAuth: when the server offers STARTTLS the mailer upgrades
// before authenticating, so the credentials travel encrypted.
func TestStartTLSAndAuth(t *testing.T) {
	serverTLS, clientTLS := testTLS(t)
	srv := mailtest.Start(t, mailtest.Options{User: "jobgate", Pass: "s3cret pass", TLS: serverTLS})
	m := trusting(t, strings.Replace(srv.URL, "smtp://", "smtp://jobgate:s3cret%20pass@", 1), clientTLS)
	require.NoError(t, m.Send(context.Background(), "ola@example.no", "Hello", link))
	got := srv.Wait(t, 1)[0]
	require.True(t, got.TLS, "sent after STARTTLS")
	require.Equal(t, "jobgate", got.User)
	require.Equal(t, []string{"ola@example.no"}, got.To)
}

// TestImplicitTLS: smtps:// speaks TLS from the first byte.
func TestImplicitTLS(t *testing.T) {
	serverTLS, clientTLS := testTLS(t)
	srv := mailtest.Start(t, mailtest.Options{TLS: serverTLS, Implicit: true})
	m := trusting(t, srv.URL, clientTLS)
	require.NoError(t, m.Send(context.Background(), "ola@example.no", "Hello", link))
	require.True(t, srv.Wait(t, 1)[0].TLS)
}

// TestRefusals: a wrong password, an untrusted certificate and a server
// that wants authentication end in errors that quote neither the password
// nor the recipient, and nothing is delivered.
func TestRefusals(t *testing.T) {
	serverTLS, clientTLS := testTLS(t)
	srv := mailtest.Start(t, mailtest.Options{User: "jobgate", Pass: "right-pass", TLS: serverTLS})
	wrong := trusting(t, strings.Replace(srv.URL, "smtp://", "smtp://jobgate:wrong-pass@", 1), clientTLS)
	anonymous := trusting(t, srv.URL, clientTLS)
	untrusted, err := Parse(strings.Replace(srv.URL, "smtp://", "smtp://jobgate:right-pass@", 1))
	require.NoError(t, err)
	for name, m := range map[string]*Mailer{"wrong password": wrong, "no credentials": anonymous, "untrusted certificate": untrusted} {
		err := m.Send(context.Background(), "kari@example.no", "Hello", link)
		require.Error(t, err, name)
		for _, secret := range []string{"wrong-pass", "right-pass", "kari@example.no"} {
			require.NotContains(t, err.Error(), secret, name)
		}
	}
	require.Empty(t, srv.Messages())
	require.Error(t, anonymous.Send(context.Background(), "kari@example.no\r\nBcc: x@example.no", "Hello", link), "no header injection")
}

// TestParse: a bad JOBGATE_SMTP_URL is a clear error that never quotes
// the password; the defaults fill in ports.
func TestParse(t *testing.T) {
	for _, bad := range []string{
		"http://mail.example:25?from=a@b.example",
		"smtp://user:hunter2@:25?from=a@b.example",
		"smtp://user:hunter2@mail.example:bad?from=a@b.example",
		"smtp://user:hunter2@mail.example:25",
		"smtp://user:hunter2@mail.example:25?from=not-an-address",
		"mail.example:25",
	} {
		_, err := Parse(bad)
		require.Error(t, err, bad)
		require.NotContains(t, err.Error(), "hunter2", bad)
	}
	m, err := Parse("smtps://user:hunter2@mail.example?from=jobgate@board.example")
	require.NoError(t, err)
	require.Equal(t, "smtps://mail.example:465", m.String(), "no credentials in its name")
	require.Equal(t, "jobgate@board.example", m.From())
	m, err = Parse("smtp://mailpit:1025?from=jobgate@board.example")
	require.NoError(t, err)
	require.Equal(t, "smtp://mailpit:1025", m.String())
}
