package synapse

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"

	"hellomatrix/internal/hsharness"
)

const signingKeyFile = "signing.key"

// ensureSigningKey writes a server signing key in Synapse's format
// ("ed25519 <key id> <unpadded base64 seed>") unless dir has one: made here
// rather than by `--generate-keys`, which would cost a second Python start.
func ensureSigningKey(dir string) error {
	path := filepath.Join(dir, signingKeyFile)
	if _, err := os.Stat(path); err == nil {
		return nil // a persistent server keeps its key across restarts
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return err
	}
	line := fmt.Sprintf("ed25519 a_%s %s\n", hsharness.RandomHex(2), base64.RawStdEncoding.EncodeToString(seed))
	return os.WriteFile(path, []byte(line), 0o600)
}
