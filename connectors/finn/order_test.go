package finn

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// childrenRegexp turns a content model into a regexp over the children's
// names, each followed by a comma: "(A,B?)" matches "A," and "A,B,".
func childrenRegexp(model string) (*regexp.Regexp, error) {
	var b strings.Builder
	for _, tok := range reToken.FindAllString(model, -1) {
		switch tok {
		case "(":
			b.WriteString("(?:")
		case ",":
		case ")", "|", "?", "*", "+":
			b.WriteString(tok)
		default:
			b.WriteString("(?:" + regexp.QuoteMeta(tok) + ",)")
		}
	}
	return regexp.Compile("^" + b.String() + "$")
}

// node is an element read from a document.
type node struct {
	name     string
	children []string
	text     bool
	attrs    []xml.Attr
}

// checkOrder checks every element of doc against models: it must be
// declared, an EMPTY one holds nothing, a #PCDATA one no elements, and
// the others' children must match their model in order.
func checkOrder(doc []byte, models map[string]string) error {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.CharsetReader = latin1Reader
	var stack []*node
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, t.Name.Local)
			}
			stack = append(stack, &node{name: t.Name.Local, attrs: t.Attr})
		case xml.CharData:
			if len(stack) > 0 && len(bytes.TrimSpace(t)) > 0 {
				stack[len(stack)-1].text = true
			}
		case xml.EndElement:
			if err := checkNode(stack[len(stack)-1], models); err != nil {
				return err
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func checkNode(n *node, models map[string]string) error {
	model, ok := models[n.name]
	switch {
	case !ok:
		return fmt.Errorf("<%s> is not declared", n.name)
	case model == "EMPTY":
		if n.text || len(n.children) > 0 {
			return fmt.Errorf("<%s> is EMPTY but holds content", n.name)
		}
		if n.name == "OVERWRITE_MMO" && (len(n.attrs) != 1 || !slices.Contains([]string{"all", "images", "no"}, n.attrs[0].Value)) {
			return fmt.Errorf("<OVERWRITE_MMO> needs MODUS all, images or no (8.0 removed urls)")
		}
		return nil
	case model == "(#PCDATA)":
		if len(n.children) > 0 {
			return fmt.Errorf("<%s> holds elements %v, want text", n.name, n.children)
		}
		return nil
	}
	re, err := childrenRegexp(model)
	if err != nil {
		return fmt.Errorf("model of %s: %w", n.name, err)
	}
	if n.text {
		return fmt.Errorf("<%s> holds text besides its elements", n.name)
	}
	var got string
	for _, c := range n.children {
		got += c + ","
	}
	if !re.MatchString(got) {
		return fmt.Errorf("<%s> holds %s, which does not match %s", n.name, got, model)
	}
	return nil
}
