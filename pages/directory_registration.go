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

type registrationText struct{ label, description string }

// registrationTexts use the names chapter 3 ("Choosing a homeserver") uses.
var registrationTexts = map[Registration]registrationText{
	RegInHouseElement:     {"In-house Element", "Sign up in the server's own copy of the Element web app."},
	RegInHouseCinny:       {"In-house Cinny", "Sign up in the server's own copy of the Cinny web app."},
	RegInHouseSchildiChat: {"In-house SchildiChat", "Sign up in the server's own copy of the SchildiChat web app."},
	RegSSO:                {"SSO", "Single sign-on: sign up on a separate login page, sometimes with an account you already have elsewhere."},
	RegForm:               {"Form", "Fill in a web form, and an account is made for you."},
	RegMembership:         {"Membership", "Accounts are for members of the group that runs the server."},
	RegContact:            {"Contact", "Ask the people who run the server for an account."},
	RegDonation:           {"Donation", "Accounts are for people who support the server with a donation."},
	RegUnlisted:           {"Not listed", "The list does not say how to sign up; the server's website may."},
}

// Label is the short name shown in the directory.
func (r Registration) Label() string {
	if t, ok := registrationTexts[r]; ok {
		return t.label
	}
	return string(r)
}

// Description explains the method to a newcomer in one sentence.
func (r Registration) Description() string { return registrationTexts[r].description }

// Known reports whether r is one of the constants above.
func (r Registration) Known() bool {
	_, ok := registrationTexts[r]
	return ok
}
