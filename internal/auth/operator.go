package auth

import (
	"context"
	"crypto/subtle"
)

// Operator checks authorization against the operator token
// (JOBGATE_OPERATOR_TOKEN) for a request from client. The token is counted
// like any key, under OperatorCredential: while client, or the operator
// token from client, is locked out the request gets *ErrLockedOut even with
// the right token, and a wrong one gets *ErrUnauthorized and counts as a
// failure for both. An empty token is never accepted.
func (a *Authenticator) Operator(ctx context.Context, client, authorization, token string) error {
	if err := a.refuseLocked(ctx, client, OperatorCredential); err != nil {
		return err
	}
	given := bearer(authorization)
	if token != "" && given != "" && subtle.ConstantTimeCompare([]byte(given), []byte(token)) == 1 {
		return nil
	}
	if err := a.Fail(ctx, client, OperatorCredential, "operator_token"); err != nil {
		return err
	}
	return &ErrUnauthorized{Reason: "operator_token"}
}
