package sim

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// teamtailorApplication is the documented /apply body
// (https://partner.teamtailor.com/job_boards/#post-apply), as a receiver
// reads it: decoded here independently of jobgate's encoder, so a drift
// in either shows.
type teamtailorApplication struct {
	RefererID string               `json:"referer-id"`
	Candidate *teamtailorCandidate `json:"candidate"`
	Analytics map[string]string    `json:"analytics"`
	// text holds the candidate's string fields (first-name, last-name,
	// full-name, email, phone, cover-letter, linkedin_url,
	// remote_picture_url, and any other), read beside the structured ones.
	text map[string]string
}

type teamtailorCandidate struct {
	Resume    *teamtailorFile  `json:"resume"`
	Documents []teamtailorFile `json:"documents"`
	Notes     []string         `json:"notes"`
	Tags      []string         `json:"tags"`
	Answers   []struct {
		ID     string          `json:"id"`
		Value  *string         `json:"value"`
		Values []string        `json:"values"`
		File   *teamtailorFile `json:"file"`
	} `json:"answers"`
	Consents []struct {
		ConsentType string `json:"consent-type"`
		Accepted    bool   `json:"accepted"`
	} `json:"consents"`
}

// teamtailorFile is a file object: base64 binary-data with its name and
// MIME type, or (a resume) a url.
type teamtailorFile struct {
	BinaryData *string `json:"binary-data"`
	FileName   string  `json:"file-name"`
	FileType   string  `json:"file-type"`
	URL        string  `json:"url"`
}

// UnmarshalJSON reads the body, and the candidate's string fields beside
// the structured ones.
func (app *teamtailorApplication) UnmarshalJSON(b []byte) error {
	type plain teamtailorApplication
	if err := json.Unmarshal(b, (*plain)(app)); err != nil {
		return err
	}
	var raw struct {
		Candidate map[string]json.RawMessage `json:"candidate"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	app.text = map[string]string{}
	for k, v := range raw.Candidate {
		var s string
		if json.Unmarshal(v, &s) == nil {
			app.text[k] = s
		}
	}
	return nil
}

// received checks the body as a strict receiver would and flattens it;
// msg says what is wrong.
func (app teamtailorApplication) received(board, ref string, body []byte) (Received, string) {
	rec := Received{Vendor: "teamtailor", Account: board, Job: ref, IdempotencyKey: app.RefererID, Body: body, Fields: map[string][]string{}}
	c := app.Candidate
	if c == nil {
		return rec, "candidate is required"
	}
	for k, v := range app.text {
		rec.Fields["candidate."+k] = []string{v}
	}
	if !strings.Contains(app.text["email"], "@") {
		return rec, "candidate.email is required"
	}
	if msg := c.files(&rec); msg != "" {
		return rec, msg
	}
	for _, an := range c.Answers {
		switch {
		case an.ID == "":
			return rec, "answers: id is required"
		case an.File != nil:
		case an.Value != nil:
			rec.Fields["answers."+an.ID] = []string{*an.Value}
		default:
			rec.Fields["answers."+an.ID] = an.Values
		}
	}
	for _, g := range c.Consents {
		rec.Fields["consents."+g.ConsentType] = []string{strconv.FormatBool(g.Accepted)}
	}
	if len(c.Notes) > 0 {
		rec.Fields["candidate.notes"] = c.Notes
	}
	if len(c.Tags) > 0 {
		rec.Fields["candidate.tags"] = c.Tags
	}
	for k, v := range app.Analytics {
		rec.Fields["analytics."+k] = []string{v}
	}
	return rec, ""
}

// teamtailorResumeTypes are the file-types of the docs' "Resume file
// types" table (https://partner.teamtailor.com/job_boards/direct_apply,
// source/includes/job_boards/direct_apply/_index.md.erb): docx, pptx,
// pdf, txt, rtf. Word 97-2003 (application/msword) and OpenDocument text
// are not among them.
var teamtailorResumeTypes = []string{
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"application/pdf", "text/plain", "application/rtf",
}

// files decodes the resume (Field "resume"; a resume by url is a field,
// candidate.resume.url), the documents (Field "documents") and the files
// answering questions (Field "answers.<id>").
func (c *teamtailorCandidate) files(rec *Received) string {
	add := func(field string, f *teamtailorFile) string {
		if f.BinaryData == nil {
			return field + ": binary-data is required"
		}
		data, err := base64.StdEncoding.DecodeString(*f.BinaryData)
		if err != nil {
			return field + ": binary-data is not base64"
		}
		rec.Files = append(rec.Files, ReceivedFile{Field: field, FileName: f.FileName, ContentType: f.FileType, Data: data})
		return ""
	}
	var msg string
	switch r := c.Resume; {
	case r != nil && r.URL != "" && r.BinaryData == nil:
		rec.Fields["candidate.resume.url"] = []string{r.URL}
	case r != nil && !slices.Contains(teamtailorResumeTypes, r.FileType):
		msg = "resume: file-type is not one Teamtailor takes (docx, pptx, pdf, txt, rtf)"
	case r != nil:
		msg = add("resume", r)
	}
	for i := 0; i < len(c.Documents) && msg == ""; i++ {
		if msg = add("documents", &c.Documents[i]); msg != "" {
			msg += " (documents[" + strconv.Itoa(i) + "])"
		}
	}
	for i := 0; i < len(c.Answers) && msg == ""; i++ {
		if an := c.Answers[i]; an.File != nil {
			msg = add("answers."+an.ID, an.File)
		}
	}
	return msg
}
