//go:build !js

package matrix

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"hellomatrix/internal/recaptchadouble"
	"hellomatrix/internal/synapse"
)

// The sign-up stages a real Synapse asks for: terms, registration tokens,
// captcha through its own fallback page, a phone check the guide cannot
// do, and a server that leaves accounts
// to an OAuth 2.0 service. Synapse only: Dendrite 0.15 offers no stage but
// m.login.dummy (and no OAuth), so these cannot happen there. Each scenario
// is its own Synapse, started in parallel with the others.

// TestSignupTermsAndToken: a server wanting both its terms accepted and an
// invitation code. Discovery says so, Register stops at each step, a wrong
// or used-up code gets its sentence, and the right one creates the account.
func TestSignupTermsAndToken(t *testing.T) {
	t.Parallel()
	srv := startSynapse(t, synapse.Options{Terms: &synapse.Terms{PolicyName: "House rules"}, RegistrationRequiresToken: true})
	ctx := authCtx(t)
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	a := hs.Auth
	if !a.RegistrationOpen || !a.CanRegisterInline || !a.RegistrationNeedsToken || !a.RegistrationNeedsTerms || len(a.Terms) != 1 {
		t.Fatalf("auth = %+v, want inline sign-up with terms and a token", a)
	}
	pol := a.Terms[0].In("en")
	if pol.Name != "House rules" || !strings.HasPrefix(pol.URL, srv.URL+"/_matrix/consent") {
		t.Fatalf("policy = %+v, want Synapse's consent page named House rules", pol)
	}
	code, err := srv.syn.CreateRegistrationToken(ctx, synapse.RegistrationToken{UsesAllowed: 1})
	if err != nil {
		t.Fatal(err)
	}

	name := uniqueName("terms")
	reg, err := Register(ctx, hs, RegisterRequest{Username: name, Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	// Synapse puts the terms after the token in every flow; either way each
	// step comes back to the reader once.
	steps := map[Step]int{}
	for reg.Step != StepDone {
		steps[reg.Step]++
		switch reg.Step {
		case StepAcceptTerms:
			if len(reg.Terms) != 1 || reg.Terms[0].In().Name != "House rules" {
				t.Fatalf("terms step lists %+v", reg.Terms)
			}
			reg, err = ResumeRegistration(ctx, reg, RegisterRequest{AcceptTerms: true})
		case StepToken:
			_, err = ResumeRegistration(ctx, reg, RegisterRequest{RegistrationToken: "not-the-code"})
			assertKind(t, err, KindBadRegistrationToken)
			// The same pending sign-up goes on with the right code.
			reg, err = ResumeRegistration(ctx, reg, RegisterRequest{RegistrationToken: " " + code + " "})
		default:
			t.Fatalf("unexpected step %+v", reg)
		}
		if err != nil {
			t.Fatalf("after %v: %v", steps, err)
		}
	}
	if steps[StepAcceptTerms] != 1 || steps[StepToken] != 1 {
		t.Errorf("steps = %v, want terms once and the code once", steps)
	}
	if who, err := testClient(t, *reg.Session).WhoAmI(ctx); err != nil || !strings.HasPrefix(string(who.UserID), "@"+name+":") {
		t.Fatalf("WhoAmI = %+v, %v", who, err)
	}

	// The code was for one use only: the next newcomer is told.
	_, err = Register(ctx, hs, RegisterRequest{Username: uniqueName("late"), Password: authPassword, AcceptTerms: true, RegistrationToken: code})
	assertKind(t, err, KindBadRegistrationToken)
	// Given up front, a fresh code and the tick need no extra step.
	fresh, err := srv.syn.CreateRegistrationToken(ctx, synapse.RegistrationToken{})
	if err != nil {
		t.Fatal(err)
	}
	reg, err = Register(ctx, hs, RegisterRequest{Username: uniqueName("early"), Password: authPassword, AcceptTerms: true, RegistrationToken: fresh})
	if err != nil || reg.Step != StepDone {
		t.Fatalf("Register with everything up front = %+v, %v", reg, err)
	}
}

// TestSignupPhoneOnly: a server that wants a phone number checked at
// sign-up, which the guide cannot do (Synapse has no fallback page for
// m.login.msisdn, and the text message goes through an identity server).
// Register stops before anything is sent and says so in words. Synapse
// offers the stage once a delegate for phone checks is named; the address
// here (loopback, nothing listening) is never called, since nothing asks
// for a text message.
func TestSignupPhoneOnly(t *testing.T) {
	t.Parallel()
	srv := startSynapse(t, synapse.Options{ExtraYAML: "registrations_require_3pid: [msisdn]\n" +
		"account_threepid_delegates: {msisdn: 'http://127.0.0.1:9/'}\n"})
	ctx := authCtx(t)
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	if hs.Auth.CanRegisterInline {
		t.Errorf("auth = %+v; a phone check cannot be done in the guide", hs.Auth)
	}
	_, err = Register(ctx, hs, RegisterRequest{Username: uniqueName("phone"), Password: authPassword})
	e := assertKind(t, err, KindUnsupportedStage)
	assertReason(t, e, ReasonPhoneStage)
	if !slices.Contains(e.Stages, StageMSISDN) {
		t.Errorf("stages %q, want the phone check among them", e.Stages)
	}
}

// TestSignupCaptchaFallback: Synapse's captcha stage, done on its own
// fallback page. The captcha widget needs Google, which is not reachable
// here, so the test submits the page's form the way the widget would, and
// Synapse checks the answer with siteverify, internal/recaptchadouble (a
// stand-in for Google's verifier, which is not reachable from here).
func TestSignupCaptchaFallback(t *testing.T) {
	t.Parallel()
	verifier, err := recaptchadouble.Start("captcha-secret")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { verifier.Stop() })
	srv := startSynapse(t, synapse.Options{Recaptcha: &synapse.Recaptcha{PrivateKey: verifier.Secret, SiteverifyURL: verifier.URL}})
	ctx := authCtx(t)
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	if a := hs.Auth; !a.RegistrationOpen || a.CanRegisterInline || !a.RegistrationNeedsBrowser {
		t.Fatalf("auth = %+v, want sign-up through the server's page", a)
	}

	reg, err := Register(ctx, hs, RegisterRequest{Username: uniqueName("captcha"), Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Step != StepBrowser || reg.Stage != "m.login.recaptcha" || !strings.HasPrefix(reg.FallbackURL, srv.URL+"/_matrix/client/v3/auth/m.login.recaptcha/fallback/web?session=") {
		t.Fatalf("got %+v, want the captcha page", reg)
	}
	if reg.NotDoneYet {
		t.Errorf("the first time, the step cannot be not done yet: %+v", reg)
	}

	// Continuing before the page is done: the same step, saying so.
	again, err := ResumeRegistration(ctx, reg, RegisterRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Step != StepBrowser || again.FallbackURL != reg.FallbackURL || !again.NotDoneYet {
		t.Fatalf("got %+v", again)
	}

	// The reader opens the page and solves the captcha: its form posts the
	// widget's answer back to the same address.
	page, err := http.Get(reg.FallbackURL)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if page.StatusCode != 200 || !strings.Contains(string(html), "g-recaptcha") {
		t.Fatalf("fallback page: %s\n%s", page.Status, html)
	}
	u, _ := url.Parse(reg.FallbackURL)
	res, err := http.PostForm(reg.FallbackURL, url.Values{"session": {u.Query().Get("session")}, "g-recaptcha-response": {verifier.Solve()}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if verified, refused := verifier.Counts(); res.StatusCode != 200 || verified != 1 || refused != 0 {
		t.Fatalf("submitting the captcha: %s, verifier accepted %d and refused %d", res.Status, verified, refused)
	}

	done, err := ResumeRegistration(ctx, again, RegisterRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if done.Step != StepDone || done.Session == nil {
		t.Fatalf("got %+v", done)
	}
}

// TestOAuthOnlyServer: Synapse delegating accounts to an OAuth 2.0 service
// (matrix_authentication_service): no password sign-in, no sign-up of its
// own, and auth_metadata naming the service. Synapse builds that metadata
// from the service's discovery document, served here by a STAND-IN for
// the Matrix Authentication Service that answers only that document (its
// issuer, endpoints and account page, as MAS publishes them): nothing else
// of the service is asked for in this test.
func TestOAuthOnlyServer(t *testing.T) {
	t.Parallel()
	var issuer string
	mas := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/.well-known/openid-configuration" {
			http.NotFound(w, r)
			return
		}
		writeJSON(w, 200, map[string]any{
			"issuer":                                issuer,
			"authorization_endpoint":                issuer + "authorize",
			"token_endpoint":                        issuer + "oauth2/token",
			"registration_endpoint":                 issuer + "oauth2/registration",
			"revocation_endpoint":                   issuer + "oauth2/revoke",
			"introspection_endpoint":                issuer + "oauth2/introspect",
			"jwks_uri":                              issuer + "oauth2/keys.json",
			"account_management_uri":                issuer + "account/",
			"response_types_supported":              []string{"code"},
			"grant_types_supported":                 []string{"authorization_code", "refresh_token"},
			"response_modes_supported":              []string{"query", "fragment"},
			"code_challenge_methods_supported":      []string{"S256"},
			"prompt_values_supported":               []string{"create"},
			"token_endpoint_auth_methods_supported": []string{"none"},
		})
	}))
	t.Cleanup(mas.Close)
	issuer = mas.URL + "/"
	srv := startSynapse(t, synapse.Options{
		RegistrationDisabled: true,
		ExtraYAML: "password_config: {enabled: false}\n" +
			"matrix_authentication_service: {enabled: true, endpoint: '" + mas.URL + "/', secret: stand-in-shared-secret}\n",
	})

	ctx := authCtx(t)
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	a := hs.Auth
	if !a.OAuth || !a.OAuthOnly || a.OAuthIssuer != issuer || a.SignupURL != issuer+"account/" || a.PasswordLogin {
		t.Fatalf("auth = %+v", a)
	}
	_, err = Register(ctx, hs, RegisterRequest{Username: "alice", Password: authPassword})
	e := assertKind(t, err, KindOAuthOnly)
	var o *OAuthRequired
	if !errors.As(e, &o) || o.Issuer != issuer || o.SignupURL != issuer+"account/" {
		t.Fatalf("OAuthRequired = %+v", o)
	}
	// The guide can sign in there itself (registration, PKCE S256, the
	// query answer are all advertised): the sentence points at its button.
	if !a.OAuthInPage || e.Reason != ReasonOAuthSignupHere || e.Address != strings.TrimPrefix(mas.URL, "http://") || e.Server != hs.Name {
		t.Errorf("%v does not point at the sign-up button (in page: %v)", e, a.OAuthInPage)
	}
	_, err = Login(ctx, hs, LoginRequest{User: "alice", Password: authPassword})
	assertKind(t, err, KindOAuthOnly)
}
