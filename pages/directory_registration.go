package pages

// Registration is how a server lets people sign up. The categories are the
// source list's own; the constants give them stable, URL-friendly values.
type Registration string

const (
	RegInHouseElement     Registration = "in-house-element"
	RegInHouseCinny       Registration = "in-house-cinny"
	RegInHouseSchildiChat Registration = "in-house-schildichat"
	RegSSO                Registration = "sso"
	RegForm               Registration = "form"
	RegMembership         Registration = "membership"
	RegContact            Registration = "contact"
	RegDonation           Registration = "donation"
	RegUnlisted           Registration = "unlisted" // the source list does not say
)

// Registrations lists every method, the easiest ways to join first.
func Registrations() []Registration {
	return []Registration{
		RegInHouseElement, RegInHouseCinny, RegInHouseSchildiChat, RegSSO,
		RegForm, RegMembership, RegContact, RegDonation, RegUnlisted,
	}
}

// registrationNames are the source list's own names for the methods, which
// chapter 3 ("Choosing a homeserver") uses too. The directory sorts and
// matches by them; what it shows comes from the page's catalog.
var registrationNames = map[Registration]string{
	RegInHouseElement:     "In-house Element",
	RegInHouseCinny:       "In-house Cinny",
	RegInHouseSchildiChat: "In-house SchildiChat",
	RegSSO:                "SSO",
	RegForm:               "Form",
	RegMembership:         "Membership",
	RegContact:            "Contact",
	RegDonation:           "Donation",
	RegUnlisted:           "Not listed",
}

// Label is the source list's English name for the method.
func (r Registration) Label() string {
	if name, ok := registrationNames[r]; ok {
		return name
	}
	return string(r)
}

// Known reports whether r is one of the constants above.
func (r Registration) Known() bool {
	_, ok := registrationNames[r]
	return ok
}
