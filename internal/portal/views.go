package portal

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/store"
)

// adView is an ad as /v1/portal/ads answers it and the pages show it.
type adView struct {
	ID            string        `json:"id"`
	Reference     string        `json:"reference"`
	IntegrationID string        `json:"integration_id"`
	Title         string        `json:"title"`
	Status        string        `json:"status"`
	Revision      int           `json:"revision"`
	Applications  int           `json:"applications"`
	Channels      []channelView `json:"channels"`
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`
	// Warnings are what jobgate dropped or corrected in the ad's last push
	// from its ATS: the field and why, never the value.
	Warnings []warningView `json:"warnings"`
}

// warningView is one warning on an ad (ad.FieldError as stored).
type warningView struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// channelView is an ad's state on one channel.
type channelView struct {
	Channel   string    `json:"channel"`
	State     string    `json:"state"`
	URL       string    `json:"url,omitempty"`
	Reason    string    `json:"reason,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

func adOf(a store.PortalAd) adView {
	v := adView{ID: a.Ad.ID, Reference: a.Ad.Reference, IntegrationID: a.Ad.IntegrationID, Title: a.Title, Status: a.Ad.Status,
		Revision: a.Ad.Revision, Applications: a.Applications, Channels: []channelView{}, CreatedAt: a.Ad.CreatedAt, UpdatedAt: a.Ad.UpdatedAt,
		Warnings: []warningView{}}
	// The column holds a JSON array jobgate wrote; an unreadable one shows
	// no warnings rather than failing the page.
	_ = json.Unmarshal(a.Ad.Warnings, &v.Warnings)
	if v.Warnings == nil {
		v.Warnings = []warningView{}
	}
	for _, p := range a.Ad.Publications {
		v.Channels = append(v.Channels, channelView{Channel: p.Channel, State: p.State, URL: p.URL, Reason: p.Reason, UpdatedAt: p.UpdatedAt})
	}
	return v
}

// memberView is one e-mail on an ad's team.
type memberView struct {
	Email   string    `json:"email"`
	Source  string    `json:"source"`
	UserID  string    `json:"user_id,omitempty"`
	AddedAt time.Time `json:"added_at"`
}

// teamView is an ad's recruiting team.
type teamView struct {
	AdID    string       `json:"ad_id"`
	Members []memberView `json:"members"`
}

func teamOf(adID string, members []store.TeamMember) teamView {
	v := teamView{AdID: adID, Members: []memberView{}}
	for _, m := range members {
		v.Members = append(v.Members, memberView{Email: m.Email, Source: m.Source, UserID: m.UserID, AddedAt: m.AddedAt})
	}
	return v
}

// applicationItem is an application in a list. Of the candidate it
// carries only the name: a recruiter tells applications apart by it, and
// the rest (contact details, answers, files) is on the application's own
// page, where every view is audited.
type applicationItem struct {
	ID            string       `json:"id"`
	AdID          string       `json:"ad_id"`
	AdReference   string       `json:"ad_reference"`
	AdTitle       string       `json:"ad_title"`
	CandidateName string       `json:"candidate_name"`
	ReceivedAt    time.Time    `json:"received_at"`
	Delivery      deliveryInfo `json:"delivery"`
}

// deliveryInfo is the state of an application's delivery to the ATS.
type deliveryInfo struct {
	State     string `json:"state"`
	Attempts  int    `json:"attempts"`
	LastError string `json:"last_error,omitempty"`
}

func itemOf(p store.PortalApplication) applicationItem {
	a := p.Application
	return applicationItem{ID: a.ID, AdID: a.AdID, AdReference: p.AdReference, AdTitle: p.AdTitle, CandidateName: candidateName(a.Content),
		ReceivedAt: a.CreatedAt, Delivery: deliveryInfo{State: a.State, Attempts: a.Attempts, LastError: a.LastError}}
}

func itemsOf(ps []store.PortalApplication) []applicationItem {
	out := make([]applicationItem, 0, len(ps))
	for _, p := range ps {
		out = append(out, itemOf(p))
	}
	return out
}

// candidateName reads the candidate's name out of stored content; ""
// when the content cannot be read.
func candidateName(content []byte) string {
	var c struct {
		Candidate apply.Candidate `json:"candidate"`
	}
	if json.Unmarshal(content, &c) != nil {
		return ""
	}
	return strings.TrimSpace(c.Candidate.FirstName + " " + c.Candidate.LastName)
}

// applicationView is one application with everything held about it.
type applicationView struct {
	applicationItem
	Candidate      apply.Candidate      `json:"candidate"`
	Answers        []apply.Answer       `json:"answers"`
	Consents       []apply.ConsentGiven `json:"consents"`
	Documents      []documentView       `json:"documents"`
	FilesDeletedAt *time.Time           `json:"files_deleted_at,omitempty"`
	Ledger         ledgerView           `json:"delivery_ledger"`
	// Events is the application's ledger: every hop with its time.
	Events            []eventView       `json:"ledger"`
	OtherApplications []applicationItem `json:"other_applications"`
}

// documentView is a file's metadata with its download address.
type documentView struct {
	Seq         int    `json:"seq"`
	Kind        string `json:"kind"`
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	URL         string `json:"url"`
}

// ledgerView is the apply delivery: where the application went and how.
type ledgerView struct {
	ID            string     `json:"id"`
	Applier       string     `json:"applier"`
	State         string     `json:"state"`
	Generation    int        `json:"generation"`
	Attempts      int        `json:"attempts"`
	LastError     string     `json:"last_error,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	NextAttemptAt *time.Time `json:"next_attempt_at,omitempty"`
	DeliveredAt   *time.Time `json:"delivered_at,omitempty"`
	ATSID         string     `json:"ats_id,omitempty"`
}

// applicationOf builds the view of d and the candidate's other
// applications; it fails only on content that cannot be read.
func applicationOf(d store.PortalApplicationDetail, others []store.PortalApplication) (applicationView, error) {
	var c apply.Content
	if err := json.Unmarshal(d.Application.Content, &c); err != nil {
		return applicationView{}, err
	}
	v := applicationView{applicationItem: itemOf(d.PortalApplication), Candidate: c.Candidate, Answers: c.Answers, Consents: c.Consents,
		Documents: []documentView{}, FilesDeletedAt: d.FilesDeletedAt, Ledger: ledgerOf(d), OtherApplications: itemsOf(others)}
	if v.Answers == nil {
		v.Answers = []apply.Answer{}
	}
	if v.Consents == nil {
		v.Consents = []apply.ConsentGiven{}
	}
	for _, doc := range d.Documents {
		v.Documents = append(v.Documents, documentView{Seq: doc.Seq, Kind: doc.Kind, FileName: doc.FileName, ContentType: doc.ContentType,
			Size: doc.Size, SHA256: doc.SHA256, URL: documentURL(d.Application.ID, doc.Seq)})
	}
	return v, nil
}

func ledgerOf(d store.PortalApplicationDetail) ledgerView {
	del := d.Delivery
	l := ledgerView{ID: del.ID, Applier: del.Channel, State: del.State, Generation: del.Generation, Attempts: del.Attempts,
		LastError: del.LastError, CreatedAt: del.CreatedAt, UpdatedAt: del.UpdatedAt, DeliveredAt: del.DeliveredAt, ATSID: d.Application.ATSID}
	if del.State == store.DeliveryPending {
		next := del.NextAttemptAt
		l.NextAttemptAt = &next
	}
	return l
}

// documentURL is where a file is downloaded.
func documentURL(applicationID string, seq int) string {
	return "/v1/portal/applications/" + applicationID + "/documents/" + strconv.Itoa(seq)
}
