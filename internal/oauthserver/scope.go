package oauthserver

import (
	"fmt"
	"strings"
)

// The Matrix scopes: the stable ones of the spec's OAuth 2.0 API (v1.15) and
// the MSC2967 ones that matrix-js-sdk still sends. Synapse accepts both
// (synapse/api/auth/mas.py).
const (
	scopeAPI                  = "urn:matrix:client:api:*"
	scopeAPIUnstable          = "urn:matrix:org.matrix.msc2967.client:api:*"
	scopeDevicePrefix         = "urn:matrix:client:device:"
	scopeDevicePrefixUnstable = "urn:matrix:org.matrix.msc2967.client:device:"
)

// minDeviceIDLength is MAS's rule (policies/authorization_grant: a device
// scope's ID must be at least 10 characters long).
const minDeviceIDLength = 10

// checkScope validates an authorization request's scope and returns the one
// device ID it names, or an invalid_scope sentence.
//
//   - It must hold the client API scope (Synapse refuses tokens without it).
//   - It must hold exactly one device scope (MAS), whose ID is 10 to 255
//     characters (MAS; Synapse's upper bound) from RFC 3986's unreserved set,
//     as the Matrix spec asks client-generated device IDs to be.
//   - Other scopes: openid and email pass, as on MAS; urn:synapse:admin:*
//     and anything else is refused (MAS grants admin only by policy, and an
//     unknown scope is RFC 6749 §3.3's invalid_scope).
func checkScope(scope string) (deviceID string, err error) {
	api := false
	var devices []string
	for _, s := range strings.Fields(scope) {
		switch {
		case s == scopeAPI || s == scopeAPIUnstable:
			api = true
		case strings.HasPrefix(s, scopeDevicePrefix):
			devices = append(devices, strings.TrimPrefix(s, scopeDevicePrefix))
		case strings.HasPrefix(s, scopeDevicePrefixUnstable):
			devices = append(devices, strings.TrimPrefix(s, scopeDevicePrefixUnstable))
		case s == "openid" || s == "email":
		default:
			return "", fmt.Errorf("The scope %q is not offered here.", s)
		}
	}
	if !api {
		return "", fmt.Errorf("The scope must include %s, the access to the Matrix client API.", scopeAPI)
	}
	if len(devices) != 1 {
		return "", fmt.Errorf("The scope must name exactly one device (%s<id>); it names %d.", scopeDevicePrefix, len(devices))
	}
	id := devices[0]
	if len(id) < minDeviceIDLength || len(id) > 255 {
		return "", fmt.Errorf("The device ID %q must be 10 to 255 characters long.", id)
	}
	for _, r := range id {
		if !unreserved(r) {
			return "", fmt.Errorf("The device ID %q may only use letters, digits and - . _ ~.", id)
		}
	}
	return id, nil
}

// unreserved is RFC 3986 §2.3's unreserved character set.
func unreserved(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~", r)
}
