package store

// IdentityStore keeps users (of accounts, and operators), their sessions
// and one-time links; internal/identity stands on it.
type IdentityStore interface {
}
