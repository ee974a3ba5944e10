package applyhttp

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMessage(t *testing.T) {
	cases := []struct{ body, want string }{
		{`{"error":"job is closed"}`, "job is closed"},
		{`{"ok":false,"message":"bad email"}`, "bad email"},
		{`{"errors":["a","b"]}`, `["a","b"]`},
		{"  plain\n text  ", "plain text"},
		{strings.Repeat("æ", 400), strings.Repeat("æ", 150) + "…"},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, Message([]byte(tc.body)))
	}
}
