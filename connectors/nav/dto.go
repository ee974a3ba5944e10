package nav

// Ad is NAV's AdDTO, the JSON object sent for one ad (research §1.5;
// NAV-SRC dto/TransferDTO.kt; nav-doc-sample-ad.json). NAV ignores unknown
// top-level fields, so only the documented ones are here.
type Ad struct {
	// Reference is jobgate's id for the ad, the upsert key with the
	// provider id (see the package doc).
	Reference string `json:"reference"`
	Title     string `json:"title"`
	// AdText is HTML in NAV's allowed subset.
	AdText string `json:"adText"`
	// Published and Expires are Europe/Oslo local times without an offset
	// (yyyy-MM-ddTHH:mm:ss), as NAV's LocalDateTime reads them.
	Published string `json:"published"`
	Expires   string `json:"expires"`
	// Positions must be at least 1; jobgate always sends it.
	Positions    int               `json:"positions"`
	Employer     *Employer         `json:"employer"`
	LocationList []Location        `json:"locationList"`
	ContactList  []Contact         `json:"contactList,omitempty"`
	Properties   map[string]string `json:"properties,omitempty"`
	// CategoryList is not sent by jobgate (research §1.6: NAV drops
	// categories that are not validated JANZZ codes); it is here to read
	// NAV's own examples.
	CategoryList []Category `json:"categoryList,omitempty"`
	// Privacy is always SHOW_ALL for external providers (research §1.5).
	Privacy string `json:"privacy,omitempty"`
}

// Employer is NAV's EmployerDTO (research §1.6).
type Employer struct {
	// Reference is a stable employer id: jobgate's account id.
	Reference string `json:"reference,omitempty"`
	// BusinessName is always sent: NAV needs the key even with an orgnr.
	BusinessName string `json:"businessName"`
	// Orgnr is a Norwegian organisation number, digits only.
	Orgnr string `json:"orgnr,omitempty"`
	// Location must be present (non-null).
	Location *Location `json:"location"`
}

// Location is NAV's LocationDTO, for employer.location and locationList.
type Location struct {
	Address    string `json:"address,omitempty"`
	PostalCode string `json:"postalCode,omitempty"`
	City       string `json:"city,omitempty"`
	Municipal  string `json:"municipal,omitempty"`
	County     string `json:"county,omitempty"`
	// Country is NAV's country name; empty means Norway (NAV's default).
	Country   string `json:"country,omitempty"`
	Latitude  string `json:"latitude,omitempty"`
	Longitude string `json:"longitude,omitempty"`
}

// Contact is NAV's ContactDTO.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Title string `json:"title,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
	Role  string `json:"role,omitempty"`
}

// Category is NAV's CategoryDTO.
type Category struct {
	Code          string `json:"code,omitempty"`
	CategoryType  string `json:"categoryType,omitempty"`
	Name          string `json:"name,omitempty"`
	JanzzParentID string `json:"janzzParentId,omitempty"`
}

// Receipt is NAV's TransferLogDTO, the answer to an upload or a DELETE
// (research §1.9; nav-doc-receipt.json, nav-doc-batch-receipt.json).
type Receipt struct {
	VersionID  int64  `json:"versionId,omitempty"`
	ProviderID int64  `json:"providerId,omitempty"`
	Status     string `json:"status"`
	Message    string `json:"message,omitempty"`
	MD5        string `json:"md5,omitempty"`
	Items      int    `json:"items,omitempty"`
	Created    string `json:"created,omitempty"`
	Updated    string `json:"updated,omitempty"`
}

// AdminStatus is NAV's AdAdminStatusDTO, an ad's moderation and publish
// status (research §1.10; nav-doc-adminstatus.json).
type AdminStatus struct {
	UUID          string `json:"uuid"`
	Status        string `json:"status"`
	Message       string `json:"message"`
	Reference     string `json:"reference"`
	URL           string `json:"url"`
	ProviderID    int64  `json:"providerId"`
	Created       string `json:"created"`
	Updated       string `json:"updated"`
	PublishStatus string `json:"publishStatus"`
}

// apiError is the body of NAV's non-stream errors (research §1.9,
// ImportApiErrorHandler.kt).
type apiError struct {
	Message   string `json:"message"`
	ErrorType string `json:"errorType"`
	ErrorRef  string `json:"errorRef"`
}
