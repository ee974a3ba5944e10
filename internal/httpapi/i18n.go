package httpapi

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

// localeFS holds the hosted pages' message catalogue: one TOML file per
// language (locales/active.<lang>.toml), read by go-i18n. A language is
// added by adding its file and its code to pageLanguageCodes; the test
// TestCatalogueIsComplete requires every file to have every key.
//
//go:embed locales/active.*.toml
var localeFS embed.FS

// pageLanguageCodes are the languages the hosted pages speak: Norwegian
// Bokmål (also for "no"), Nynorsk, Swedish, Danish, Finnish and English,
// the fallback for anything else.
var pageLanguageCodes = []string{"nb", "nn", "sv", "da", "fi", "en"}

// fallbackLanguage is the language of a key a catalogue lacks and of an ad
// in a language the pages do not speak.
const fallbackLanguage = "en"

// keyLanguage is the labels' own entry naming their language; it is no
// message (templates never read it).
const keyLanguage = "_lang"

// labels are the texts of the hosted pages in one language, by message
// id, as the catalogue has them: templates read them as {{.T.key}}. Texts
// with values in them ({{.Field}}) are drawn with format; the messages of
// problem codes are under "err_<code>".
type labels map[string]string

// catalogue is the loaded message catalogue.
type catalogue struct {
	// byLanguage are the flat texts of each language, a missing key
	// filled from English.
	byLanguage map[string]labels
	localizers map[string]*i18n.Localizer
	// ids are each language's message ids, as its file has them.
	ids map[string][]string
}

var pageCatalogue = mustLoadCatalogue(localeFS)

// mustLoadCatalogue reads every language's file; a file that does not
// parse is a bug in the build, so it panics at start.
func mustLoadCatalogue(fsys fs.FS) *catalogue {
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &catalogue{byLanguage: map[string]labels{}, localizers: map[string]*i18n.Localizer{}, ids: map[string][]string{}}
	files := map[string]*i18n.MessageFile{}
	for _, lang := range pageLanguageCodes {
		f, err := bundle.LoadMessageFileFS(fsys, "locales/active."+lang+".toml")
		if err != nil {
			panic(fmt.Sprintf("httpapi: message catalogue %s: %v", lang, err))
		}
		files[lang] = f
	}
	for _, lang := range pageLanguageCodes {
		l := labels{keyLanguage: lang}
		for _, m := range files[fallbackLanguage].Messages {
			l[m.ID] = m.Other
		}
		for _, m := range files[lang].Messages {
			l[m.ID] = m.Other
			c.ids[lang] = append(c.ids[lang], m.ID)
		}
		c.byLanguage[lang] = l
		c.localizers[lang] = i18n.NewLocalizer(bundle, lang, fallbackLanguage)
	}
	return c
}

// pageLanguage picks the pages' language for an ad's language. An ad with
// no language is Norwegian Bokmål, as the board is.
func pageLanguage(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	switch lang {
	case "", "nb", "no":
		return "nb"
	}
	if _, ok := pageCatalogue.byLanguage[lang]; ok {
		return lang
	}
	return fallbackLanguage
}

// labelsFor returns the labels for an ad's language.
func labelsFor(lang string) labels { return pageCatalogue.byLanguage[pageLanguage(lang)] }

// lang is the labels' language.
func (l labels) lang() string { return l[keyLanguage] }

// format draws the message id with data in the labels' language (its
// {{.Name}} placeholders filled in); a message the catalogue lacks is its
// id.
func (l labels) format(id string, data map[string]any) string {
	return l.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
}

// plural draws the message id for the count n (its one or other form, by
// the language's plural rules), with n as {{.Count}}.
func (l labels) plural(id string, n int) string {
	return l.localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: map[string]any{"Count": n}})
}

func (l labels) localize(cfg *i18n.LocalizeConfig) string {
	loc, ok := pageCatalogue.localizers[l.lang()]
	if !ok {
		loc = pageCatalogue.localizers[fallbackLanguage]
	}
	s, err := loc.Localize(cfg)
	if err != nil {
		return cfg.MessageID
	}
	return s
}

// problemText is the candidate-facing message of a problem or error code:
// the language's own (English where it has none), else the code itself.
func (l labels) problemText(code string) string {
	if s, ok := l["err_"+code]; ok {
		return s
	}
	return code
}
