package pages

import (
	"cmp"
	"slices"
	"strings"
)

// Tri is a yes/no filter that can also be switched off. Its values double as
// <select> option values.
type Tri string

const (
	TriAny Tri = ""    // do not filter
	TriYes Tri = "yes" // only servers where the property holds
	TriNo  Tri = "no"  // only servers where it does not
)

func (t Tri) allows(b bool) bool {
	switch t {
	case TriYes:
		return b
	case TriNo:
		return !b
	}
	return true
}

// Sort keys for ServerFilter.SortBy.
const (
	SortByName         = "name"
	SortByJurisdiction = "jurisdiction"
	SortBySoftware     = "software"
	SortByRegistration = "registration"
)

// ServerFilter is the state of the directory's controls. The zero value shows
// every server sorted by name.
type ServerFilter struct {
	Query        string       // words that must all appear (name, domain, remarks, ...)
	Registration Registration // "" = any
	Open         Tri          // TriYes: accepting new users
	Captcha      Tri          // TriYes: asks for a captcha
	Email        Tri          // TriYes: requires an e-mail address
	InGuide      Tri          // TriYes: the live client signs up there in the page (SignupWay.InPage)
	Jurisdiction string       // a country from ServerJurisdictions; "" = any
	Software     string       // "" = any
	SortBy       string       // a SortBy* constant; "" or unknown = by name
	Desc         bool         // reverse the sort (ties stay by name, A to Z)
}

// FilterServers returns the servers that pass f, sorted as f asks. It does
// not modify all.
func FilterServers(all []Server, f ServerFilter) []Server {
	terms := queryTerms(f.Query)
	var out []Server
	for _, s := range all {
		if f.Registration != "" && s.Registration != f.Registration ||
			!f.Open.allows(s.Open) || !f.Captcha.allows(s.Captcha) || !f.Email.allows(s.EmailRequired) ||
			!f.InGuide.allows(s.SignupWay().InPage) ||
			f.Jurisdiction != "" && !slices.Contains(s.Countries(), f.Jurisdiction) ||
			f.Software != "" && s.Software != f.Software ||
			!matchesAll(serverHaystack(s), terms) {
			continue
		}
		out = append(out, s)
	}
	key := sortKey(f.SortBy)
	slices.SortStableFunc(out, func(a, b Server) int {
		c := cmp.Compare(key(a), key(b))
		if f.Desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out
}

func sortKey(by string) func(Server) string {
	switch by {
	case SortByJurisdiction:
		return func(s Server) string { return strings.ToLower(s.Jurisdiction) }
	case SortBySoftware:
		return func(s Server) string { return strings.ToLower(s.Software) }
	case SortByRegistration:
		return func(s Server) string { return strings.ToLower(s.Registration.Label()) }
	}
	return func(s Server) string { return strings.ToLower(s.Name) }
}

// serverHaystack is everything the free-text query looks at, folded like the
// chapter search so both boxes behave the same.
func serverHaystack(s Server) string {
	return fold(strings.Join(append([]string{
		s.Name, s.Domain, s.Website, s.Jurisdiction, s.Remarks,
		s.Registration.Label(), s.Software,
	}, s.Antifeatures...), "\n"))
}

func matchesAll(haystack string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(haystack, t) {
			return false
		}
	}
	return true
}

// ServerRegistrations lists the methods used by at least one of the servers,
// in Registrations order, for the filter's options.
func ServerRegistrations(all []Server) []Registration {
	var out []Registration
	for _, r := range Registrations() {
		if slices.ContainsFunc(all, func(s Server) bool { return s.Registration == r }) {
			out = append(out, r)
		}
	}
	return out
}

// ServerJurisdictions lists the countries the servers are under (see
// Server.Countries), A to Z.
func ServerJurisdictions(all []Server) []string {
	var out []string
	for _, s := range all {
		out = append(out, s.Countries()...)
	}
	return sortedUnique(out)
}

// ServerSoftware lists the server programs in use, A to Z.
func ServerSoftware(all []Server) []string {
	var out []string
	for _, s := range all {
		out = append(out, s.Software)
	}
	return sortedUnique(out)
}

func sortedUnique(v []string) []string {
	slices.SortFunc(v, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a), strings.ToLower(b)), cmp.Compare(a, b))
	})
	return slices.Compact(v)
}
