package privacy

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
)

// What a receipt says of a vendor's erasure API for one application.
const (
	VendorErasureCalled     = "called"
	VendorErasureFailed     = "failed"
	VendorErasureNotOffered = "not_offered"
)

// Receipt is an erasure's receipt as shown to whoever asked: what was
// erased and where it had been forwarded, with a summary in words.
type Receipt struct {
	store.ErasureReceipt
	Summary string `json:"summary"`
}

// Erase deletes everything held about the candidate with e-mail email, in
// every account or in accountID's only, and returns the receipt. An
// e-mail with nothing held gets a receipt saying so. Where a vendor
// offers an erasure API (Options.VendorErase) it is asked to erase the
// delivered applications too. An error after the receipt was stored
// (the database could not compact its files) comes with the receipt.
func (s *Service) Erase(ctx context.Context, email, accountID string) (Receipt, error) {
	held, err := s.held(ctx, email, accountID)
	if err != nil {
		return Receipt{}, err
	}
	return s.erase(ctx, held, accountID)
}

// EraseApplication deletes one application (the candidate's own request
// from its receipt page, the caller having checked its token) and
// returns the receipt; store.ErrNotFound when there is no such
// application.
func (s *Service) EraseApplication(ctx context.Context, applicationID string) (Receipt, error) {
	held, err := s.opt.Store.HeldApplications(ctx, store.HeldQuery{ApplicationID: applicationID})
	if err != nil {
		return Receipt{}, err
	}
	if len(held) == 0 {
		return Receipt{}, fmt.Errorf("application %s: %w", applicationID, store.ErrNotFound)
	}
	return s.erase(ctx, held, held[0].AccountID)
}

func (s *Service) erase(ctx context.Context, held []store.HeldApplication, scope string) (Receipt, error) {
	forwarded := s.forwarded(ctx, held)
	targets := make([]store.ExpiringApplication, len(held))
	for i, h := range held {
		targets[i] = store.ExpiringApplication{ID: h.ID, Delivery: h.Delivery}
	}
	n, err := s.deleteApplications(ctx, targets)
	if err != nil {
		return Receipt{}, err
	}
	r := store.ErasureReceipt{ID: ids.New(ids.Receipt), At: s.opt.Now().UTC(), Actor: store.Actor(ctx), AccountID: scope,
		Applications: n, Forwarded: forwarded}
	if err := s.opt.Store.SaveErasureReceipt(ctx, r); err != nil {
		return Receipt{}, err
	}
	s.opt.Log.Info("privacy: candidate data erased", "receipt", r.ID, "applications", n, "forwarded", len(forwarded))
	out := Receipt{ErasureReceipt: r, Summary: summary(r)}
	if n == 0 {
		return out, nil
	}
	if err := s.opt.Store.Compact(ctx); err != nil {
		return out, fmt.Errorf("erased (receipt %s), but: %w", r.ID, err)
	}
	return out, nil
}

// forwarded lists where the delivered applications had gone, asking
// each vendor that offers it to erase its copy.
func (s *Service) forwarded(ctx context.Context, held []store.HeldApplication) []store.ForwardedTo {
	out := []store.ForwardedTo{}
	for _, h := range held {
		if h.Delivery.State != store.DeliveryDelivered && h.ATSID == "" {
			continue // never reached the ATS
		}
		f := store.ForwardedTo{ApplicationID: h.ID, AccountID: h.AccountID, IntegrationID: h.IntegrationID, Vendor: h.Vendor,
			Applier: h.Applier, ATSID: h.ATSID, DeliveredAt: h.DeliveredAt, VendorErasure: VendorErasureNotOffered}
		if s.opt.VendorErase != nil && h.ATSID != "" {
			called, err := s.opt.VendorErase(ctx, h.IntegrationID, h.ATSID)
			switch {
			case err != nil:
				// The vendor's error may quote the candidate: only ids are logged.
				f.VendorErasure = VendorErasureFailed
				s.opt.Log.Warn("privacy: the vendor's erasure API failed; the employer must erase it there", "application", h.ID, "integration", h.IntegrationID)
			case called:
				f.VendorErasure = VendorErasureCalled
			}
		}
		out = append(out, f)
	}
	return out
}

func summary(r store.ErasureReceipt) string {
	if r.Applications == 0 {
		return "nothing was held for this e-mail address"
	}
	s := strconv.Itoa(r.Applications) + " application(s) erased"
	if len(r.Forwarded) == 0 {
		return s + "; none had reached an employer's ATS"
	}
	return s + "; " + strconv.Itoa(len(r.Forwarded)) + " had been forwarded to the employer's ATS (listed): the employer must erase them there unless the vendor's erasure API was called"
}

// deleteApplications erases targets in batches, one transaction each,
// then removes their deliveries' queued tasks; it returns how many it
// erased.
func (s *Service) deleteApplications(ctx context.Context, targets []store.ExpiringApplication) (int, error) {
	n := 0
	for start := 0; start < len(targets); start += s.opt.Batch {
		batch := targets[start:min(start+s.opt.Batch, len(targets))]
		idList := make([]string, len(batch))
		for i, t := range batch {
			idList[i] = t.ID
		}
		erased, err := s.opt.Store.EraseApplications(ctx, idList)
		if err != nil {
			return n, err
		}
		n += erased
		// After the rows: a reconciler that saw a pending row without its
		// task could otherwise enqueue it again.
		s.deleteTasks(batch)
	}
	return n, nil
}

func scopeOf(accountID string) string {
	if accountID == "" {
		return "all-accounts"
	}
	return accountID
}
