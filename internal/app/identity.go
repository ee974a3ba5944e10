package app

import (
	"fmt"
	"log/slog"

	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/mail"
	"github.com/jobgate/jobgate/internal/store"
)

// newIdentity builds the users and sign-in service: links on
// JOBGATE_PUBLIC_URL, mailed through JOBGATE_SMTP_URL when it is set
// (printed to the operator when not). It counts failed sign-ins per
// address once a serving process hands it its Authenticator
// (identity.Service.UseAuthenticator): the CLI signs no one in.
func newIdentity(s store.Store, cfg config.Config, log *slog.Logger) (*identity.Service, error) {
	icfg := identity.Config{PublicURL: cfg.PublicURL, Log: log}
	if cfg.SMTPURL != "" {
		m, err := mail.Parse(cfg.SMTPURL)
		if err != nil {
			return nil, fmt.Errorf("JOBGATE_SMTP_URL %w", err)
		}
		icfg.Mailer = m
	}
	return identity.New(s, nil, nil, icfg), nil
}
