//go:build !js

package matrix

import (
	"context"
	"sync"
	"testing"

	"hellomatrix/internal/dendrite"
	"hellomatrix/internal/hsharness"
	"hellomatrix/internal/synapse"
)

// The core's suite runs on both homeservers this project can start: Synapse,
// the reference (nearly every public server runs it), and Dendrite. A test
// that both can answer runs once on each, in parallel (bothServers); a test
// only one can answer says why next to it.

// homeserver is one real server under test, whichever kind: what the tests
// need of the two harnesses (internal/synapse, internal/dendrite).
type homeserver struct {
	Kind       string // "synapse" or "dendrite"
	URL        string // client-server API base, http://127.0.0.1:PORT
	ServerName string // the domain in user IDs
	// RoomVersion is the version of the rooms it makes, when not its
	// default: "12" has room IDs without a server name.
	RoomVersion string
	syn         *synapse.Server
	den         *dendrite.Server
}

func onSynapse(s *synapse.Server) homeserver {
	return homeserver{Kind: "synapse", URL: s.URL, ServerName: s.ServerName, syn: s}
}

func onDendrite(d *dendrite.Server) homeserver {
	return homeserver{Kind: "dendrite", URL: d.URL, ServerName: d.ServerName, den: d}
}

// RegisterUser makes an account through the shared-secret admin API, which
// both implement, so the code under test is not involved.
func (h homeserver) RegisterUser(ctx context.Context, localpart, password string, admin bool) (userID, accessToken, deviceID string, err error) {
	if h.syn != nil {
		return h.syn.RegisterUser(ctx, localpart, password, admin)
	}
	return h.den.RegisterUser(ctx, localpart, password, admin)
}

// The test binary's two shared open-registration servers, started on first
// use and stopped by TestMain.
var shared struct {
	syn hsharness.Instance[*synapse.Server]
	den hsharness.Instance[*dendrite.Server]
}

// sharedSynapseYAML gives the shared Synapse a password policy, as public
// servers often have (Synapse has none by default), so a weak password is
// refused by the server itself, as Dendrite refuses it.
const sharedSynapseYAML = "password_config: {policy: {enabled: true, minimum_length: 10}}"

func sharedSynapse(t testing.TB) homeserver {
	t.Helper()
	s, err := shared.syn.Get(func(ctx context.Context) (*synapse.Server, error) {
		return synapse.Start(ctx, synapse.Options{Fast: true, ExtraYAML: sharedSynapseYAML})
	})
	if err != nil {
		t.Fatalf("starting Synapse: %v", err)
	}
	return onSynapse(s)
}

func sharedDendrite(t testing.TB) homeserver {
	t.Helper()
	d, err := shared.den.Get(func(ctx context.Context) (*dendrite.Server, error) {
		return dendrite.Start(ctx, dendrite.Options{Fast: true})
	})
	if err != nil {
		t.Fatalf("starting Dendrite: %v", err)
	}
	return onDendrite(d)
}

// scenarios are Synapses shared by the tests of one scenario (one set of
// options), started on first use and stopped by TestMain.
var scenarios struct {
	sync.Mutex
	byName map[string]*hsharness.Instance[*synapse.Server]
}

// scenarioSynapse returns the Synapse of the scenario called name, started
// with o by the first test that asks. Tests sharing it use their own names.
func scenarioSynapse(t testing.TB, name string, o synapse.Options) homeserver {
	t.Helper()
	scenarios.Lock()
	if scenarios.byName == nil {
		scenarios.byName = map[string]*hsharness.Instance[*synapse.Server]{}
	}
	sc := scenarios.byName[name]
	if sc == nil {
		sc = &hsharness.Instance[*synapse.Server]{}
		scenarios.byName[name] = sc
	}
	scenarios.Unlock()
	o.Fast = true
	s, err := sc.Get(func(ctx context.Context) (*synapse.Server, error) { return synapse.Start(ctx, o) })
	if err != nil {
		t.Fatalf("starting Synapse (%s): %v", name, err)
	}
	return onSynapse(s)
}

// stopShared stops every server started for the whole test binary.
func stopShared() {
	shared.syn.Stop()
	shared.den.Stop()
	scenarios.Lock()
	defer scenarios.Unlock()
	for _, sc := range scenarios.byName {
		sc.Stop()
	}
}

// startSynapse runs a dedicated Synapse for one scenario, stopped when the
// test ends.
func startSynapse(t testing.TB, o synapse.Options) homeserver {
	t.Helper()
	o.Fast = true
	return onSynapse(hsharness.StartFor(t, "Synapse", func(ctx context.Context) (*synapse.Server, error) { return synapse.Start(ctx, o) }))
}

// startDendrite is startSynapse for Dendrite.
func startDendrite(t testing.TB, o dendrite.Options) homeserver {
	t.Helper()
	o.Fast = true
	return onDendrite(hsharness.StartFor(t, "Dendrite", func(ctx context.Context) (*dendrite.Server, error) { return dendrite.Start(ctx, o) }))
}

// bothServers runs fn once against the shared Synapse and once against the
// shared Dendrite, as parallel subtests named after the server.
func bothServers(t *testing.T, fn func(t *testing.T, srv homeserver)) {
	t.Helper()
	eachServer(t, map[string]func(testing.TB) homeserver{"synapse": sharedSynapse, "dendrite": sharedDendrite}, fn)
}

// roomServers is bothServers plus a Synapse whose rooms are of version 12
// (spec v1.16), whose room IDs carry no server name: for the tests of what
// happens in rooms (creating, joining, sending, syncing, encryption), so
// that nothing in the core leans on the older IDs' shape.
func roomServers(t *testing.T, fn func(t *testing.T, srv homeserver)) {
	t.Helper()
	eachServer(t, map[string]func(testing.TB) homeserver{
		"synapse": sharedSynapse, "dendrite": sharedDendrite, "synapse-v12": v12Synapse,
	}, fn)
}

// v12Synapse is the shared Synapse that makes rooms of version 12.
func v12Synapse(t testing.TB) homeserver {
	srv := scenarioSynapse(t, "v12", synapse.Options{RoomVersion: "12", ExtraYAML: sharedSynapseYAML})
	srv.RoomVersion = "12"
	return srv
}

// serverKinds names the subtests eachServer may run, in their order.
var serverKinds = []string{"synapse", "dendrite", "synapse-v12"}

// eachServer is bothServers with the servers given, for scenarios that need
// a dedicated server of each kind (start is called inside the subtest, so
// the servers start in parallel and stop with it).
func eachServer(t *testing.T, start map[string]func(testing.TB) homeserver, fn func(t *testing.T, srv homeserver)) {
	t.Helper()
	for _, kind := range serverKinds {
		st, ok := start[kind]
		if !ok {
			continue
		}
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			fn(t, st(t))
		})
	}
}

// uniqueName returns a user name nobody else in this test binary has used.
func uniqueName(prefix string) string { return hsharness.UniqueName(prefix) }
