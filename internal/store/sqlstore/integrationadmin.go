package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// UpdateIntegration replaces an integration's settings and sealed secrets.
func (s *Store) UpdateIntegration(ctx context.Context, id string, settings map[string]string, sealedSecrets []byte) (store.Integration, error) {
	plain, err := json.Marshal(nonNil(settings))
	if err != nil {
		return store.Integration{}, fmt.Errorf("update integration: %w", err)
	}
	var in store.Integration
	err = s.commit(ctx, func(tx *sql.Tx) error {
		if in, err = s.lockIntegration(ctx, tx, id); err != nil {
			return err
		}
		if _, err := s.txExec(ctx, tx, `UPDATE integrations SET settings = ?, sealed_secrets = ? WHERE id = ?`, string(plain), sealedSecrets, id); err != nil {
			return err
		}
		in.Settings, in.SealedSecrets = nonNil(settings), sealedSecrets
		if err := s.credentialsChanged(ctx, tx, id); err != nil {
			return err
		}
		// The names only: a value may be a secret or a customer's URL token.
		return s.audit(ctx, tx, "integration.update", id, "settings="+strings.Join(sortedKeys(settings), ","))
	})
	if err != nil {
		return store.Integration{}, fmt.Errorf("update integration: %w", err)
	}
	return in, nil
}

// DeleteIntegration withdraws the integration's ads, revokes its keys and
// marks it deleted, in one transaction.
func (s *Store) DeleteIntegration(ctx context.Context, id string) (store.IntegrationDeletion, error) {
	var del store.IntegrationDeletion
	err := s.commit(ctx, func(tx *sql.Tx) error {
		del = store.IntegrationDeletion{}
		in, err := s.lockIntegration(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.withdrawAll(ctx, tx, id, &del); err != nil {
			return err
		}
		res, err := s.txExec(ctx, tx, `UPDATE api_keys SET revoked_at = ? WHERE integration_id = ? AND revoked_at IS NULL`, us(time.Now()), id)
		if err != nil {
			return err
		}
		revoked, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if _, err := s.txExec(ctx, tx, `UPDATE integrations SET status = ? WHERE id = ?`, store.IntegrationDeleted, id); err != nil {
			return err
		}
		in.Status = store.IntegrationDeleted
		del.Integration, del.Revoked = in, int(revoked)
		return s.audit(ctx, tx, "integration.delete", id, fmt.Sprintf("withdrawn=%d revoked=%d", del.Withdrawn, del.Revoked))
	})
	if err != nil {
		return store.IntegrationDeletion{}, fmt.Errorf("delete integration: %w", err)
	}
	return del, nil
}

// lockIntegration reads an integration for update: ErrNotFound when there
// is none, ErrDeleted when it is deleted.
func (s *Store) lockIntegration(ctx context.Context, tx *sql.Tx, id string) (store.Integration, error) {
	in, err := scanIntegration(s.txQueryRow(ctx, tx, `SELECT `+integrationColumns+` FROM integrations WHERE id = ?`+s.dialect.ForUpdate, id))
	if err != nil {
		return in, notFound("integration "+id, err)
	}
	if in.Status == store.IntegrationDeleted {
		return in, fmt.Errorf("integration %s: %w", id, store.ErrDeleted)
	}
	return in, nil
}

// withdrawAll withdraws every live or scheduled ad of the integration, as
// WithdrawAd withdraws one: a live ad from every channel it is on or on
// its way to (a pending publish is then superseded: the worker finds the
// ad withdrawn), a scheduled one from none (it is on none yet).
func (s *Store) withdrawAll(ctx context.Context, tx *sql.Tx, integrationID string, del *store.IntegrationDeletion) error {
	ads, err := s.lockedAds(ctx, tx, integrationID)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for _, a := range ads {
		_, channels, err := s.withdrawFrom(ctx, tx, a)
		if err != nil {
			return err
		}
		if _, err := s.txExec(ctx, tx, `UPDATE ads SET status = ?, updated_at = ? WHERE id = ?`, store.AdWithdrawn, us(now), a.ID); err != nil {
			return err
		}
		a.Status, a.UpdatedAt = store.AdWithdrawn, now
		res := store.AdResult{}
		if err := s.insertDeliveries(ctx, tx, a, store.KindWithdraw, channels, &res); err != nil {
			return err
		}
		del.Deliveries = append(del.Deliveries, res.Deliveries...)
		del.Withdrawn++
	}
	return nil
}

// lockedAds reads the integration's live and scheduled ads for update.
func (s *Store) lockedAds(ctx context.Context, tx *sql.Tx, integrationID string) ([]store.AdRecord, error) {
	rows, err := s.txQuery(ctx, tx, `SELECT `+adColumns+` FROM ads WHERE integration_id = ? AND status IN (?, ?) ORDER BY id`+s.dialect.ForUpdate,
		integrationID, store.AdLive, store.AdScheduled)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.AdRecord
	for rows.Next() {
		a, err := scanAd(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
