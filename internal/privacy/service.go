package privacy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/secretbox"
	"github.com/jobgate/jobgate/internal/store"
)

// TaskDeleter deletes a queued task by queue and task id
// (*asynq.Inspector does).
type TaskDeleter interface {
	DeleteTask(queue, id string) error
}

// VendorEraseFunc asks the vendor of an integration to erase the
// application it holds as atsID; called is false where the vendor offers
// no erasure API.
type VendorEraseFunc func(ctx context.Context, integrationID, atsID string) (called bool, err error)

// Options configures a Service.
type Options struct {
	Store store.Store
	// Box makes candidate keys from e-mails.
	Box *secretbox.Box
	// Tasks deletes the applications' queued tasks; nil where the queue
	// cannot be reached (the CLI in embedded mode: the queue lives in the
	// serving process, whose tasks of deleted deliveries then do nothing).
	Tasks TaskDeleter
	// VendorErase, when set, asks a vendor to erase a delivered
	// application; nil: no vendor erasure is offered.
	VendorErase VendorEraseFunc
	Log         *slog.Logger
	// DefaultRetentionDays applies to accounts without their own
	// retention (JOBGATE_RETENTION_DAYS); zero means 365.
	DefaultRetentionDays int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Batch bounds the applications one transaction deletes; zero means
	// 200.
	Batch int
}

// Service exports, erases and purges candidates' data.
type Service struct {
	opt Options
}

// ErrInvalidEmail is an export or erasure without an e-mail address.
var ErrInvalidEmail = errors.New("privacy: --email must be an e-mail address")

// New returns a Service.
func New(opt Options) *Service {
	if opt.DefaultRetentionDays <= 0 {
		opt.DefaultRetentionDays = 365
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Batch <= 0 {
		opt.Batch = 200
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{opt: opt}
}

// held lists the applications of the candidate with e-mail email (of one
// account, or all for ""), after giving applications stored without a
// candidate key theirs, read from their content. An unknown account is
// store.ErrNotFound.
func (s *Service) held(ctx context.Context, email, accountID string) ([]store.HeldApplication, error) {
	email = strings.TrimSpace(email)
	if !strings.Contains(email, "@") {
		return nil, ErrInvalidEmail
	}
	if accountID != "" {
		if _, err := s.opt.Store.GetAccount(ctx, accountID); err != nil {
			return nil, err // ErrNotFound for an unknown account
		}
	}
	if err := s.keyOlderApplications(ctx, accountID); err != nil {
		return nil, err
	}
	return s.opt.Store.HeldApplications(ctx, store.HeldQuery{CandidateKey: s.opt.Box.CandidateKey(email), AccountID: accountID})
}

// keyOlderApplications reads the e-mail of every application stored
// before candidate keys existed and stores its key, so that the lookup by
// key finds them (and the next one need not read them again).
func (s *Service) keyOlderApplications(ctx context.Context, accountID string) error {
	after := ""
	for {
		batch, err := s.opt.Store.UnkeyedApplications(ctx, accountID, after, s.opt.Batch)
		if err != nil {
			return err
		}
		for _, u := range batch {
			after = u.ID
			var c apply.Content
			if err := json.Unmarshal(u.Content, &c); err != nil || strings.TrimSpace(c.Candidate.Email) == "" {
				continue // nothing to key it by; it is read again next time
			}
			if err := s.opt.Store.SetCandidateKey(ctx, u.ID, s.opt.Box.CandidateKey(c.Candidate.Email)); err != nil {
				return fmt.Errorf("key application %s: %w", u.ID, err)
			}
		}
		if len(batch) < s.opt.Batch {
			return nil
		}
	}
}
