package live

import (
	"testing"

	"hellomatrix/matrix"
)

// What the "Check" button makes of a server's answers, on hand-made ones:
// the directory's phrase and whether the page can finish the sign-up.
func TestSignupFactsFor(t *testing.T) {
	for _, c := range []struct {
		name   string
		auth   matrix.AuthInfo
		phrase string // "" = the probe could not tell
		inPage bool
	}{
		{"dummy", matrix.AuthInfo{RegistrationOpen: true, RegistrationFlows: [][]string{{"m.login.dummy"}}}, "Sign up here", true},
		{"terms", matrix.AuthInfo{RegistrationOpen: true, RegistrationFlows: [][]string{{"m.login.terms", "m.login.dummy"}}}, "Sign up here", true},
		{"token, unstable name", matrix.AuthInfo{RegistrationOpen: true, RegistrationFlows: [][]string{{"org.matrix.msc3231.login.registration_token"}}}, "Sign up here with an invite token", true},
		{"email and captcha", matrix.AuthInfo{RegistrationOpen: true, RegistrationFlows: [][]string{{"m.login.recaptcha", "m.login.terms", "m.login.email.identity"}}}, "Sign up here with an email and a captcha", true},
		{"cheapest flow wins", matrix.AuthInfo{RegistrationOpen: true, RegistrationFlows: [][]string{
			{"m.login.email.identity"}, {"m.login.recaptcha"}, {"m.login.msisdn"},
		}}, "Sign up here with a captcha", true},
		{"phone only", matrix.AuthInfo{RegistrationOpen: true, RegistrationFlows: [][]string{{"m.login.msisdn"}}}, "On the server's own page", false},
		{"phone only, with sso", matrix.AuthInfo{RegistrationOpen: true, RegistrationFlows: [][]string{{"m.login.msisdn"}}, SSO: true}, "Sign up through single sign-on", true},
		{"closed, with sso", matrix.AuthInfo{RegistrationClosed: true, SSO: true, IdentityProviders: []matrix.IdentityProvider{
			{ID: "oidc-keycloak", Name: "Keycloak"}, {ID: "github"}, {ID: "dup", Name: "Keycloak"},
		}}, "Sign up through Keycloak or github", true},
		{"closed", matrix.AuthInfo{RegistrationClosed: true, PasswordLogin: true}, "Closed", false},
		{"oauth only", matrix.AuthInfo{OAuth: true, OAuthOnly: true}, "On the server's own page", false},
		{"could not tell", matrix.AuthInfo{PasswordLogin: true}, "", false},
	} {
		f, ok := SignupFactsFor(c.auth)
		if !ok {
			if c.phrase != "" {
				t.Errorf("%s: the probe's answer was not read, want %q", c.name, c.phrase)
			}
			continue
		}
		if w := f.Way(); w.Phrase != c.phrase || w.InPage != c.inPage {
			t.Errorf("%s: got %+v, want %q (in page %v)", c.name, w, c.phrase, c.inPage)
		}
		// The verdict carries the same phrase for the directory's row.
		if v := verdictFor(english, &matrix.Server{Name: "example.org", Auth: c.auth}); v.Signup.Phrase != c.phrase {
			t.Errorf("%s: verdict's phrase %q, want %q", c.name, v.Signup.Phrase, c.phrase)
		}
	}
}
