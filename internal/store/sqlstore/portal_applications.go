package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jobgate/jobgate/internal/store"
)

// portalApplicationSelect reads applicationColumns with the ad's title and
// reference; the ad is aliased j for the visibility condition.
const portalApplicationSelect = `SELECT ` + applicationColumns + `, j.title, j.reference` + applicationFrom + ` JOIN ads j ON j.id = a.ad_id WHERE `

// PortalApplications lists the applications v may see, newest first.
func (s *Store) PortalApplications(ctx context.Context, v store.Viewer, q store.PortalQuery) ([]store.PortalApplication, string, error) {
	cond, args := visible("j", v)
	if q.AdID != "" {
		cond += " AND a.ad_id = ?"
		args = append(args, q.AdID)
	}
	if q.Cursor != "" {
		cond += " AND a.id < ?"
		args = append(args, q.Cursor)
	}
	limit := pageLimit(q)
	out, err := s.queryPortalApplications(ctx, portalApplicationSelect+cond+` ORDER BY a.id DESC LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return nil, "", fmt.Errorf("portal applications: %w", err)
	}
	out, next := cutPage(out, limit, func(a store.PortalApplication) string { return a.Application.ID })
	return out, next, nil
}

// PortalCandidateApplications lists the other applications with the same
// candidate key as the one named, both seen by v.
func (s *Store) PortalCandidateApplications(ctx context.Context, v store.Viewer, applicationID string) ([]store.PortalApplication, error) {
	cond, args := visible("j", v)
	baseCond, baseArgs := visible("bj", v)
	query := portalApplicationSelect + cond + ` AND a.id <> ? AND a.candidate_key <> '' AND a.candidate_key = (SELECT b.candidate_key FROM applications b
		JOIN ads bj ON bj.id = b.ad_id WHERE b.id = ? AND ` + baseCond + `) ORDER BY a.id DESC LIMIT 200`
	args = append(append(args, applicationID, applicationID), baseArgs...)
	out, err := s.queryPortalApplications(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("portal candidate applications: %w", err)
	}
	return out, nil
}

func (s *Store) queryPortalApplications(ctx context.Context, query string, args ...any) ([]store.PortalApplication, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.PortalApplication
	for rows.Next() {
		a, err := scanPortalApplication(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// scanPortalApplication scans portalApplicationSelect's columns, then
// any extra ones into extra.
func scanPortalApplication(r scanner, extra ...any) (store.PortalApplication, error) {
	var p store.PortalApplication
	var content string
	var created int64
	var delivered sql.NullInt64
	a := &p.Application
	dest := []any{&a.ID, &a.AccountID, &a.IntegrationID, &a.AdID, &a.Applier, &a.TokenHash, &a.ContentHash, &content, &a.ATSID, &a.DeliveryID,
		&a.State, &a.LastError, &a.Attempts, &created, &delivered, &a.Source, &p.AdTitle, &p.AdReference}
	err := r.Scan(append(dest, extra...)...)
	a.Content, a.CreatedAt, a.DeliveredAt = []byte(content), fromUS(created), fromNullUS(delivered)
	return p, err
}

// PortalApplication returns one application v may see, with its files'
// metadata and its delivery.
func (s *Store) PortalApplication(ctx context.Context, v store.Viewer, id string) (store.PortalApplicationDetail, error) {
	cond, args := visible("j", v)
	var out store.PortalApplicationDetail
	var filesDeleted sql.NullInt64
	row := s.queryRow(ctx, `SELECT `+applicationColumns+`, j.title, j.reference, a.files_deleted_at`+applicationFrom+
		` JOIN ads j ON j.id = a.ad_id WHERE a.id = ? AND `+cond, append([]any{id}, args...)...)
	p, err := scanPortalApplication(row, &filesDeleted)
	if err != nil {
		return out, notFound("portal application", err)
	}
	out.PortalApplication, out.FilesDeletedAt = p, fromNullUS(filesDeleted)
	if out.Delivery, err = s.GetDelivery(ctx, p.Application.DeliveryID); err != nil {
		return out, fmt.Errorf("portal application delivery: %w", err)
	}
	out.Documents, err = s.portalFiles(ctx, id)
	return out, err
}

// portalFiles lists an application's files without their bytes.
func (s *Store) portalFiles(ctx context.Context, applicationID string) ([]store.PortalFile, error) {
	rows, err := s.query(ctx, `SELECT seq, kind, file_name, content_type, size, sha256 FROM application_documents WHERE application_id = ? ORDER BY seq`, applicationID)
	if err != nil {
		return nil, fmt.Errorf("portal documents: %w", err)
	}
	defer rows.Close()
	var out []store.PortalFile
	for rows.Next() {
		var d store.PortalFile
		if err := rows.Scan(&d.Seq, &d.Kind, &d.FileName, &d.ContentType, &d.Size, &d.SHA256); err != nil {
			return nil, fmt.Errorf("portal documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// PortalDocument returns a file of an application v may see.
func (s *Store) PortalDocument(ctx context.Context, v store.Viewer, applicationID string, seq int) (store.ApplicationDocument, error) {
	cond, args := visible("j", v)
	var d store.ApplicationDocument
	err := s.queryRow(ctx, `SELECT d.kind, d.file_name, d.content_type, d.sha256, d.data FROM application_documents d
		JOIN applications a ON a.id = d.application_id JOIN ads j ON j.id = a.ad_id
		WHERE d.application_id = ? AND d.seq = ? AND `+cond, append([]any{applicationID, seq}, args...)...).
		Scan(&d.Kind, &d.FileName, &d.ContentType, &d.SHA256, &d.Data)
	if err != nil {
		return d, notFound("portal document", err)
	}
	return d, nil
}
