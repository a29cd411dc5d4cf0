package live

import (
	"hellomatrix/matrix"
	"hellomatrix/pages"
)

// VerdictKind sorts servers by what a reader can do there, which decides
// both the sentence shown and whether the sign-up form is offered.
type VerdictKind string

const (
	VerdictSignUpHere  VerdictKind = "here"       // the guide can create the account itself
	VerdictSignUpSteps VerdictKind = "steps"      // one step (captcha, email) happens on the server's page
	VerdictOwnPage     VerdictKind = "oauth"      // the server signs people up on its own site
	VerdictOAuth       VerdictKind = "oauth-here" // the server's OAuth page, opened from the guide and back
	VerdictSSO         VerdictKind = "sso"        // sign-up only through another service (single sign-on)
	VerdictClosed      VerdictKind = "closed"     // no new accounts
	VerdictUnknown     VerdictKind = "unknown"    // the probe could not tell
)

// Verdict is the plain-words summary of a probed server: what a reader
// can do there.
type Verdict struct {
	Kind     VerdictKind
	Headline string
	// Short is the verdict in a few words, for a table cell ("Today: ...").
	Short string
	// Link is the server's own sign-up page, for VerdictOwnPage.
	Link string
	// Details are the core's other facts (where it was found, how to sign
	// in), shown in smaller print under the headline.
	Details []string
	// Signup is the directory's phrase for the server as it answered today
	// (see SignupFactsFor); its Phrase is empty when the probe could not tell.
	Signup pages.SignupWay
}

// CanRegister reports whether the sign-up form is worth showing.
func (v Verdict) CanRegister() bool {
	return v.Kind == VerdictSignUpHere || v.Kind == VerdictSignUpSteps || v.Kind == VerdictUnknown
}

// verdictFor turns what matrix.Discover found into the verdict. The facts
// are the core's (AuthInfo); only the wording is decided here.
func verdictFor(srv *matrix.Server) Verdict {
	a := srv.Auth
	var v Verdict
	switch {
	case (a.OAuthOnly || (a.OAuth && !a.RegistrationOpen)) && a.OAuthInPage:
		what := "sign in"
		if a.OAuthSignup {
			what = "create an account or sign in"
		}
		v = Verdict{Kind: VerdictOAuth, Short: "sign up on its page, from the guide",
			Headline: "You can " + what + " from here: the server's own sign-in page opens, then you come back to this chapter signed in."}
	case a.OAuthOnly || (a.OAuth && !a.RegistrationOpen):
		v = Verdict{Kind: VerdictOwnPage, Link: a.SignupURL, Short: "signs up on its own page",
			Headline: "This server signs you up on its own page (OAuth), not inside this guide."}
	case a.CanRegisterInline && a.RegistrationNeedsToken:
		v = Verdict{Kind: VerdictSignUpHere, Short: "needs an invitation code",
			Headline: "You can create an account right here, with an invitation code from the server's administrators."}
	case a.CanRegisterInline && a.RegistrationNeedsEmail:
		v = Verdict{Kind: VerdictSignUpHere, Short: "sign up in the guide with an email",
			Headline: "You can create an account right here with an email address: the server mails you a link to open."}
	case a.CanRegisterInline && a.RegistrationNeedsTerms:
		v = Verdict{Kind: VerdictSignUpHere, Short: "open, sign up in the guide",
			Headline: "You can create an account right here, after accepting the server's terms."}
	case a.CanRegisterInline:
		v = Verdict{Kind: VerdictSignUpHere, Short: "open, sign up in the guide",
			Headline: "You can create an account right here."}
	case a.RegistrationNeedsBrowser:
		v = Verdict{Kind: VerdictSignUpSteps, Short: "open, with a captcha or email step",
			Headline: "This server asks for a captcha or an email check. We'll open its sign-up page for that step, then you come back here to finish."}
	case a.SSO && !a.RegistrationOpen:
		names := ssoNames(srv)
		v = Verdict{Kind: VerdictSSO, Short: "through " + names,
			Headline: "You can create an account here through " + names + ": its sign-in page opens, then you come back to this chapter signed in."}
	case a.RegistrationClosed:
		v = Verdict{Kind: VerdictClosed, Short: "closed",
			Headline: "Sign-up is closed here. If you already have an account on it, you can still log in."}
	default:
		v = Verdict{Kind: VerdictUnknown, Short: "could not tell",
			Headline: "We couldn't tell whether this server takes new accounts. You can still try."}
	}
	if f, ok := SignupFactsFor(a); ok {
		v.Signup = f.Way()
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
