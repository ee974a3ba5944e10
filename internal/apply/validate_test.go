package apply

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func ptr(f float64) *float64 { return &f }

// teamtailorForm is the form of Teamtailor's /inquiry example
// (teamtailor-direct-apply-inquiry-response.json), as a connector makes
// it: "name" is the first and last name, e-mail is always required,
// "resume" is the CV; question ids and option values are strings.
func teamtailorForm() Form {
	return Form{
		JobID: "job-1", ApplyMode: ModeDirect, Open: true,
		Fields: []Field{
			{FieldFirstName, Required}, {FieldLastName, Required}, {FieldEmail, Required},
			{FieldPhone, Optional}, {FieldCV, Optional}, {FieldCoverLetter, Off},
		},
		Questions: []Question{
			{ID: "4", Text: "Are you a designer?", Type: TypeSelect, Required: true,
				Options: []Option{{"true", "Yes"}, {"false", "No"}}},
			{ID: "5", Text: "Favorite social media platforms?", Type: TypeMultiselect,
				Options: []Option{{"1", "Facebook"}, {"2", "Twitter"}, {"3", "Instagram"}, {"4", "Snapchat"}, {"5", "Other"}}},
			{ID: "6", Text: "What did you learn this week?", Type: TypeTextarea, Required: true},
			{ID: "7", Text: "Years of experience", Type: TypeRange, Required: true,
				Format: "integer", Min: ptr(0), Max: ptr(20), Unit: "years"},
			{ID: "8", Text: "Please upload your diploma", Type: TypeFile},
			{ID: "9", Text: "What is your name?", Type: TypeText},
			{ID: "10", Text: "What is your date of birth?", Type: TypeDate},
			{ID: "11", Text: "How many apples do you eat?", Type: TypeNumber},
			{ID: "12", Text: "What is your favorite color?", Type: "color", ParentID: "11", ConditionalValue: "10"},
		},
		Consents: []Consent{
			{Type: ConsentPrivacyPolicy, Required: true, Text: "I have read the Privacy Policy", URL: "https://career.teamtailor.localhost/privacy-policy"},
			{Type: ConsentFutureJobs, Text: "Yes, Teamtailor can also contact me about future job opportunities."},
		},
	}
}

var pdfData = []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")

// teamtailorApplication answers the example form as Teamtailor's /apply
// example does (teamtailor-direct-apply-apply-request.json), with the
// required privacy consent it lacks and without its cover letter, which
// the form has off.
func teamtailorApplication() Application {
	q := teamtailorForm().Question
	ans := func(id string, vals ...string) Answer {
		qq, _ := q(id)
		return Answer{QuestionID: id, Question: qq.Text, Type: qq.Type, Values: vals, Document: -1}
	}
	diploma := ans("8")
	diploma.Document = 1
	return Application{
		ID: "app-1", JobID: "job-1", Source: "jobgate",
		Candidate: Candidate{FirstName: "Max", LastName: "Name", Email: "example@test.com", Phone: "08886485454"},
		Answers: []Answer{
			ans("4", "true"), ans("5", "1", "4"), ans("6", "Test ICE Cream flavor"), ans("7", "6"),
			diploma, ans("9", "My name is Max"), ans("10", "25/12/1995"), ans("11", "3"),
		},
		Consents: []ConsentGiven{{ConsentFutureJobs, false}, {ConsentPrivacyPolicy, true}},
		Documents: []Document{
			{Kind: KindCV, FileName: "example_resume.pdf", ContentType: ctPDF, Data: pdfData},
			{Kind: KindAnswer, FileName: "sample_resume.pdf", ContentType: ctPDF, Data: pdfData},
		},
	}
}

// setAnswer replaces (or adds) the values of the answer to the question.
func setAnswer(app *Application, id string, vals ...string) {
	for i := range app.Answers {
		if app.Answers[i].QuestionID == id {
			app.Answers[i].Values = vals
			return
		}
	}
	q, _ := teamtailorForm().Question(id)
	app.Answers = append(app.Answers, Answer{QuestionID: id, Type: q.Type, Values: vals, Document: -1})
}

func dropAnswer(app *Application, id string) {
	app.Answers = slices.DeleteFunc(app.Answers, func(a Answer) bool { return a.QuestionID == id })
}

// problem is a Problem without its message.
type problem struct{ field, code string }

func problemsOf(t *testing.T, err error) []problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate = %v; want a *ValidationError", err)
	}
	var ps []problem
	for _, p := range ve.Problems {
		if p.Message == "" {
			t.Errorf("%s (%s) has no message", p.Field, p.Code)
		}
		ps = append(ps, problem{p.Field, p.Code})
	}
	return ps
}

func TestValidateTeamtailorExample(t *testing.T) {
	if err := Validate(teamtailorForm(), teamtailorApplication()); err != nil {
		t.Fatalf("Validate of the example = %v", err)
	}
}

func TestValidateCandidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Application)
		want []problem
	}{
		{"no first name", func(a *Application) { a.Candidate.FirstName = "" }, []problem{{"first_name", CodeRequired}}},
		{"blank last name", func(a *Application) { a.Candidate.LastName = " \t" }, []problem{{"last_name", CodeRequired}}},
		{"a name of 100 runes", func(a *Application) { a.Candidate.FirstName = strings.Repeat("ø", 100) }, nil},
		{"a name of 101 runes", func(a *Application) { a.Candidate.FirstName = strings.Repeat("ø", 101) }, []problem{{"first_name", CodeTooLong}}},
		{"a name with a newline", func(a *Application) { a.Candidate.LastName = "Name\nBcc: x" }, []problem{{"last_name", CodeInvalid}}},
		{"a name not UTF-8", func(a *Application) { a.Candidate.LastName = "N\xf8rby" }, []problem{{"last_name", CodeInvalid}}},
		{"no e-mail", func(a *Application) { a.Candidate.Email = "" }, []problem{{"email", CodeRequired}}},
		{"a plus address", func(a *Application) { a.Candidate.Email = "max.name+jobs@example.co.uk" }, nil},
		{"a Unicode address", func(a *Application) { a.Candidate.Email = "åse@bjørnstad.no" }, nil},
		{"e-mail without @", func(a *Application) { a.Candidate.Email = "max.example.com" }, []problem{{"email", CodeInvalid}}},
		{"e-mail with two @", func(a *Application) { a.Candidate.Email = "max@name@example.com" }, []problem{{"email", CodeInvalid}}},
		{"e-mail without a dot in the domain", func(a *Application) { a.Candidate.Email = "max@localhost" }, []problem{{"email", CodeInvalid}}},
		{"e-mail with a name", func(a *Application) { a.Candidate.Email = "Max <max@example.com>" }, []problem{{"email", CodeInvalid}}},
		{"e-mail in angles", func(a *Application) { a.Candidate.Email = "<max@example.com>" }, []problem{{"email", CodeInvalid}}},
		{"e-mail with spaces around", func(a *Application) { a.Candidate.Email = " max@example.com " }, []problem{{"email", CodeInvalid}}},
		{"e-mail with two dots", func(a *Application) { a.Candidate.Email = "max@example..com" }, []problem{{"email", CodeInvalid}}},
		{"e-mail of 254 bytes", func(a *Application) {
			a.Candidate.Email = strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".com"
		}, nil},
		{"e-mail of 255 bytes", func(a *Application) {
			a.Candidate.Email = strings.Repeat("a", 65) + "@" + strings.Repeat("b", 185) + ".com"
		}, []problem{{"email", CodeTooLong}}},
		{"no phone", func(a *Application) { a.Candidate.Phone = "" }, nil},
		{"an international phone", func(a *Application) { a.Candidate.Phone = "+47 22 33 44 55" }, nil},
		{"a phone with punctuation", func(a *Application) { a.Candidate.Phone = "(0047) 22-33.44.55" }, nil},
		{"a phone of 5 digits", func(a *Application) { a.Candidate.Phone = "12 345" }, []problem{{"phone", CodeInvalid}}},
		{"a phone of 21 digits", func(a *Application) { a.Candidate.Phone = "+" + strings.Repeat("1", 21) }, []problem{{"phone", CodeInvalid}}},
		{"a phone with a + inside", func(a *Application) { a.Candidate.Phone = "22+334455" }, []problem{{"phone", CodeInvalid}}},
		{"a phone with letters", func(a *Application) { a.Candidate.Phone = "call 22334455" }, []problem{{"phone", CodeInvalid}}},
		{"a long phone", func(a *Application) { a.Candidate.Phone = "1" + strings.Repeat(" ", 40) + "23456" }, []problem{{"phone", CodeTooLong}}},
		{"a cover letter the form has off", func(a *Application) { a.Candidate.CoverLetter = "Hello I'm Max" }, []problem{{"cover_letter", CodeNotAsked}}},
		{"a cover letter document the form has off", func(a *Application) {
			a.Documents = append(a.Documents, Document{Kind: KindCoverLetter, FileName: "letter.pdf", ContentType: ctPDF, Data: pdfData})
		}, []problem{{"cover_letter", CodeNotAsked}}},
		{"no CV", func(a *Application) { a.Documents = a.Documents[1:]; a.Answers[4].Document = 0 }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := teamtailorApplication()
			tt.edit(&app)
			if got := problemsOf(t, Validate(teamtailorForm(), app)); !slices.Equal(got, tt.want) {
				t.Fatalf("problems = %v; want %v", got, tt.want)
			}
		})
	}
}

func TestValidateRequirements(t *testing.T) {
	require := func(name, req string) func(*Form) {
		return func(f *Form) {
			for i := range f.Fields {
				if f.Fields[i].Name == name {
					f.Fields[i].Requirement = req
				}
			}
		}
	}
	letter := Document{Kind: KindCoverLetter, FileName: "letter.odt", ContentType: ctODT, Data: []byte("PK")}
	tests := []struct {
		name string
		form func(*Form)
		edit func(*Application)
		want []problem
	}{
		{"a required cover letter as text", require(FieldCoverLetter, Required), func(a *Application) { a.Candidate.CoverLetter = "Hei" }, nil},
		{"a required cover letter as a document", require(FieldCoverLetter, Required), func(a *Application) { a.Documents = append(a.Documents, letter) }, nil},
		{"no required cover letter", require(FieldCoverLetter, Required), func(*Application) {}, []problem{{"cover_letter", CodeRequired}}},
		{"a cover letter of 20000 runes", require(FieldCoverLetter, Optional), func(a *Application) { a.Candidate.CoverLetter = strings.Repeat("æ\n", 10000) }, nil},
		{"a cover letter of 20001 runes", require(FieldCoverLetter, Optional), func(a *Application) { a.Candidate.CoverLetter = strings.Repeat("æ\n", 10000) + "." }, []problem{{"cover_letter", CodeTooLong}}},
		{"a cover letter with NUL", require(FieldCoverLetter, Optional), func(a *Application) { a.Candidate.CoverLetter = "Hei\x00" }, []problem{{"cover_letter", CodeInvalid}}},
		{"two cover letters", require(FieldCoverLetter, Optional), func(a *Application) { a.Documents = append(a.Documents, letter, letter) }, []problem{{"cover_letter", CodeInvalid}}},
		{"no required CV", require(FieldCV, Required), func(a *Application) { a.Documents = a.Documents[1:]; a.Answers[4].Document = 0 }, []problem{{"cv", CodeRequired}}},
		{"a CV the form has off", require(FieldCV, Off), func(*Application) {}, []problem{{"cv", CodeNotAsked}}},
		{"two CVs", func(*Form) {}, func(a *Application) { a.Documents = append(a.Documents, a.Documents[0]) }, []problem{{"cv", CodeInvalid}}},
		{"a phone the form has off", require(FieldPhone, Off), func(*Application) {}, []problem{{"phone", CodeNotAsked}}},
		{"a field the form does not list", func(f *Form) { f.Fields = f.Fields[:5] }, func(a *Application) { a.Candidate.CoverLetter = "Hei" }, []problem{{"cover_letter", CodeNotAsked}}},
		{"an optional e-mail left out", require(FieldEmail, Optional), func(a *Application) { a.Candidate.Email = "" }, nil},
		{"an optional e-mail still checked", require(FieldEmail, Optional), func(a *Application) { a.Candidate.Email = "max" }, []problem{{"email", CodeInvalid}}},
		{"the standard fields", func(f *Form) { f.Fields = StandardFields() }, func(*Application) {}, nil},
		{"two file answers of one document", func(f *Form) { f.Questions = append(f.Questions, Question{ID: "13", Type: TypeFile}) },
			func(a *Application) {
				a.Answers = append(a.Answers, Answer{QuestionID: "13", Type: TypeFile, Document: 1})
			},
			[]problem{{"answers[13]", CodeInvalid}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, app := teamtailorForm(), teamtailorApplication()
			tt.form(&f)
			tt.edit(&app)
			if got := problemsOf(t, Validate(f, app)); !slices.Equal(got, tt.want) {
				t.Fatalf("problems = %v; want %v", got, tt.want)
			}
		})
	}
}

func TestValidateAnswers(t *testing.T) {
	set := func(id string, vals ...string) func(*Application) {
		return func(a *Application) { setAnswer(a, id, vals...) }
	}
	drop := func(id string) func(*Application) { return func(a *Application) { dropAnswer(a, id) } }
	tests := []struct {
		name string
		edit func(*Application)
		want []problem
	}{
		{"an unknown question", set("99", "x"), []problem{{"answers[99]", CodeUnknownQuestion}}},
		{"a question answered twice", func(a *Application) { a.Answers = append(a.Answers, a.Answers[0]) }, []problem{{"answers[4]", CodeInvalid}}},
		{"a required select missing", drop("4"), []problem{{"answers[4]", CodeRequired}}},
		{"a required textarea blank", set("6", "  "), []problem{{"answers[6]", CodeRequired}}},
		{"a required range missing", drop("7"), []problem{{"answers[7]", CodeRequired}}},
		{"optional questions left out", func(a *Application) { a.Answers = a.Answers[:4] }, []problem{{"documents", CodeInvalid}}},
		{"an answer of another type", func(a *Application) { a.Answers[5].Type = TypeTextarea }, []problem{{"answers[9]", CodeInvalid}}},
		{"select: not an option", set("4", "maybe"), []problem{{"answers[4]", CodeNotAnOption}}},
		{"select: an option's label", set("4", "Yes"), []problem{{"answers[4]", CodeNotAnOption}}},
		{"select: two options", set("4", "true", "false"), []problem{{"answers[4]", CodeInvalid}}},
		{"multiselect: one option", set("5", "5"), nil},
		{"multiselect: none", set("5"), nil},
		{"multiselect: not an option", set("5", "1", "9"), []problem{{"answers[5]", CodeNotAnOption}}},
		{"multiselect: twice the same", set("5", "1", "1"), []problem{{"answers[5]", CodeInvalid}}},
		{"textarea: 10000 runes", set("6", strings.Repeat("å", 10000)), nil},
		{"textarea: 10001 runes", set("6", strings.Repeat("å", 10001)), []problem{{"answers[6]", CodeTooLong}}},
		{"textarea: two values", set("6", "a", "b"), []problem{{"answers[6]", CodeInvalid}}},
		{"text: 1000 runes", set("9", strings.Repeat("å", 1000)), nil},
		{"text: 1001 runes", set("9", strings.Repeat("å", 1001)), []problem{{"answers[9]", CodeTooLong}}},
		{"text: a control character", set("9", "Max\x07"), []problem{{"answers[9]", CodeInvalid}}},
		{"range: the maximum", set("7", "20"), nil},
		{"range: the minimum", set("7", "0"), nil},
		{"range: above", set("7", "21"), []problem{{"answers[7]", CodeInvalid}}},
		{"range: below", set("7", "-1"), []problem{{"answers[7]", CodeInvalid}}},
		{"range: not whole", set("7", "6.5"), []problem{{"answers[7]", CodeInvalid}}},
		{"range: not a number", set("7", "six"), []problem{{"answers[7]", CodeInvalid}}},
		{"number: decimal", set("11", "3.5"), nil},
		{"number: negative", set("11", "-2"), nil},
		{"number: exponent", set("11", "1e3"), []problem{{"answers[11]", CodeInvalid}}},
		{"number: comma", set("11", "3,5"), []problem{{"answers[11]", CodeInvalid}}},
		{"number: NaN", set("11", "NaN"), []problem{{"answers[11]", CodeInvalid}}},
		{"number: hex", set("11", "0x10"), []problem{{"answers[11]", CodeInvalid}}},
		{"number: a point alone", set("11", "3."), []problem{{"answers[11]", CodeInvalid}}},
		{"number: too long", set("11", strings.Repeat("9", 33)), []problem{{"answers[11]", CodeInvalid}}},
		{"date: ISO", set("10", "1995-12-25"), nil},
		{"date: day first", set("10", "25/12/1995"), nil},
		{"date: no such day", set("10", "1995-02-30"), []problem{{"answers[10]", CodeInvalid}}},
		{"date: month first", set("10", "12/25/1995"), []problem{{"answers[10]", CodeInvalid}}},
		{"date: dots", set("10", "25.12.1995"), []problem{{"answers[10]", CodeInvalid}}},
		{"file: no such document", func(a *Application) { a.Answers[4].Document = 5 }, []problem{{"answers[8]", CodeInvalid}, {"documents", CodeInvalid}}},
		{"file: the CV", func(a *Application) { a.Answers[4].Document = 0 }, []problem{{"answers[8]", CodeInvalid}, {"documents", CodeInvalid}}},
		{"file: not answered", func(a *Application) { a.Answers[4].Document = -1 }, []problem{{"documents", CodeInvalid}}},
		{"file: left out with its document", func(a *Application) { dropAnswer(a, "8"); a.Documents = a.Documents[:1] }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := teamtailorApplication()
			tt.edit(&app)
			if got := problemsOf(t, Validate(teamtailorForm(), app)); !slices.Equal(got, tt.want) {
				t.Fatalf("problems = %v; want %v", got, tt.want)
			}
		})
	}
}

func TestValidateConditional(t *testing.T) {
	required := func(f *Form) { f.Questions[8].Required = true }
	tests := []struct {
		name string
		form func(*Form)
		edit func(*Application)
		want []problem
	}{
		{"asked and answered", nil, func(a *Application) { setAnswer(a, "11", "10"); setAnswer(a, "12", "blue") }, nil},
		{"asked, answered as a number", nil, func(a *Application) { setAnswer(a, "11", "10.0"); setAnswer(a, "12", "blue") }, nil},
		{"not asked but answered", nil, func(a *Application) { setAnswer(a, "12", "blue") }, []problem{{"answers[12]", CodeNotAsked}}},
		{"not asked, blank", nil, func(a *Application) { setAnswer(a, "12", "") }, nil},
		{"required, asked and missing", required, func(a *Application) { setAnswer(a, "11", "10") }, []problem{{"answers[12]", CodeRequired}}},
		{"required, not asked", required, func(*Application) {}, nil},
		{"required, parent unanswered", required, func(a *Application) { dropAnswer(a, "11") }, nil},
		{"the parent is not asked itself", func(f *Form) {
			required(f)
			f.Questions[7].ParentID, f.Questions[7].ConditionalValue = "4", "false"
		}, func(a *Application) { dropAnswer(a, "11") }, nil},
		{"a select parent", func(f *Form) {
			required(f)
			f.Questions[8].ParentID, f.Questions[8].ConditionalValue = "4", "true"
		}, func(*Application) {}, []problem{{"answers[12]", CodeRequired}}},
		{"a multiselect parent", func(f *Form) {
			f.Questions[8].ParentID, f.Questions[8].ConditionalValue = "5", "4"
		}, func(a *Application) { setAnswer(a, "12", "red") }, nil},
		{"an unknown parent", func(f *Form) { required(f); f.Questions[8].ParentID = "404" }, func(*Application) {}, nil},
		{"conditions in a loop", func(f *Form) {
			required(f)
			f.Questions[7].ParentID, f.Questions[7].ConditionalValue = "12", "x"
		}, func(a *Application) { dropAnswer(a, "11") }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, app := teamtailorForm(), teamtailorApplication()
			if tt.form != nil {
				tt.form(&f)
			}
			tt.edit(&app)
			if got := problemsOf(t, Validate(f, app)); !slices.Equal(got, tt.want) {
				t.Fatalf("problems = %v; want %v", got, tt.want)
			}
		})
	}
}

func TestValidateConsents(t *testing.T) {
	tests := []struct {
		name     string
		consents []ConsentGiven
		want     []problem
	}{
		{"only the required one", []ConsentGiven{{ConsentPrivacyPolicy, true}}, nil},
		{"as Teamtailor's example", []ConsentGiven{{ConsentFutureJobs, false}}, []problem{{"consents[privacy_policy]", CodeRequired}}},
		{"the required one refused", []ConsentGiven{{ConsentPrivacyPolicy, false}}, []problem{{"consents[privacy_policy]", CodeRequired}}},
		{"none", nil, []problem{{"consents[privacy_policy]", CodeRequired}}},
		{"an unknown consent", []ConsentGiven{{ConsentPrivacyPolicy, true}, {"marketing", true}}, []problem{{"consents[marketing]", CodeUnknownConsent}}},
		{"given twice", []ConsentGiven{{ConsentPrivacyPolicy, true}, {ConsentPrivacyPolicy, false}}, []problem{{"consents[privacy_policy]", CodeInvalid}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := teamtailorApplication()
			app.Consents = tt.consents
			if got := problemsOf(t, Validate(teamtailorForm(), app)); !slices.Equal(got, tt.want) {
				t.Fatalf("problems = %v; want %v", got, tt.want)
			}
		})
	}
}

func TestValidateDocuments(t *testing.T) {
	other := func(size int) Document {
		return Document{Kind: KindOther, FileName: "certificate.txt", ContentType: ctTXT, Data: make([]byte, size)}
	}
	add := func(docs ...Document) func(*Application) {
		return func(a *Application) { a.Documents = append(a.Documents, docs...) }
	}
	tests := []struct {
		name string
		edit func(*Application)
		want []problem
	}{
		{"eight", add(other(1), other(1), other(1), other(1), other(1), other(1)), nil},
		{"nine", add(other(1), other(1), other(1), other(1), other(1), other(1), other(1)), []problem{{"documents", CodeTooLong}}},
		{"a file of the maximum size", add(other(MaxFileBytes)), nil},
		{"a file too large", add(other(MaxFileBytes + 1)), []problem{{"documents", CodeTooLong}}},
		{"a CV too large", func(a *Application) { a.Documents[0].Data = make([]byte, MaxFileBytes+1) }, []problem{{"cv", CodeTooLong}}},
		{"too large together", add(other(MaxFileBytes), other(MaxFileBytes), other(MaxTotalBytes-2*MaxFileBytes)), []problem{{"documents", CodeTooLong}}},
		{"an empty file", add(other(0)), []problem{{"documents", CodeInvalid}}},
		{"an executable", func(a *Application) { a.Documents[0].ContentType = "application/x-msdownload" }, []problem{{"cv", CodeInvalid}}},
		{"no content type", func(a *Application) { a.Documents[1].ContentType = "" }, []problem{{"answers[8]", CodeInvalid}}},
		{"a path as file name", func(a *Application) { a.Documents[0].FileName = "../cv.pdf" }, []problem{{"cv", CodeInvalid}}},
		{"a file name with another extension", func(a *Application) { a.Documents[0].FileName = "cv.exe" }, []problem{{"cv", CodeInvalid}}},
		{"no file name", func(a *Application) { a.Documents[0].FileName = "" }, []problem{{"cv", CodeInvalid}}},
		{"an unknown kind", add(Document{Kind: "photo", FileName: "me.txt", ContentType: ctTXT, Data: []byte("x")}), []problem{{"documents", CodeInvalid}}},
		{"an answer file no answer names", add(Document{Kind: KindAnswer, FileName: "x.pdf", ContentType: ctPDF, Data: pdfData}), []problem{{"documents", CodeInvalid}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := teamtailorApplication()
			tt.edit(&app)
			if got := problemsOf(t, Validate(teamtailorForm(), app)); !slices.Equal(got, tt.want) {
				t.Fatalf("problems = %v; want %v", got, tt.want)
			}
		})
	}
}

// TestValidateKeepsValuesOut checks that no value of a wrong application
// reaches the error: only field names and codes do.
func TestValidateKeepsValuesOut(t *testing.T) {
	const secret = "Sekret0"
	app := teamtailorApplication()
	app.Candidate = Candidate{FirstName: strings.Repeat(secret, 20), LastName: secret + "\n", Email: secret + "@",
		Phone: "+" + secret, CoverLetter: secret}
	for i := range app.Answers {
		app.Answers[i].Values = []string{secret, secret}
	}
	app.Answers[4].Document = 0
	app.Documents[0].FileName = "/" + secret
	err := Validate(teamtailorForm(), app)
	if err == nil {
		t.Fatal("Validate = nil")
	}
	var ve *ValidationError
	errors.As(err, &ve)
	if len(ve.Problems) < 10 {
		t.Fatalf("only %d problems: %v", len(ve.Problems), err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Fatalf("the error holds a value: %v", err)
	}
	for _, p := range ve.Problems {
		if strings.Contains(p.Message, secret) || strings.Contains(p.Field, secret) {
			t.Fatalf("a problem holds a value: %+v", p)
		}
	}
}

func TestValidationErrorMessage(t *testing.T) {
	app := teamtailorApplication()
	app.Candidate.FirstName, app.Candidate.Email = "", "max"
	err := Validate(teamtailorForm(), app)
	const want = "apply: invalid application: first_name (required), email (invalid)"
	if err == nil || err.Error() != want {
		t.Fatalf("Validate = %v; want %s", err, want)
	}
}

func TestFieldKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"4", "4"},
		{"a\x00b\nc\xff", "a?b?c?"},
		{strings.Repeat("å", 70), strings.Repeat("å", 64)},
	}
	for _, tt := range tests {
		if got := fieldKey(tt.in); got != tt.want {
			t.Errorf("fieldKey(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestStandardConsents(t *testing.T) {
	nb := StandardConsents("nb", "Brød & Co", true)
	if len(nb) != 2 || !nb[0].Required || nb[1].Required || nb[0].Type != ConsentPrivacyPolicy {
		t.Fatalf("consents %+v", nb)
	}
	if want := "Jeg samtykker i at Brød &amp; Co lagrer"; nb[0].Text[:len(want)] != want {
		t.Errorf("nb text %q: the employer is escaped, the words Norwegian", nb[0].Text)
	}
	if sv := StandardConsents("sv", "", false); len(sv) != 1 || sv[0].Text[:33] != "Jag samtycker till att arbetsgiva" {
		t.Errorf("sv %q", sv[0].Text)
	}
	if en := StandardConsents("de", "", false); en[0].Text[:28] != "I agree that the employer st" {
		t.Errorf("fallback %q", en[0].Text)
	}
	// Nynorsk, Danish and Finnish ads get their own words (issue 17: they
	// had Bokmål and English), "no" is Bokmål.
	for lang, want := range map[string]string{"nn": "Eg samtykkjer i at arbeidsgjevaren lagrar", "no": "Jeg samtykker i at arbeidsgiveren lagrer",
		"da": "Jeg giver samtykke til, at arbejdsgiveren gemmer", "fi": "Hyväksyn, että työnantaja tallentaa"} {
		cs := StandardConsents(lang, "", true)
		if len(cs) != 2 || !strings.HasPrefix(cs[0].Text, want) || cs[1].Text == "" || strings.HasPrefix(cs[1].Text, "I agree") {
			t.Errorf("%s: %+v, want %q…", lang, cs, want)
		}
	}
}
