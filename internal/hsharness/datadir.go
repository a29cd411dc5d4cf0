package hsharness

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
)

// DataDir returns the absolute data folder for a server, created if missing.
// An empty dir makes a temporary folder named prefix+random, and temp reports
// it so the harness removes it on Stop; a given dir (a persistent server)
// is kept.
func DataDir(prefix, dir string) (abs string, temp bool, err error) {
	if dir == "" {
		if dir, err = os.MkdirTemp("", prefix); err != nil {
			return "", false, err
		}
		temp = true
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return "", temp, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return dir, temp, err
	}
	return dir, temp, nil
}

// RandomHex returns n random bytes as hex, for shared secrets and passwords
// nobody types.
func RandomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
