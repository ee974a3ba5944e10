package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/mail/mailtest"
)

// cliStdin is cli with stdin.
func cliStdin(t *testing.T, env []string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(cleanEnv(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

// privateDir is a data directory only its owner reads, so jobgate warns
// nothing on stderr.
func privateDir(t *testing.T) string {
	dir := t.TempDir()
	require.NoError(t, os.Chmod(dir, 0o700))
	return dir
}

func lines(s string) []string { return strings.Split(strings.TrimRight(s, "\n"), "\n") }

var (
	userID = regexp.MustCompile(`^usr_[0-9a-z]+$`)
	link   = regexp.MustCompile(`^http://board\.example/portal/password\?token=[A-Za-z0-9_-]{43}$`)
)

// TestUsersCreate: without --password-stdin, creating a user prints the
// one-time set-password link on the line before the last and the user's
// id alone on the last; with it, the id alone. The list shows both, and
// whether each has a password.
func TestUsersCreate(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, privateDir(t)), "JOBGATE_PUBLIC_URL=http://board.example"}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")

	out, errOut, err := cli(t, env, "users", "create", "--account", acc, "--email", "Kari@Example.no", "--role", "admin")
	require.NoError(t, err, errOut)
	got := lines(out)
	require.Len(t, got, 2, out)
	require.Regexp(t, link, got[0], "the link on the line before the id")
	require.Regexp(t, userID, got[1], "the id alone on the last line")
	require.Contains(t, errOut, "once, until")
	kari := got[1]

	out, errOut, err = cliStdin(t, env, "correct horse battery\n", "users", "create", "--account", acc, "--email", "ola@example.no", "--role", "user", "--password-stdin")
	require.NoError(t, err, errOut)
	require.Len(t, lines(out), 1, out)
	require.Regexp(t, userID, lastLine(out))
	ola := lastLine(out)

	out, _, err = cli(t, env, "users", "list", "--account", acc)
	require.NoError(t, err)
	rows := lines(out)
	require.Len(t, rows, 3)
	require.Regexp(t, `^ID\s+EMAIL\s+ROLE\s+PASSWORD SET\s+CREATED$`, rows[0])
	require.Regexp(t, `^`+kari+`\s+kari@example\.no\s+admin\s+no\s+\d{4}-`, rows[1])
	require.Regexp(t, `^`+ola+`\s+ola@example\.no\s+user\s+yes\s+\d{4}-`, rows[2])
}

// TestUsersCreateErrors: an unknown account, an e-mail taken (in any
// account, any case), a bad role, a bad e-mail and a short password on
// stdin each fail with exit 1 and one line that does not repeat the
// e-mail, and create nothing.
func TestUsersCreateErrors(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, privateDir(t))}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	other := created(t, env, "accounts", "create", "--name", "Annen AS")
	created(t, env, "users", "create", "--account", acc, "--email", "kari@example.no", "--role", "admin")
	for _, c := range []struct {
		name, stdin, want string
		args              []string
	}{
		{"unknown account", "", "unknown account acc_missing", []string{"--account", "acc_missing", "--email", "new@example.no", "--role", "user"}},
		{"e-mail taken", "", "--email is already taken", []string{"--account", other, "--email", "KARI@example.no", "--role", "user"}},
		{"invalid role", "", "--role must be admin or user", []string{"--account", acc, "--email", "new@example.no", "--role", "owner"}},
		{"invalid e-mail", "", "--email is not a valid e-mail address", []string{"--account", acc, "--email", "new.example.no", "--role", "user"}},
		{"short password", "short\n", "the password needs 10 to 256 characters", []string{"--account", acc, "--email", "new@example.no", "--role", "user", "--password-stdin"}},
		{"empty stdin", "", "the password needs 10 to 256 characters", []string{"--account", acc, "--email", "new@example.no", "--role", "user", "--password-stdin"}},
	} {
		out, errOut, err := cliStdin(t, env, c.stdin, append([]string{"users", "create"}, c.args...)...)
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, c.name)
		require.Equal(t, 1, exit.ExitCode(), c.name)
		require.Empty(t, out, c.name)
		require.Len(t, lines(errOut), 1, "%s: %s", c.name, errOut)
		require.Contains(t, errOut, c.want, c.name)
		require.NotContains(t, strings.ToLower(errOut), "@example.no", c.name)
	}
	for _, a := range []string{acc, other} {
		out, _, err := cli(t, env, "users", "list", "--account", a)
		require.NoError(t, err)
		want := map[string]int{acc: 2, other: 1}[a]
		require.Len(t, lines(out), want, "nothing was created: %s", out)
	}
}

// TestUsersManage: update changes the role, reset-password prints a link
// on the last line, remove takes the user away; operators are managed
// apart and are no account's users.
func TestUsersManage(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, privateDir(t)), "JOBGATE_PUBLIC_URL=http://board.example"}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	kari := created(t, env, "users", "create", "--account", acc, "--email", "kari@example.no", "--role", "user")

	out, errOut, err := cli(t, env, "users", "update", kari, "--role", "admin")
	require.NoError(t, err, errOut)
	require.Regexp(t, kari+`\s+admin`, out)
	_, errOut, err = cli(t, env, "users", "update", kari, "--role", "operator")
	require.Error(t, err)
	require.Contains(t, errOut, "--role must be admin or user")
	out, errOut, err = cli(t, env, "users", "reset-password", kari)
	require.NoError(t, err, errOut)
	require.Regexp(t, link, lastLine(out))

	op, errOut, err := cliStdin(t, env, "operator password 1\r\n", "operators", "create", "--email", "ops@example.no", "--password-stdin")
	require.NoError(t, err, errOut)
	op = strings.TrimSpace(op)
	require.Regexp(t, userID, op)
	out, _, err = cli(t, env, "operators", "list")
	require.NoError(t, err)
	require.Regexp(t, op+`\s+ops@example\.no\s+operator\s+yes`, out)
	for _, args := range [][]string{{"users", "remove", op}, {"users", "update", op, "--role", "admin"}, {"users", "reset-password", op}} {
		_, errOut, err = cli(t, env, args...)
		require.Error(t, err, "%v", args)
		require.Contains(t, errOut, "unknown user "+op, "an operator is no account's user")
	}
	_, errOut, err = cli(t, env, "operators", "remove", kari)
	require.Error(t, err)
	require.Contains(t, errOut, "unknown operator "+kari)

	_, errOut, err = cli(t, env, "users", "remove", kari)
	require.NoError(t, err, errOut)
	out, _, err = cli(t, env, "users", "list", "--account", acc)
	require.NoError(t, err)
	require.NotContains(t, out, kari)
	_, errOut, err = cli(t, env, "users", "remove", kari)
	require.Error(t, err)
	require.Contains(t, errOut, "unknown user "+kari)
	_, errOut, err = cli(t, env, "operators", "remove", op)
	require.NoError(t, err, errOut)
	out, _, err = cli(t, env, "operators", "list")
	require.NoError(t, err)
	require.Len(t, lines(out), 1, "only the header: %s", out)
}

// TestUsersMailed: with JOBGATE_SMTP_URL the invitation is mailed (the
// line before the id says so, no link is printed) and arrives with the
// link; a reset likewise.
func TestUsersMailed(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, privateDir(t)), "JOBGATE_PUBLIC_URL=http://board.example", "JOBGATE_SMTP_URL=" + srv.URL}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	out, errOut, err := cli(t, env, "users", "create", "--account", acc, "--email", "kari@example.no", "--role", "admin")
	require.NoError(t, err, errOut)
	got := lines(out)
	require.Equal(t, "invitation mailed to the user", got[0])
	require.Regexp(t, userID, got[1])
	require.NotContains(t, out+errOut, "token=")
	msg := srv.Wait(t, 1)[0]
	require.Equal(t, []string{"kari@example.no"}, msg.To)
	require.Regexp(t, `(?m)^http://board\.example/portal/password\?token=[A-Za-z0-9_-]{43}$`, msg.Body)

	out, errOut, err = cli(t, env, "users", "reset-password", got[1])
	require.NoError(t, err, errOut)
	require.Equal(t, "reset link mailed to the user", lastLine(out))
	require.Equal(t, "Reset your jobgate password", srv.Wait(t, 2)[1].Subject)
}
