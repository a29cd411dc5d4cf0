package browsertest

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
	"hellomatrix/matrix"
)

// The browser tests' real Synapse servers. One open-registration server
// (m.login.dummy) is shared by every test that needs nothing more, since
// each test uses its own user names; a scenario with its own configuration
// (terms, registration tokens) gets a dedicated server from startSynapse.

var shared struct {
	once sync.Once
	srv  *synapse.Server
	err  error
}

// sharedSynapse returns the package's open-registration Synapse, starting it
// on first use; TestMain stops it (stopSharedSynapse).
func sharedSynapse(t *testing.T) *synapse.Server {
	t.Helper()
	shared.once.Do(func() {
		// A cold install (make synapse) takes a minute or two; a start
		// from the template database takes seconds.
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
		defer cancel()
		shared.srv, shared.err = synapse.Start(ctx, synapse.Options{Fast: true})
	})
	if shared.err != nil {
		t.Fatalf("starting Synapse (make synapse installs it; it needs python3 with venv and pip): %v", shared.err)
	}
	return shared.srv
}

// stopSharedSynapse ends the shared server, if a test started it.
func stopSharedSynapse() {
	if shared.srv != nil {
		shared.srv.Stop()
	}
}

// startSynapse runs a Synapse with one scenario's options for one test.
func startSynapse(t *testing.T, o synapse.Options) *synapse.Server {
	t.Helper()
	start := time.Now()
	s := synapsetest.Start(t, o)
	t.Logf("Synapse %s up in %s", s.URL, time.Since(start).Round(time.Millisecond))
	return s
}

// synapseUser creates an account through the shared-secret admin API and
// returns its user ID.
func synapseUser(t *testing.T, s *synapse.Server, name, password string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	uid, _, _, err := s.RegisterUser(ctx, name, password, false)
	if err != nil {
		t.Fatalf("creating %s on Synapse: %v", name, err)
	}
	return uid
}

// synapseRoom makes a public room #local:server on s, created by a host
// account of its own (through the client core, as the practice server's
// #welcome is), and returns its address and ID. A reader joins it by
// typing the address, as on any public server.
func synapseRoom(t *testing.T, s *synapse.Server, local string) (string, id.RoomID) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	uid, token, device, err := s.RegisterUser(ctx, uniqueName("host"), uniqueName("host password "), false)
	if err != nil {
		t.Fatalf("creating the room's host on Synapse: %v", err)
	}
	c, err := matrix.NewClient(matrix.Session{HomeserverURL: s.URL, UserID: id.UserID(uid), DeviceID: id.DeviceID(device), AccessToken: token})
	if err != nil {
		t.Fatal(err)
	}
	roomID, err := c.CreatePublicRoom(ctx, "Welcome to Matrix", local)
	if err != nil {
		t.Fatalf("creating #%s on Synapse: %v", local, err)
	}
	return "#" + local + ":" + s.ServerName, roomID
}

// hostPort is what a reader types into the picker for a loopback server:
// its address without the scheme.
func hostPort(url string) string {
	return strings.TrimPrefix(url, "http://")
}
