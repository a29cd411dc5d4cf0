package live

import (
	"slices"

	"hellomatrix/matrix"
	"hellomatrix/pages"
)

// pageStages are the registration stages the live client completes in the
// page, each with what it asks of the reader (the cheapest flow is the one
// described). Kept as the wire names because the directory judges a
// server by the flows it offers, whatever the core's stage units are
// called: dummy and terms ask nothing but a tick, a token must be got from
// the admins, a captcha opens the server's fallback page and comes back,
// an email waits for a link to be opened.
var pageStages = map[string]int{
	"m.login.dummy":                               0,
	"m.login.terms":                               0,
	"m.login.registration_token":                  2,
	"org.matrix.msc3231.login.registration_token": 2,
	"m.login.recaptcha":                           1,
	"m.login.email.identity":                      3,
}

// SignupFactsFor reads what the probe found about a server into the
// directory's sign-up facts (pages.SignupFacts), so the "Check" button
// updates the row's phrase by the same rule the directory data goes
// through. ok is false when the probe could not tell (neither an offered
// flow nor a refusal, e.g. rate limited): the row then keeps its listed
// phrase.
func SignupFactsFor(a matrix.AuthInfo) (f pages.SignupFacts, ok bool) {
	switch {
	case (a.OAuthOnly || (a.OAuth && !a.RegistrationOpen)) && a.OAuthInPage:
		return pages.SignupFacts{OAuth: true}, true
	case a.OAuthOnly || (a.OAuth && !a.RegistrationOpen):
		// An OAuth server whose sign-in the guide cannot do (no client
		// registration, no PKCE): only its own apps.
		return pages.SignupFacts{OwnSite: true}, true
	case a.RegistrationOpen:
		if flow, ok := cheapestPageFlow(a.RegistrationFlows); ok {
			return pages.SignupFacts{
				Email:   slices.Contains(flow, "m.login.email.identity"),
				Token:   slices.Contains(flow, "m.login.registration_token") || slices.Contains(flow, "org.matrix.msc3231.login.registration_token"),
				Captcha: slices.Contains(flow, "m.login.recaptcha"),
			}, true
		}
		if a.SSO {
			return ssoFacts(a), true
		}
		// Every flow has a step the page does not do (a phone number, an
		// unknown stage): only the server's own apps sign up there.
		return pages.SignupFacts{OwnSite: true}, true
	case a.RegistrationClosed:
		// Synapse makes an account on a first single sign-on login even
		// with its password sign-up switched off (each OIDC provider's own
		// enable_registration, on by default), so SSO still signs people up.
		if a.SSO {
			return ssoFacts(a), true
		}
		return pages.SignupFacts{Closed: true}, true
	}
	return pages.SignupFacts{}, false
}

func ssoFacts(a matrix.AuthInfo) pages.SignupFacts {
	f := pages.SignupFacts{SSO: true}
	for _, p := range a.IdentityProviders {
		name := p.Name
		if name == "" {
			name = p.ID
		}
		if name != "" && !slices.Contains(f.Providers, name) {
			f.Providers = append(f.Providers, name)
		}
	}
	return f
}

// cheapestPageFlow is the offered flow, all of whose stages the page
// completes, that asks least of the reader.
func cheapestPageFlow(flows [][]string) ([]string, bool) {
	best, bestCost := []string(nil), -1
	for _, flow := range flows {
		cost := 0
		for _, s := range flow {
			c, ok := pageStages[s]
			if !ok {
				cost = -1
				break
			}
			cost += c
		}
		if len(flow) > 0 && cost >= 0 && (bestCost < 0 || cost < bestCost) {
			best, bestCost = flow, cost
		}
	}
	return best, bestCost >= 0
}
