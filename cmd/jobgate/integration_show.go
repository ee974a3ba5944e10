package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
)

// showCommand is `integrations show ID`: settings with secrets masked,
// status and keys by id, as text or (--output json) one JSON object.
func showCommand() *cobra.Command {
	var out *output
	cmd := &cobra.Command{
		Use:   "show ID [--output text|json]",
		Short: "Show an integration: settings (secrets masked), status and keys by id",
		Args:  cobra.ExactArgs(1),
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, args []string) error {
			if err := out.check(); err != nil {
				return err
			}
			v, err := env.ShowIntegration(ctx, args[0])
			if err != nil {
				return err
			}
			if out.json() {
				return writeJSON(cmd.OutOrStdout(), v)
			}
			return writeIntegration(cmd.OutOrStdout(), v)
		}),
	}
	out = outputFlag(cmd)
	return cmd
}

// writeIntegration writes the view as text: one field a line, then its
// keys as a table.
func writeIntegration(w io.Writer, v app.IntegrationView) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\t%s\nACCOUNT\t%s\nVENDOR\t%s\nSTATUS\t%s\nCREATED\t%s\nSETTINGS\t%s\n",
		v.ID, v.AccountID, v.Vendor, v.Status, v.CreatedAt.Format(time.RFC3339), formatSettings(v.Settings))
	fmt.Fprintln(tw)
	writeKeyTable(tw, v.Keys)
	return tw.Flush()
}

// writeKeyTable writes keys as a table with a header line.
func writeKeyTable(tw *tabwriter.Writer, keys []app.KeyView) {
	fmt.Fprintln(tw, "KEY ID\tCREATED\tEXPIRES\tREVOKED\tVALID")
	for _, k := range keys {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%t\n", k.ID, k.CreatedAt.Format(time.RFC3339), formatTime(k.ExpiresAt), formatTime(k.RevokedAt), k.Valid)
	}
}
