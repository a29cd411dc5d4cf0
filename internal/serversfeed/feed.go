package serversfeed

import (
	"encoding/json"

	"hellomatrix/pages"
)

// Entry is one server in the real feed's shape. Fields the directory does
// not read are still written, so the mapping is tested against what it
// really receives.
type Entry struct {
	Name            string   `json:"name"`
	ClientDomain    string   `json:"client_domain"`
	Website         string   `json:"website,omitempty"`
	ISP             string   `json:"isp"`
	StaffJur        string   `json:"staff_jur"`
	Rules           string   `json:"rules,omitempty"`
	Privacy         string   `json:"privacy,omitempty"`
	UsingVanillaReg bool     `json:"using_vanilla_reg"`
	Description     string   `json:"description"`
	RegMethod       string   `json:"reg_method"`
	RegLink         string   `json:"reg_link,omitempty"`
	Software        string   `json:"software"`
	Version         string   `json:"version"`
	Captcha         bool     `json:"captcha"`
	Email           bool     `json:"email"`
	Languages       []string `json:"languages"`
	Features        []string `json:"features"`
	OnlineStatus    int      `json:"online_status"`
	ServerDomain    string   `json:"server_domain"`
	VerStatus       string   `json:"ver_status"`
	RoomDirectory   bool     `json:"room_directory"`
	SlidingSync     bool     `json:"sliding_sync"`
	IPv6            bool     `json:"ipv6"`
}

// regMethods spell pages.Registration the way the feed does.
var regMethods = map[pages.Registration]string{
	pages.RegInHouseElement:     "In-house Element",
	pages.RegInHouseCinny:       "In-house Cinny",
	pages.RegInHouseSchildiChat: "In-house SchildiChat",
	pages.RegSSO:                "SSO",
	pages.RegForm:               "Form",
	pages.RegMembership:         "Membership",
	pages.RegContact:            "Contact",
	pages.RegDonation:           "Donation",
	pages.RegUnlisted:           "None",
}

// FromServer writes s as the feed would list it. Links that are not https
// are left out, as the live list (unlike the old snapshot) only has https.
func FromServer(s pages.Server) Entry {
	https := func(u string) string {
		if pages.LinkProblem(u) != "" {
			return ""
		}
		return u
	}
	return Entry{
		Name:            s.Name,
		ClientDomain:    s.Domain,
		Website:         https(s.Website),
		ISP:             "Hetzner",
		StaffJur:        s.Jurisdiction,
		Rules:           https(s.TermsURL),
		Privacy:         https(s.PrivacyURL),
		UsingVanillaReg: true,
		Description:     s.Remarks,
		RegMethod:       regMethods[s.Registration],
		RegLink:         https(s.SignupURL),
		Software:        s.Software,
		Version:         s.Version,
		Captcha:         s.Captcha,
		Email:           s.EmailRequired,
		Languages:       []string{"English"},
		Features:        []string{},
		OnlineStatus:    100,
		ServerDomain:    s.Name,
		VerStatus:       "up to date",
		RoomDirectory:   true,
	}
}

// Document is a whole feed: {"public_servers": [...]}. Entries are any so a
// test can put a hostile or broken entry (a map) among good ones.
func Document(entries ...any) []byte {
	if entries == nil {
		entries = []any{} // an empty list, not null
	}
	b, err := json.Marshal(map[string]any{"public_servers": entries})
	if err != nil {
		panic(err)
	}
	return b
}

// Good is a feed of the snapshot's servers that take new users (the live
// list offers only those), each renamed with suffix so a test can tell the
// live rows from the snapshot's ("0wnz.at" becomes "0wnz.at" + suffix in
// the name only; addresses stay real-looking).
func Good(suffix string) []any {
	var out []any
	for _, s := range pages.Servers() {
		if !s.Open {
			continue
		}
		e := FromServer(s)
		e.Name += suffix
		out = append(out, e)
	}
	return out
}
