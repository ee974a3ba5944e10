package privacy

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// day is a retention day: 24 hours, whatever the clock in Oslo does.
const day = 24 * time.Hour

// AccountPurge is what one purge deleted of one account's data.
type AccountPurge struct {
	AccountID string `json:"account_id"`
	// RetentionDays is the retention applied (the account's or the
	// default).
	RetentionDays int `json:"retention_days"`
	// Applications were older than the retention and deleted with
	// everything about them.
	Applications int `json:"applications"`
	// Files counts the applications whose files were deleted early
	// (cv_days_after_delivery).
	Files int `json:"files"`
}

// PurgeReport is what one purge deleted, per account.
type PurgeReport struct {
	Accounts []AccountPurge `json:"accounts"`
}

// Totals sums the report's counts.
func (r PurgeReport) Totals() (applications, files int) {
	for _, a := range r.Accounts {
		applications, files = applications+a.Applications, files+a.Files
	}
	return applications, files
}

// Purge deletes, in every account, the applications older than its
// retention with everything about them (counting them first), and the
// files of applications delivered more than cv_days_after_delivery ago
// where the account sets it; it audits each account's counts and then
// compacts the database's files.
func (s *Service) Purge(ctx context.Context) (PurgeReport, error) {
	accounts, err := s.opt.Store.ListAccounts(ctx)
	if err != nil {
		return PurgeReport{}, err
	}
	report := PurgeReport{Accounts: []AccountPurge{}}
	now := s.opt.Now()
	for _, acc := range accounts {
		p, err := s.purgeAccount(ctx, acc, now)
		if err != nil {
			return report, fmt.Errorf("purge account %s: %w", acc.ID, err)
		}
		report.Accounts = append(report.Accounts, p)
	}
	if apps, files := report.Totals(); apps+files > 0 {
		if err := s.opt.Store.Compact(ctx); err != nil {
			return report, err
		}
	}
	return report, nil
}

func (s *Service) purgeAccount(ctx context.Context, acc store.AccountRetention, now time.Time) (AccountPurge, error) {
	p := AccountPurge{AccountID: acc.ID, RetentionDays: s.opt.DefaultRetentionDays}
	if acc.RetentionDays != nil && *acc.RetentionDays > 0 {
		p.RetentionDays = *acc.RetentionDays
	}
	cutoff := now.Add(-time.Duration(p.RetentionDays) * day)
	for {
		batch, err := s.opt.Store.ExpiringApplications(ctx, acc.ID, cutoff, s.opt.Batch)
		if err != nil {
			return p, err
		}
		n, err := s.deleteApplications(ctx, batch)
		p.Applications += n
		if err != nil {
			return p, err
		}
		if len(batch) < s.opt.Batch {
			break
		}
	}
	if acc.CVDaysAfterDelivery != nil && *acc.CVDaysAfterDelivery > 0 {
		before := now.Add(-time.Duration(*acc.CVDaysAfterDelivery) * day)
		for {
			n, err := s.opt.Store.DeleteDeliveredFiles(ctx, acc.ID, before, s.opt.Batch)
			p.Files += n
			if err != nil {
				return p, err
			}
			if n < s.opt.Batch {
				break
			}
		}
	}
	if p.Applications+p.Files == 0 {
		return p, nil
	}
	s.opt.Log.Info("privacy: retention purge", "account", acc.ID, "applications", p.Applications, "files", p.Files)
	detail := "applications=" + strconv.Itoa(p.Applications) + " files=" + strconv.Itoa(p.Files) + " retention_days=" + strconv.Itoa(p.RetentionDays)
	return p, s.opt.Store.Audit(ctx, "retention.purge", acc.ID, detail)
}
