package teamtailor

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/apply"
)

const (
	applyExample = "../../testdata/teamtailor/teamtailor-direct-apply-apply-request.json"
	applyGolden  = "../../testdata/teamtailor/teamtailor-direct-apply-apply-request.golden.json"
)

// sampleApplication answers the docs' example inquiry: every question
// type, a CV, a cover letter and another file, a diploma answering the
// file question, and one question left unanswered.
func sampleApplication() apply.Application {
	return apply.Application{
		ID: "app_01JTT", JobID: "job_7", Source: "Jobgate",
		SubmittedAt: time.Date(2026, time.May, 4, 10, 0, 0, 0, time.UTC),
		Candidate: apply.Candidate{FirstName: "Kari", LastName: "Nordmann", Email: "kari@example.no",
			Phone: "+4790000000", CoverLetter: "Hei! Jeg søker."},
		Answers: []apply.Answer{
			{QuestionID: "4", Type: apply.TypeSelect, Values: []string{"true"}, Document: -1},
			{QuestionID: "5", Type: apply.TypeMultiselect, Values: []string{"1", "4"}, Document: -1},
			{QuestionID: "6", Type: apply.TypeTextarea, Values: []string{"Go generics"}, Document: -1},
			{QuestionID: "7", Type: apply.TypeRange, Values: []string{"6"}, Document: -1},
			{QuestionID: "8", Type: apply.TypeFile, Document: 3},
			{QuestionID: "9", Type: apply.TypeText, Document: -1},
			{QuestionID: "10", Type: apply.TypeDate, Values: []string{"1995-12-25"}, Document: -1},
			{QuestionID: "11", Type: apply.TypeNumber, Values: []string{"3"}, Document: -1},
		},
		Consents: []apply.ConsentGiven{{Type: apply.ConsentPrivacyPolicy, Accepted: true}, {Type: apply.ConsentFutureJobs, Accepted: false}},
		Documents: []apply.Document{
			{Kind: apply.KindCoverLetter, FileName: "letter.pdf", ContentType: "application/pdf", Data: []byte("%PDF-letter")},
			{Kind: apply.KindCV, FileName: "cv.pdf", ContentType: "application/pdf", Data: []byte("%PDF-cv")},
			{Kind: apply.KindOther, FileName: "refs.txt", ContentType: "text/plain", Data: []byte("references")},
			{Kind: apply.KindAnswer, FileName: "diploma.pdf", ContentType: "application/pdf", Data: []byte("%PDF-diploma")},
		},
	}
}

// updating is connectortest's -update flag (one flag per test binary).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestApplyBodyGolden compares the /apply body of the sample application
// with its golden file (rewritten with -update).
func TestApplyBodyGolden(t *testing.T) {
	body, err := encodeApply(sampleApplication())
	require.NoError(t, err)
	var pretty bytes.Buffer
	require.NoError(t, json.Indent(&pretty, body, "", "  "))
	pretty.WriteByte('\n')
	if updating() {
		require.NoError(t, os.WriteFile(applyGolden, pretty.Bytes(), 0o644))
	}
	want, err := os.ReadFile(applyGolden)
	require.NoError(t, err)
	require.Equal(t, string(want), pretty.String())
}

// notSent are the field names of Teamtailor's apply example that jobgate
// does not send, and why; every other name of the example must be in the
// body, and the body must use no name the docs do not have.
var notSent = map[string]string{
	"candidate.full-name":          "first-name and last-name are sent (the docs' candidate table)",
	"candidate.remote_picture_url": "a candidate gives no photo",
	"candidate.linkedin_url":       "a candidate gives no LinkedIn profile",
	"candidate.locations":          "a candidate picks no location",
	"candidate.notes":              "the board adds no notes",
	"candidate.tags":               "the board adds no tags",
	"analytics.user-agent":         "the board does not keep the candidate's user agent",
}

// documented are the names of the docs' candidate table that the example
// does not show.
var documented = []string{"candidate.first-name", "candidate.last-name"}

func TestApplyBodyHasTheDocumentedNames(t *testing.T) {
	raw, err := os.ReadFile(applyExample)
	require.NoError(t, err)
	example := paths(t, raw)
	body, err := encodeApply(sampleApplication())
	require.NoError(t, err)
	ours := paths(t, body)
	for _, p := range example {
		if _, ok := notSent[under(p)]; !ok {
			require.Contains(t, ours, p, "the example's %s", p)
		}
	}
	for _, p := range ours {
		if !contains(example, p) && !contains(documented, p) {
			t.Errorf("the body has %s, which Teamtailor does not document", p)
		}
	}
}

// under is the path's first two segments (candidate.locations of
// candidate.locations[].city).
func under(p string) string {
	dots := 0
	for i, r := range p {
		if r == '.' || r == '[' {
			if r == '.' {
				dots++
			}
			if dots == 2 || r == '[' {
				return p[:i]
			}
		}
	}
	return p
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// paths lists the key paths of a JSON document: "a.b", "a.list[].c",
// "a.strings[]".
func paths(t *testing.T, raw []byte) []string {
	var v any
	require.NoError(t, json.Unmarshal(raw, &v))
	set := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				set[p] = true
				walk(p, e)
			}
		case []any:
			for _, e := range x {
				set[prefix+"[]"] = true
				walk(prefix+"[]", e)
			}
		}
	}
	walk("", v)
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func TestApplyBodyEdges(t *testing.T) {
	app := apply.Application{ID: "a1", Candidate: apply.Candidate{FirstName: "K", LastName: "N", Email: "k@example.no"},
		Answers: []apply.Answer{{QuestionID: "8", Type: apply.TypeFile, Document: -1}}}
	body, err := encodeApply(app)
	require.NoError(t, err)
	require.JSONEq(t, `{"referer-id":"a1","candidate":{"first-name":"K","last-name":"N","email":"k@example.no"}}`, string(body),
		"no source: Teamtailor names the board; an unanswered file question is not sent")

	app.Answers[0].Document = 2
	_, err = encodeApply(app)
	require.ErrorContains(t, err, "document 2 of 0")
	require.NotContains(t, err.Error(), "k@example.no")
}
