package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/store"
)

// disableCommand is `integrations disable ID`: the integration takes no
// ads (every push is refused with 403 integration_disabled, it is not
// polled) until enabled; its published ads stay as they are and
// applications to them are still taken and delivered.
func disableCommand() *cobra.Command {
	return statusCommand("disable", store.IntegrationDisabled,
		"Disable an integration: its pushes are refused and it is not polled; published ads stay, applications are still delivered",
		"disabled: its pushes are refused (403 integration_disabled) and it is not polled; its published ads stay and applications to them are still delivered")
}

// enableCommand is `integrations enable ID`: the integration takes ads
// again (and a polled one is polled at once if it is due).
func enableCommand() *cobra.Command {
	return statusCommand("enable", store.IntegrationActive, "Enable an integration: it takes ads again",
		"enabled: it takes ads again")
}

// statusCommand sets an integration's status (audited as the CLI) and
// prints what happened.
func statusCommand(verb, status, short, done string) *cobra.Command {
	return &cobra.Command{
		Use:   verb + " ID",
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, args []string) error {
			changed, err := env.Store.SetIntegrationStatus(ctx, args[0], status)
			switch {
			case errors.Is(err, store.ErrNotFound):
				return fmt.Errorf("no integration %s", args[0])
			case errors.Is(err, store.ErrDeleted):
				return fmt.Errorf("integration %s is deleted: its status does not change again", args[0])
			case err != nil:
				return err
			case !changed:
				fmt.Fprintf(cmd.OutOrStdout(), "integration %s is already %s: nothing changed\n", args[0], status)
			default:
				fmt.Fprintf(cmd.OutOrStdout(), "integration %s %s\n", args[0], done)
			}
			return nil
		}),
	}
}
