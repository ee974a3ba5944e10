package store

// PrivacyStore keeps retention, export and erasure of candidates' data;
// internal/privacy stands on it.
type PrivacyStore interface {
}
