// Package integrationview is an integration as an operator is shown it:
// its settings with every secret masked, its status, and its keys by id,
// never a secret. `jobgate integrations show` prints it and the console's
// integration page shows it, so both mask alike.
package integrationview

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jobgate/jobgate/internal/secretbox"
	"github.com/jobgate/jobgate/internal/store"
)

// SecretMask stands for a secret setting's value wherever an integration is
// shown: an operator sees that it is set, never what it is.
const SecretMask = "***"

// Summary is an integration with its settings masked, as a list shows it.
type Summary struct {
	ID        string            `json:"id"`
	AccountID string            `json:"account_id"`
	Vendor    string            `json:"vendor"`
	Status    string            `json:"status"`
	CreatedAt time.Time         `json:"created_at"`
	Settings  map[string]string `json:"settings"`
}

// View is an integration's summary and its keys by id.
type View struct {
	Summary
	Keys []Key `json:"keys"`
}

// Key is an issued key by id and validity, never its secret (the same
// fields as the portal's keys).
type Key struct {
	ID        string     `json:"id"`
	CreatedAt time.Time  `json:"created"`
	ExpiresAt *time.Time `json:"expires"`
	RevokedAt *time.Time `json:"revoked"`
	Valid     bool       `json:"valid"`
}

// Of is in's view with keys (validity at now); see Summarize.
func Of(in store.Integration, secretNames []string, box *secretbox.Box, keys []store.APIKey, now time.Time) (View, error) {
	s, err := Summarize(in, secretNames, box)
	if err != nil {
		return View{}, err
	}
	return View{Summary: s, Keys: Keys(keys, now)}, nil
}

// Summarize is in's summary. secretNames are the plain settings the
// vendor declares secret; the sealed secrets are opened with box only to
// name them. Every secret's value is SecretMask.
func Summarize(in store.Integration, secretNames []string, box *secretbox.Box) (Summary, error) {
	v := Summary{ID: in.ID, AccountID: in.AccountID, Vendor: in.Vendor, Status: in.Status, CreatedAt: in.CreatedAt,
		Settings: map[string]string{}}
	for k, val := range in.Settings {
		if slices.Contains(secretNames, k) {
			val = SecretMask
		}
		v.Settings[k] = val
	}
	if len(in.SealedSecrets) == 0 {
		return v, nil
	}
	plain, err := box.Open(in.SealedSecrets, in.ID)
	if err != nil {
		return Summary{}, fmt.Errorf("integration %s secrets: %w", in.ID, err)
	}
	secrets := map[string]string{}
	if err := json.Unmarshal(plain, &secrets); err != nil {
		return Summary{}, fmt.Errorf("integration %s secrets: %w", in.ID, err)
	}
	for k := range secrets {
		v.Settings[k] = SecretMask
	}
	return v, nil
}

// Keys are the keys' views, their validity at now.
func Keys(keys []store.APIKey, now time.Time) []Key {
	out := make([]Key, 0, len(keys))
	for _, k := range keys {
		out = append(out, Key{ID: k.ID, CreatedAt: k.CreatedAt, ExpiresAt: k.ExpiresAt, RevokedAt: k.RevokedAt, Valid: k.ValidAt(now)})
	}
	return out
}
