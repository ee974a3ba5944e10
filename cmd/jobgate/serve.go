package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/config"
)

func serveCommand() *cobra.Command {
	var role, addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the API and run the workers",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if addr != "" {
				if err := setenvAddr(addr); err != nil {
					return err
				}
			}
			tuneGC()
			env, _, err := open(cmd)
			if err != nil {
				return err
			}
			defer env.Close()
			return env.Serve(cmd.Context(), app.Options{Role: role})
		},
	}
	cmd.Flags().StringVar(&role, "role", app.RoleAll, "what this process runs: all, api or worker")
	cmd.Flags().StringVar(&addr, "addr", "", "listen address (default $JOBGATE_ADDR or :8080)")
	return cmd
}

// tuneGC runs the collector less often than Go's default (GOGC=100) unless
// GOGC says otherwise: the server's live heap is small, so the memory this
// costs is small too, and under load the collector took a sixth of the CPU.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

func setenvAddr(addr string) error {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return fmt.Errorf("--addr must be host:port or :port")
	}
	return os.Setenv("JOBGATE_ADDR", addr)
}

func migrateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Apply the database migrations",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if err := env.Store.Migrate(ctx); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "migrations applied")
			return nil
		}),
	}
}

// healthcheckCommand lets a container check its own /healthz without curl.
func healthcheckCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "healthcheck",
		Short: "Exit 0 if the local jobgate answers /healthz",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.FromOS()
			if err != nil {
				return err
			}
			_, port, _ := net.SplitHostPort(cfg.Addr)
			client := http.Client{Timeout: 3 * time.Second}
			resp, err := client.Get("http://127.0.0.1:" + port + "/healthz")
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("/healthz answered %d", resp.StatusCode)
			}
			return nil
		},
	}
}
