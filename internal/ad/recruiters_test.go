package ad

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRecruitersDecodedAndNormalized(t *testing.T) {
	body := `{"title":"T","description":"D","employer":{"name":"E"},
		"recruiters":[" Kari@Eksempel.NO ","ola@eksempel.no","kari@eksempel.no"]}`
	a, err := Decode([]byte(body))
	require.NoError(t, err)
	require.NoError(t, Normalize(&a, time.Now()))
	require.Equal(t, []string{"kari@eksempel.no", "ola@eksempel.no"}, a.Recruiters, "trimmed, lower-cased, de-duplicated, sorted")

	a.Recruiters = []string{}
	require.NoError(t, Normalize(&a, time.Now()))
	require.Nil(t, a.Recruiters, "an empty list is no list")
}

func TestRecruitersRefused(t *testing.T) {
	twentyOne := make([]string, MaxRecruiters+1)
	for i := range twentyOne {
		twentyOne[i] = fmt.Sprintf("r%d@eksempel.no", i)
	}
	twentyDuplicated := append(append([]string{}, twentyOne[:MaxRecruiters]...), strings.ToUpper(twentyOne[0]))
	tests := []struct {
		name string
		list []string
		want []fieldCode
	}{
		{"not an address", []string{"ok@eksempel.no", "kari"}, []fieldCode{{"recruiters[1]", "invalid_format"}}},
		{"a display name", []string{"Kari <kari@eksempel.no>"}, []fieldCode{{"recruiters[0]", "invalid_format"}}},
		{"two in one", []string{"kari@eksempel.no, ola@eksempel.no"}, []fieldCode{{"recruiters[0]", "invalid_format"}}},
		{"empty", []string{" "}, []fieldCode{{"recruiters[0]", "invalid_format"}}},
		{"too long", []string{strings.Repeat("k", 250) + "@eksempel.no"}, []fieldCode{{"recruiters[0]", "invalid_format"}}},
		{"NUL", []string{"kari\x00@eksempel.no"}, []fieldCode{{"recruiters[0]", CodeInvalidText}}},
		// "Ⱥ" is 2 bytes and "ⱥ" 3: valid as sent, too long as stored.
		{"too long once lower-cased", []string{strings.Repeat("Ⱥ", 120) + "@b.no"}, []fieldCode{{"recruiters[0]", "invalid_format"}}},
		{"21 distinct", twentyOne, []fieldCode{{"recruiters", "too_many"}}},
		{"20 distinct and a repeat", twentyDuplicated, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := validAd(t)
			a.Recruiters = append([]string{}, tc.list...)
			err := Normalize(&a, time.Now())
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Equal(t, tc.want, fieldCodes(t, err))
			for _, r := range tc.list {
				if strings.TrimSpace(r) != "" {
					require.NotContains(t, err.Error(), r, "the error never repeats the value")
				}
			}
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			for _, f := range verr.Fields {
				require.NotContains(t, f.Message, "@", "the message never repeats an address")
			}
		})
	}
}

func TestDropInvalidRecruiters(t *testing.T) {
	a := validAd(t)
	a.Recruiters = []string{"Anna Recruiter", " Kari@Eksempel.no ", "ola@eksempel.no"}
	warnings := DropInvalid(&a)
	require.Equal(t, []FieldError{{Field: "recruiters[0]", Code: "invalid_format", Message: "dropped: " + msgEmail}}, warnings)
	require.Equal(t, []string{"kari@eksempel.no", "ola@eksempel.no"}, a.Recruiters)
	require.NoError(t, Normalize(&a, time.Now()))

	many := validAd(t)
	for i := range MaxRecruiters + 3 {
		many.Recruiters = append(many.Recruiters, fmt.Sprintf("r%02d@eksempel.no", i))
	}
	warnings = DropInvalid(&many)
	require.Len(t, many.Recruiters, MaxRecruiters)
	require.Equal(t, "too_many", warnings[0].Code)
	require.NoError(t, Normalize(&many, time.Now()))
}

func TestRecruitersInHash(t *testing.T) {
	a := decodeFixture(t, "full.json")
	base := Hash(a)
	a.Recruiters = []string{"kari@eksempel.no"}
	withKari := Hash(a)
	require.NotEqual(t, base, withKari, "a recruiter added is a change")
	a.Recruiters = []string{"ola@eksempel.no"}
	require.NotEqual(t, withKari, Hash(a), "another recruiter is a change")

	b := decodeFixture(t, "full.json")
	b.Recruiters = []string{"Ola@eksempel.no", "kari@eksempel.no"}
	c := decodeFixture(t, "full.json")
	c.Recruiters = []string{"kari@eksempel.no", "ola@eksempel.no", "OLA@eksempel.no"}
	require.NoError(t, Normalize(&b, time.Now()))
	require.NoError(t, Normalize(&c, time.Now()))
	require.Equal(t, Hash(b), Hash(c), "the same team in another order or case is no change")
}
