package teamtailor

import (
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// activationField is the id of the activation form's field the customer
// pastes jobgate's key into (README: "declare the activation field
// api_key"), as in the docs' own validation example.
const activationField = "api_key"

// activationKey verifies the activation JWT (HS256 with the board's
// secret) and returns the value of its api_key field.
//
// Where the field sits in the token: Teamtailor's job-board docs say the
// values the user fills into the activation form are "turned into
// JSONWebToken" and that Teamtailor "will turn this form into a JSON web
// token" (Teamtailor/tt-partner-docs source/includes/job_boards/
// webhook_activation_config/_index.md.erb; the form is
// {"config":{"fields":[{"id":...}]}}, as the example
// teamtailor-activation-config.json shows), and publish no decoded token.
// Both readings are accepted: the field's value as a claim named by its
// id ({"api_key":"..."}), and the form itself with each field's value
// ({"config":{"fields":[{"id":"api_key","value":"..."}]}}). A token
// carrying both must agree; surrounding spaces of a pasted key are
// dropped.
func activationKey(authorization, secret string, now time.Time) (string, error) {
	token, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok {
		return "", errors.New("no activation token")
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return []byte(secret), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil {
		return "", err
	}
	flat, _ := claims[activationField].(string)
	flat = strings.TrimSpace(flat)
	inForm := formValue(claims, activationField)
	switch {
	case flat != "" && inForm != "" && flat != inForm:
		return "", errors.New("the activation token holds two different api_key values")
	case flat != "":
		return flat, nil
	case inForm != "":
		return inForm, nil
	}
	return "", errors.New("no api_key in the activation token")
}

// formValue returns the value of the field id in a token laid out as the
// activation form, config.fields[] with id and value, or "".
func formValue(claims jwt.MapClaims, id string) string {
	config, _ := claims["config"].(map[string]any)
	fields, _ := config["fields"].([]any)
	for _, f := range fields {
		field, _ := f.(map[string]any)
		if field["id"] == id {
			v, _ := field["value"].(string)
			return strings.TrimSpace(v)
		}
	}
	return ""
}
