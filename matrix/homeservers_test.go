//go:build !js

package matrix

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"hellomatrix/internal/dendrite"
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
	syn        *synapse.Server
	den        *dendrite.Server
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
	synOnce, denOnce sync.Once
	syn              *synapse.Server
	den              *dendrite.Server
	synErr, denErr   error
}

// sharedSynapseYAML gives the shared Synapse a password policy, as public
// servers often have (Synapse has none by default), so a weak password is
// refused by the server itself, as Dendrite refuses it.
const sharedSynapseYAML = "password_config: {policy: {enabled: true, minimum_length: 10}}"

func sharedSynapse(t testing.TB) homeserver {
	t.Helper()
	shared.synOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute) // a cold install takes minutes
		defer cancel()
		shared.syn, shared.synErr = synapse.Start(ctx, synapse.Options{Fast: true, ExtraYAML: sharedSynapseYAML})
	})
	if shared.synErr != nil {
		t.Fatalf("starting Synapse: %v", shared.synErr)
	}
	return onSynapse(shared.syn)
}

func sharedDendrite(t testing.TB) homeserver {
	t.Helper()
	shared.denOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute) // a cold build takes minutes
		defer cancel()
		shared.den, shared.denErr = dendrite.Start(ctx, dendrite.Options{Fast: true})
	})
	if shared.denErr != nil {
		t.Fatalf("starting Dendrite: %v", shared.denErr)
	}
	return onDendrite(shared.den)
}

// scenarios are Synapses shared by the tests of one scenario (one set of
// options), started on first use and stopped by TestMain.
var scenarios struct {
	sync.Mutex
	byName map[string]*scenario
}

type scenario struct {
	once sync.Once
	srv  *synapse.Server
	err  error
}

// scenarioSynapse returns the Synapse of the scenario called name, started
// with o by the first test that asks. Tests sharing it use their own names.
func scenarioSynapse(t testing.TB, name string, o synapse.Options) homeserver {
	t.Helper()
	scenarios.Lock()
	if scenarios.byName == nil {
		scenarios.byName = map[string]*scenario{}
	}
	sc := scenarios.byName[name]
	if sc == nil {
		sc = &scenario{}
		scenarios.byName[name] = sc
	}
	scenarios.Unlock()
	sc.once.Do(func() {
		o.Fast = true
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
		defer cancel()
		sc.srv, sc.err = synapse.Start(ctx, o)
	})
	if sc.err != nil {
		t.Fatalf("starting Synapse (%s): %v", name, sc.err)
	}
	return onSynapse(sc.srv)
}

// stopShared stops every server started for the whole test binary.
func stopShared() {
	if shared.syn != nil {
		shared.syn.Stop()
	}
	if shared.den != nil {
		shared.den.Stop()
	}
	scenarios.Lock()
	defer scenarios.Unlock()
	for _, sc := range scenarios.byName {
		if sc.srv != nil {
			sc.srv.Stop()
		}
	}
}

// startSynapse runs a dedicated Synapse for one scenario, stopped when the
// test ends.
func startSynapse(t testing.TB, o synapse.Options) homeserver {
	t.Helper()
	o.Fast = true
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	s, err := synapse.Start(ctx, o)
	if err != nil {
		t.Fatalf("starting Synapse: %v", err)
	}
	t.Cleanup(func() { s.Stop() })
	return onSynapse(s)
}

// startDendrite is startSynapse for Dendrite.
func startDendrite(t testing.TB, o dendrite.Options) homeserver {
	t.Helper()
	o.Fast = true
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	d, err := dendrite.Start(ctx, o)
	if err != nil {
		t.Fatalf("starting Dendrite: %v", err)
	}
	t.Cleanup(func() { d.Stop() })
	return onDendrite(d)
}

// bothServers runs fn once against the shared Synapse and once against the
// shared Dendrite, as parallel subtests named after the server.
func bothServers(t *testing.T, fn func(t *testing.T, srv homeserver)) {
	t.Helper()
	eachServer(t, map[string]func(testing.TB) homeserver{"synapse": sharedSynapse, "dendrite": sharedDendrite}, fn)
}

// eachServer is bothServers with the servers given, for scenarios that need
// a dedicated server of each kind (start is called inside the subtest, so
// the servers start in parallel and stop with it).
func eachServer(t *testing.T, start map[string]func(testing.TB) homeserver, fn func(t *testing.T, srv homeserver)) {
	t.Helper()
	for _, kind := range []string{"synapse", "dendrite"} {
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
func uniqueName(prefix string) string {
	names.Lock()
	defer names.Unlock()
	names.n++
	return fmt.Sprintf("%s%d_%d", prefix, os.Getpid()%10000, names.n)
}

var names struct {
	sync.Mutex
	n int
}
