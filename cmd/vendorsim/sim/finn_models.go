package sim

import (
	"strconv"
	"strings"
)

// particle is one item of a DTD sequence: the element (or choice of
// elements) and how often it may occur in a row.
type particle struct {
	names    []string
	min, max int // max < 0: unbounded
}

func one(n string) particle  { return particle{[]string{n}, 1, 1} }
func opt(n string) particle  { return particle{[]string{n}, 0, 1} }
func star(n string) particle { return particle{[]string{n}, 0, -1} }
func plus(n string) particle { return particle{[]string{n}, 1, -1} }

func (p particle) has(name string) bool {
	for _, n := range p.names {
		if n == name {
			return true
		}
	}
	return false
}

// String renders the particle as a DTD does: NAME, NAME?, NAME*, NAME+,
// (A|B).
func (p particle) String() string {
	s := strings.Join(p.names, "|")
	if len(p.names) > 1 {
		s = "(" + s + ")"
	}
	switch {
	case p.min == 0 && p.max == 1:
		return s + "?"
	case p.min == 0:
		return s + "*"
	case p.max != 1:
		return s + "+"
	}
	return s
}

// content is an element's declared content: a sequence of elements, or
// text (#PCDATA) when seq is nil, or anything (an element whose structure
// is [U]).
type content struct {
	seq      []particle
	empty    bool
	anything bool
}

func (c content) String() string {
	if c.empty {
		return "EMPTY"
	}
	if c.seq == nil {
		return "(#PCDATA)"
	}
	parts := make([]string, len(c.seq))
	for i, p := range c.seq {
		parts[i] = p.String()
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// dtd is one document type: every element it declares.
type dtd struct {
	version string
	root    string
	decl    map[string]content
}

// text declares text-only elements.
func (d dtd) text(names ...string) {
	for _, n := range names {
		d.decl[n] = content{}
	}
}

// jobBody is the content of JOB, JOB_EXECUTIVE and JOB_PARTTIME: 7.1's
// (IADIF-job71.dtd), or 8.0's: OCCUPATION+ where JOB_CATEGORY+ stood, the
// one COMPANY where APPLICATION_ADDRESS* and COMPANY* stood, at least one
// JOB_CONTACT, APPLICATION_URL where MOREINFO* stood (research §2.3 and
// §2.8's skeleton). Where 8.0 puts INDUSTRY and COMPENSATION is [U]: the
// sim takes them after OCCUPATION and after SALARY.
func jobBody(v80, executive bool) []particle {
	tags := star("TAGS")
	tags.max = 5 // "Max 5 TAGS-elements" (the DTD's comment)
	seq := []particle{one("JOB_TITLE"), one("SITUATION"), one("SECTOR")}
	if v80 {
		seq = append(seq, plus("OCCUPATION"), opt("INDUSTRY"), one("DURATION"), opt("SALARY"), opt("COMPENSATION"), one("COMPANY"))
	} else {
		seq = append(seq, plus("JOB_CATEGORY"), one("DURATION"), opt("SALARY"), star("APPLICATION_ADDRESS"), star("COMPANY"))
	}
	seq = append(seq, star("GENERAL_TEXT_JOB"), opt("APPLICATION_DEADLINE"), opt("APPLICATION_EMAIL"), opt("START_DATE"))
	if v80 {
		seq = append(seq, plus("JOB_CONTACT"), one("APPLICATION_LABEL"), one("APPLICATION_URL"))
	} else {
		seq = append(seq, star("JOB_CONTACT"), one("APPLICATION_LABEL"), star("MOREINFO"))
	}
	seq = append(seq, one("NO_OF_POSITIONS"), tags, opt("PLEASE_REFER"), opt("VIDEO_URL"), opt("APPLICATION_MOBILE_URL"))
	if executive {
		seq = append(seq, one("MANAGER_ROLE"))
	}
	return seq
}

// jobDTD is the job document type of version 7.1 (IADIF-job71.dtd with
// IADIF-head20.dtd and IADIF-objecthead21.dtd) or 8.0 (7.1 as FINN-UPD
// amends it, §2.3: HEAD without UPLOAD_REFERENCE and EMAIL_FEEDBACK;
// OBJECT_HEAD without PROVIDER_REFERENCE, VERSIONNO and SEGMENT;
// OBJECT_LOCATION without ADDRESS2-4 and MAP_COORDINATE).
func jobDTD(v80 bool) dtd {
	d := dtd{version: "7.1", root: "IAD.IF.JOB", decl: map[string]content{}}
	d.decl["IAD.IF.JOB"] = content{seq: []particle{one("HEAD"), plus("OBJECT")}}
	d.decl["OBJECT"] = content{seq: []particle{one("OBJECT_HEAD"), {[]string{"JOB", "JOB_EXECUTIVE", "JOB_PARTTIME"}, 1, 1}}}
	d.decl["JOB"] = content{seq: jobBody(v80, false)}
	d.decl["JOB_PARTTIME"] = content{seq: jobBody(v80, false)}
	d.decl["JOB_EXECUTIVE"] = content{seq: jobBody(v80, true)}
	d.decl["JOB_CONTACT"] = content{seq: []particle{one("NAME"), opt("TITLE"), opt("PHONE"), opt("EMAIL"), opt("LINKEDIN_URL"), opt("TWITTER")}}
	d.decl["COMPANY"] = content{seq: []particle{one("COMPANY_NAME"), opt("LOGO"), opt("URL"), opt("INGRESS"), opt("FACEBOOK_URL"), opt("LINKEDIN_URL"), opt("TWITTER")}}
	d.decl["GENERAL_TEXT_JOB"] = content{seq: []particle{opt("GENERAL_HEADING"), one("GENERAL_TEXT")}}
	d.decl["OVERWRITE_MMO"] = content{empty: true}
	d.text("PARTNER", "PROVIDER", "ORDERNO", "USER_REFERENCE", "FROMDATE", "TODATE", "STREETADDRESS", "ZIPCODE", "COUNTRYCODE",
		"HEADING", "JOB_TITLE", "SITUATION", "SECTOR", "DURATION", "SALARY", "NAME", "TITLE", "PHONE", "EMAIL", "LINKEDIN_URL",
		"TWITTER", "COMPANY_NAME", "LOGO", "URL", "INGRESS", "FACEBOOK_URL", "GENERAL_HEADING", "GENERAL_TEXT",
		"APPLICATION_EMAIL", "APPLICATION_LABEL", "APPLICATION_DEADLINE", "START_DATE", "NO_OF_POSITIONS", "TAGS",
		"PLEASE_REFER", "VIDEO_URL", "MANAGER_ROLE", "APPLICATION_MOBILE_URL")
	if v80 {
		d.version = "8.0"
		d.decl["HEAD"] = content{seq: []particle{one("PARTNER"), opt("PROVIDER")}}
		d.decl["OBJECT_HEAD"] = content{seq: []particle{one("ORDERNO"), opt("USER_REFERENCE"), one("OVERWRITE_MMO"), opt("FROMDATE"),
			opt("TODATE"), one("OBJECT_LOCATION"), opt("HEADING")}}
		d.decl["OBJECT_LOCATION"] = content{seq: []particle{opt("STREETADDRESS"), opt("ZIPCODE"), opt("COUNTRYCODE")}}
		d.decl["OCCUPATION"] = content{seq: []particle{opt("GENERAL"), opt("SPECIALIZATION")}}
		d.decl["COMPENSATION"] = content{anything: true}
		d.text("GENERAL", "SPECIALIZATION", "INDUSTRY", "APPLICATION_URL")
		return d
	}
	d.decl["HEAD"] = content{seq: []particle{one("PARTNER"), opt("PROVIDER"), opt("UPLOAD_REFERENCE"), opt("EMAIL_FEEDBACK")}}
	d.decl["OBJECT_HEAD"] = content{seq: []particle{one("ORDERNO"), opt("USER_REFERENCE"), opt("PROVIDER_REFERENCE"), one("OVERWRITE_MMO"),
		opt("VERSIONNO"), opt("FROMDATE"), opt("TODATE"), one("OBJECT_LOCATION"), opt("HEADING"), opt("SEGMENT")}}
	d.decl["OBJECT_LOCATION"] = content{seq: []particle{opt("STREETADDRESS"), opt("ZIPCODE"), opt("COUNTRYCODE"), opt("ADDRESS2"),
		opt("ADDRESS3"), opt("ADDRESS4"), opt("MAP_COORDINATE")}}
	d.decl["MAP_COORDINATE"] = content{seq: []particle{one("EASTING"), one("NORTHING"), opt("GEO_ACCURACY")}}
	d.decl["JOB_CATEGORY"] = content{seq: []particle{one("CATEGORY"), one("SUBCATEGORY")}}
	d.decl["APPLICATION_ADDRESS"] = content{seq: []particle{opt("ADDRESS")}}
	d.decl["MOREINFO"] = content{seq: []particle{one("URL"), opt("URLTEXT")}}
	d.decl["SEGMENT"] = content{empty: true}
	d.text("UPLOAD_REFERENCE", "EMAIL_FEEDBACK", "PROVIDER_REFERENCE", "VERSIONNO", "ADDRESS2", "ADDRESS3", "ADDRESS4",
		"EASTING", "NORTHING", "GEO_ACCURACY", "CATEGORY", "SUBCATEGORY", "ADDRESS", "URLTEXT")
	return d
}

// stopDTD is IAD.IF.STOP as FINN-SDK's StopXml.php builds it (§2.6):
// HEAD, then OBJECTs of an OBJECT_HEAD with the ORDERNO and the
// reference. IADIF-stop30.dtd itself is not public (§2.9), so the rest is
// [I].
func stopDTD() dtd {
	d := dtd{version: "3.0", root: "IAD.IF.STOP", decl: map[string]content{}}
	d.decl["IAD.IF.STOP"] = content{seq: []particle{one("HEAD"), plus("OBJECT")}}
	d.decl["HEAD"] = content{seq: []particle{one("PARTNER"), opt("PROVIDER")}}
	d.decl["OBJECT"] = content{seq: []particle{one("OBJECT_HEAD")}}
	d.decl["OBJECT_HEAD"] = content{seq: []particle{one("ORDERNO"), opt("USER_REFERENCE"), opt("PROVIDER_REFERENCE")}}
	d.text("PARTNER", "PROVIDER", "ORDERNO", "USER_REFERENCE", "PROVIDER_REFERENCE")
	return d
}

// The document types, made once.
var (
	finnJob71 = jobDTD(false)
	finnJob80 = jobDTD(true)
	finnStop  = stopDTD()
)

// maxLen bounds an element's text, from the DTDs' comments ("Text max 100
// chars"); whether FINN enforces them is [I].
var maxLen = map[string]int{"JOB_TITLE": 100, "SITUATION": 100, "HEADING": 255}

// positiveInt is true for a whole number above zero.
func positiveInt(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n > 0
}
