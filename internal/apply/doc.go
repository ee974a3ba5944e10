// Package apply is the canonical model of direct apply: the application
// form a job asks candidates to fill in (fields, screening questions,
// consents), the application a candidate sends (their details, answers,
// consents and documents), and the checks every application passes
// before it is accepted (Validate, and the file checks of DetectType).
//
// It knows no vendor: connectors translate a vendor's form (Teamtailor's
// /inquiry) into a Form and an Application into the vendor's intake call.
// Everything an Application holds is the candidate's personal data: none of
// it may appear in logs, metric labels or error messages, so the errors of
// this package name fields and questions, never values.
package apply
