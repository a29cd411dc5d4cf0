package oauthserver

import "net/http"

// Paths follow MAS's router (crates/router/src/endpoints.rs), so a test that
// prints a URL reads like one from a real deployment. Synapse hardcodes two
// of them below its endpoint setting: the discovery document and
// /oauth2/introspect (synapse/api/auth/mas.py).
const (
	pathDiscovery    = "/.well-known/openid-configuration"
	pathASMetadata   = "/.well-known/oauth-authorization-server" // RFC 8414 §3
	pathAuthorize    = "/authorize"
	pathToken        = "/oauth2/token"
	pathRevoke       = "/oauth2/revoke"
	pathRegistration = "/oauth2/registration"
	pathIntrospect   = "/oauth2/introspect"
	pathLogin        = "/login"
	pathRegister     = "/register"
	pathAccount      = "/account/"
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	// CORS on what a browser client calls from another origin (MAS
	// crates/handlers/src/lib.rs); the pages are navigated to, not fetched.
	mux.Handle(pathDiscovery, cors(http.MethodGet, s.metadata))
	mux.Handle(pathASMetadata, cors(http.MethodGet, s.metadata))
	mux.Handle(pathRegistration, cors(http.MethodPost, s.register))
	mux.Handle(pathToken, cors(http.MethodPost, s.token))
	mux.Handle(pathRevoke, cors(http.MethodPost, s.revoke))
	mux.Handle(pathIntrospect, cors(http.MethodPost, s.introspect))
	mux.HandleFunc("GET "+pathAuthorize, s.authorize)
	mux.HandleFunc("GET "+pathLogin, s.loginPage)
	mux.HandleFunc("POST "+pathLogin, s.loginSubmit)
	mux.HandleFunc("GET "+pathRegister, s.signupPage)
	mux.HandleFunc("POST "+pathRegister, s.signupSubmit)
	mux.HandleFunc("GET "+pathAccount, s.account)
	return mux
}
