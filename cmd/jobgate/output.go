package main

import (
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/store"
)

// output is a list or show command's --output: text (tables, for people)
// or json (for scripts: stable snake_case fields, never a secret or a
// password hash).
type output struct{ format string }

// outputFlag adds --output to cmd.
func outputFlag(cmd *cobra.Command) *output {
	o := &output{}
	cmd.Flags().StringVar(&o.format, "output", "text", "text or json")
	return o
}

// check refuses a format other than text and json.
func (o *output) check() error {
	if o.format != "text" && o.format != "json" {
		return errors.New("--output must be text or json")
	}
	return nil
}

// json reports whether the command writes JSON.
func (o *output) json() bool { return o.format == "json" }

// accountJSON is an account in `accounts list --output json`.
type accountJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// RetentionDays is the days its applications are kept, and
	// RetentionDefault whether that is the installation's default.
	RetentionDays    int  `json:"retention_days"`
	RetentionDefault bool `json:"retention_default"`
	// CVDaysAfterDelivery is null when off.
	CVDaysAfterDelivery *int      `json:"cv_days_after_delivery"`
	CreatedAt           time.Time `json:"created_at"`
}

func accountsJSON(all []store.AccountRetention, defaultDays int) []accountJSON {
	out := make([]accountJSON, 0, len(all))
	for _, a := range all {
		v := accountJSON{ID: a.ID, Name: a.Name, RetentionDays: defaultDays, RetentionDefault: a.RetentionDays == nil,
			CVDaysAfterDelivery: a.CVDaysAfterDelivery, CreatedAt: a.CreatedAt}
		if a.RetentionDays != nil {
			v.RetentionDays = *a.RetentionDays
		}
		out = append(out, v)
	}
	return out
}

// deliveryJSON is a delivery in `deliveries list --output json`.
type deliveryJSON struct {
	ID            string     `json:"id"`
	Kind          string     `json:"kind"`
	Channel       string     `json:"channel"`
	AdID          string     `json:"ad_id"`
	AccountID     string     `json:"account_id"`
	IntegrationID string     `json:"integration_id"`
	Revision      int        `json:"revision"`
	State         string     `json:"state"`
	Generation    int        `json:"generation"`
	Attempts      int        `json:"attempts"`
	LastError     string     `json:"last_error"`
	NextAttemptAt time.Time  `json:"next_attempt_at"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	DeliveredAt   *time.Time `json:"delivered_at"`
}

func deliveriesJSON(ds []store.Delivery) []deliveryJSON {
	out := make([]deliveryJSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, deliveryJSON{ID: d.ID, Kind: d.Kind, Channel: d.Channel, AdID: d.AdID, AccountID: d.AccountID,
			IntegrationID: d.IntegrationID, Revision: d.Revision, State: d.State, Generation: d.Generation, Attempts: d.Attempts,
			LastError: d.LastError, NextAttemptAt: d.NextAttemptAt, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt, DeliveredAt: d.DeliveredAt})
	}
	return out
}

// userJSON is a user or operator in `users list` / `operators list
// --output json`: whether a password is set, never its hash.
type userJSON struct {
	ID          string    `json:"id"`
	AccountID   string    `json:"account_id,omitempty"`
	Email       string    `json:"email"`
	Role        string    `json:"role"`
	PasswordSet bool      `json:"password_set"`
	CreatedAt   time.Time `json:"created_at"`
}

func usersJSON(users []identity.User) []userJSON {
	out := make([]userJSON, 0, len(users))
	for _, u := range users {
		out = append(out, userJSON{ID: u.ID, AccountID: u.AccountID, Email: u.Email, Role: u.Role, PasswordSet: u.PasswordSet, CreatedAt: u.CreatedAt})
	}
	return out
}

// integrationsJSON are the integrations' summaries, secrets masked.
func integrationsJSON(env *app.Env, all []store.Integration) ([]app.IntegrationSummary, error) {
	out := make([]app.IntegrationSummary, 0, len(all))
	for _, in := range all {
		v, err := env.Summarize(in)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
