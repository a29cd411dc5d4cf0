package pages

import (
	"slices"
	"strings"
)

// ServersSnapshotDate is when the facts in directory.json were taken. The
// directory shows it, because a server's details go stale quickly.
const ServersSnapshotDate = "2023-12-22"

// ServersSourceHost is the site of the community-kept list of public
// homeservers the facts come from, for the directory's credits.
const ServersSourceHost = "servers.joinmatrix.org"

// JurisdictionUnlisted is a server's Jurisdiction when its entry names
// none; the directory words it in the page's language.
const JurisdictionUnlisted = "Not listed"

// Server is one public homeserver in the directory.
type Server struct {
	Name          string       `json:"name"`   // as listed; usually the server name, as in @you:envs.net
	Domain        string       `json:"domain"` // where its client API is, e.g. matrix.4d2.org
	Website       string       `json:"website,omitempty"`
	Jurisdiction  string       `json:"jurisdiction"` // as listed: "Germany", "Switzerland (Germany)", "France?"
	TermsURL      string       `json:"terms_url,omitempty"`
	PrivacyURL    string       `json:"privacy_url,omitempty"`
	Open          bool         `json:"open"` // accepts new users
	Remarks       string       `json:"remarks,omitempty"`
	Antifeatures  []string     `json:"antifeatures,omitempty"` // e.g. "Uses Cloudflare"
	Registration  Registration `json:"registration"`
	SignupURL     string       `json:"signup_url,omitempty"`
	Software      string       `json:"software"`
	Version       string       `json:"version"`
	Captcha       bool         `json:"captcha"`
	EmailRequired bool         `json:"email_required"`
}

// Countries are the countries named in the server's jurisdiction, for the
// filter. The list writes "staff country (hosting country)" when they differ,
// "A/B" for two, and "?" when unsure; a server counts under each country named.
func (s Server) Countries() []string {
	var out []string
	for _, f := range strings.FieldsFunc(s.Jurisdiction, func(r rune) bool {
		return r == '(' || r == ')' || r == '/' || r == ',' || r == '?'
	}) {
		if c := strings.TrimSpace(f); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// Servers returns the directory, in the order of directory.json (by name). The
// slice is a copy: callers may sort or trim it freely.
func Servers() []Server { return slices.Clone(generatedServers) }
