package synapse

import "time"

// Options describe one Synapse instance: one scenario's configuration. The
// zero value is an open-registration server (m.login.dummy) with raised rate
// limits, federation off and no outbound traffic.
type Options struct {
	// Dir holds its config, signing key, database, media and synapse.log.
	// Empty means a fresh temporary folder that Stop removes; a named folder
	// persists.
	Dir string
	// Addr is the loopback address to listen on; "" picks a free port on
	// 127.0.0.1. Anything but a loopback address is refused.
	Addr string
	// ServerName is the domain in user IDs; "" means the listen address
	// (127.0.0.1:PORT), as with internal/dendrite, which keeps user IDs
	// discoverable from their domain.
	ServerName string
	// SharedSecret is registration_shared_secret, for RegisterUser and the
	// admin API; "" picks a random one.
	SharedSecret string
	// Fast lowers the bcrypt cost of passwords. For tests only.
	Fast bool

	// RegistrationDisabled closes sign-up (enable_registration: false).
	RegistrationDisabled bool
	// RateLimiting keeps Synapse's own default for every rc_* limit, for tests
	// that want real 429s. Otherwise each is raised far beyond what a test
	// sends. ExtraYAML can still set single limits either way.
	RateLimiting bool

	// RegistrationRequiresToken adds m.login.registration_token to every
	// sign-up flow; make tokens with Server.CreateRegistrationToken.
	RegistrationRequiresToken bool
	// Terms, if set, adds m.login.terms to every sign-up flow (user_consent
	// with require_at_registration).
	Terms *Terms
	// Email, if set, lets Synapse send mail through an SMTP server (a sink on
	// loopback) and offers m.login.email.identity.
	Email *Email
	// Recaptcha, if set, adds m.login.recaptcha with the verifier at
	// SiteverifyURL (a loopback double: Google's is not reachable).
	Recaptcha *Recaptcha
	// OIDCProviders adds single sign-on (m.login.sso) through each provider.
	// Synapse loads each provider's metadata at start-up, so a provider with
	// discovery must be answering before Start.
	OIDCProviders []OIDCProvider

	// RefreshTokenLifetime is refreshable_access_token_lifetime: how long an
	// access token lasts when /login or /register asked for a refresh token.
	// 0 keeps Synapse's default (5 minutes).
	RefreshTokenLifetime time.Duration
	// AccessTokenLifetime is nonrefreshable_access_token_lifetime: how long
	// an access token without a refresh token lasts. 0 means for ever.
	AccessTokenLifetime time.Duration

	// MAS, if set, delegates every sign-in to an OAuth 2.0 authorization
	// server (matrix_authentication_service): Synapse's own sign-up and
	// password log-in are switched off, as Synapse demands, and Terms,
	// Recaptcha, OIDCProviders, Email, RegistrationRequiresToken and the token
	// lifetimes cannot be combined with it (Start refuses them).
	MAS *MAS

	// RoomVersion is default_room_version, the version of every room the
	// server creates unless the creator asks for another; "" keeps
	// Synapse's default. "12" gives room IDs without a server name (spec
	// v1.16), which nothing in the client may parse one out of.
	RoomVersion string

	// ExtraYAML is merged over the generated homeserver.yaml last (maps key
	// by key, anything else replaced): the hook for settings without a field.
	ExtraYAML string
}

// Terms is the policy a newcomer accepts at sign-up.
type Terms struct {
	Version    string // "" means "1.0"
	PolicyName string // "" means "Terms of Service"
	// HTML is the policy page, a Jinja2 template served at
	// /_matrix/consent; "" means a short page with an agree button.
	HTML string
}

// Email is where Synapse sends its mail.
type Email struct {
	SMTPHost  string // "" means 127.0.0.1
	SMTPPort  int
	NotifFrom string // "" means "Hello Matrix <noreply@localhost>"
	// Required makes an email address mandatory at sign-up
	// (registrations_require_3pid: [email]).
	Required bool
}

// Recaptcha is the captcha stage's keys and verifier.
type Recaptcha struct {
	PublicKey, PrivateKey string // "" means fixed test keys
	SiteverifyURL         string // recaptcha_siteverify_api
}

// OIDCProvider is one OpenID Connect identity provider for Synapse's SSO.
type OIDCProvider struct {
	ID   string // idp_id, e.g. "test"; Synapse shows it as "oidc-test"
	Name string // idp_name, what the login page shows
	// Issuer is the provider's issuer URL; with Discovery Synapse reads
	// <Issuer>.well-known/openid-configuration at start-up.
	Issuer       string
	ClientID     string
	ClientSecret string
	Scopes       []string // "" means openid, profile
	// SkipVerification allows an http issuer on loopback (testing only).
	SkipVerification bool
	// Without discovery, the endpoints are given here instead.
	NoDiscovery                                                  bool
	AuthorizationEndpoint, TokenEndpoint, UserinfoEndpoint, JWKS string
	// LocalpartTemplate maps the provider's claims to a user name; "" means
	// "{{ user.preferred_username }}".
	LocalpartTemplate string
}

// MAS is the authorization server Synapse delegates to (the Matrix
// Authentication Service or internal/oauthserver, its stand-in).
type MAS struct {
	// Endpoint is its base URL: Synapse reads
	// <Endpoint>/.well-known/openid-configuration and posts to
	// <Endpoint>/oauth2/introspect (synapse/api/auth/mas.py).
	Endpoint string
	// Secret is the shared secret both sides send as a bearer token:
	// Synapse to introspect, the authorization server to call /_synapse/mas/.
	Secret string
}
