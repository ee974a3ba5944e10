package main

import (
	"context"
	"fmt"
	"github.com/jobgate/jobgate/internal/app"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

func keysCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "keys", Short: "Issue, rotate, revoke and list an integration's API keys"}
	var integration, keyID string
	needIntegration := func() error {
		if integration == "" {
			return fmt.Errorf("--integration is required")
		}
		return nil
	}
	issue := func(rotate bool) func(*cobra.Command, []string) error {
		return withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if err := needIntegration(); err != nil {
				return err
			}
			key, err := env.IssueKey(ctx, integration, rotate)
			if err != nil {
				return err
			}
			if rotate {
				fmt.Fprintf(cmd.ErrOrStderr(), "the previous keys stay valid until %s\n", time.Now().Add(env.Cfg.KeyGrace).Format(time.RFC3339))
			}
			fmt.Fprintln(cmd.OutOrStdout(), key)
			return nil
		})
	}
	issueCmd := &cobra.Command{Use: "issue --integration ID", Short: "Issue a key; prints it, this once", Args: cobra.NoArgs, RunE: issue(false)}
	rotateCmd := &cobra.Command{Use: "rotate --integration ID", Short: "Issue a new key; the old ones stay valid for JOBGATE_KEY_GRACE", Args: cobra.NoArgs, RunE: issue(true)}
	revokeCmd := &cobra.Command{
		Use:   "revoke --integration ID [--key KEY_ID]",
		Short: "Revoke the integration's keys (or one) at once",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if err := needIntegration(); err != nil {
				return err
			}
			n, err := env.Store.RevokeKeys(ctx, integration, keyID)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "revoked %d key(s)\n", n)
			return nil
		}),
	}
	revokeCmd.Flags().StringVar(&keyID, "key", "", "revoke only this key id (default: all)")
	var listOut *output
	listCmd := &cobra.Command{
		Use:   "list --integration ID [--output text|json]",
		Short: "List the integration's keys (ids and validity, never secrets)",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if err := needIntegration(); err != nil {
				return err
			}
			if err := listOut.check(); err != nil {
				return err
			}
			keys, err := env.Store.ListKeys(ctx, integration)
			if err != nil {
				return err
			}
			if listOut.json() {
				return writeJSON(cmd.OutOrStdout(), app.KeyViews(keys, time.Now()))
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			writeKeyTable(tw, app.KeyViews(keys, time.Now()))
			return tw.Flush()
		}),
	}
	listOut = outputFlag(listCmd)
	for _, c := range []*cobra.Command{issueCmd, rotateCmd, revokeCmd, listCmd} {
		c.Flags().StringVar(&integration, "integration", "", "the integration's id")
		cmd.AddCommand(c)
	}
	return cmd
}
