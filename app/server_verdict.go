package main

import "hellomatrix/matrix"

// verdictKind sorts servers by what a reader can do there, which decides
// both the sentence shown and whether the sign-up form is offered.
type verdictKind string

const (
	verdictSignUpHere  verdictKind = "here"    // the guide can create the account itself
	verdictSignUpSteps verdictKind = "steps"   // one step (captcha, email) happens on the server's page
	verdictOwnPage     verdictKind = "oauth"   // the server signs people up on its own site
	verdictClosed      verdictKind = "closed"  // no new accounts
	verdictUnknown     verdictKind = "unknown" // the probe could not tell
)

// serverVerdict is the plain-words summary of a probed server.
type serverVerdict struct {
	Kind     verdictKind
	Headline string
	// Short is the verdict in a few words, for a table cell ("Today: ...").
	Short string
	// Link is the server's own sign-up page, for verdictOwnPage.
	Link string
	// Details are the core's other facts (where it was found, how to sign
	// in), shown in smaller print under the headline.
	Details []string
}

// CanRegister reports whether the sign-up form is worth showing.
func (v serverVerdict) CanRegister() bool {
	return v.Kind == verdictSignUpHere || v.Kind == verdictSignUpSteps || v.Kind == verdictUnknown
}

// verdictFor turns what matrix.Discover found into the verdict. The facts
// are the core's (AuthInfo); only the wording is decided here.
func verdictFor(srv *matrix.Server) serverVerdict {
	a := srv.Auth
	var v serverVerdict
	switch {
	case a.OAuthOnly || (a.OAuth && !a.RegistrationOpen):
		v = serverVerdict{Kind: verdictOwnPage, Link: a.SignupURL, Short: "signs up on its own page",
			Headline: "This server signs you up on its own page (OAuth), not inside this guide."}
	case a.CanRegisterInline && a.RegistrationNeedsToken:
		v = serverVerdict{Kind: verdictSignUpHere, Short: "needs an invitation code",
			Headline: "You can create an account right here, with an invitation code from the server's administrators."}
	case a.CanRegisterInline && a.RegistrationNeedsTerms:
		v = serverVerdict{Kind: verdictSignUpHere, Short: "open, sign up in the guide",
			Headline: "You can create an account right here, after accepting the server's terms."}
	case a.CanRegisterInline:
		v = serverVerdict{Kind: verdictSignUpHere, Short: "open, sign up in the guide",
			Headline: "You can create an account right here."}
	case a.RegistrationNeedsBrowser:
		v = serverVerdict{Kind: verdictSignUpSteps, Short: "open, with a captcha or email step",
			Headline: "This server asks for a captcha or an email check. We'll open its sign-up page for that step, then you come back here to finish."}
	case a.RegistrationClosed:
		v = serverVerdict{Kind: verdictClosed, Short: "closed",
			Headline: "Sign-up is closed here. If you already have an account on it, you can still log in."}
	default:
		v = serverVerdict{Kind: verdictUnknown, Short: "could not tell",
			Headline: "We couldn't tell whether this server takes new accounts. You can still try."}
	}
	// Describe lists "found at", then its own sign-up sentence, then the
	// ways to sign in. The headline above replaces the sign-up sentence.
	for i, s := range srv.Describe() {
		if i != 1 {
			v.Details = append(v.Details, s)
		}
	}
	return v
}
