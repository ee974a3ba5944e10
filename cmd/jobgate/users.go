package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"time"

	"github.com/spf13/cobra"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/store"
)

// Creating a user prints, on stdout, the user's one-time set-password link
// (or "invitation mailed to the user" when JOBGATE_SMTP_URL is set) on the
// line before the last, and the user's id alone on the last line; with
// --password-stdin only the id.

func usersCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "users", Short: "Manage an account's users (roles admin and user) who sign in to /portal/"}
	cmd.AddCommand(userCreateCommand(), userListCommand(), userUpdateCommand(),
		removeCommand("a user", false), resetCommand("a user", false))
	return cmd
}

func operatorsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "operators", Short: "Manage the installation's operators, who sign in to the console"}
	cmd.AddCommand(operatorCreateCommand(), operatorListCommand(),
		removeCommand("an operator", true), resetCommand("an operator", true))
	return cmd
}

func userCreateCommand() *cobra.Command {
	var account, email, role string
	var fromStdin bool
	c := &cobra.Command{
		Use:   "create --account ID --email E --role admin|user [--password-stdin]",
		Short: "Create a user; prints a one-time set-password link (unless mailed), then the user's id",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if email == "" || role == "" {
				return errors.New("--account, --email and --role are required")
			}
			if err := requireAccount(ctx, env, account); err != nil {
				return err
			}
			return createUser(ctx, cmd, env, account, email, role, fromStdin)
		}),
	}
	c.Flags().StringVar(&account, "account", "", "the account's id")
	c.Flags().StringVar(&email, "email", "", "the user's e-mail (unique across jobgate)")
	c.Flags().StringVar(&role, "role", "", "admin or user")
	c.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of stdin instead of making a link")
	return c
}

func operatorCreateCommand() *cobra.Command {
	var email string
	var fromStdin bool
	c := &cobra.Command{
		Use:   "create --email E [--password-stdin]",
		Short: "Create an operator; prints a one-time set-password link (unless mailed), then the operator's id",
		Args:  cobra.NoArgs,
		RunE: withEnv(func(ctx context.Context, cmd *cobra.Command, env *app.Env, _ []string) error {
			if email == "" {
				return errors.New("--email is required")
			}
			return createUser(ctx, cmd, env, "", email, identity.RoleOperator, fromStdin)
		}),
	}
	c.Flags().StringVar(&email, "email", "", "the operator's e-mail (unique across jobgate)")
	c.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of stdin instead of making a link")
	return c
}

// createUser creates the user and prints the link (or that it was mailed)
// and then the id.
func createUser(ctx context.Context, cmd *cobra.Command, env *app.Env, account, email, role string, fromStdin bool) error {
	out := cmd.OutOrStdout()
	if fromStdin {
		password, err := readPassword(cmd.InOrStdin())
		if err != nil {
			return err
		}
		u, err := env.Identity.CreateUserWithPassword(ctx, account, email, role, password)
		if err != nil {
			return userError(err)
		}
		fmt.Fprintln(out, u.ID)
		return nil
	}
	u, inv, err := env.Identity.CreateUser(ctx, account, email, role)
	if err != nil {
		return userError(err)
	}
	printLink(cmd, inv, "invitation mailed to the user")
	fmt.Fprintln(out, u.ID)
	return nil
}

// printLink prints a one-time link alone on its line, or mailed when it
// went by e-mail.
func printLink(cmd *cobra.Command, inv identity.Invite, mailed string) {
	if inv.Mailed {
		fmt.Fprintln(cmd.OutOrStdout(), mailed)
		return
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "the link sets the password once, until %s; pass it on to its owner only\n", inv.ExpiresAt.UTC().Format(time.RFC3339))
	fmt.Fprintln(cmd.OutOrStdout(), inv.Link)
}

// readPassword reads the first line of r, without its line ending.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("--password-stdin: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// userError is the one-line message for what the operator typed wrong; it
// never repeats the e-mail.
func userError(err error) error {
	switch {
	case errors.Is(err, identity.ErrInvalidEmail):
		return errors.New("--email is not a valid e-mail address")
	case errors.Is(err, identity.ErrEmailTaken):
		return errors.New("--email is already taken: an e-mail is one user in all of jobgate")
	case errors.Is(err, identity.ErrInvalidRole):
		return errors.New("--role must be admin or user")
	case errors.Is(err, identity.ErrWeakPassword):
		return errors.New("--password-stdin: the password needs 10 to 256 characters")
	case errors.Is(err, identity.ErrNotFound):
		return errors.New("unknown account")
	}
	return err
}

// requireAccount checks --account names an account.
func requireAccount(ctx context.Context, env *app.Env, account string) error {
	if account == "" {
		return errors.New("--account is required")
	}
	_, err := env.Store.GetAccount(ctx, account)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("unknown account %s", account)
	}
	return err
}
