// Package jsontext finds the strings of a JSON document that are not
// text: bytes that are not UTF-8, which encoding/json silently replaces
// with U+FFFD (so they can only be seen in the raw body), and NUL
// characters (\u0000), which PostgreSQL's text cannot hold. Each is
// reported with its JSON path (title, locations[0].city, [3].text), so a
// receiver can refuse the document naming the field, and a feed can skip
// the one posting that holds it.
package jsontext

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one string that is not text.
type Problem struct {
	// Path is the string's JSON path; a member name that is not text is
	// reported at its object's path.
	Path string
	// Message says what is wrong, never quoting the value.
	Message string
}

// MaxProblems bounds the problems Check reports.
const MaxProblems = 20

// Check reports the strings of the JSON value doc that are not valid
// UTF-8 or hold a NUL, in document order by path, at most MaxProblems.
// A document that is not well-formed JSON reports nothing: the caller's
// own decoding refuses it.
func Check(doc []byte) []Problem {
	// Nearly every document is clean: one pass over the bytes says so,
	// without the walk that decodes each level again.
	if utf8.Valid(doc) && !bytes.Contains(doc, []byte(`\u0000`)) {
		return nil
	}
	var out []Problem
	walk(&out, "", bytes.TrimSpace(doc))
	return out
}

func walk(out *[]Problem, path string, raw []byte) {
	if len(*out) >= MaxProblems || len(raw) == 0 {
		return
	}
	switch raw[0] {
	case '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if strings.IndexByte(k, 0) >= 0 || strings.ContainsRune(k, utf8.RuneError) && !utf8.Valid(raw) {
				add(out, path, "a member name must be valid UTF-8 without NUL characters")
				continue
			}
			walk(out, join(path, k), obj[k])
		}
	case '[':
		var arr []json.RawMessage
		if json.Unmarshal(raw, &arr) != nil {
			return
		}
		for i, e := range arr {
			walk(out, path+"["+strconv.Itoa(i)+"]", e)
		}
	case '"':
		if msg := stringProblem(raw); msg != "" {
			add(out, path, msg)
		}
	}
}

// stringProblem checks one raw JSON string, quotes included.
func stringProblem(raw []byte) string {
	if !utf8.Valid(raw) {
		return "must be valid UTF-8"
	}
	if !bytes.Contains(raw, []byte(`\u0000`)) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil && strings.IndexByte(s, 0) >= 0 {
		return "must not contain NUL characters (\\u0000)"
	}
	return ""
}

// maxPath bounds a reported path: member names come from the sender.
const maxPath = 200

func add(out *[]Problem, path, msg string) {
	if path == "" {
		path = "(document)"
	}
	if len(path) > maxPath {
		path = strings.ToValidUTF8(path[:maxPath], "") + "…"
	}
	*out = append(*out, Problem{Path: path, Message: msg})
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
