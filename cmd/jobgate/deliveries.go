package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/store"
)

func deliveriesCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "deliveries", Short: "Inspect and replay outbox deliveries"}
	var state string
	var limit int
	var listOut *output
	list := &cobra.Command{
		Use:   "list [--state pending|delivered|dead|needs_attention] [--output text|json]",
		Short: "List deliveries, newest first",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if err := listOut.check(); err != nil {
				return err
			}
			ds, err := env.Store.ListDeliveries(ctx, store.DeliveryFilter{State: state, Limit: limit})
			if err != nil {
				return err
			}
			if listOut.json() {
				return writeJSON(cmd.OutOrStdout(), deliveriesJSON(ds))
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tKIND\tCHANNEL\tAD\tSTATE\tGEN\tATTEMPTS\tUPDATED\tLAST ERROR")
			for _, d := range ds {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", d.ID, d.Kind, d.Channel, d.AdID, d.State, d.Generation, d.Attempts, d.UpdatedAt.Format(time.RFC3339), d.LastError)
			}
			return tw.Flush()
		}),
	}
	list.Flags().StringVar(&state, "state", "", "only deliveries in this state")
	list.Flags().IntVar(&limit, "limit", 100, "at most this many")
	listOut = outputFlag(list)
	var allDead bool
	replay := &cobra.Command{
		Use:   "replay ID|--all-dead",
		Short: "Put dead or needs_attention deliveries back in the queue",
		Args:  cobra.MaximumNArgs(1),
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, args []string) error {
			if allDead == (len(args) == 1) {
				return fmt.Errorf("give a delivery id or --all-dead")
			}
			var ds []store.Delivery
			var err error
			if allDead {
				ds, err = env.Store.ReplayDead(ctx)
			} else {
				var d store.Delivery
				d, err = env.Store.ReplayDelivery(ctx, args[0])
				ds = []store.Delivery{d}
			}
			if err != nil {
				return err
			}
			return reportReplay(ctx, cmd, env, ds)
		}),
	}
	replay.Flags().BoolVar(&allDead, "all-dead", false, "replay every dead delivery")
	cmd.AddCommand(list, replay)
	return cmd
}

// reportReplay enqueues the replayed deliveries when Redis is shared, and
// says when an embedded server will pick them up otherwise.
func reportReplay(ctx context.Context, cmd *cobra.Command, env *app.Env, ds []store.Delivery) error {
	queued, err := env.EnqueueShared(ctx, ds)
	if err != nil {
		return err
	}
	for _, d := range ds {
		fmt.Fprintf(cmd.OutOrStdout(), "%s\tgeneration %d\tpending\n", d.ID, d.Generation)
	}
	if !queued && len(ds) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "the running jobgate enqueues them within %s\n", env.Cfg.ReconcileInterval)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "replayed %d\n", len(ds))
	return nil
}
