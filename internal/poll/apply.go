package poll

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/store"
)

// applied is what apply did.
type applied struct {
	counts store.PollCounts
	// held are the missing references whose withdrawal waits for the next
	// snapshot; drop is true when they were held because the snapshot
	// lost more than half the live ads.
	held []string
	drop bool
}

// apply diffs a snapshot against the integration's stored ads and writes
// only the differences: an unchanged feed costs one read. A missing
// posting is withdrawn at once, unless the snapshot dropped more than half
// the live ads or the source asks missing postings to be confirmed: then
// it is withdrawn when the next snapshot misses it too (prevMissing).
func (s *Service) apply(ctx context.Context, in connectors.Integration, postings []connectors.Posting, prevMissing []string, confirm bool) (applied, error) {
	out := applied{counts: store.PollCounts{Listed: len(postings)}}
	c := &out.counts
	states, err := s.store.ListAdStates(ctx, in.ID)
	if err != nil {
		return out, fmt.Errorf("read stored ads: %w", err)
	}
	current := make(map[string]store.AdState, len(states))
	for _, st := range states {
		current[st.Reference] = st
	}
	seen, expired, err := s.upsertChanged(ctx, in, postings, current, c)
	if err != nil {
		return out, err
	}
	missing, live := missingLive(current, seen)
	out.drop = suspiciousDrop(len(missing), live, len(postings))
	withdraw, held := missing, []string(nil)
	if out.drop || confirm {
		withdraw, held = confirmed(missing, prevMissing)
	}
	out.held, c.Held = held, len(held)
	out.drop = out.drop && len(held) > 0
	for _, ref := range append(withdraw, expired...) {
		if current[ref].Status != store.AdLive {
			continue
		}
		if _, err := s.ingest.Remove(ctx, in.ID, ref); err != nil {
			return out, fmt.Errorf("withdraw posting %s: %w", ref, err)
		}
		c.Withdrawn++
	}
	return out, nil
}

// confirmed splits missing into those the previous snapshot missed too
// (to withdraw) and the rest (held for the next one).
func confirmed(missing, prevMissing []string) (withdraw, held []string) {
	before := make(map[string]bool, len(prevMissing))
	for _, ref := range prevMissing {
		before[ref] = true
	}
	for _, ref := range missing {
		if before[ref] {
			withdraw = append(withdraw, ref)
		} else {
			held = append(held, ref)
		}
	}
	return withdraw, held
}

// upsertChanged stores every new or changed posting. It returns the
// references listed (a listed posting is never withdrawn as missing, even
// when it no longer validates) and those whose deadline has passed.
func (s *Service) upsertChanged(ctx context.Context, in connectors.Integration, postings []connectors.Posting, current map[string]store.AdState, c *store.PollCounts) (map[string]bool, []string, error) {
	now := s.now()
	seen := make(map[string]bool, len(postings))
	var expired []string
	for _, p := range postings {
		if p.Reference == "" || seen[p.Reference] {
			c.Invalid++
			continue
		}
		seen[p.Reference] = true
		a := p.Ad
		if err := ad.Normalize(&a, now); err != nil {
			if pastDeadline(err) && current[p.Reference].Status == store.AdLive {
				expired = append(expired, p.Reference)
				continue
			}
			c.Invalid++
			s.log.Info("poll: posting refused", "integration", in.ID, "reference", p.Reference, "fields", fieldCodes(err))
			continue
		}
		if cur, ok := current[p.Reference]; ok && cur.Status == store.AdLive && cur.Hash == ad.Hash(a) {
			c.Unchanged++
			continue
		}
		res, err := s.ingest.PutNormalized(ctx, in, p.Reference, a)
		if err != nil {
			return seen, expired, fmt.Errorf("store posting %s: %w", p.Reference, err)
		}
		switch {
		case res.Created:
			c.Created++
		case res.Changed:
			c.Updated++
		default:
			c.Unchanged++
		}
	}
	return seen, expired, nil
}

// missingLive returns the live ads the snapshot no longer lists, sorted,
// and how many ads are live.
func missingLive(current map[string]store.AdState, seen map[string]bool) ([]string, int) {
	var missing []string
	live := 0
	for ref, st := range current {
		if st.Status != store.AdLive {
			continue
		}
		live++
		if !seen[ref] {
			missing = append(missing, ref)
		}
	}
	sort.Strings(missing)
	return missing, live
}

// suspiciousDrop reports whether withdrawing missing of live ads needs a
// second look: an empty snapshot, or one that loses more than half the
// live ads, is more often a vendor's bad answer than an employer closing
// most of its jobs at once.
func suspiciousDrop(missing, live, listed int) bool {
	return missing > 0 && (listed == 0 || 2*missing > live)
}

// pastDeadline reports whether validation refused only because the
// deadline has passed: the vendor still lists an ad that has closed.
func pastDeadline(err error) bool {
	var v *ad.ValidationError
	if !errors.As(err, &v) || len(v.Fields) == 0 {
		return false
	}
	for _, f := range v.Fields {
		if f.Field != "deadline" || f.Code != "in_past" {
			return false
		}
	}
	return true
}

// fieldCodes names the refused fields and why, for the log: field names
// and codes only, never values (they may be personal data).
func fieldCodes(err error) []string {
	var v *ad.ValidationError
	if !errors.As(err, &v) {
		return []string{"error"}
	}
	out := make([]string, len(v.Fields))
	for i, f := range v.Fields {
		out[i] = f.Field + ":" + f.Code
	}
	return out
}
