package synapse

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"gopkg.in/yaml.v3"
)

// configYAML renders homeserver.yaml for one instance listening on addr (a
// loopback host:port). Everything outbound is off: no federation listener,
// an empty federation whitelist, no trusted key servers, no stats, no
// previews, no presence.
func configYAML(o Options, dir, addr string) ([]byte, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, err
	}
	resources := []string{"client"}
	if o.Terms != nil {
		resources = append(resources, "consent")
	}
	bcrypt := 12
	if o.Fast {
		bcrypt = 4
	}
	cfg := map[string]any{
		"server_name":    o.ServerName,
		"public_baseurl": "http://" + addr + "/",
		"report_stats":   false,
		"listeners": []any{map[string]any{
			"port":           port,
			"bind_addresses": []string{host},
			"type":           "http",
			"tls":            false,
			"x_forwarded":    false,
			"resources":      []any{map[string]any{"names": resources, "compress": false}},
		}},
		"database": map[string]any{
			"name": "sqlite3",
			"args": map[string]any{"database": filepath.Join(dir, "homeserver.db")},
		},
		"log_config":                  filepath.Join(dir, "log.yaml"),
		"media_store_path":            filepath.Join(dir, "media"),
		"signing_key_path":            filepath.Join(dir, signingKeyFile),
		"registration_shared_secret":  o.SharedSecret,
		"macaroon_secret_key":         o.SharedSecret + "-macaroon",
		"form_secret":                 o.SharedSecret + "-form",
		"enable_registration":         !o.RegistrationDisabled,
		"registration_requires_token": o.RegistrationRequiresToken,
		// Open sign-up needs this even when a token, captcha or email stage
		// is also configured; it does not remove those stages.
		"enable_registration_without_verification": true,
		"bcrypt_rounds":               bcrypt,
		"trusted_key_servers":         []any{},
		"suppress_key_server_warning": true,
		"federation_domain_whitelist": []any{},
		"url_preview_enabled":         false,
		"enable_metrics":              false,
		"presence":                    map[string]any{"enabled": false},
		"allow_guest_access":          false,
	}
	if o.RoomVersion != "" {
		cfg["default_room_version"] = o.RoomVersion
	}
	if o.RefreshTokenLifetime > 0 {
		cfg["refreshable_access_token_lifetime"] = fmt.Sprintf("%ds", int(o.RefreshTokenLifetime.Seconds()))
	}
	if o.AccessTokenLifetime > 0 {
		cfg["nonrefreshable_access_token_lifetime"] = fmt.Sprintf("%ds", int(o.AccessTokenLifetime.Seconds()))
	}
	if !o.RateLimiting {
		for k, v := range raisedRateLimits() {
			cfg[k] = v
		}
	}
	if t := o.Terms; t != nil {
		cfg["user_consent"] = map[string]any{
			"template_dir":            filepath.Join(dir, "consent"),
			"version":                 t.version(),
			"policy_name":             t.policyName(),
			"require_at_registration": true,
		}
	}
	if e := o.Email; e != nil {
		smtpHost := e.SMTPHost
		if smtpHost == "" {
			smtpHost = "127.0.0.1"
		}
		from := e.NotifFrom
		if from == "" {
			from = "Hello Matrix <noreply@localhost>"
		}
		cfg["email"] = map[string]any{
			"smtp_host":                  smtpHost,
			"smtp_port":                  e.SMTPPort,
			"notif_from":                 from,
			"enable_tls":                 false, // a plain sink on loopback
			"require_transport_security": false,
			"enable_notifs":              false,
		}
		if e.Required {
			cfg["registrations_require_3pid"] = []string{"email"}
		}
	}
	if r := o.Recaptcha; r != nil {
		pub, priv := r.PublicKey, r.PrivateKey
		if pub == "" {
			pub = "test-public-key"
		}
		if priv == "" {
			priv = "test-private-key"
		}
		cfg["enable_registration_captcha"] = true
		cfg["recaptcha_public_key"] = pub
		cfg["recaptcha_private_key"] = priv
		cfg["recaptcha_siteverify_api"] = r.SiteverifyURL
	}
	if len(o.OIDCProviders) > 0 {
		var ps []any
		for _, p := range o.OIDCProviders {
			ps = append(ps, p.config())
		}
		cfg["oidc_providers"] = ps
	}
	if o.MAS != nil {
		if err := masConfig(o, cfg); err != nil {
			return nil, err
		}
	}
	if o.ExtraYAML != "" {
		var extra map[string]any
		if err := yaml.Unmarshal([]byte(o.ExtraYAML), &extra); err != nil {
			return nil, fmt.Errorf("synapse: ExtraYAML: %w", err)
		}
		merge(cfg, extra)
	}
	return yaml.Marshal(cfg)
}

// raisedRateLimits sets every client-facing limit Synapse has (1.163,
// synapse/config/ratelimiting.py) far beyond what a test sends, so sign-up,
// log-in, email validation and message bursts never see a 429 they did not
// ask for.
func raisedRateLimits() map[string]any {
	high := map[string]any{"per_second": 1000, "burst_count": 10000}
	cfg := map[string]any{}
	for _, k := range []string{
		"rc_message", "rc_registration", "rc_registration_token_validity",
		"rc_3pid_validation", "rc_joins_per_room", "rc_key_requests",
		"rc_third_party_invite", "rc_media_create", "rc_delayed_event_mgmt",
		"rc_room_creation", "rc_reports", "rc_user_directory", "rc_profile",
		"rc_admin_redaction",
	} {
		cfg[k] = high
	}
	cfg["rc_login"] = map[string]any{"address": high, "account": high, "failed_attempts": high}
	cfg["rc_joins"] = map[string]any{"local": high, "remote": high}
	cfg["rc_invites"] = map[string]any{"per_room": high, "per_user": high, "per_issuer": high}
	cfg["rc_presence"] = map[string]any{"per_user": high}
	return cfg
}

func (p OIDCProvider) config() map[string]any {
	scopes := p.Scopes
	if len(scopes) == 0 {
		scopes = []string{"openid", "profile"}
	}
	localpart := p.LocalpartTemplate
	if localpart == "" {
		localpart = "{{ user.preferred_username }}"
	}
	c := map[string]any{
		"idp_id":            p.ID,
		"idp_name":          p.Name,
		"issuer":            p.Issuer,
		"client_id":         p.ClientID,
		"client_secret":     p.ClientSecret,
		"scopes":            scopes,
		"skip_verification": p.SkipVerification,
		"discover":          !p.NoDiscovery,
		"user_mapping_provider": map[string]any{
			"config": map[string]any{"localpart_template": localpart},
		},
	}
	for k, v := range map[string]string{
		"authorization_endpoint": p.AuthorizationEndpoint,
		"token_endpoint":         p.TokenEndpoint,
		"userinfo_endpoint":      p.UserinfoEndpoint,
		"jwks_uri":               p.JWKS,
	} {
		if v != "" {
			c[k] = v
		}
	}
	return c
}

func (t *Terms) version() string {
	if t.Version == "" {
		return "1.0"
	}
	return t.Version
}

func (t *Terms) policyName() string {
	if t.PolicyName == "" {
		return "Terms of Service"
	}
	return t.PolicyName
}

// defaultTermsHTML is the policy page Synapse renders at /_matrix/consent;
// the form is what its consent resource expects (u, h, v).
const defaultTermsHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Terms of Service</title></head>
<body><h1>Terms of Service {{ version }}</h1>
<p>This practice server is for tests. Be kind.</p>
{% if not public_version %}{% if has_consented %}<p>You have agreed.</p>{% else %}
<form method="post" action="consent">
<input type="hidden" name="v" value="{{ version }}">
<input type="hidden" name="u" value="{{ user }}">
<input type="hidden" name="h" value="{{ userhmac }}">
<button type="submit">I agree</button>
</form>{% endif %}{% endif %}
</body></html>
`

// logYAML sends Synapse's log to its stderr (synapse.log), at INFO so a failed
// start-up or request can be read there.
const logYAML = `version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(message)s'
handlers:
  console:
    class: logging.StreamHandler
    formatter: precise
loggers:
  synapse.storage.SQL:
    level: WARNING
root:
  level: INFO
  handlers: [console]
disable_existing_loggers: false
`

// writeConfig writes homeserver.yaml and the files it points at (the log
// config, the consent template) into dir and returns the config's path.
func writeConfig(o Options, dir, addr string) (string, error) {
	b, err := configYAML(o, dir, addr)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "log.yaml"), []byte(logYAML), 0o600); err != nil {
		return "", err
	}
	if o.Terms != nil {
		html := o.Terms.HTML
		if html == "" {
			html = defaultTermsHTML
		}
		en := filepath.Join(dir, "consent", "en")
		if err := os.MkdirAll(en, 0o700); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(en, o.Terms.version()+".html"), []byte(html), 0o600); err != nil {
			return "", err
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "media"), 0o700); err != nil {
		return "", err
	}
	path := filepath.Join(dir, configFile)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return "", fmt.Errorf("synapse: writing config: %w", err)
	}
	return path, nil
}

const configFile = "homeserver.yaml"

// merge lays src over dst: maps key by key, anything else replaced.
func merge(dst, src map[string]any) {
	for k, v := range src {
		if sm, ok := v.(map[string]any); ok {
			if dm, ok := dst[k].(map[string]any); ok {
				merge(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
}
