package live

import (
	"strings"
	"testing"

	"hellomatrix/matrix"
)

// A server that signs people up only through its providers gets the SSO
// verdict naming them, and no password form; one that also takes
// passwords keeps its own verdict, with the providers offered besides.
func TestSSOVerdictAndChoices(t *testing.T) {
	closed := &matrix.Server{Name: "sso.example", BaseURL: "https://sso.example", Auth: matrix.AuthInfo{
		SSO: true, RegistrationClosed: true, PasswordLogin: true,
		IdentityProviders: []matrix.IdentityProvider{{ID: "oidc-a", Name: "Alpha"}, {ID: "oidc-b"}, {ID: "oidc-c", Name: "Gamma"}},
	}}
	m := New()
	s := newServer(english, closed)
	if s.Verdict.Kind != VerdictSSO || s.Verdict.CanRegister() || s.Verdict.Short != "through Alpha, oidc-b or Gamma" ||
		!strings.Contains(s.Verdict.Headline, "through Alpha, oidc-b or Gamma") {
		t.Fatalf("verdict %+v", s.Verdict)
	}
	got := m.SSOProviders(s)
	if len(got) != 3 || got[0] != (SSOProvider{"oidc-a", "Alpha"}) || got[1] != (SSOProvider{"oidc-b", "oidc-b"}) {
		t.Fatalf("providers %+v", got)
	}

	open := &matrix.Server{Name: "both.example", BaseURL: "https://both.example", Auth: matrix.AuthInfo{
		SSO: true, RegistrationOpen: true, CanRegisterInline: true, PasswordLogin: true,
	}}
	s = newServer(english, open)
	if s.Verdict.Kind != VerdictSignUpHere {
		t.Fatalf("verdict %+v", s.Verdict)
	}
	if got := m.SSOProviders(s); len(got) != 1 || got[0].ID != "" || got[0].Name == "" {
		t.Fatalf("unnamed SSO: %+v", got)
	}

	none := newServer(english, &matrix.Server{Name: "pw.example", Auth: matrix.AuthInfo{PasswordLogin: true, RegistrationOpen: true, CanRegisterInline: true}})
	if got := m.SSOProviders(none); len(got) != 0 {
		t.Fatalf("no SSO but %+v", got)
	}
	var nobody *Server
	if got := m.SSOProviders(nobody); got != nil {
		t.Fatalf("no server but %+v", got)
	}
}

// Without storage nothing survives the trip to the provider, so it is not
// started; outside a browser there is no page to come back to.
func TestStartSSORefuses(t *testing.T) {
	srv := newServer(english, &matrix.Server{Name: "sso.example", BaseURL: "https://sso.example", Auth: matrix.AuthInfo{SSO: true}})
	v := View{Server: srv, ServerInput: "sso.example"}
	m := New()

	m.storage = memoryStorage("This browser keeps nothing.")
	if _, err := m.StartSSO(v, SSOProvider{ID: "x", Name: "X"}); matrix.KindOf(err) != matrix.KindStorage {
		t.Fatalf("without storage: %v", err)
	}
	m.storage = memoryStorage("")
	if _, err := m.StartSSO(v, SSOProvider{ID: "x", Name: "X"}); err == nil || !strings.Contains(m.Message(err), "browser") {
		t.Fatalf("outside a browser: %v", err)
	}
	if _, ok, _ := m.storage.kv.Get(ssoKey); ok {
		t.Fatal("a trip was noted though none started")
	}
}
