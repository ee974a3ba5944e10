package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/store"
)

// updateCommand is `integrations update ID --set k=v --unset k`.
func updateCommand() *cobra.Command {
	var sets, unsets []string
	var out *output
	cmd := &cobra.Command{
		Use:   "update ID [--set key=value ...] [--unset key ...] [--output text|json]",
		Short: "Change an integration's settings (secrets too); prints it as show does, secrets masked",
		Args:  cobra.ExactArgs(1),
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, args []string) error {
			if err := out.check(); err != nil {
				return err
			}
			set, err := parseSettings(sets)
			if err != nil {
				return err
			}
			v, err := env.UpdateIntegration(ctx, args[0], set, unsets)
			if err != nil {
				return integrationError(args[0], err)
			}
			if out.json() {
				return writeJSON(cmd.OutOrStdout(), v)
			}
			return writeIntegration(cmd.OutOrStdout(), v)
		}),
	}
	cmd.Flags().StringArrayVar(&sets, "set", nil, "a setting to set, key=value (repeatable)")
	cmd.Flags().StringArrayVar(&unsets, "unset", nil, "a setting to remove (repeatable)")
	out = outputFlag(cmd)
	return cmd
}

// deleteCommand is `integrations delete ID`.
func deleteCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "delete ID",
		Short: "Delete an integration: withdraw its ads from every channel, revoke its keys, then mark it deleted (all or nothing)",
		Args:  cobra.ExactArgs(1),
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, args []string) error {
			del, queued, err := env.DeleteIntegration(ctx, args[0])
			if err != nil && del.Integration.ID == "" {
				return integrationError(args[0], err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "withdrew %d ads from every channel; revoked %d keys; deleted %s\n", del.Withdrawn, del.Revoked, args[0])
			if err != nil {
				return fmt.Errorf("deleted; the withdrawals wait for the running jobgate's reconciler: %w", err)
			}
			if !queued && len(del.Deliveries) > 0 {
				fmt.Fprintln(cmd.ErrOrStderr(), "the running jobgate's reconciler sends the withdrawals once they are overdue (30 s by default)")
			}
			return nil
		}),
	}
}

// integrationError says what is wrong with the integration id names.
func integrationError(id string, err error) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("integration %s not found (see jobgate integrations list)", id)
	case errors.Is(err, store.ErrDeleted):
		return fmt.Errorf("integration %s is deleted: it cannot be changed or deleted again", id)
	}
	return err
}
