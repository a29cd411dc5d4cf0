package pages

import "strings"

// SignupFacts are what is known about how a server takes new accounts:
// either from the directory's data (Server.SignupFacts) or from asking the
// server itself (app/live, the directory's "Check" button). Way turns them
// into the phrase the directory shows and into whether the guide's live
// client can finish the sign-up inside the page. Both the table and the
// `open_servers_signup_in_page` figure go through Way, so they cannot
// disagree.
type SignupFacts struct {
	// Closed: the server takes no new accounts.
	Closed bool
	// OwnSite: accounts are made somewhere the page cannot reach: a web
	// form on the server's site, an OAuth server the guide cannot use, a
	// membership or a request to the admins.
	OwnSite bool
	// OAuth: accounts are made on the server's own OAuth 2.0 sign-in page,
	// which the page opens and comes back from signed in. Only a server's
	// answer tells this; the directory's data does not.
	OAuth bool
	// SSO: accounts are made by signing in through single sign-on, which the
	// page does with "Continue with <provider>". Providers are their names,
	// when the server said (the directory's data does not).
	SSO       bool
	Providers []string
	// The steps of the server's sign-up the page completes itself; each
	// shows in the phrase, since each asks something of the reader.
	Email   bool // an email address, confirmed by a link
	Token   bool // an invitation (registration) token
	Captcha bool // a captcha, on the server's own fallback page
}

// SignupKind sorts the phrases; it doubles as a data-state value.
type SignupKind string

const (
	SignupHere    SignupKind = "here"     // the page signs the reader up, step by step
	SignupSSO     SignupKind = "sso"      // the page signs up through a provider
	SignupOAuth   SignupKind = "oauth"    // the page signs up on the server's OAuth page
	SignupOwnPage SignupKind = "own-page" // only on the server's own site
	SignupClosed  SignupKind = "closed"   // no new accounts
)

// SignupWay is what the live client can do on a server. The views word it
// from its Kind, steps and providers in the page's language (app's
// signupPhrase); it is comparable, so tools can count servers by way.
type SignupWay struct {
	Kind SignupKind
	// For SignupHere, the steps the page completes itself, each of which
	// the phrase names.
	Email, Token, Captcha bool
	// For SignupSSO, the providers' names, one per line ("" when the
	// server did not say): ProviderNames.
	Providers string
	// Phrase is the English of it, a few plain words for a table cell:
	// "Sign up here with an email", "Sign up through GitHub", "On the
	// server's own page", "Closed". For reports, logs and tests.
	Phrase string
	// InPage: the live client completes the sign-up without the reader
	// leaving the guide for good (a captcha or a provider's page opened
	// from it comes back to it).
	InPage bool
}

// Way is the one rule from facts to phrase. Closed wins over everything,
// then "elsewhere", then single sign-on, then the steps done here.
func (f SignupFacts) Way() SignupWay {
	switch {
	case f.Closed:
		return SignupWay{Kind: SignupClosed, Phrase: "Closed"}
	case f.OwnSite:
		return SignupWay{Kind: SignupOwnPage, Phrase: "On the server's own page"}
	case f.OAuth:
		return SignupWay{Kind: SignupOAuth, Phrase: "Sign up on the server's page, from here", InPage: true}
	case f.SSO:
		names := providerNames(f.Providers)
		return SignupWay{Kind: SignupSSO, Providers: strings.Join(names, "\n"),
			Phrase: "Sign up through " + providerList(names), InPage: true}
	}
	var with []string
	if f.Email {
		with = append(with, "an email")
	}
	if f.Token {
		with = append(with, "an invite token")
	}
	if f.Captcha {
		with = append(with, "a captcha")
	}
	phrase := "Sign up here"
	if len(with) > 0 {
		phrase += " with " + joinWords(with, "and")
	}
	return SignupWay{Kind: SignupHere, Email: f.Email, Token: f.Token, Captcha: f.Captcha, Phrase: phrase, InPage: true}
}

// ProviderNames are the single sign-on providers' names, none when the
// server did not say.
func (w SignupWay) ProviderNames() []string {
	if w.Providers == "" {
		return nil
	}
	return strings.Split(w.Providers, "\n")
}

// providerNames are the names given, trimmed, without empty ones; a name
// is one line.
func providerNames(names []string) []string {
	var clean []string
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if n != "" {
			clean = append(clean, n)
		}
	}
	return clean
}

// providerList names the providers ("GitHub or GitLab"), or says "single
// sign-on" when their names are not known.
func providerList(names []string) string {
	if len(names) == 0 {
		return "single sign-on"
	}
	return joinWords(names, "or")
}

// joinWords joins words as a sentence does: "a", "a and b", "a, b and c".
func joinWords(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// SignupFacts reads the directory's data. The source list records whether
// a server is open, how people join (its Registration method) and whether
// sign-up asks for an email address or a captcha; it says nothing about
// invitation tokens, so Token is never set from it.
func (s Server) SignupFacts() SignupFacts {
	var f SignupFacts
	switch s.Registration {
	case RegSSO:
		f.SSO = true
	case RegForm, RegMembership, RegContact, RegDonation:
		// A form on the server's website, or a person deciding: nothing a
		// Matrix client can do.
		f.OwnSite = true
	default:
		// An in-house web app (Element, Cinny, SchildiChat) signs people up
		// through the server's Matrix sign-up API, which the live client
		// uses too. "Not listed" names no other way, so it is that API as
		// well.
		f.Email = s.EmailRequired
		f.Captcha = s.Captcha
	}
	f.Closed = !s.Open
	return f
}

// SignupWay is the directory's phrase for s, from its data alone.
func (s Server) SignupWay() SignupWay { return s.SignupFacts().Way() }

// SignupInPage counts, among the open servers in all, those whose sign-up
// the live client completes in the page (by Way, from the data). It is the
// `open_servers_signup_in_page: inPage of open` figure.
func SignupInPage(all []Server) (inPage, open int) {
	for _, s := range all {
		if !s.Open {
			continue
		}
		open++
		if s.SignupWay().InPage {
			inPage++
		}
	}
	return inPage, open
}
