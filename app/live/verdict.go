package live

import (
	"strings"

	"hellomatrix/app/words"
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
// are the core's (AuthInfo); only the wording, in w's language, is decided
// here.
func verdictFor(w *words.Words, srv *matrix.Server) Verdict {
	a := srv.Auth
	var v Verdict
	switch {
	case (a.OAuthOnly || (a.OAuth && !a.RegistrationOpen)) && a.OAuthInPage:
		headline := w.Say("verdict.oauth_signin")
		if a.OAuthSignup {
			headline = w.Say("verdict.oauth_signup")
		}
		v = Verdict{Kind: VerdictOAuth, Short: w.Say("verdict.oauth.short"), Headline: headline}
	case a.OAuthOnly || (a.OAuth && !a.RegistrationOpen):
		v = Verdict{Kind: VerdictOwnPage, Link: a.SignupURL, Short: w.Say("verdict.own_page.short"),
			Headline: w.Say("verdict.own_page")}
	case a.CanRegisterInline && a.RegistrationNeedsToken:
		v = Verdict{Kind: VerdictSignUpHere, Short: w.Say("verdict.token.short"),
			Headline: w.Say("verdict.token")}
	case a.CanRegisterInline && a.RegistrationNeedsEmail:
		v = Verdict{Kind: VerdictSignUpHere, Short: w.Say("verdict.email.short"),
			Headline: w.Say("verdict.email")}
	case a.CanRegisterInline && a.RegistrationNeedsTerms:
		v = Verdict{Kind: VerdictSignUpHere, Short: w.Say("verdict.here.short"),
			Headline: w.Say("verdict.terms")}
	case a.CanRegisterInline:
		v = Verdict{Kind: VerdictSignUpHere, Short: w.Say("verdict.here.short"),
			Headline: w.Say("verdict.here")}
	case a.RegistrationNeedsBrowser:
		v = Verdict{Kind: VerdictSignUpSteps, Short: w.Say("verdict.steps.short"),
			Headline: w.Say("verdict.steps")}
	case a.SSO && !a.RegistrationOpen:
		names := ssoNames(w, srv)
		v = Verdict{Kind: VerdictSSO, Short: w.Say("verdict.sso.short", "names", names),
			Headline: w.Say("verdict.sso", "names", names)}
	case a.RegistrationClosed:
		v = Verdict{Kind: VerdictClosed, Short: w.Say("verdict.closed.short"),
			Headline: w.Say("verdict.closed")}
	default:
		v = Verdict{Kind: VerdictUnknown, Short: w.Say("verdict.unknown.short"),
			Headline: w.Say("verdict.unknown")}
	}
	if f, ok := SignupFactsFor(a); ok {
		v.Signup = f.Way()
	}
	v.Details = serverDetails(w, srv)
	return v
}

// serverDetails are the facts under the headline: where the server was
// found, and how one signs in there.
func serverDetails(w *words.Words, srv *matrix.Server) []string {
	var out []string
	if host := hostOf(srv.BaseURL); srv.ViaWellKnown || host != srv.Name {
		out = append(out, w.Say("server.found_via", "server", srv.Name, "address", srv.BaseURL))
	} else {
		out = append(out, w.Say("server.found_at", "server", srv.Name))
	}
	a := srv.Auth
	if a.PasswordLogin {
		out = append(out, w.Say("server.password_login"))
	}
	if a.SSO && !a.OAuthOnly {
		var names []string
		for _, p := range a.IdentityProviders {
			if p.Name != "" {
				names = append(names, p.Name)
			}
		}
		if len(names) > 0 {
			out = append(out, w.Say("server.sso_with", "names", strings.Join(names, ", ")))
		} else {
			out = append(out, w.Say("server.sso"))
		}
	}
	return out
}
