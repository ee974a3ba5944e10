package store

// PortalStore reads the ads and applications a signed-in user may see;
// internal/portal stands on it.
type PortalStore interface {
}
