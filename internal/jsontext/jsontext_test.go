package jsontext

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCheck(t *testing.T) {
	for name, c := range map[string]struct {
		doc  string
		want []Problem
	}{
		"clean":                     {`{"a":"x","b":[{"c":"y"}],"n":1}`, nil},
		"NUL escape":                {`{"a":{"b":"x\u0000"}}`, []Problem{{"a.b", "must not contain NUL characters (\\u0000)"}}},
		"escaped backslash":         {`{"a":"\\u0000"}`, nil},
		"invalid UTF-8":             {"{\"a\":[\"ok\",\"\xff\"]}", []Problem{{"a[1]", "must be valid UTF-8"}}},
		"top-level array":           {"[{\"t\":\"\xc3(\"}]", []Problem{{"[0].t", "must be valid UTF-8"}}},
		"a bare string":             {`"\u0000"`, []Problem{{"(document)", "must not contain NUL characters (\\u0000)"}}},
		"a NUL in a member name":    {`{"a\u0000":"x"}`, []Problem{{"(document)", "a member name must be valid UTF-8 without NUL characters"}}},
		"malformed reports nothing": {`{"a":`, nil},
	} {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, c.want, Check([]byte(c.doc)))
		})
	}
}

func TestCheckBounds(t *testing.T) {
	doc := "[" + strings.Repeat(`"\u0000",`, 50) + `"x"]`
	require.Len(t, Check([]byte(doc)), MaxProblems)
	long := `{"` + strings.Repeat("k", 500) + `":"\u0000"}`
	ps := Check([]byte(long))
	require.Len(t, ps, 1)
	require.LessOrEqual(t, len(ps[0].Path), maxPath+len("…"))
}
