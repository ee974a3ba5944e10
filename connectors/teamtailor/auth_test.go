package teamtailor

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

const secret = "board-secret"

func header(ts time.Time, body []byte, key string) string {
	t := strconv.FormatInt(ts.Unix(), 10)
	return fmt.Sprintf("t=%s,v1=%s,v0=deadbeef", t, hex.EncodeToString(Sign(key, t, body)))
}

func TestCheckSignature(t *testing.T) {
	body := []byte(`{"id":"e1"}`)
	for _, c := range []struct {
		name   string
		header string
		body   []byte
		ok     bool
	}{
		{"valid", header(now, body, secret), body, true},
		{"spaces around parts, as in the docs' example", " t=" + strconv.FormatInt(now.Unix(), 10) + " ,\n v1=" + hex.EncodeToString(Sign(secret, strconv.FormatInt(now.Unix(), 10), body)), body, true},
		{"empty body (DELETE)", header(now, nil, secret), nil, true},
		{"tampered body", header(now, body, secret), []byte(`{"id":"e2"}`), false},
		{"other secret", header(now, body, "other"), body, false},
		{"6 minutes old", header(now.Add(-6*time.Minute), body, secret), body, false},
		{"6 minutes ahead", header(now.Add(6*time.Minute), body, secret), body, false},
		{"only v0", "t=" + strconv.FormatInt(now.Unix(), 10) + ",v0=" + hex.EncodeToString(Sign(secret, strconv.FormatInt(now.Unix(), 10), body)), body, false},
		{"missing", "", body, false},
		{"not hex", "t=" + strconv.FormatInt(now.Unix(), 10) + ",v1=zz", body, false},
	} {
		_, err := checkSignature(c.header, c.body, secret, now)
		require.Equal(t, c.ok, err == nil, "%s: %v", c.name, err)
	}
}

// TestSignatureMemory: a used signature is remembered exactly as long as it
// could still be accepted (plus the replicas' skew), and no longer is once
// that memory ends.
func TestSignatureMemory(t *testing.T) {
	body := []byte(`{"id":"e1"}`)
	for _, age := range []time.Duration{0, 2 * time.Minute, 4*time.Minute + 59*time.Second, -3 * time.Minute} {
		signedAt := now.Add(-age)
		sig, err := checkSignature(header(signedAt, body, secret), body, secret, now)
		require.NoError(t, err, age)
		require.True(t, signedAt.Add(signatureWindow).Equal(sig.expires), "%s: expires %s", age, sig.expires)
		memory := sig.memory(now)
		require.Equal(t, signatureWindow-age+replicaSkew, memory, "signed %s ago", age)
		require.Positive(t, memory)
		_, err = checkSignature(header(signedAt, body, secret), body, secret, now.Add(memory-replicaSkew))
		require.NoError(t, err, "still valid until the memory's end (%s)", age)
		_, err = checkSignature(header(signedAt, body, secret), body, secret, now.Add(memory-replicaSkew+time.Second))
		require.Error(t, err, "refused by its timestamp once the memory could have expired (%s)", age)
	}
	upper := strings.ToUpper(hex.EncodeToString(Sign(secret, strconv.FormatInt(now.Unix(), 10), body)))
	a, err := checkSignature(header(now, body, secret), body, secret, now)
	require.NoError(t, err)
	b, err := checkSignature("t="+strconv.FormatInt(now.Unix(), 10)+",v1="+upper, body, secret, now)
	require.NoError(t, err)
	require.Equal(t, a.mac, b.mac, "the memory's key does not depend on the hex's case")
}

func TestActivationKey(t *testing.T) {
	sign := func(claims jwt.MapClaims, key string, m jwt.SigningMethod) string {
		s, err := jwt.NewWithClaims(m, claims).SignedString([]byte(key))
		require.NoError(t, err)
		return "Bearer " + s
	}
	key, err := activationKey(sign(jwt.MapClaims{"api_key": "jg_key_1"}, secret, jwt.SigningMethodHS256), secret, now)
	require.NoError(t, err)
	require.Equal(t, "jg_key_1", key)
	// The activation form's own layout, each field with its value
	// (webhook_activation_config/_index.md.erb: Teamtailor "will turn
	// this form into a JSON web token"), is accepted too.
	form := func(fields ...map[string]any) jwt.MapClaims {
		list := make([]any, len(fields))
		for i, f := range fields {
			list[i] = f
		}
		return jwt.MapClaims{"config": map[string]any{"fields": list}}
	}
	asForm := form(map[string]any{"id": "clientId", "type": "text", "value": "x"},
		map[string]any{"id": "api_key", "type": "text", "label": "Enter your api key", "value": " jg_key_2\n"})
	key, err = activationKey(sign(asForm, secret, jwt.SigningMethodHS256), secret, now)
	require.NoError(t, err)
	require.Equal(t, "jg_key_2", key, "the field's value, without the spaces a paste brings")
	both := form(map[string]any{"id": "api_key", "value": "jg_key_2"})
	both["api_key"] = "jg_key_2"
	key, err = activationKey(sign(both, secret, jwt.SigningMethodHS256), secret, now)
	require.NoError(t, err)
	require.Equal(t, "jg_key_2", key)
	for name, h := range map[string]string{
		"two keys":       sign(jwt.MapClaims{"api_key": "jg_key_1", "config": form(map[string]any{"id": "api_key", "value": "jg_key_2"})["config"]}, secret, jwt.SigningMethodHS256),
		"form, no value": sign(form(map[string]any{"id": "api_key", "type": "text"}), secret, jwt.SigningMethodHS256),
		"form, other":    sign(form(map[string]any{"id": "clientId", "value": "jg_key_1"}), secret, jwt.SigningMethodHS256),
		"no claim":       sign(jwt.MapClaims{"clientId": "x"}, secret, jwt.SigningMethodHS256),
		"other key":      sign(jwt.MapClaims{"api_key": "jg_key_1"}, "other", jwt.SigningMethodHS256),
		"HS384":          sign(jwt.MapClaims{"api_key": "jg_key_1"}, secret, jwt.SigningMethodHS384),
		"expired":        sign(jwt.MapClaims{"api_key": "jg_key_1", "exp": now.Add(-time.Hour).Unix()}, secret, jwt.SigningMethodHS256),
		"not bearer":     "Token abc",
		"nothing":        "",
		"not a token":    "Bearer abc.def",
	} {
		_, err := activationKey(h, secret, now)
		require.Error(t, err, name)
	}
}

func TestChosen(t *testing.T) {
	job := Job{Department: &named{Name: "Logistics"}, Role: &named{Name: "Driver"}}
	single := connectors.Integration{Settings: map[string]string{}}
	require.True(t, chosen(single, job), "a single-ad integration publishes what it is sent")
	unlimited := func(kv ...string) connectors.Integration {
		s := map[string]string{"mode": "unlimited"}
		for i := 0; i+1 < len(kv); i += 2 {
			s[kv[i]] = kv[i+1]
		}
		return connectors.Integration{Settings: s}
	}
	require.True(t, chosen(unlimited("departments", "sales, logistics"), job))
	require.True(t, chosen(unlimited("categories", "driver"), job))
	require.False(t, chosen(unlimited("departments", "sales"), job))
	require.False(t, chosen(unlimited(), job), "an unlimited integration with nothing chosen publishes nothing")
}
