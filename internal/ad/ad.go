// Package ad is the canonical job ad: the one shape every source is mapped to
// and every channel is published from. It decodes and validates the generic
// ad JSON (reporting every bad field at once), sanitises HTML to an
// allow-list, and computes the content hash that decides whether a push
// changed anything.
package ad

// Ad is the canonical job ad. Every field but Title, Description and
// Employer.Name is optional.
type Ad struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	// Language is the primary language subtag of a BCP 47 tag (ISO 639,
	// two letters where one exists): "nb-NO" is stored as "nb".
	Language       string     `json:"language,omitempty"`
	Employer       Employer   `json:"employer"`
	Locations      []Location `json:"locations,omitempty"`
	EmploymentType string     `json:"employment_type,omitempty"`
	Extent         string     `json:"extent,omitempty"`
	Remote         string     `json:"remote,omitempty"`
	// Positions is how many are hired: at least 1, nil when unknown.
	Positions *int    `json:"positions,omitempty"`
	Salary    *Salary `json:"salary,omitempty"`
	// Deadline is the application deadline, a date (YYYY-MM-DD).
	Deadline string `json:"deadline,omitempty"`
	// PublishAt schedules the ad: before this moment (RFC 3339, stored in
	// UTC) it is on no channel, neither the board nor an external one,
	// and it goes live by itself when the moment passes. Empty or past:
	// live at once.
	PublishAt string `json:"publish_at,omitempty"`
	// StartDate is free text ("by agreement") or a date.
	StartDate  string   `json:"start_date,omitempty"`
	Department string   `json:"department,omitempty"`
	Categories []string `json:"categories,omitempty"`
	Contact    *Contact `json:"contact,omitempty"`
	ApplyURL   string   `json:"apply_url,omitempty"`
	// Recruiters are the e-mail addresses of the ad's recruiting team at
	// the employer (the ATS's recruiter, owner or contact person): stored
	// lower-cased, de-duplicated and sorted, at most MaxRecruiters. They
	// put those people on the ad's team in jobgate and are part of the
	// content hash (a new recruiter is a change), but they are private:
	// no channel and no public view of the board is given them.
	Recruiters []string `json:"recruiters,omitempty"`
}

// Employer is the hiring organisation.
type Employer struct {
	Name string `json:"name"`
	// OrgNumber is the national organisation number (Norwegian 9 digits,
	// Swedish 10, Danish CVR 8, Finnish Y-tunnus 1234567-8).
	OrgNumber string `json:"org_number,omitempty"`
	Website   string `json:"website,omitempty"`
	// LogoURL is the employer's logo, an absolute https URL (the job page
	// shows it from the employer's server).
	LogoURL string `json:"logo_url,omitempty"`
}

// Location is a place of work.
type Location struct {
	Address      string `json:"address,omitempty"`
	PostalCode   string `json:"postal_code,omitempty"`
	City         string `json:"city,omitempty"`
	Municipality string `json:"municipality,omitempty"`
	// County is the region above the municipality (fylke, län, region,
	// maakunta), as the ATS names it (ReachMee's Area1).
	County string `json:"county,omitempty"`
	// Country is an ISO 3166-1 alpha-2 code.
	Country string `json:"country,omitempty"`
}

// Salary is a pay range.
type Salary struct {
	// Min and Max are amounts from 0 to MaxSalary; 0 is no bound.
	Min float64 `json:"min,omitempty"`
	Max float64 `json:"max,omitempty"`
	// Currency is an ISO 4217 code.
	Currency string `json:"currency,omitempty"`
	// Period is hour, day, week, month or year.
	Period string `json:"period,omitempty"`
}

// Contact is the employer's contact person for the ad.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Title string `json:"title,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Enumerations of the canonical ad.
var (
	EmploymentTypes = []string{"permanent", "temporary", "contract", "seasonal", "internship", "apprenticeship", "volunteer", "other"}
	Extents         = []string{"full_time", "part_time"}
	RemoteModes     = []string{"none", "hybrid", "full"}
	SalaryPeriods   = []string{"hour", "day", "week", "month", "year"}
)

// PositionsOrOne is how many are hired, 1 when unknown: what a channel
// that requires a number is sent.
func (a Ad) PositionsOrOne() int {
	if a.Positions == nil || *a.Positions < 1 {
		return 1
	}
	return *a.Positions
}
