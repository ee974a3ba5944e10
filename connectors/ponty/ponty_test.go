package ponty

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors/connectortest"
	"github.com/jobgate/jobgate/internal/ad"
)

// now is before every fixture's withdrawal_date.
var now = time.Date(2026, time.November, 15, 12, 0, 0, 0, time.UTC)

// TestGolden maps each fixture under testdata/ponty to the canonical ad
// jobgate stores, compared with <fixture>.golden.json.
func TestGolden(t *testing.T) {
	connectortest.Golden(t, "../../testdata/ponty/*.json", now, func(body []byte) (ad.Ad, error) {
		p, err := Decode(body)
		if err == nil && p.Reference() != "acme:39" {
			t.Errorf("reference %q, want acme:39", p.Reference())
		}
		return p.Ad(), err
	})
}

func TestDecodeRefuses(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"not JSON", `{"assignment_id":`, "not a JSON object"},
		{"no assignment_id", `{"system_slug":"acme","title":"x"}`, "assignment_id"},
		{"no system_slug", `{"assignment_id":"1","title":"x"}`, "system_slug"},
		{"wrong type", `{"assignment_id":"1","system_slug":"acme","title":5}`, "title"},
		{"showcase", `{"assignment_id":"1","system_slug":"acme","showcase":true}`, "showcase"},
	} {
		_, err := Decode([]byte(c.body))
		require.ErrorContains(t, err, c.want, c.name)
	}
	p, err := Decode([]byte(`{"assignment_id":42,"system_slug":"acme"}`))
	require.NoError(t, err, "a numeric assignment_id is taken")
	require.Equal(t, "acme:42", p.Reference())
}

func sign(t testing.TB, key string, iat, exp time.Time, method jwt.SigningMethod) string {
	claims := jwt.MapClaims{"iat": iat.Unix(), "exp": exp.Unix()}
	return signClaims(t, key, claims, method)
}

func signClaims(t testing.TB, key string, claims jwt.MapClaims, method jwt.SigningMethod) string {
	s, err := jwt.NewWithClaims(method, claims).SignedString([]byte(key))
	require.NoError(t, err)
	return s
}

// TestVerify checks the token rules: the reference receiver's (HS256 with
// the key, issued at most 60 s ago, not past exp, in whole seconds), and
// stricter ones (iat and exp required, iat not after now).
func TestVerify(t *testing.T) {
	const key = "jg_key_example"
	hs := jwt.SigningMethodHS256
	for _, c := range []struct {
		name  string
		token string
		ok    bool
	}{
		{"fresh", sign(t, key, now.Add(-10*time.Second), now.Add(50*time.Second), hs), true},
		{"issued 60 s ago, expiring now", sign(t, key, now.Add(-60*time.Second), now, hs), true},
		{"issued 61 s ago", sign(t, key, now.Add(-61*time.Second), now.Add(time.Minute), hs), false},
		{"expired", sign(t, key, now.Add(-30*time.Second), now.Add(-10*time.Second), hs), false},
		{"issued a minute in the future", sign(t, key, now.Add(time.Minute), now.Add(2*time.Minute), hs), false},
		{"issued 2 s in the future", sign(t, key, now.Add(2*time.Second), now.Add(time.Minute), hs), false},
		{"without exp", signClaims(t, key, jwt.MapClaims{"iat": now.Unix()}, hs), false},
		{"without iat", signClaims(t, key, jwt.MapClaims{"exp": now.Add(time.Minute).Unix()}, hs), false},
		{"another key", sign(t, key+"x", now, now.Add(time.Minute), hs), false},
		{"HS512", sign(t, key, now, now.Add(time.Minute), jwt.SigningMethodHS512), false},
		{"garbage", "not.a.jwt", false},
	} {
		err := verify(c.token, key, now, defaultMaxAge)
		require.Equal(t, c.ok, err == nil, "%s: %v", c.name, err)
	}
}

// TestPublishDate reads the forms publish_date takes into publish_at, in
// UTC as WordPress's post_date_gmt, and refuses what is not a date.
func TestPublishDate(t *testing.T) {
	for in, want := range map[string]string{
		"":                          "",
		"2022-05-01":                "2022-05-01T00:00:00Z",
		"2026-05-01 08:00:00":       "2026-05-01T08:00:00Z",
		"2026-05-01T08:00:00":       "2026-05-01T08:00:00Z",
		"2026-05-01T08:00:00+02:00": "2026-05-01T06:00:00Z",
	} {
		got, err := publishAt(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	_, err := Decode([]byte(`{"assignment_id":"1","system_slug":"acme","publish_date":"1 maj"}`))
	require.ErrorContains(t, err, "publish_date")
}

// FuzzDecode feeds the receiver's decoder: no panic, and whatever it
// accepts maps to an ad that either validates or is refused field by field.
func FuzzDecode(f *testing.F) {
	if body, err := os.ReadFile("../../testdata/ponty/assignment.json"); err == nil {
		f.Add(body)
	}
	f.Add([]byte(`{"assignment_id":1,"system_slug":"s","title":"t","body":"<p>b</p>","organization_name":"o"}`))
	f.Add([]byte(`{"assignment_id":"1","system_slug":"s","address":{"country":"xx"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := Decode(body)
		if err != nil {
			return
		}
		a := p.Ad()
		if err := ad.Normalize(&a, now); err != nil {
			var verr *ad.ValidationError
			require.ErrorAs(t, err, &verr)
			return
		}
		require.NotEmpty(t, a.Title)
		require.NotContains(t, strings.ToLower(a.Description), "<script")
	})
}
