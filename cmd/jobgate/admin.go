package main

import (
	"context"
	"fmt"
	"github.com/jobgate/jobgate/internal/app"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/connectors/registry"
)

func integrationsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "integrations", Short: "Manage integrations (an account's connection to a vendor)"}
	var account, vendor string
	var sets []string
	create := &cobra.Command{
		Use:   "create --account ID --vendor V [--set key=value ...]",
		Short: "Create an integration; prints its id",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if account == "" || vendor == "" {
				return fmt.Errorf("--account and --vendor are required (vendors: %s)", strings.Join(registry.Names(), ", "))
			}
			settings, err := parseSettings(sets)
			if err != nil {
				return err
			}
			in, err := env.CreateIntegration(ctx, account, vendor, settings)
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), in.ID)
			return nil
		}),
	}
	create.Flags().StringVar(&account, "account", "", "the account's id")
	create.Flags().StringVar(&vendor, "vendor", "", "the vendor: "+strings.Join(registry.Names(), ", "))
	create.Flags().StringArrayVar(&sets, "set", nil, "a setting, key=value (repeatable)")
	var listOut *output
	list := &cobra.Command{
		Use:   "list [--output text|json]",
		Short: "List integrations (secrets are never shown)",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if err := listOut.check(); err != nil {
				return err
			}
			all, err := env.Store.ListIntegrations(ctx)
			if err != nil {
				return err
			}
			if listOut.json() {
				views, err := integrationsJSON(env, all)
				if err != nil {
					return err
				}
				return writeJSON(cmd.OutOrStdout(), views)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tACCOUNT\tVENDOR\tSTATUS\tSETTINGS")
			for _, in := range all {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", in.ID, in.AccountID, in.Vendor, in.Status, formatSettings(in.Settings))
			}
			return tw.Flush()
		}),
	}
	listOut = outputFlag(list)
	cmd.AddCommand(create, list, showCommand(), syncCommand(), updateCommand(), deleteCommand())
	cmd.AddCommand(disableCommand())
	cmd.AddCommand(enableCommand())
	return cmd
}

func parseSettings(sets []string) (map[string]string, error) {
	out := map[string]string{}
	for _, s := range sets {
		k, v, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("--set %q: want key=value", k)
		}
		out[strings.TrimSpace(k)] = v
	}
	return out, nil
}

func formatSettings(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return strings.Join(parts, ",")
}

func formatTime(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.RFC3339)
}
