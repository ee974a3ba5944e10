package sim

import (
	"crypto/subtle"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// LeverForm is what a Lever account's application form asks beyond the
// name and e-mail Lever always requires: the Postings API README ("Apply
// to a job posting") says "Lever account administrators can customize
// their job applications and choose to make other fields required", and
// the Lever API's "Retrieve posting application questions" (GET
// /v1/postings/:posting/apply,
// https://hire.lever.co/developer/documentation) shows them as
// personalInformation, urls, customQuestions and eeoQuestions. The
// simulator serves them there and refuses an application missing a
// required one, as Lever does.
type LeverForm struct {
	// Personal are personal information fields (phone, resume,
	// currentCompany, additionalInformation, ...).
	Personal []LeverField `json:"personal,omitempty"`
	// Cards are the custom question cards; a field's answer is
	// cards[<card id>][field<n>], n its place in the card.
	Cards []LeverCard `json:"cards,omitempty"`
	// URLs are the URL fields (LinkedIn, GitHub, ...): urls[<name>].
	URLs []LeverField `json:"urls,omitempty"`
	// EEO are the EEO questions by name (gender, race, veteran, ...):
	// eeo[<name>].
	EEO map[string]LeverField `json:"eeo,omitempty"`
}

// LeverCard is a custom question card.
type LeverCard struct {
	ID     string       `json:"id"`
	Text   string       `json:"text,omitempty"`
	Fields []LeverField `json:"fields"`
}

// LeverField is one field of a Lever form: its name (personal
// information, URL), its type (text, textarea, dropdown,
// multiple-choice, multiple-select, file-upload), its question, whether
// it is required, and its options.
type LeverField struct {
	Name     string   `json:"name,omitempty"`
	Type     string   `json:"type,omitempty"`
	Text     string   `json:"text,omitempty"`
	Required bool     `json:"required,omitempty"`
	Options  []string `json:"options,omitempty"`
}

// SetLeverForm sets the Lever site's application form: served on GET
// /v1/postings/{id}/apply to the site's Lever API key, and enforced on its
// applications. The zero LeverForm is Lever's default (name and e-mail).
func (a *ATS) SetLeverForm(site string, f LeverForm) {
	lv := a.leverIntake()
	lv.mu.Lock()
	defer lv.mu.Unlock()
	lv.forms[site] = f
}

// SetLeverAPIKey sets the Lever site's Lever API key (the v1 API's, HTTP
// Basic with the key as the user name), apart from its Postings API key.
func (a *ATS) SetLeverAPIKey(site, key string) {
	lv := a.leverIntake()
	lv.mu.Lock()
	defer lv.mu.Unlock()
	lv.apiKeys[site] = key
}

// LeverQuestionReads counts the GETs of the site's application questions
// that were answered 200.
func (a *ATS) LeverQuestionReads(site string) int {
	lv := a.leverIntake()
	lv.mu.Lock()
	defer lv.mu.Unlock()
	return lv.questionReads[site]
}

// siteOfAPIKey is the site whose Lever API key key is.
func (lv *leverIntake) siteOfAPIKey(key string) (string, LeverForm, bool) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	for site, k := range lv.apiKeys {
		if key != "" && subtle.ConstantTimeCompare([]byte(k), []byte(key)) == 1 {
			lv.questionReads[site]++
			return site, lv.forms[site], true
		}
	}
	return "", LeverForm{}, false
}

func (lv *leverIntake) form(site string) LeverForm {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	return lv.forms[site]
}

// serveQuestions answers GET /v1/postings/{id}/apply: 401 without the
// site's Lever API key (Basic, no password), 404 for a closed posting,
// else {"data":{...}} as Lever's documentation shows it. Lever API errors
// are {"code":..., "message":...}.
func (lv *leverIntake) serveQuestions(w http.ResponseWriter, r *http.Request) {
	user, pass, ok := r.BasicAuth()
	if !ok || pass != "" {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"code": "UnauthorizedError", "message": "Authentication required: use your API key as the user name"})
		return
	}
	_, f, ok := lv.siteOfAPIKey(user)
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"code": "UnauthorizedError", "message": "Invalid API key"})
		return
	}
	id := r.PathValue("id")
	if lv.a.isClosed("lever", id) {
		writeJSON(w, http.StatusNotFound, map[string]any{"code": "ResourceNotFound", "message": "posting not found"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": leverQuestionsJSON(id, f)})
}

func leverQuestionsJSON(id string, f LeverForm) map[string]any {
	personal := []any{
		leverFieldJSON(LeverField{Name: "fullName", Type: "text", Text: "Full name", Required: true}),
		leverFieldJSON(LeverField{Name: "email", Type: "text", Text: "Email", Required: true}),
	}
	for _, p := range f.Personal {
		personal = append(personal, leverFieldJSON(p))
	}
	cards := []any{}
	for _, c := range f.Cards {
		fields := []any{}
		for _, fl := range c.Fields {
			fields = append(fields, leverFieldJSON(fl))
		}
		cards = append(cards, map[string]any{"id": c.ID, "text": c.Text, "fields": fields})
	}
	urls := []any{}
	for _, u := range f.URLs {
		urls = append(urls, leverFieldJSON(u))
	}
	eeo := map[string]any{}
	for name, q := range f.EEO {
		eeo[name] = leverFieldJSON(q)
	}
	return map[string]any{"id": id, "customQuestions": cards, "personalInformation": personal, "urls": urls, "eeoQuestions": eeo}
}

func leverFieldJSON(f LeverField) map[string]any {
	typ := f.Type
	if typ == "" {
		typ = "text"
	}
	out := map[string]any{"type": typ, "text": f.Text, "description": "", "required": f.Required}
	if f.Name != "" {
		out["name"] = f.Name
	}
	if len(f.Options) > 0 {
		opts := make([]any, len(f.Options))
		for i, o := range f.Options {
			opts[i] = map[string]any{"text": o}
		}
		out["options"] = opts
	}
	return out
}

// missingRequired is the first field the site's form requires that the
// application leaves blank, by its multipart name, or "".
func (f LeverForm) missingRequired(fields map[string][]string, files []ReceivedFile) string {
	blank := func(name string) bool {
		return !slices.ContainsFunc(fields[name], func(v string) bool { return strings.TrimSpace(v) != "" })
	}
	for _, p := range f.Personal {
		name := leverPersonalField[p.Name]
		switch {
		case !p.Required || name == "":
		case name == "resume":
			if !slices.ContainsFunc(files, func(rf ReceivedFile) bool { return rf.Field == "resume" }) {
				return name
			}
		case blank(name):
			return name
		}
	}
	for _, c := range f.Cards {
		for i, fl := range c.Fields {
			if name := "cards[" + c.ID + "][field" + strconv.Itoa(i) + "]"; fl.Required && blank(name) {
				return name
			}
		}
	}
	for _, u := range f.URLs {
		if name := "urls[" + u.Name + "]"; u.Required && blank(name) {
			return name
		}
	}
	for _, key := range slices.Sorted(maps.Keys(f.EEO)) {
		if name := "eeo[" + key + "]"; f.EEO[key].Required && blank(name) {
			return name
		}
	}
	return ""
}

// leverPersonalField is the apply call's field of a personal information
// field (the README's field table).
var leverPersonalField = map[string]string{"phone": "phone", "resume": "resume", "currentCompany": "org", "additionalInformation": "comments"}

// mountLeverControl adds the Lever form to the control API (WithControl):
//
//	PUT /_sim/lever/{site}/form      set the site's form (SetLeverForm); the body is a LeverForm as JSON
//	PUT /_sim/lever/{site}/api-key   set the site's Lever API key (SetLeverAPIKey); the body is the key
func (a *ATS) mountLeverControl(m *http.ServeMux) {
	m.HandleFunc("PUT /_sim/lever/{site}/form", func(w http.ResponseWriter, r *http.Request) {
		var f LeverForm
		dec := json.NewDecoder(io.LimitReader(r.Body, maxLeverFormBody))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			jsonError(w, http.StatusBadRequest, "the body must be a Lever form: {personal, cards, urls, eeo}")
			return
		}
		a.SetLeverForm(r.PathValue("site"), f)
		writeJSON(w, http.StatusOK, map[string]string{"site": r.PathValue("site")})
	})
	m.HandleFunc("PUT /_sim/lever/{site}/api-key", func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(io.LimitReader(r.Body, maxKeyBody))
		key := strings.TrimSpace(string(b))
		if err != nil || key == "" {
			jsonError(w, http.StatusBadRequest, "the body must be the key")
			return
		}
		a.SetLeverAPIKey(r.PathValue("site"), key)
		writeJSON(w, http.StatusOK, map[string]string{"site": r.PathValue("site")})
	})
}

// maxLeverFormBody bounds a Lever form set through the control API.
const maxLeverFormBody = 1 << 20
