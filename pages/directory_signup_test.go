package pages

import "testing"

// The rule on hand-made entries: one per phrase, and the precedence
// between them (closed over everything, own site over single sign-on).
func TestSignupWayRule(t *testing.T) {
	for _, c := range []struct {
		name   string
		facts  SignupFacts
		phrase string
		kind   SignupKind
		inPage bool
	}{
		{"open", SignupFacts{}, "Sign up here", SignupHere, true},
		{"email", SignupFacts{Email: true}, "Sign up here with an email", SignupHere, true},
		{"token", SignupFacts{Token: true}, "Sign up here with an invite token", SignupHere, true},
		{"captcha", SignupFacts{Captcha: true}, "Sign up here with a captcha", SignupHere, true},
		{"all three", SignupFacts{Email: true, Token: true, Captcha: true}, "Sign up here with an email, an invite token and a captcha", SignupHere, true},
		{"sso, names unknown", SignupFacts{SSO: true}, "Sign up through single sign-on", SignupSSO, true},
		{"sso, one provider", SignupFacts{SSO: true, Providers: []string{" GitHub "}}, "Sign up through GitHub", SignupSSO, true},
		{"sso, three providers", SignupFacts{SSO: true, Providers: []string{"GitHub", "", "GitLab", "Apple"}}, "Sign up through GitHub, GitLab or Apple", SignupSSO, true},
		{"own site", SignupFacts{OwnSite: true, Email: true}, "On the server's own page", SignupOwnPage, false},
		{"own site beats sso", SignupFacts{OwnSite: true, SSO: true}, "On the server's own page", SignupOwnPage, false},
		{"closed beats all", SignupFacts{Closed: true, SSO: true, OwnSite: true}, "Closed", SignupClosed, false},
	} {
		got := c.facts.Way()
		if got.Phrase != c.phrase || got.Kind != c.kind || got.InPage != c.inPage {
			t.Errorf("%s: got %+v, want %q (%s, in page %v)", c.name, got, c.phrase, c.kind, c.inPage)
		}
	}
}

// The directory's data, read into facts: each registration method of the
// source list, on hand-made servers.
func TestServerSignupFacts(t *testing.T) {
	for _, c := range []struct {
		server Server
		phrase string
		inPage bool
	}{
		{Server{Open: true, Registration: RegInHouseElement}, "Sign up here", true},
		{Server{Open: true, Registration: RegInHouseCinny, EmailRequired: true, Captcha: true}, "Sign up here with an email and a captcha", true},
		{Server{Open: true, Registration: RegUnlisted, Captcha: true}, "Sign up here with a captcha", true},
		{Server{Open: true, Registration: RegSSO, EmailRequired: true}, "Sign up through single sign-on", true},
		{Server{Open: true, Registration: RegForm}, "On the server's own page", false},
		{Server{Open: true, Registration: RegContact}, "On the server's own page", false},
		{Server{Open: false, Registration: RegInHouseElement}, "Closed", false},
		{Server{Open: false, Registration: RegMembership}, "Closed", false},
	} {
		if got := c.server.SignupWay(); got.Phrase != c.phrase || got.InPage != c.inPage {
			t.Errorf("%+v: got %+v, want %q (in page %v)", c.server, got, c.phrase, c.inPage)
		}
	}
}

// The figure counts open servers only, and only those the rule puts in the
// page.
func TestSignupInPageCounts(t *testing.T) {
	in, open := SignupInPage([]Server{
		{Open: true, Registration: RegInHouseElement, EmailRequired: true},
		{Open: true, Registration: RegSSO},
		{Open: true, Registration: RegForm},
		{Open: false, Registration: RegInHouseElement},
	})
	if in != 2 || open != 3 {
		t.Errorf("got %d of %d, want 2 of 3", in, open)
	}
	// On the real data every open server is counted once, and the ones left
	// out are exactly those the rule says sign up elsewhere.
	all := Servers()
	in, open = SignupInPage(all)
	elsewhere := 0
	for _, s := range all {
		if s.Open && s.SignupWay().Kind == SignupOwnPage {
			elsewhere++
		}
	}
	if open != 68 || in+elsewhere != open {
		t.Errorf("got %d in the page of %d open, %d elsewhere", in, open, elsewhere)
	}
}
