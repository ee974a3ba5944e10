package finn

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

func TestPublishKeepsBoundedRedactedAnswer(t *testing.T) {
	body := "<RESULT><ERROR>Ugyldig EMAIL kari@fjordpay.example</ERROR><DEBUG>" + strings.Repeat("ø", 5000) + "</DEBUG></RESULT>"
	ch := newTestChannel(t, &fakeFINN{answer: answer(200, body)}, Config{})
	_, err := ch.Publish(context.Background(), fullAd(t), nil)
	var ae *AnswerError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, 200, ae.Status)
	require.Equal(t, "Ugyldig EMAIL <e-mail>", ae.Message)
	require.LessOrEqual(t, len(ae.Raw), MaxRawAnswer)
	require.True(t, strings.HasPrefix(ae.Raw, "<RESULT><ERROR>Ugyldig EMAIL <e-mail></ERROR>"))
	require.NotContains(t, err.Error(), "kari@")
}

func TestPublishTransportFailures(t *testing.T) {
	release := make(chan struct{})
	slow := &fakeFINN{answer: func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}}
	ch := newTestChannel(t, slow, Config{Timeout: 50 * time.Millisecond})
	t.Cleanup(func() { close(release) })
	_, err := ch.Publish(context.Background(), fullAd(t), nil)
	require.Equal(t, connectors.Retryable, connectors.ClassOf(err))
	require.ErrorContains(t, err, "timed out")
	require.NotContains(t, err.Error(), "127.0.0.1", "no URL in the error")

	srv := httptest.NewServer(http.NotFoundHandler())
	gone, err := New(Config{BaseURL: srv.URL, PartnerID: "p", Outbound: outboundtest.Client})
	require.NoError(t, err)
	srv.Close()
	gone.now = func() time.Time { return testNow }
	_, err = gone.Publish(context.Background(), fullAd(t), nil)
	require.Equal(t, connectors.Retryable, connectors.ClassOf(err))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = ch.Publish(ctx, fullAd(t), nil)
	require.ErrorIs(t, err, context.Canceled)
}
