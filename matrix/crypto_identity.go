//go:build goolm

package matrix

import (
	"context"
	"time"

	"maunium.net/go/mautrix/crypto"
	"maunium.net/go/mautrix/id"
)

// startIdentity gives this device the account's cross-signing identity
// when it can (UseEncryption, on every start): a device that holds the keys
// is verified already; an account with no identity on the server gets one
// made here, published (the first upload needs no password, MSC3967) and
// signing this device, so apps that share keys only with cross-signed
// devices talk to it from the first message. An account whose identity
// was made elsewhere leaves this device unverified until the recovery key
// is entered. A server that cannot be asked leaves it unknown: the chat
// works meanwhile, and the sync loop tries again (retryIdentity).
func (c *Client) startIdentity(ctx context.Context, cs *cryptoState) IdentityState {
	cs.mu.Lock()
	cs.identityTried = time.Now()
	cs.mu.Unlock()
	cs.identityMu.Lock() // not while SetUpRecovery makes them
	defer cs.identityMu.Unlock()
	if cs.mach.CrossSigningKeys != nil {
		return IdentityVerified
	}
	var published *crypto.CrossSigningPublicKeysCache
	err := c.authed(ctx, func(ctx context.Context) (err error) {
		published, err = cs.mach.GetCrossSigningPublicKeys(ctx, c.Session().UserID)
		return err
	})
	switch {
	case err != nil:
		return IdentityUnknown
	case published != nil && published.MasterKey != "":
		return IdentityUnverified
	}
	if _, err := c.makeCrossSigning(ctx, cs); err != nil {
		return IdentityUnknown
	}
	return IdentityVerified
}

// identityRetry is how long a sync loop waits before trying again to give
// the device its identity when the server could not be asked.
const identityRetry = 2 * time.Minute

// retryIdentity tries startIdentity again (cryptoSync, after each sync)
// while the device's standing is unknown: a sign-in during a network blip
// must not leave the device unsigned, and so cut off from friends whose
// apps follow MSC4153, for the whole session.
func (c *Client) retryIdentity(ctx context.Context, cs *cryptoState) {
	cs.mu.Lock()
	due := cs.identity == IdentityUnknown && time.Since(cs.identityTried) > identityRetry
	cs.mu.Unlock()
	if !due {
		return
	}
	if cs.mach.CrossSigningKeys == nil {
		cs.setIdentity(c.startIdentity(ctx, cs))
		return
	}
	// The keys were published and kept, and signing this device with them
	// is what failed: only that is tried again.
	cs.mu.Lock()
	cs.identityTried = time.Now()
	cs.mu.Unlock()
	cs.identityMu.Lock()
	defer cs.identityMu.Unlock()
	if c.signOwnDevice(ctx, cs) == nil {
		cs.setIdentity(IdentityVerified)
	}
}

// signOwnDevice signs this device and the master key with the
// cross-signing keys the device holds, and publishes the signatures.
func (c *Client) signOwnDevice(ctx context.Context, cs *cryptoState) error {
	mach := cs.mach
	err := c.authed(ctx, func(ctx context.Context) error { return mach.SignOwnDevice(ctx, mach.OwnIdentity()) })
	if err == nil {
		err = c.authed(ctx, mach.SignOwnMasterKey)
	}
	return err
}

// makeCrossSigning makes new cross-signing keys for an account that has
// none, publishes them, signs this device and the master key, and keeps
// the private keys with the device's other keys (so SetUpRecovery can put
// them into secret storage later, and a reload stays verified). No
// password: both servers accept a first upload without one (MSC3967), and
// the callers made sure it is the first.
func (c *Client) makeCrossSigning(ctx context.Context, cs *cryptoState) (*crypto.CrossSigningKeysCache, error) {
	mach := cs.mach
	xs, err := mach.GenerateCrossSigningKeys()
	if err != nil {
		return nil, err
	}
	if err := c.authed(ctx, func(ctx context.Context) error { return mach.PublishCrossSigningKeys(ctx, xs, nil) }); err != nil {
		return nil, err
	}
	// Published: from here on the account has them, so they are kept
	// even if signing fails below (a key nobody holds could only be
	// replaced with the password).
	if err := cs.keepCrossSigning(ctx); err != nil {
		return nil, err
	}
	if err := c.signOwnDevice(ctx, cs); err != nil {
		return nil, err
	}
	cs.setIdentity(IdentityVerified)
	return xs, nil
}

// IdentityState says whether this device is verified with the account's
// cross-signing identity, as UseEncryption found it (or RestoreWithRecoveryKey
// and SetUpRecovery changed it). It asks nothing of the server.
func (c *Client) IdentityState() IdentityState {
	cs := c.cryptoState()
	if cs == nil {
		return IdentityUnknown
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.identity
}

func (cs *cryptoState) setIdentity(i IdentityState) {
	cs.mu.Lock()
	cs.identity = i
	cs.mu.Unlock()
}

// unverifiedHere says whether this device knows it is not verified: then
// a key that has not come is most likely never coming (under cs.mu).
func (cs *cryptoState) unverifiedHere() bool { return cs.identity == IdentityUnverified }

// minSendTrust is the least a device's trust must be to get our room keys
// (MSC4153, spec v1.18): cross-signed by its owner, whether or not we
// have verified that owner; the rest are told m.unverified (mautrix sends
// m.room_key.withheld with that code).
const minSendTrust = id.TrustStateCrossSignedUntrusted
