package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/identity"
)

func userListCommand() *cobra.Command {
	var account string
	var out *output
	c := &cobra.Command{
		Use:   "list --account ID [--output text|json]",
		Short: "List an account's users",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if err := requireAccount(ctx, env, account); err != nil {
				return err
			}
			return listUsers(ctx, cmd, env, account, out)
		}),
	}
	c.Flags().StringVar(&account, "account", "", "the account's id")
	out = outputFlag(c)
	return c
}

func operatorListCommand() *cobra.Command {
	var out *output
	c := &cobra.Command{
		Use:   "list [--output text|json]",
		Short: "List the operators",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			return listUsers(ctx, cmd, env, "", out)
		}),
	}
	out = outputFlag(c)
	return c
}

// listUsers prints an account's users (or the operators, account "").
func listUsers(ctx context.Context, cmd *cobra.Command, env *app.Env, account string, out *output) error {
	if err := out.check(); err != nil {
		return err
	}
	users, err := env.Identity.ListUsers(ctx, account)
	if err != nil {
		return err
	}
	if out.json() {
		return writeJSON(cmd.OutOrStdout(), usersJSON(users))
	}
	tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tROLE\tPASSWORD SET\tCREATED")
	for _, u := range users {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Role, yesNo(u.PasswordSet), u.CreatedAt.Format(time.RFC3339))
	}
	return tw.Flush()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func userUpdateCommand() *cobra.Command {
	var role string
	c := &cobra.Command{
		Use:   "update ID --role admin|user",
		Short: "Change a user's role (its sessions end)",
		Args:  cobra.ExactArgs(1),
		RunE: onUser(false, func(ctx context.Context, cmd *cobra.Command, env *app.Env, u identity.User) error {
			if role == "" {
				return errors.New("--role is required")
			}
			u, err := env.Identity.UpdateRole(ctx, u.ID, role)
			if err != nil {
				return userError(err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\n", u.ID, u.Role)
			return nil
		}),
	}
	c.Flags().StringVar(&role, "role", "", "admin or user")
	return c
}

// removeCommand is "users remove" or "operators remove".
func removeCommand(what string, operator bool) *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID",
		Short: "Remove " + what + ": sessions end, links die, and the e-mail leaves its account's recruiting teams",
		Args:  cobra.ExactArgs(1),
		RunE: onUser(operator, func(ctx context.Context, cmd *cobra.Command, env *app.Env, u identity.User) error {
			if err := env.Identity.RemoveUser(ctx, u.ID); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "removed %s\n", u.ID)
			return nil
		}),
	}
}

// resetCommand is "users reset-password" or "operators reset-password".
func resetCommand(what string, operator bool) *cobra.Command {
	return &cobra.Command{
		Use:   "reset-password ID",
		Short: "Make a one-time link that sets " + what + "'s password; prints it, or mails it when JOBGATE_SMTP_URL is set",
		Args:  cobra.ExactArgs(1),
		RunE: onUser(operator, func(ctx context.Context, cmd *cobra.Command, env *app.Env, u identity.User) error {
			inv, err := env.Identity.ResetLink(ctx, u.ID)
			if err != nil {
				return err
			}
			printLink(cmd, inv, "reset link mailed to the user")
			return nil
		}),
	}
}

// onUser makes the RunE of a command on the user (or operator) its
// argument names.
func onUser(operator bool, fn func(ctx context.Context, cmd *cobra.Command, env *app.Env, u identity.User) error) func(*cobra.Command, []string) error {
	return withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, args []string) error {
		u, err := lookup(ctx, env, args[0], operator)
		if err != nil {
			return err
		}
		return fn(ctx, cmd, env, u)
	})
}

// lookup returns the user id names, an operator or an account's user as
// asked ("unknown user" / "unknown operator" otherwise).
func lookup(ctx context.Context, env *app.Env, id string, operator bool) (identity.User, error) {
	u, err := env.Identity.GetUser(ctx, id)
	if err != nil && !errors.Is(err, identity.ErrNotFound) {
		return identity.User{}, err
	}
	if err != nil || (u.Role == identity.RoleOperator) != operator {
		if operator {
			return identity.User{}, fmt.Errorf("unknown operator %s", id)
		}
		return identity.User{}, fmt.Errorf("unknown user %s", id)
	}
	return u, nil
}
