package privacy

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// Export is everything held about one candidate: what the operator sends
// on to the candidate who asked (GDPR articles 15 and 20).
type Export struct {
	ExportedAt time.Time `json:"exported_at"`
	// AccountID is the account the export was limited to; "" for all.
	AccountID    string              `json:"account_id,omitempty"`
	Applications []ExportApplication `json:"applications"`
}

// ExportApplication is one application as held.
type ExportApplication struct {
	ID        string    `json:"id"`
	AccountID string    `json:"account_id"`
	Ad        ExportAd  `json:"ad"`
	CreatedAt time.Time `json:"created_at"`
	// Content is the application as stored: the candidate's fields,
	// answers, consents, source and time of submission.
	Content json.RawMessage `json:"content"`
	// Documents are the files' metadata; their bytes are not exported
	// here (the candidate sent them).
	Documents      []ExportDocument `json:"documents"`
	FilesDeletedAt *time.Time       `json:"files_deleted_at,omitempty"`
	// Deliveries are the hops the application took: to the employer's
	// ATS.
	Deliveries []ExportDelivery `json:"deliveries"`
}

// ExportAd is the ad an application was sent to.
type ExportAd struct {
	ID        string `json:"id"`
	Reference string `json:"reference"`
	Title     string `json:"title"`
}

// ExportDocument is a file's metadata.
type ExportDocument struct {
	Kind        string `json:"kind"`
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

// ExportDelivery is one hop of an application.
type ExportDelivery struct {
	ID string `json:"id"`
	// Applier is the connector that delivers it (teamtailor, lever,
	// webhook...); IntegrationID and Vendor the employer's integration.
	Applier       string     `json:"applier"`
	IntegrationID string     `json:"integration_id"`
	Vendor        string     `json:"vendor"`
	State         string     `json:"state"`
	Attempts      int        `json:"attempts"`
	CreatedAt     time.Time  `json:"created_at"`
	DeliveredAt   *time.Time `json:"delivered_at,omitempty"`
	// ATSID is the ATS's id for the application, once delivered.
	ATSID string `json:"ats_id,omitempty"`
}

// Export returns everything held about the candidate with e-mail email,
// in every account or in accountID's only. Pending deliveries are shown
// as they are: the export does not wait for them.
func (s *Service) Export(ctx context.Context, email, accountID string) (Export, error) {
	held, err := s.held(ctx, email, accountID)
	if err != nil {
		return Export{}, err
	}
	out := Export{ExportedAt: s.opt.Now().UTC(), AccountID: accountID, Applications: []ExportApplication{}}
	for _, h := range held {
		out.Applications = append(out.Applications, exportOf(h))
	}
	if err := s.opt.Store.Audit(ctx, "candidate.export", scopeOf(accountID), "applications="+strconv.Itoa(len(held))); err != nil {
		return Export{}, err
	}
	s.opt.Log.Info("privacy: candidate data exported", "applications", len(held), "account", accountID)
	return out, nil
}

func exportOf(h store.HeldApplication) ExportApplication {
	a := ExportApplication{ID: h.ID, AccountID: h.AccountID, Ad: ExportAd{ID: h.AdID, Reference: h.AdReference, Title: h.AdTitle},
		CreatedAt: h.CreatedAt, Content: json.RawMessage(h.Content), Documents: []ExportDocument{}, FilesDeletedAt: h.FilesDeletedAt}
	if !json.Valid(a.Content) {
		a.Content = json.RawMessage("null")
	}
	for _, d := range h.Documents {
		a.Documents = append(a.Documents, ExportDocument(d))
	}
	d := h.Delivery
	a.Deliveries = []ExportDelivery{{ID: d.ID, Applier: d.Channel, IntegrationID: h.IntegrationID, Vendor: h.Vendor, State: d.State,
		Attempts: d.Attempts, CreatedAt: d.CreatedAt, DeliveredAt: d.DeliveredAt, ATSID: h.ATSID}}
	return a
}
