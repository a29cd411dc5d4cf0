package site

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"hellomatrix/internal/dendrite"
	"hellomatrix/internal/sandbox"
)

// startSandbox starts the practice homeserver `serve -sandbox ADDR` offers the
// live client: a persistent Dendrite on loopback with #welcome and a greeter,
// its data in the project cache folder (one folder per port) so accounts
// survive restarts.
func startSandbox(ctx context.Context, addr string) (*sandbox.Sandbox, error) {
	cache, err := dendrite.CacheDir()
	if err != nil {
		return nil, err
	}
	dir, err := sandbox.DataDir(filepath.Join(cache, "sandbox"), addr)
	if err != nil {
		return nil, err
	}
	return sandbox.Start(ctx, sandbox.Options{
		Dir:          dir,
		Addr:         addr,
		RateLimiting: true, // behave like a real server would
	})
}

// noSandboxJSON is the answer when no practice server runs: an empty object
// the picker reads as "none". A 404 would mean the same to the client but
// shows as an error in every browser console.
const noSandboxJSON = "{}\n"

// serveSandboxInfo tells the browser where the practice server is. The
// address is looked up at run time, never prerendered.
func (s *site) serveSandboxInfo(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if s.sandbox == nil {
		io.WriteString(w, noSandboxJSON)
		return
	}
	json.NewEncoder(w).Encode(s.sandbox)
}

func printSandbox(sb *sandbox.Sandbox) {
	fmt.Printf("Practice homeserver (Dendrite) at %s — server name %s, public room %s\n",
		sb.HS.URL, sb.HS.ServerName, sb.WelcomeAlias)
}

// readSandboxInfo loads what sandbox.WriteInfo saved about a practice server
// started by another process.
func readSandboxInfo(path string) (*sandbox.Info, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var info sandbox.Info
	if err := json.Unmarshal(b, &info); err != nil || info.URL == "" || info.ServerName == "" {
		return nil, fmt.Errorf("-sandbox-info %s: not a practice server description (%v)", path, err)
	}
	return &info, nil
}
