package finn

import (
	"time"

	"github.com/jobgate/jobgate/connectors"
)

// ReasonLifeEnded is the Reason of a publication withdrawn because its 42
// days on FINN ended and the employer does not re-advertise (§2.6).
const ReasonLifeEnded = "42-day limit"

// step is what Publish does for an ad.
type step int

const (
	stepUpload step = iota // upload under the ORDERNO
	stepStop               // the life ended: stop it, withdrawn
	stepNone               // stays withdrawn: nothing to send
)

// plan decides the ORDERNO of a publish and whether to upload (see OrderNo
// for the start days): a new ad or a foreign reference starts life 1; a
// live life is updated in place; an ended life is re-advertised as the
// next life when readvertise allows, else stopped; a withdrawn ad comes
// back as the next life (a STOPped ORDERNO is hidden, §2.6), unless it was
// withdrawn for the 42-day limit and may not be re-advertised.
func plan(a connectors.PublishedAd, prev *connectors.Publication, now time.Time, readvertise bool) (step, OrderNo, error) {
	if prev == nil {
		o, err := newLife(a.ID, 1, a.CreatedAt, now)
		return stepUpload, o, err
	}
	o, err := ParseOrderNo(prev.Reference)
	if err != nil {
		o, err := newLife(a.ID, 1, a.CreatedAt, now)
		return stepUpload, o, err
	}
	ended := !now.Before(o.End())
	switch {
	case prev.State == connectors.PublicationWithdrawn && prev.Reason == ReasonLifeEnded && !readvertise:
		return stepNone, o, nil
	case prev.State == connectors.PublicationWithdrawn && prev.Reason == ReasonLifeEnded:
		o, err := newLife(a.ID, o.Life+1, o.End(), now)
		return stepUpload, o, err
	case prev.State == connectors.PublicationWithdrawn:
		o, err := newLife(a.ID, o.Life+1, prev.UpdatedAt, now)
		return stepUpload, o, err
	case !ended:
		return stepUpload, o, nil
	case readvertise:
		o, err := newLife(a.ID, o.Life+1, o.End(), now)
		return stepUpload, o, err
	default:
		return stepStop, o, nil
	}
}
