package dendrite

import (
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// Options describe one Dendrite instance.
type Options struct {
	// Dir holds its config, keys and databases. Empty means a fresh temporary
	// folder that Stop removes; a named folder persists (the sandbox).
	Dir string
	// Addr is the loopback address to listen on; "" picks a free port on
	// 127.0.0.1. Anything but a loopback address is refused.
	Addr string
	// ServerName is the domain in user IDs; "" means the listen address
	// (host:port), which keeps user IDs discoverable from their domain.
	ServerName string
	// RateLimiting turns Dendrite's client rate limits on (the sandbox) or
	// off (tests, which send bursts on purpose).
	RateLimiting bool
	// RegistrationDisabled closes sign-up, for testing how that is reported.
	RegistrationDisabled bool
	// WellKnownClient is served at /.well-known/matrix/client as base_url;
	// "" means the server's own URL.
	WellKnownClient string
	// SharedSecret enables the shared-secret registration API; "" picks a
	// random one.
	SharedSecret string
	// Fast trades durability for speed: in-memory JetStream and the cheapest
	// bcrypt cost. For tests only.
	Fast bool
}

// configYAML renders Dendrite's config. Each component gets its own SQLite
// file because Dendrite's SQLite backend does not support one shared database.
func configYAML(o Options, dir, url string) ([]byte, error) {
	db := func(name string) map[string]any {
		return map[string]any{"connection_string": "file:" + filepath.Join(dir, "dendrite_"+name+".db")}
	}
	bcrypt := 10
	if o.Fast {
		bcrypt = 4
	}
	wellKnown := o.WellKnownClient
	if wellKnown == "" {
		wellKnown = url
	}
	cfg := map[string]any{
		"version": 2,
		"global": map[string]any{
			"server_name":                    o.ServerName,
			"private_key":                    filepath.Join(dir, "matrix_key.pem"),
			"key_validity_period":            "168h0m0s",
			"well_known_client_name":         wellKnown,
			"disable_federation":             true,
			"trusted_third_party_id_servers": []string{},
			"presence":                       map[string]any{"enable_inbound": false, "enable_outbound": false},
			"report_stats":                   map[string]any{"enabled": false},
			"jetstream": map[string]any{
				"storage_path": filepath.Join(dir, "jetstream"),
				"in_memory":    o.Fast,
				"topic_prefix": "Dendrite",
			},
			"cache": map[string]any{"max_size_estimated": "64mb", "max_age": "1h"},
		},
		"client_api": map[string]any{
			"registration_disabled":       o.RegistrationDisabled,
			"guests_disabled":             true,
			"registration_shared_secret":  o.SharedSecret,
			"enable_registration_captcha": false,
			"rate_limiting": map[string]any{
				"enabled":    o.RateLimiting,
				"threshold":  20,
				"cooloff_ms": 500,
			},
		},
		"federation_api": map[string]any{
			"database":         db("federationapi"),
			"key_perspectives": []any{},
			"send_max_retries": 1,
		},
		"key_server":      map[string]any{"database": db("keyserver")},
		"media_api":       map[string]any{"database": db("mediaapi"), "base_path": filepath.Join(dir, "media"), "max_file_size_bytes": 10485760},
		"mscs":            map[string]any{"database": db("mscs"), "mscs": []string{}},
		"relay_api":       map[string]any{"database": db("relayapi")},
		"room_server":     map[string]any{"database": db("roomserver")},
		"sync_api":        map[string]any{"database": db("syncapi"), "search": map[string]any{"enabled": false}},
		"user_api":        map[string]any{"account_database": db("userapi"), "bcrypt_cost": bcrypt},
		"app_service_api": map[string]any{"config_files": []string{}},
		"tracing":         map[string]any{"enabled": false},
		"logging": []any{
			map[string]any{"type": "std", "level": "warn"},
		},
	}
	return yaml.Marshal(cfg)
}

func writeConfig(o Options, dir, url string) (string, error) {
	b, err := configYAML(o, dir, url)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "dendrite.yaml")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return "", fmt.Errorf("dendrite: writing config: %w", err)
	}
	return path, nil
}
