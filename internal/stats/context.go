package stats

import "context"

type sourceKey struct{}

// WithSource carries the source an application came from to where it is
// stored (intake builds store.ApplicationWrite without knowing HTTP).
func WithSource(ctx context.Context, s Source) context.Context {
	return context.WithValue(ctx, sourceKey{}, s)
}

// SourceOf returns the source WithSource put in ctx, and whether there
// was one.
func SourceOf(ctx context.Context) (Source, bool) {
	s, ok := ctx.Value(sourceKey{}).(Source)
	return s, ok
}
