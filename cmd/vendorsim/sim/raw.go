package sim

import (
	"context"
	"net/http"
)

// PostRaw sends body as a created job, signed as Teamtailor signs, whatever
// it holds: fuzz tests send arbitrary bytes through the real receiver.
func (t Teamtailor) PostRaw(ctx context.Context, body []byte) (Response, error) {
	return t.send(ctx, http.MethodPost, "/webhook", body, None)
}

// UpsertRaw sends body as an ad, with a valid token, whatever it holds:
// fuzz tests send arbitrary bytes through the real receiver.
func (p Ponty) UpsertRaw(ctx context.Context, body []byte) (Response, error) {
	return send(ctx, http.MethodPost, p.Site+"/pnty_jobs_api", body, p.auth(None)...)
}
