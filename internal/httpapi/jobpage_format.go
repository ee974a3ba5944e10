package httpapi

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	xnumber "golang.org/x/text/number"

	"github.com/jobgate/jobgate/internal/ad"
)

// The hosted pages write dates, numbers, amounts and country names the way
// the ad's language does: numbers, currency symbols and country names from
// CLDR (golang.org/x/text), month names and the order of a date's parts
// from the message catalogue (x/text has no date formatting).

// tag is the labels' language as a BCP 47 tag, for x/text.
func (l labels) tag() language.Tag {
	t, err := language.Parse(l.lang())
	if err != nil {
		return language.English
	}
	return t
}

// formatDate writes a date as the language does: "31. januar 2027".
func (l labels) formatDate(d time.Time) string {
	return l.format("date_format", map[string]any{"Day": d.Day(), "Month": l["month_"+strconv.Itoa(int(d.Month()))], "Year": d.Year()})
}

// formatDateTime writes a moment in zone as the language does:
// "31. januar 2027 kl. 14.05".
func (l labels) formatDateTime(t time.Time, zone *time.Location) string {
	t = t.In(zone)
	return l.format("datetime_format", map[string]any{"Date": l.formatDate(t), "Hour": t.Format("15"), "Minute": t.Format("04")})
}

// formatDay writes a YYYY-MM-DD date as the language does, and anything
// else (a start date of "by agreement") as it is.
func (l labels) formatDay(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return l.formatDate(d)
}

// formatNumber writes an amount with the language's digit grouping and
// decimal mark ("45 000", "45,000", "12,50"); whole amounts have no
// decimals, others two.
func (l labels) formatNumber(f float64) string {
	opts := []xnumber.Option{xnumber.MaxFractionDigits(0)}
	if f != float64(int64(f)) {
		opts = []xnumber.Option{xnumber.MinFractionDigits(2), xnumber.MaxFractionDigits(2)}
	}
	return message.NewPrinter(l.tag()).Sprint(xnumber.Decimal(f, opts...))
}

// formatSalary writes a pay range with its currency and period, as the
// language does: "45 000–55 000 kr per måned", "from NOK 45,000 per
// month". An amount without a currency is a number; "" without amounts.
func (l labels) formatSalary(s *ad.Salary) string {
	if s == nil || (s.Min <= 0 && s.Max <= 0) {
		return ""
	}
	var amount string
	switch {
	case s.Min > 0 && s.Max > 0 && s.Min != s.Max:
		amount = l.formatNumber(s.Min) + "–" + l.formatNumber(s.Max)
	case s.Min > 0:
		amount = l.formatNumber(s.Min)
	default:
		amount = l.formatNumber(s.Max)
	}
	if cur := l.currencySymbol(s.Currency); cur != "" {
		amount = l.format("salary_amount", map[string]any{"Amount": amount, "Currency": cur})
	}
	switch {
	case s.Min > 0 && s.Max <= 0:
		amount = l.format("salary_from", map[string]any{"Amount": amount})
	case s.Min <= 0:
		amount = l.format("salary_up_to", map[string]any{"Amount": amount})
	}
	if per, ok := l["per_"+s.Period]; ok {
		amount += " " + per
	}
	return amount
}

// currencySymbol is the currency's symbol in the language (CLDR's:
// "kr" for NOK in Norwegian, "NOK" in English, "€"), or "".
func (l labels) currencySymbol(code string) string {
	if code == "" {
		return ""
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return code
	}
	return message.NewPrinter(l.tag()).Sprint(currency.Symbol(u))
}

// countryName is an ISO 3166-1 code's country in the language ("Norge",
// "Norway"), or the code when CLDR does not know it.
func (l labels) countryName(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.Regions(l.tag()).Name(r); name != "" {
		return name
	}
	return code
}

// placeText is one location on one line: the address, the postal code
// with the city (or the municipality), the county and the country, as
// far as the ad has them.
func (l labels) placeText(loc ad.Location) string {
	city := firstOf(loc.City, loc.Municipality)
	parts := []string{loc.Address, strings.TrimSpace(loc.PostalCode + " " + city)}
	if loc.County != "" && loc.County != city {
		parts = append(parts, loc.County)
	}
	if loc.Country != "" {
		parts = append(parts, l.countryName(loc.Country))
	}
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}
