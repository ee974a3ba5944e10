package main

import (
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app/demo"
)

// demoCommand runs jobgate beside every vendor simulator, seeded, until
// Ctrl-C (internal/app/demo). It reads no JOBGATE_* configuration: the demo
// is embedded, in a data directory of its own, so it never touches ./data
// or a real database.
func demoCommand() *cobra.Command {
	var opt demo.Options
	var verbose bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run jobgate with every vendor simulator, seeded, and print what to try",
		Long: "Runs jobgate (embedded: SQLite and an in-process Redis, in a temporary data directory removed on exit\n" +
			"unless --data-dir is given) and the simulated ATSs, feeds, NAV and FINN in this one process, seeds an\n" +
			"account with an integration of every vendor, and prints what to open and try. Ctrl-C stops it.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			level := slog.LevelWarn
			if verbose {
				level = slog.LevelInfo
			}
			opt.Out = cmd.OutOrStdout()
			opt.Log = slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
			return demo.Run(cmd.Context(), opt)
		},
	}
	cmd.Flags().StringVar(&opt.Addr, "addr", "", "jobgate's listen address (default: a free port on 127.0.0.1)")
	cmd.Flags().StringVar(&opt.SimAddr, "sim-addr", "", "the vendor simulators' listen address (default: a free port on 127.0.0.1)")
	cmd.Flags().StringVar(&opt.DataDir, "data-dir", "", "keep the demo's data here (a new or empty directory; default: a temporary one, removed on exit)")
	cmd.Flags().BoolVar(&verbose, "verbose", false, "log jobgate's info messages to stderr (default: warnings and errors)")
	return cmd
}
