package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/store"
)

func candidatesCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "candidates", Short: "Export or erase what is held about a candidate (GDPR)"}
	var email, account string
	export := &cobra.Command{
		Use:   "export --email E [--account ID]",
		Short: "Print as JSON every application held for an e-mail address",
		Args:  cobra.NoArgs,
		RunE: withPrivacy(func(ctx context.Context, cmd *cobra.Command, svc *privacy.Service) error {
			out, err := svc.Export(ctx, email, account)
			if err != nil {
				return accountError(err, account)
			}
			return writeJSON(cmd.OutOrStdout(), out)
		}),
	}
	erase := &cobra.Command{
		Use:   "erase --email E [--account ID]",
		Short: "Delete everything held for an e-mail address; prints the receipt, and its id on the last line",
		Args:  cobra.NoArgs,
		RunE: withPrivacy(func(ctx context.Context, cmd *cobra.Command, svc *privacy.Service) error {
			rec, err := svc.Erase(ctx, email, account)
			if rec.ID == "" {
				return accountError(err, account)
			}
			if werr := writeJSON(cmd.OutOrStdout(), rec); werr != nil {
				return werr
			}
			fmt.Fprintln(cmd.OutOrStdout(), rec.ID)
			return err
		}),
	}
	for _, c := range []*cobra.Command{export, erase} {
		c.Flags().StringVar(&email, "email", "", "the candidate's e-mail address")
		c.Flags().StringVar(&account, "account", "", "only this account's applications (default: every account)")
	}
	cmd.AddCommand(export, erase)
	return cmd
}

func privacyCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "privacy", Short: "Retention of candidates' data"}
	purge := &cobra.Command{
		Use:   "purge",
		Short: "Delete now what is past its retention (the workers do it every JOBGATE_PURGE_INTERVAL)",
		Args:  cobra.NoArgs,
		RunE: withPrivacy(func(ctx context.Context, cmd *cobra.Command, svc *privacy.Service) error {
			report, err := svc.Purge(ctx)
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ACCOUNT\tRETENTION DAYS\tAPPLICATIONS DELETED\tFILES DELETED")
			for _, a := range report.Accounts {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", a.AccountID, a.RetentionDays, a.Applications, a.Files)
			}
			apps, files := report.Totals()
			fmt.Fprintf(tw, "total\t\t%d\t%d\n", apps, files)
			return errors.Join(err, tw.Flush())
		}),
	}
	cmd.AddCommand(purge)
	return cmd
}

// withPrivacy makes a command's RunE from fn, run with the privacy
// service on the opened store (and the shared queue, when there is one).
func withPrivacy(fn func(ctx context.Context, cmd *cobra.Command, svc *privacy.Service) error) func(*cobra.Command, []string) error {
	return withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
		svc, done, err := env.CLIPrivacy(ctx)
		if err != nil {
			return err
		}
		defer done()
		return fn(ctx, cmd, svc)
	})
}

// accountError names an unknown --account plainly.
func accountError(err error, account string) error {
	if account != "" && errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no account %s (see jobgate accounts list)", account)
	}
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
