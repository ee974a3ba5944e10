package sim

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/jobgate/jobgate/connectors/finn"
)

// schema picks the upload's document type (§2.3, §2.6): IAD.IF.STOP, or
// IAD.IF.JOB by its DOCTYPE's system id: IADIF-job80.dtd, or with none
// 8.0 [I]; IADIF-job71.dtd 7.1 unless FINNConfig.Require80.
func (f *FINN) schema(doc *finnDoc) (dtd, error) {
	root := doc.root.name
	if doc.doctype != "" && doc.doctype != root {
		return dtd{}, finnMessage(fmt.Sprintf(`Document root element "%s", must match DOCTYPE root "%s".`, root, doc.doctype))
	}
	switch root {
	case finnStop.root:
		return finnStop, nil
	case finnJob80.root:
		sys := strings.ToLower(path.Base(doc.systemID))
		switch {
		case doc.systemID == "" || strings.Contains(sys, "job80"):
			return finnJob80, nil
		case strings.Contains(sys, "job71") && f.cfg.Require80:
			return dtd{}, errors.New("IADIF-job71.dtd is not accepted any more: send IADIF-job80.dtd")
		case strings.Contains(sys, "job71"):
			return finnJob71, nil
		}
		return dtd{}, fmt.Errorf("unknown job DTD %q: the sim knows IADIF-job80.dtd and IADIF-job71.dtd", doc.systemID)
	}
	return dtd{}, fmt.Errorf("the document is %s: the job import takes IAD.IF.JOB and IAD.IF.STOP", root)
}

// checkElement validates n and everything in it against d, as a DTD
// validating parser does, in document order, with Xerces's wording (FINN
// is a Java shop [I]) and a hint of what is wrong.
func checkElement(d dtd, n *xnode) error {
	c, ok := d.decl[n.name]
	if !ok {
		return lineErr(n, `Element type "%s" must be declared.`, n.name)
	}
	if err := checkAttrs(d, n); err != nil {
		return err
	}
	switch {
	case c.anything:
		return nil
	case c.empty && (len(n.kids) > 0 || n.textOf() != ""):
		return lineErr(n, `The content of element type "%s" must match "EMPTY".`, n.name)
	case c.seq == nil && len(n.kids) > 0:
		k := n.kids[0]
		if _, declared := d.decl[k.name]; !declared {
			return lineErr(k, `Element type "%s" must be declared. (Markup inside %s must be sent as CDATA or escaped.)`, k.name, n.name)
		}
		return lineErr(n, `The content of element type "%s" must match "(#PCDATA)".`, n.name)
	case c.seq != nil && n.textOf() != "":
		return lineErr(n, `The content of element type "%s" must match "%s". (It holds text.)`, n.name, c)
	}
	for _, k := range n.kids {
		if err := checkElement(d, k); err != nil {
			return err
		}
	}
	return matchSeq(n, c)
}

// matchSeq checks n's children against its declared sequence. DTD content
// models are deterministic, so a greedy match is exact.
func matchSeq(n *xnode, c content) error {
	i := 0
	for pi, p := range c.seq {
		count := 0
		for i < len(n.kids) && p.has(n.kids[i].name) && (p.max < 0 || count < p.max) {
			i++
			count++
		}
		if count >= p.min {
			continue
		}
		if i == len(n.kids) {
			return lineErr(n, `The content of element type "%s" is incomplete, it must match "%s". (%s is missing.)`, n.name, c, p)
		}
		return mismatch(n, c, i, pi, p)
	}
	if i < len(n.kids) {
		return mismatch(n, c, i, len(c.seq), particle{})
	}
	return nil
}

// mismatch says why child i cannot stand where it does: the particle at
// index at (want) was due.
func mismatch(n *xnode, c content, i, at int, want particle) error {
	k := n.kids[i]
	ki := slices.IndexFunc(c.seq, func(p particle) bool { return p.has(k.name) })
	var hint string
	switch {
	case ki < 0:
		hint = fmt.Sprintf("%s is not allowed in %s", k.name, n.name)
	case ki > at:
		hint = fmt.Sprintf("%s is missing before %s", want, k.name)
	case c.seq[ki].max > 0 && i > 0 && n.kids[i-1].name == k.name:
		hint = fmt.Sprintf("too many %s (at most %d)", k.name, c.seq[ki].max)
	default:
		hint = fmt.Sprintf("%s is out of order", k.name)
	}
	return lineErr(k, `The content of element type "%s" must match "%s". (%s.)`, n.name, c, hint)
}

// checkAttrs checks the two attributes whose values matter: OVERWRITE_MMO's
// required MODUS (8.0 drops urls, §2.3) and ORDERNO's PREVIEW.
func checkAttrs(d dtd, n *xnode) error {
	var name string
	var values []string
	switch n.name {
	case "OVERWRITE_MMO":
		name, values = "MODUS", []string{"all", "images", "urls", "no"}
		if d.version == "8.0" {
			values = []string{"all", "images", "no"}
		}
		if _, ok := n.attrs[name]; !ok {
			return lineErr(n, `Attribute "MODUS" is required and must be specified for element type "OVERWRITE_MMO".`)
		}
	case "ORDERNO":
		name, values = "PREVIEW", []string{"yes", "no"}
	default:
		return nil
	}
	if v, ok := n.attrs[name]; ok && !slices.Contains(values, v) {
		return lineErr(n, `Attribute "%s" with value "%s" must have a value from the list "(%s)".`, name, v, strings.Join(values, "|"))
	}
	return nil
}

func lineErr(n *xnode, format string, args ...any) error {
	return fmt.Errorf("line %d: "+format, append([]any{n.line}, args...)...)
}

// checkObject is what FINN checks of one job OBJECT beyond the DTD: the
// limits in the DTDs' comments and 8.0's rules that a DTD cannot state
// (§2.3) [I].
func checkObject(d dtd, obj *xnode) error {
	body := adBody(obj)
	for name, limit := range maxLen {
		v := body.path(name)
		if name == "HEADING" {
			v = obj.path("OBJECT_HEAD/HEADING")
		}
		if len([]rune(v)) > limit {
			return fmt.Errorf("%s is longer than %d characters", name, limit)
		}
	}
	if !positiveInt(body.path("NO_OF_POSITIONS")) {
		return errors.New("NO_OF_POSITIONS must be a whole number above 0")
	}
	if d.version != "8.0" {
		return nil
	}
	for _, k := range body.kids {
		if k.name != "OCCUPATION" {
			continue
		}
		if err := checkOccupation(finn.Occupation{General: k.path("GENERAL"), Specialization: k.path("SPECIALIZATION")}); err != nil {
			return err
		}
	}
	if body.path("APPLICATION_URL") == "" {
		return errors.New("APPLICATION_URL is required")
	}
	return nil
}

// checkOccupation refuses an OCCUPATION without a value or with one that
// is not in FINN's published list (reference values, xmlCode=OCCUPATION:
// https://hjelpesenter.finn.no/hc/no/articles/22628741911186), which the
// sim reads from the same list the channel maps to (finn.OccupationValues,
// connectors/finn/occupations.csv). FINN's wording is [U].
func checkOccupation(o finn.Occupation) error {
	switch {
	case o.General == "" && o.Specialization == "":
		return errors.New("OCCUPATION needs a GENERAL or a SPECIALIZATION")
	case !finn.KnownOccupation(o):
		return fmt.Errorf("OCCUPATION %s is not one of FINN's OCCUPATION values (referencevalue?xmlCode=OCCUPATION)", strings.Trim(o.General+"/"+o.Specialization, "/"))
	}
	return nil
}

// adBody is an OBJECT's ad element: JOB, JOB_EXECUTIVE or JOB_PARTTIME
// (the DTD check made sure it has one).
func adBody(obj *xnode) *xnode { return obj.kids[len(obj.kids)-1] }
