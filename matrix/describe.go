package matrix

import (
	"fmt"
	"strings"
)

// Describe turns what Discover found into short plain sentences for the
// reader, in the order they matter: can I sign up here, how do I sign in.
func (s *Server) Describe() []string {
	var out []string
	where := s.Name
	if s.ViaWellKnown || hostOfURL(s.BaseURL) != s.Name {
		out = append(out, fmt.Sprintf("Found the Matrix server of %s; apps talk to it at %s.", s.Name, s.BaseURL))
	} else {
		out = append(out, fmt.Sprintf("Found a Matrix server at %s.", s.Name))
	}
	a := s.Auth
	switch {
	case a.OAuthOnly:
		msg := fmt.Sprintf("This server (%s) uses its own sign-in page, which this guide cannot show inside a chapter yet.", where)
		if a.SignupURL != "" {
			msg += " You can create an account at " + a.SignupURL + "."
		}
		out = append(out, msg)
	case a.CanRegisterInline && a.RegistrationNeedsToken:
		out = append(out, "You can create an account right here, but you need an invitation code (registration token) from the server's administrators.")
	case a.CanRegisterInline && a.RegistrationNeedsTerms:
		out = append(out, "You can create an account right here after accepting the server's terms.")
	case a.CanRegisterInline:
		out = append(out, "You can create an account right here.")
	case a.RegistrationNeedsBrowser:
		out = append(out, "You can create an account, but one step (such as a captcha or an email check) happens on the server's own web page.")
	case a.RegistrationClosed:
		out = append(out, "This server does not accept new accounts.")
	default:
		out = append(out, "The guide could not find out whether this server accepts new accounts.")
	}
	if a.PasswordLogin {
		out = append(out, "You can sign in with a username and password.")
	}
	if a.SSO && !a.OAuthOnly {
		names := make([]string, 0, len(a.IdentityProviders))
		for _, p := range a.IdentityProviders {
			if p.Name != "" {
				names = append(names, p.Name)
			}
		}
		if len(names) > 0 {
			out = append(out, "It also offers signing in with "+strings.Join(names, ", ")+", on its own web page.")
		} else {
			out = append(out, "It also offers single sign-on through its own web page.")
		}
	}
	return out
}
