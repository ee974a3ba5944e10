package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/poll"
	"github.com/jobgate/jobgate/internal/store"
)

// syncCommand is `jobgate integrations sync ID`: poll a feed now and print
// the outcome; the exit status is non-zero when the poll failed.
func syncCommand() *cobra.Command {
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "sync ID",
		Short: "Poll a polled integration's feed now (Lever, Jobylon, ReachMee, Workbuster) and print the outcome",
		Args:  cobra.ExactArgs(1),
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, args []string) error {
			st, err := env.SyncNow(ctx, args[0], wait)
			switch {
			case errors.Is(err, store.ErrNotFound):
				return fmt.Errorf("no integration %s", args[0])
			case errors.Is(err, poll.ErrNotPolled):
				return fmt.Errorf("integration %s: it pushes its ads (its vendor does, or through the generic ad API); there is no feed to poll", args[0])
			case errors.Is(err, poll.ErrDisabled):
				return fmt.Errorf("integration %s is disabled: it is not polled until enabled (jobgate integrations enable %s)", args[0], args[0])
			case errors.Is(err, poll.ErrBusy):
				return fmt.Errorf("integration %s: another poll is still running after %s", args[0], wait)
			case err != nil:
				return err
			}
			printOutcome(cmd.OutOrStdout(), st)
			if st.Outcome == store.PollFailed {
				return fmt.Errorf("poll failed: %s", st.Error)
			}
			return nil
		}),
	}
	cmd.Flags().DurationVar(&wait, "wait", time.Minute, "how long to wait for a poll that is already running")
	return cmd
}

// printOutcome writes what the poll did; the last line is the outcome
// word alone, for scripts (tail -n 1).
func printOutcome(w io.Writer, st store.PollState) {
	c := st.Counts
	fmt.Fprintf(w, "listed %d, created %d, updated %d, withdrawn %d, unchanged %d, invalid %d, held %d\n",
		c.Listed, c.Created, c.Updated, c.Withdrawn, c.Unchanged, c.Invalid, c.Held)
	if st.Error != "" {
		fmt.Fprintf(w, "error: %s\n", st.Error)
	}
	if c.Held > 0 {
		fmt.Fprintf(w, "%d withdrawals held back: the feed dropped more than half the live ads; the next poll confirms them\n", c.Held)
	}
	if !st.NextPollAt.IsZero() {
		fmt.Fprintf(w, "next poll %s\n", st.NextPollAt.UTC().Format(time.RFC3339))
	}
	fmt.Fprintln(w, st.Outcome)
}
