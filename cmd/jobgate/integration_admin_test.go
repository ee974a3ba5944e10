package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestIntegrationsUpdate (issue 16, item 4): `integrations update ID --set
// --unset` changes plain and secret settings and prints the integration
// as show does, the secret masked; a value of the wrong form is refused
// naming the setting and its form, never the value (a secret URL here);
// unsetting a required setting and an unknown name are refused.
func TestIntegrationsUpdate(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir())}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "jobylon",
		"--set", "feed_url=https://feed.jobylon.example/feeds/0ld-h4sh/", "--set", "app_id=1")

	out, errOut, err := cli(t, env, "integrations", "update", integ, "--set", "feed_url=https://feed.jobylon.example/feeds/n3w-h4sh/",
		"--set", "app_key=k3y-s3cr3t", "--set", "source_type=applied-silent", "--unset", "app_id")
	require.NoError(t, err, errOut)
	for _, want := range []string{integ, "jobylon", "active", "app_key=***", "feed_url=***", "source_type=applied-silent", "KEY ID"} {
		require.Contains(t, out, want)
	}
	require.NotContains(t, out, "app_id")
	require.NotContains(t, out+errOut, "h4sh")
	require.NotContains(t, out+errOut, "k3y-s3cr3t")

	out, errOut, err = cli(t, env, "integrations", "update", integ, "--set", "channels=nav", "--output", "json")
	require.NoError(t, err, errOut)
	var v struct {
		ID       string            `json:"id"`
		Settings map[string]string `json:"settings"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v), out)
	require.Equal(t, map[string]string{"feed_url": "***", "app_key": "***", "source_type": "applied-silent", "channels": "nav"}, v.Settings)

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--set", "feed_url=feed.jobylon.example/feeds/b4d-h4sh"}, "setting feed_url must be an absolute http or https URL"},
		{[]string{"--set", "source_type=loud"}, "setting source_type must be applied or applied-silent"},
		{[]string{"--set", "finn_readvertise=ja"}, "setting finn_readvertise must be true or false"},
		{[]string{"--unset", "feed_url"}, "setting feed_url is required for vendor jobylon"},
		{[]string{"--set", "chanels=nav"}, "unknown setting chanels for vendor jobylon (valid: "},
		{nil, "give at least one --set key=value or --unset key"},
	} {
		out, errOut, err := cli(t, env, append([]string{"integrations", "update", integ}, c.args...)...)
		require.Error(t, err, "%v", c.args)
		require.Contains(t, errOut, c.want)
		require.Empty(t, out)
		require.NotContains(t, errOut, "h4sh", "a secret is never quoted")
	}
	out, _, err = cli(t, env, "integrations", "show", integ)
	require.NoError(t, err)
	require.Contains(t, out, "source_type=applied-silent", "a refused update changed nothing")
	_, errOut, err = cli(t, env, "integrations", "update", "int_missing", "--set", "channels=nav")
	require.Error(t, err)
	require.Contains(t, errOut, "integration int_missing not found")
}

// TestIntegrationsDelete (issue 16, item 4): with jobgate serving, `integrations
// delete ID` withdraws the integration's ads (they leave the board at
// once), revokes its key (a push gets 401) and says so; deleting it
// again, changing it and an unknown id are refused with a clear message.
func TestIntegrationsDelete(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir())}
	addr := freeAddr(t)
	serve(t, env, addr)
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic")
	key := created(t, env, "keys", "issue", "--integration", integ)
	for _, ref := range []string{"a", "b"} {
		require.Equal(t, http.StatusCreated, put(t, addr, key, ref, "Slettes "+ref))
	}
	require.Eventually(t, func() bool { l := listedTitles(t, addr); return l["Slettes a"] && l["Slettes b"] }, 10*time.Second, 50*time.Millisecond)

	out, errOut, err := cli(t, env, "integrations", "delete", integ)
	require.NoError(t, err, errOut)
	require.Equal(t, "withdrew 2 ads from every channel; revoked 1 keys; deleted "+integ, strings.TrimSpace(out))
	l := listedTitles(t, addr)
	require.False(t, l["Slettes a"] || l["Slettes b"], "off the board at once")
	require.Equal(t, http.StatusUnauthorized, put(t, addr, key, "c", "Etter"))

	out, errOut, err = cli(t, env, "integrations", "show", integ, "--output", "json")
	require.NoError(t, err, errOut)
	var v struct {
		Status string `json:"status"`
		Keys   []struct {
			Valid bool `json:"valid"`
		} `json:"keys"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	require.Equal(t, "deleted", v.Status)
	require.False(t, v.Keys[0].Valid)

	for _, args := range [][]string{{"delete", integ}, {"update", integ, "--set", "channels=nav"}} {
		out, errOut, err = cli(t, env, append([]string{"integrations"}, args...)...)
		require.Error(t, err)
		require.Empty(t, out)
		require.Contains(t, errOut, "integration "+integ+" is deleted")
	}
	_, errOut, err = cli(t, env, "integrations", "delete", "int_missing")
	require.Error(t, err)
	require.Contains(t, errOut, "integration int_missing not found")
}

// TestListsAsJSON (issue 16, item 4): every list command takes --output
// json and prints a JSON array with snake_case fields, never a secret or a
// password hash; --output of another format is refused.
func TestListsAsJSON(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, privateDir(t))}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic", "--set", "apply_secret=s3cr3t-value")
	key := created(t, env, "keys", "issue", "--integration", integ)
	_, errOut, err := cliStdin(t, env, "a-long-passw0rd\n", "users", "create", "--account", acc, "--email", "kari@eksempel.no", "--role", "admin", "--password-stdin")
	require.NoError(t, err, errOut)
	_, errOut, err = cliStdin(t, env, "a-long-passw0rd\n", "operators", "create", "--email", "ola@drift.example", "--password-stdin")
	require.NoError(t, err, errOut)

	for _, c := range []struct {
		args   []string
		fields []string
	}{
		{[]string{"accounts", "list"}, []string{"id", "name", "retention_days", "retention_default", "cv_days_after_delivery", "created_at"}},
		{[]string{"integrations", "list"}, []string{"id", "account_id", "vendor", "status", "created_at", "settings"}},
		{[]string{"keys", "list", "--integration", integ}, []string{"id", "created", "expires", "revoked", "valid"}},
		{[]string{"deliveries", "list"}, nil},
		{[]string{"users", "list", "--account", acc}, []string{"id", "account_id", "email", "role", "password_set", "created_at"}},
		{[]string{"operators", "list"}, []string{"id", "email", "role", "password_set", "created_at"}},
	} {
		out, errOut, err := cli(t, env, append(c.args, "--output", "json")...)
		require.NoError(t, err, "%v: %s", c.args, errOut)
		var rows []map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &rows), "%v: %s", c.args, out)
		require.NotNil(t, rows, "%v: an array, [] when empty", c.args)
		if c.fields != nil {
			require.Len(t, rows, 1, "%v", c.args)
			require.ElementsMatch(t, c.fields, keysOf(rows[0]), "%v", c.args)
		}
		for _, secret := range []string{"s3cr3t-value", key[strings.LastIndex(key, "_")+1:], "a-long-passw0rd", "argon2", "$2a$"} {
			require.NotContains(t, out, secret, "%v", c.args)
		}
		_, errOut, err = cli(t, env, append(c.args, "--output", "yaml")...)
		require.Error(t, err)
		require.Contains(t, errOut, "--output must be text or json")
	}
	out, _, err := cli(t, env, "integrations", "list", "--output", "json")
	require.NoError(t, err)
	require.Contains(t, out, `"apply_secret": "***"`)
}

func keysOf(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
