package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/dendrite"
	"hellomatrix/matrix"
)

// WelcomeAliasLocalpart is the local part of the welcome room's alias.
const WelcomeAliasLocalpart = "welcome"

// Options describe a sandbox.
type Options struct {
	Dir  string // persistent data; survives restarts
	Addr string // loopback host:port for the homeserver
	// RateLimiting is on for a reader's sandbox (it behaves like a real
	// server) and may be off in tests.
	RateLimiting bool
	// Fast: in-memory queues and cheap password hashing, for tests.
	Fast bool
}

// Sandbox is a running practice homeserver with its greeter.
type Sandbox struct {
	HS           *dendrite.Server
	WelcomeAlias string    // "#welcome:localhost:8008"
	WelcomeRoom  id.RoomID // the room behind the alias
	Greeter      id.UserID

	stopGreeter context.CancelFunc
	greeterDone chan struct{}
}

// Info is what the guide's browser side needs to offer the sandbox as the
// first server choice. None of it is secret.
type Info struct {
	URL          string `json:"url"`
	ServerName   string `json:"server_name"`
	WelcomeAlias string `json:"welcome_alias"`
}

// Info describes the sandbox for the browser.
func (s *Sandbox) Info() Info {
	return Info{URL: s.HS.URL, ServerName: s.HS.ServerName, WelcomeAlias: s.WelcomeAlias}
}

// Start starts (or restarts) the sandbox in o.Dir.
func Start(ctx context.Context, o Options) (*Sandbox, error) {
	if o.Dir == "" || o.Addr == "" {
		return nil, fmt.Errorf("sandbox: Dir and Addr are required")
	}
	_, port, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return nil, fmt.Errorf("sandbox: address %q: %w", o.Addr, err)
	}
	secret, err := persistentSecret(filepath.Join(o.Dir, "shared-secret"))
	if err != nil {
		return nil, err
	}
	hs, err := dendrite.Start(ctx, dendrite.Options{
		Dir:  filepath.Join(o.Dir, "dendrite"),
		Addr: o.Addr,
		// "localhost:PORT" reads better in a beginner's user ID than an IP,
		// and is still discoverable from the ID (loopback may use http).
		ServerName:   "localhost:" + port,
		RateLimiting: o.RateLimiting,
		SharedSecret: secret,
		Fast:         o.Fast,
	})
	if err != nil {
		return nil, err
	}
	s := &Sandbox{HS: hs, WelcomeAlias: "#" + WelcomeAliasLocalpart + ":" + hs.ServerName}
	greeter, err := greeterClient(ctx, hs, filepath.Join(o.Dir, "greeter"))
	if err != nil {
		hs.Stop()
		return nil, err
	}
	s.Greeter = greeter.Session().UserID
	if s.WelcomeRoom, err = ensureWelcomeRoom(ctx, greeter, s.WelcomeAlias); err != nil {
		hs.Stop()
		return nil, err
	}
	g, err := newGreeter(greeter, s.WelcomeRoom, filepath.Join(o.Dir, "greeter"))
	if err != nil {
		hs.Stop()
		return nil, err
	}
	gctx, cancel := context.WithCancel(context.Background())
	s.stopGreeter, s.greeterDone = cancel, make(chan struct{})
	go func() { defer close(s.greeterDone); g.run(gctx) }()
	return s, nil
}

// Stop ends the greeter, then the homeserver.
func (s *Sandbox) Stop() error {
	if s.stopGreeter != nil {
		s.stopGreeter()
		<-s.greeterDone
	}
	return s.HS.Stop()
}

// greeterClient signs the greeter in from its stored session, or creates the
// account the first time through the shared-secret API.
func greeterClient(ctx context.Context, hs *dendrite.Server, dir string) (*matrix.Client, error) {
	store, err := matrix.NewFileSessionStore(dir)
	if err != nil {
		return nil, err
	}
	c, err := matrix.Restore(ctx, store)
	if err == nil && c != nil {
		return c, nil
	}
	password := randomSecret()
	uid, token, device, err := hs.RegisterUser(ctx, "greeter", password, false)
	if err != nil {
		return nil, fmt.Errorf("sandbox: creating the greeter account: %w", err)
	}
	sess := matrix.Session{HomeserverURL: hs.URL, UserID: id.UserID(uid), DeviceID: id.DeviceID(device), AccessToken: token}
	if err := store.Save(sess); err != nil {
		return nil, err
	}
	c, err = matrix.NewClient(sess)
	if err != nil {
		return nil, err
	}
	c.API().SetDisplayName(ctx, "Hello Matrix greeter")
	return c, nil
}

// ensureWelcomeRoom finds #welcome, creating it (public, published) the first
// time.
func ensureWelcomeRoom(ctx context.Context, c *matrix.Client, alias string) (id.RoomID, error) {
	if roomID, err := c.JoinRoom(ctx, alias); err == nil {
		return roomID, nil
	} else if matrix.KindOf(err) != matrix.KindRoomNotFound {
		return "", fmt.Errorf("sandbox: looking up %s: %w", alias, err)
	}
	roomID, err := c.CreatePublicRoom(ctx, "Welcome to Matrix", WelcomeAliasLocalpart)
	if err != nil {
		return "", fmt.Errorf("sandbox: creating %s: %w", alias, err)
	}
	return roomID, nil
}

// persistentSecret returns the sandbox's shared registration secret, made once
// and kept so the greeter account can be recreated after its data is lost.
func persistentSecret(path string) (string, error) {
	if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
		return string(b), nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	secret := randomSecret()
	return secret, os.WriteFile(path, []byte(secret), 0o600)
}

// WriteInfo stores Info as JSON, for tools that want to find the sandbox.
func (s *Sandbox) WriteInfo(path string) error {
	b, _ := json.MarshalIndent(s.Info(), "", "  ")
	return os.WriteFile(path, b, 0o644)
}
