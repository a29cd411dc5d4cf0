package oidcprovider

import "hellomatrix/internal/synapse"

// ForSynapse is the oidc_providers entry that makes Synapse use p as idp_id
// id (Synapse shows it as "oidc-" + id). The localpart of a new account is
// the preferred_username claim, which is what the reader typed on p's
// sign-in page. Start p before the Synapse: Synapse reads p's discovery
// document at start-up.
func (p *Provider) ForSynapse(id string) synapse.OIDCProvider {
	return synapse.OIDCProvider{
		ID:           id,
		Name:         p.Name,
		Issuer:       p.Issuer,
		ClientID:     p.ClientID,
		ClientSecret: p.ClientSecret,
		Scopes:       []string{"openid", "profile"},
		// An http issuer is allowed only with this; it is on loopback.
		SkipVerification:  true,
		LocalpartTemplate: "{{ user.preferred_username }}",
	}
}
