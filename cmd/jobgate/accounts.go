package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/store"
)

func accountsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "accounts", Short: "Manage accounts (employers)"}
	cmd.AddCommand(accountsCreateCommand(), accountsListCommand(), accountsUpdateCommand())
	return cmd
}

func accountsCreateCommand() *cobra.Command {
	var name string
	create := &cobra.Command{
		Use:   "create --name NAME",
		Short: "Create an account; prints its id",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if strings.TrimSpace(name) == "" {
				return fmt.Errorf("--name is required")
			}
			a, err := env.Store.CreateAccount(ctx, strings.TrimSpace(name))
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), a.ID)
			return nil
		}),
	}
	create.Flags().StringVar(&name, "name", "", "the employer's name")
	return create
}

func accountsListCommand() *cobra.Command {
	var out *output
	c := &cobra.Command{
		Use:   "list [--output text|json]",
		Short: "List accounts with how long their candidates' data is kept",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if err := out.check(); err != nil {
				return err
			}
			all, err := env.Store.ListAccounts(ctx)
			if err != nil {
				return err
			}
			if out.json() {
				return writeJSON(cmd.OutOrStdout(), accountsJSON(all, env.Cfg.RetentionDays))
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tRETENTION DAYS\tCV DAYS\tCREATED")
			for _, a := range all {
				retention := strconv.Itoa(env.Cfg.RetentionDays) + " (default)"
				if a.RetentionDays != nil {
					retention = strconv.Itoa(*a.RetentionDays)
				}
				cv := "off"
				if a.CVDaysAfterDelivery != nil {
					cv = strconv.Itoa(*a.CVDaysAfterDelivery)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.ID, a.Name, retention, cv, a.CreatedAt.Format(time.RFC3339))
			}
			return tw.Flush()
		}),
	}
	out = outputFlag(c)
	return c
}

func accountsUpdateCommand() *cobra.Command {
	var retention int
	var cvDays string
	update := &cobra.Command{
		Use:   "update ID [--retention-days N] [--cv-days-after-delivery N|off]",
		Short: "Set how long an account's applications are kept, and when their CV files go",
		Args:  cobra.ExactArgs(1),
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, args []string) error {
			setRetention, setCV := cmd.Flags().Changed("retention-days"), cmd.Flags().Changed("cv-days-after-delivery")
			if !setRetention && !setCV {
				return errors.New("give --retention-days N and/or --cv-days-after-delivery N|off")
			}
			if setRetention && retention <= 0 {
				return errors.New("--retention-days must be a positive number of days (0 or less would delete applications as soon as they arrive)")
			}
			cur, err := env.Store.GetRetention(ctx, args[0])
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("no account %s (see jobgate accounts list)", args[0])
			}
			if err != nil {
				return err
			}
			days, cv := cur.RetentionDays, cur.CVDaysAfterDelivery
			if setRetention {
				days = &retention
			}
			if setCV {
				if cv, err = parseCVDays(cvDays); err != nil {
					return err
				}
			}
			a, err := env.Store.SetRetention(ctx, args[0], days, cv)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s\tretention_days=%s\tcv_days_after_delivery=%s\n", a.ID, daysOr(a.RetentionDays, "default"), daysOr(a.CVDaysAfterDelivery, "off"))
			return nil
		}),
	}
	update.Flags().IntVar(&retention, "retention-days", 0, "days applications are kept (the installation's default is JOBGATE_RETENTION_DAYS)")
	update.Flags().StringVar(&cvDays, "cv-days-after-delivery", "", "days after the ATS confirmed delivery that an application's files are deleted, or off")
	return update
}

// parseCVDays reads --cv-days-after-delivery: a positive number, or off.
func parseCVDays(v string) (*int, error) {
	if strings.EqualFold(strings.TrimSpace(v), "off") {
		return nil, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 {
		return nil, errors.New("--cv-days-after-delivery must be a positive number of days, or off")
	}
	return &n, nil
}

func daysOr(v *int, none string) string {
	if v == nil {
		return none
	}
	return strconv.Itoa(*v)
}
