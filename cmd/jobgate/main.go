// Command jobgate is the one jobgate binary: it serves the API and the
// workers, migrates the database, and administers accounts, integrations,
// API keys and deliveries. With no DATABASE_URL or REDIS_URL it runs
// embedded, on SQLite under JOBGATE_DATA_DIR and an in-process Redis.
//
// Commands that create something print it on the last line of stdout, alone
// (the new id; for keys issue and keys rotate the key itself, shown this
// once), so scripts can read it with `tail -n 1`. Errors go to stderr with a
// non-zero exit status.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"

	_ "time/tzdata" // deadlines are Oslo dates, also in a scratch image

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signalContext()
	defer stop()
	root := rootCommand()
	root.SetContext(ctx)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "jobgate:", oneLine(err))
		os.Exit(1)
	}
}

// oneLine is err's message on one line: joined errors (several bad
// settings, a driver's per-address reasons) are separated by "; ".
func oneLine(err error) string {
	var parts []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "; ")
}

func rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "jobgate",
		Short:         "jobgate: the job board's integration hub",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(setsUp(serveCommand()), setsUp(migrateCommand()), accountsCommand(), integrationsCommand(),
		keysCommand(), deliveriesCommand(), versionCommand(), healthcheckCommand(), candidatesCommand(), privacyCommand(),
		usersCommand(), operatorsCommand(), setsUp(demoCommand()))
	return root
}

// createsData is the annotation of the commands that may set up a new
// embedded data directory (serve, migrate, demo); every other command refuses
// one that holds no jobgate data (app.RequireData).
const createsData = "jobgate/creates-data"

// setsUp marks cmd as one that may create the embedded data directory.
func setsUp(cmd *cobra.Command) *cobra.Command {
	cmd.Annotations = map[string]string{createsData: "true"}
	return cmd
}

// open reads the configuration and opens the store, as "cli" in the audit
// log. Unless the command sets jobgate up, an embedded data directory
// without a database is refused rather than created.
func open(cmd *cobra.Command) (*app.Env, context.Context, error) {
	cfg, err := config.FromOS()
	if err != nil {
		return nil, nil, fmt.Errorf("configuration: %w", err)
	}
	if cmd.Annotations[createsData] == "" {
		if err := app.RequireData(cfg); err != nil {
			return nil, nil, err
		}
	}
	env, err := app.Open(cmd.Context(), cfg, newLogger(cfg))
	if err != nil {
		return nil, nil, err
	}
	return env, store.WithActor(cmd.Context(), "cli"), nil
}

// withEnv makes a command's RunE from fn, which runs with the opened
// store and closes it after.
func withEnv(fn func(ctx context.Context, cmd *cobra.Command, env *app.Env, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		env, ctx, err := open(cmd)
		if err != nil {
			return err
		}
		defer env.Close()
		return fn(ctx, cmd, env, args)
	}
}

// newLogger is the process's logger, also slog's default (which
// libraries' messages, such as go-redis's, reach).
func newLogger(cfg config.Config) *slog.Logger {
	l := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	slog.SetDefault(l)
	return l
}

func versionCommand() *cobra.Command {
	return &cobra.Command{Use: "version", Short: "Print the version", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(cmd.OutOrStdout(), "jobgate", version)
			return nil
		}}
}
