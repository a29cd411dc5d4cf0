package synapse

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// masConfig adds matrix_authentication_service to cfg and switches off what
// Synapse 1.163 refuses beside it (synapse/config/mas.py,
// MasConfig.check_config_conflicts): registration, password log-in, user
// consent, SSO, captcha, refresh and access token lifetimes. Options that
// would need one of those are refused here with a sentence, rather than by
// Synapse's ConfigError deep in synapse.log.
func masConfig(o Options, cfg map[string]any) error {
	m := o.MAS
	if m.Endpoint == "" || m.Secret == "" {
		return errors.New("synapse: MAS needs both Endpoint (the authorization server's URL) and Secret")
	}
	var clash []string
	for name, set := range map[string]bool{
		"Terms":                     o.Terms != nil,
		"Recaptcha":                 o.Recaptcha != nil,
		"OIDCProviders":             len(o.OIDCProviders) > 0,
		"Email":                     o.Email != nil,
		"RegistrationRequiresToken": o.RegistrationRequiresToken,
		"RefreshTokenLifetime":      o.RefreshTokenLifetime > 0,
		"AccessTokenLifetime":       o.AccessTokenLifetime > 0,
	} {
		if set {
			clash = append(clash, name)
		}
	}
	if len(clash) > 0 {
		slices.Sort(clash)
		return fmt.Errorf("synapse: MAS cannot be combined with %s: with an authorization server, sign-up, its stages and token lifetimes belong to that server; leave them unset", strings.Join(clash, ", "))
	}
	cfg["matrix_authentication_service"] = map[string]any{
		"enabled":  true,
		"endpoint": m.Endpoint,
		"secret":   m.Secret,
	}
	cfg["enable_registration"] = false
	cfg["password_config"] = map[string]any{"enabled": false}
	delete(cfg, "registration_requires_token")
	return nil
}
