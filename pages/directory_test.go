package pages

import (
	"slices"
	"strings"
	"testing"
)

func TestServersData(t *testing.T) {
	all := Servers()
	if len(all) != 79 {
		t.Fatalf("want the snapshot's 79 servers, got %d", len(all))
	}
	names := map[string]bool{}
	for _, s := range all {
		if s.Name == "" || s.Domain == "" || s.Jurisdiction == "" || s.Software == "" || s.Version == "" {
			t.Errorf("incomplete entry: %+v", s)
		}
		if names[s.Name] {
			t.Errorf("%s listed twice", s.Name)
		}
		names[s.Name] = true
		if !s.Registration.Known() {
			t.Errorf("%s: unknown registration %q", s.Name, s.Registration)
		}
		for _, u := range []string{s.Website, s.TermsURL, s.PrivacyURL, s.SignupURL} {
			if u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
				t.Errorf("%s: %q is not a web address", s.Name, u)
			}
		}
	}
	// Facts chapter 3 quotes from the same snapshot.
	count := func(f ServerFilter) int { return len(FilterServers(all, f)) }
	if n := count(ServerFilter{Open: TriYes}); n != 68 {
		t.Errorf("open servers: %d, chapter 3 says 68", n)
	}
	if n := count(ServerFilter{Registration: RegInHouseElement}); n != 48 {
		t.Errorf("in-house Element: %d, chapter 3 says 48", n)
	}
	if n := count(ServerFilter{Software: "Synapse"}); n != 76 {
		t.Errorf("Synapse: %d, chapter 3 says 76", n)
	}
}

func TestServersIsACopy(t *testing.T) {
	a := Servers()
	a[0].Name = "changed"
	if Servers()[0].Name == "changed" {
		t.Error("Servers shares its slice with callers")
	}
}

func TestRegistrationTexts(t *testing.T) {
	for _, r := range Registrations() {
		if r.Label() == "" || !r.Known() {
			t.Errorf("%q lacks a label", r)
		}
	}
	if RegSSO.Label() != "SSO" || RegInHouseElement.Label() != "In-house Element" {
		t.Error("labels should match the names used in the chapters")
	}
	if Registration("teleport").Known() {
		t.Error("unknown method reported as known")
	}
}

func TestCountries(t *testing.T) {
	for in, want := range map[string][]string{
		"Germany":               {"Germany"},
		"Germany?":              {"Germany"},
		"? (Germany)":           {"Germany"},
		"Switzerland (Germany)": {"Switzerland", "Germany"},
		"Germany/Spain":         {"Germany", "Spain"},
		"New Zealand":           {"New Zealand"},
		"":                      nil,
	} {
		if got := (Server{Jurisdiction: in}).Countries(); !slices.Equal(got, want) {
			t.Errorf("Countries(%q) = %q, want %q", in, got, want)
		}
	}
}

var filterFixture = []Server{
	{Name: "beta.org", Domain: "matrix.beta.org", Jurisdiction: "Germany", Open: true, Captcha: true, EmailRequired: true, Registration: RegInHouseElement, Software: "Synapse", Remarks: "In German"},
	{Name: "Alpha.net", Domain: "alpha.net", Jurisdiction: "France (Germany)", Open: true, Registration: RegSSO, Software: "Conduit"},
	{Name: "gamma.fr", Domain: "gamma.fr", Jurisdiction: "France?", Open: false, EmailRequired: true, Registration: RegMembership, Software: "Synapse", Antifeatures: []string{"Uses Cloudflare"}},
	{Name: "delta.io", Domain: "delta.io", Jurisdiction: "US", Open: true, Captcha: true, Registration: RegInHouseElement, Software: "Synapse"},
}

func TestFilterServers(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    ServerFilter
		want string // names in order
	}{
		{"zero value: all by name", ServerFilter{}, "Alpha.net beta.org delta.io gamma.fr"},
		{"open", ServerFilter{Open: TriYes}, "Alpha.net beta.org delta.io"},
		{"closed", ServerFilter{Open: TriNo}, "gamma.fr"},
		{"captcha", ServerFilter{Captcha: TriYes}, "beta.org delta.io"},
		{"no captcha", ServerFilter{Captcha: TriNo}, "Alpha.net gamma.fr"},
		{"email required", ServerFilter{Email: TriYes}, "beta.org gamma.fr"},
		{"no email", ServerFilter{Email: TriNo}, "Alpha.net delta.io"},
		{"registration", ServerFilter{Registration: RegInHouseElement}, "beta.org delta.io"},
		{"sign up in the guide", ServerFilter{InGuide: TriYes}, "Alpha.net beta.org delta.io"},
		{"not in the guide", ServerFilter{InGuide: TriNo}, "gamma.fr"},
		{"open but not in the guide", ServerFilter{Open: TriYes, InGuide: TriNo}, ""},
		{"software", ServerFilter{Software: "Synapse"}, "beta.org delta.io gamma.fr"},
		{"country, hosting included", ServerFilter{Jurisdiction: "Germany"}, "Alpha.net beta.org"},
		{"country, unsure included", ServerFilter{Jurisdiction: "France"}, "Alpha.net gamma.fr"},
		{"query, case-insensitive", ServerFilter{Query: "GERMAN"}, "Alpha.net beta.org"},
		{"query, all words", ServerFilter{Query: "german remarks-free matrix"}, ""},
		{"query, two words", ServerFilter{Query: "beta german"}, "beta.org"},
		{"query matches labels and antifeatures", ServerFilter{Query: "cloudflare membership"}, "gamma.fr"},
		{"combined", ServerFilter{Open: TriYes, Captcha: TriNo, Software: "Conduit"}, "Alpha.net"},
		{"name desc", ServerFilter{SortBy: SortByName, Desc: true}, "gamma.fr delta.io beta.org Alpha.net"},
		{"unknown sort is by name", ServerFilter{SortBy: "size"}, "Alpha.net beta.org delta.io gamma.fr"},
		{"jurisdiction", ServerFilter{SortBy: SortByJurisdiction}, "Alpha.net gamma.fr beta.org delta.io"},
		{"software, ties by name", ServerFilter{SortBy: SortBySoftware}, "Alpha.net beta.org delta.io gamma.fr"},
		{"software desc, ties still A-Z", ServerFilter{SortBy: SortBySoftware, Desc: true}, "beta.org delta.io gamma.fr Alpha.net"},
		{"registration by label", ServerFilter{SortBy: SortByRegistration}, "beta.org delta.io gamma.fr Alpha.net"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range FilterServers(filterFixture, tc.f) {
				got = append(got, s.Name)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("got %q, want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
	if filterFixture[0].Name != "beta.org" {
		t.Error("FilterServers reordered its input")
	}
}

func TestFilterOptions(t *testing.T) {
	if got := ServerRegistrations(filterFixture); !slices.Equal(got, []Registration{RegInHouseElement, RegSSO, RegMembership}) {
		t.Errorf("registrations: %v", got)
	}
	if got := ServerJurisdictions(filterFixture); !slices.Equal(got, []string{"France", "Germany", "US"}) {
		t.Errorf("jurisdictions: %v", got)
	}
	if got := ServerSoftware(filterFixture); !slices.Equal(got, []string{"Conduit", "Synapse"}) {
		t.Errorf("software: %v", got)
	}
	// On the real data every option must find something.
	all := Servers()
	for _, r := range ServerRegistrations(all) {
		if len(FilterServers(all, ServerFilter{Registration: r})) == 0 {
			t.Errorf("registration %q finds nothing", r)
		}
	}
	for _, j := range ServerJurisdictions(all) {
		if len(FilterServers(all, ServerFilter{Jurisdiction: j})) == 0 {
			t.Errorf("jurisdiction %q finds nothing", j)
		}
	}
	if got := ServerSoftware(all); !slices.Equal(got, []string{"Archon", "Conduit", "mauliasproxy", "Synapse"}) {
		t.Errorf("software on real data: %v", got)
	}
}
