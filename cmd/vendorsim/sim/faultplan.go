package sim

// faultPlan is the fault a simulated server was told to give and how many
// more requests get it, for feeds (FeedFault) and channels (ChannelFault)
// alike. Its owner guards it with its own mutex.
type faultPlan[K ~string] struct {
	kind K
	left int // requests the fault has left; < 0 until cleared
}

// set gives kind to the next times requests, or to every request until
// cleared when times <= 0; the zero kind clears.
func (p *faultPlan[K]) set(kind K, times int) {
	p.kind, p.left = kind, times
	if times <= 0 {
		p.left = -1
	}
}

// take returns the fault this request gets and uses one of its times.
func (p *faultPlan[K]) take() K {
	kind := p.kind
	if p.left > 0 {
		if p.left--; p.left == 0 {
			p.kind = ""
		}
	}
	return kind
}

// remaining is how many requests the fault has left (-1: until cleared),
// or 0 when none is set.
func (p *faultPlan[K]) remaining() int {
	if p.kind == "" {
		return 0
	}
	return p.left
}
