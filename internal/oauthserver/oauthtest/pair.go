package oauthtest

import (
	"context"
	"testing"

	"hellomatrix/internal/hsharness"
	"hellomatrix/internal/oauthserver"
	"hellomatrix/internal/synapse"
)

// Pair is an authorization server and the Synapse that delegates to it.
type Pair struct {
	AS *oauthserver.Server
	HS *synapse.Server
}

// StartPair starts the stand-in, then Synapse with matrix_authentication_service
// pointing at it (Synapse needs the issuer and secret in its config), then
// tells the stand-in where Synapse is (it provisions users and devices
// there). so.MAS is filled in; so.Fast is set.
func StartPair(ctx context.Context, ao oauthserver.Options, so synapse.Options) (*Pair, error) {
	as, err := oauthserver.Start(ctx, ao)
	if err != nil {
		return nil, err
	}
	so.MAS = &synapse.MAS{Endpoint: as.URL, Secret: as.Secret}
	so.Fast = true
	hs, err := synapse.Start(ctx, so)
	if err != nil {
		as.Stop()
		return nil, err
	}
	as.SetHomeserver(hs.URL)
	return &Pair{AS: as, HS: hs}, nil
}

// Stop stops Synapse, then the stand-in.
func (p *Pair) Stop() error {
	err := p.HS.Stop()
	p.AS.Stop()
	return err
}

// SignUp makes a new account name on the pair through the whole flow (a
// fresh native client and device) and returns its tokens. Synapse's
// shared-secret registration is gone under MAS (/_synapse/admin/v1/register
// answers 404), so this is how tests make users.
func (p *Pair) SignUp(ctx context.Context, name, password string) (Tokens, error) {
	return SignIn(ctx, p.AS.URL, name, password, true)
}

// UserID is the Matrix user ID of a localpart on the pair's Synapse.
func (p *Pair) UserID(localpart string) string { return "@" + localpart + ":" + p.HS.ServerName }

var shared hsharness.Instance[*Pair]

// Main runs a package's tests and stops the shared pair afterwards. Call it
// from TestMain: func TestMain(m *testing.M) { oauthtest.Main(m) }. A
// package that also shares other servers calls hsharness.Main with
// StopShared among its stops instead.
func Main(m *testing.M) { hsharness.Main(m, StopShared) }

// StopShared stops the shared pair if a test started it.
func StopShared() { shared.Stop() }

// Shared returns the test binary's one pair with default options (relaxed
// client policy, open sign-up, 5-minute access tokens), starting it on first
// use. Tests that share it use their own user names (UniqueName) and put
// any knob they turn (SetAccessTokenTTL) back.
func Shared(tb testing.TB) *Pair {
	tb.Helper()
	p, err := shared.Get(func(ctx context.Context) (*Pair, error) {
		return StartPair(ctx, oauthserver.Options{}, synapse.Options{})
	})
	if err != nil {
		tb.Fatalf("starting Synapse with the stand-in authorization server: %v", err)
	}
	return p
}

// Start runs a dedicated pair for one test, stopped when it ends.
func Start(tb testing.TB, ao oauthserver.Options, so synapse.Options) *Pair {
	tb.Helper()
	return hsharness.StartFor(tb, "Synapse with the stand-in authorization server", func(ctx context.Context) (*Pair, error) {
		return StartPair(ctx, ao, so)
	})
}

// UniqueName returns a user name nobody else in this test binary has used.
func UniqueName(prefix string) string { return hsharness.UniqueName(prefix) }
