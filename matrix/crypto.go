//go:build goolm

package matrix

import (
	"context"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// EncryptionBuiltIn says whether this build can encrypt: it needs the goolm
// tag (mautrix's pure-Go olm), which the WASM and `make test` set.
const EncryptionBuiltIn = true

// cryptoState is a client's end-to-end encryption: mautrix's OlmMachine
// (without cryptohelper, whose syncer the core does not use), its store
// kept in a KV, and a state store fed from Sync (which rooms are
// encrypted, who is in them, their history visibility).
type cryptoState struct {
	mach  *crypto.OlmMachine
	store *persistedStore
	state *mautrix.MemoryStateStore

	mu      sync.Mutex
	plain   map[id.RoomID]bool         // rooms the server said have no m.room.encryption
	joined  map[id.RoomID]int64        // when we joined each room (ms), from our member event
	failed  map[id.EventID]failedEvent // undecryptable messages, retried after each sync
	problem map[id.EventID]DecryptProblem
	// identity is this device's standing with the account's
	// cross-signing keys (crypto_identity.go).
	identity      IdentityState
	identityTried time.Time  // when startIdentity last ran
	identityMu    sync.Mutex // one maker of cross-signing keys at a time

	backupMu sync.Mutex // BackUpKeys one at a time (crypto_backup.go)

	verify *verifier // verification with the account's other devices (verify.go)
}

// UseEncryption turns on end-to-end encryption for this client, keeping its
// keys in kv (the same KV as the session: localStorage in the browser).
// The first time on a device it makes the device's keys and uploads them
// with its one-time keys; later it loads them from kv. Call it after
// NewClient and before Sync and Send. It also gives the device the
// account's cross-signing identity, made here when the account has none
// (IdentityState says how that went). Rooms the client creates from then on
// are encrypted, messages to encrypted rooms are encrypted, and encrypted
// messages arriving through Sync and History are decrypted.
func (c *Client) UseEncryption(ctx context.Context, kv KV) error {
	s := c.Session()
	store, err := openCryptoStore(ctx, kv, s.UserID, s.DeviceID)
	if err != nil {
		return &Error{Kind: KindEncryption, Reason: ReasonKeysUnreadable, Err: err}
	}
	state := mautrix.NewMemoryStateStore().(*mautrix.MemoryStateStore)
	log := zerolog.Nop()
	mach := crypto.NewOlmMachine(c.api, &log, store, state)
	mach.SendKeysMinTrust = minSendTrust // crypto_identity.go
	if err := mach.Load(ctx); err != nil {
		return &Error{Kind: KindEncryption, Reason: ReasonKeysNotLoaded, Err: err}
	}
	if !mach.GetAccount().Shared {
		// A new device: publish its identity and one-time keys, so others
		// can start encrypted sessions with it. ShareKeys saves the account.
		err := c.authed(ctx, func(ctx context.Context) error { return mach.ShareKeys(ctx, -1) })
		if err != nil {
			return classify(err, "upload_keys")
		}
	}
	cs := &cryptoState{
		mach: mach, store: store, state: state,
		plain:   map[id.RoomID]bool{},
		joined:  map[id.RoomID]int64{},
		failed:  map[id.EventID]failedEvent{},
		problem: map[id.EventID]DecryptProblem{},
	}
	if err := cs.loadCrossSigning(ctx); err != nil {
		return &Error{Kind: KindEncryption, Reason: ReasonCrossSigningStore, Err: err}
	}
	cs.identity = c.startIdentity(ctx, cs)
	c.startVerifier(cs) // verify.go
	c.coreMu.Lock()
	c.api.StateStore = state
	c.crypto = cs
	c.coreMu.Unlock()
	return nil
}

// EncryptionOn says whether UseEncryption succeeded for this client.
func (c *Client) EncryptionOn() bool { return c.cryptoState() != nil }

func (c *Client) cryptoState() *cryptoState {
	c.coreMu.Lock()
	defer c.coreMu.Unlock()
	return c.crypto
}

// forgetCrypto drops the client's keys from memory and storage (Logout):
// from here on nothing saves them again.
func (c *Client) forgetCrypto() {
	c.coreMu.Lock()
	cs := c.crypto
	c.crypto = nil
	c.coreMu.Unlock()
	if cs == nil {
		return
	}
	cs.store.close()
	cs.mach.Destroy()
}

// RoomEncrypted says whether roomID is end-to-end encrypted, as far as this
// client knows: from Sync's view of the room's state, or because it made
// the room so. It never asks the server (the widget calls it while
// drawing); a client without encryption says false.
func (c *Client) RoomEncrypted(roomID id.RoomID) bool {
	cs := c.cryptoState()
	if cs == nil {
		return false
	}
	on, _ := cs.state.IsEncrypted(context.Background(), roomID)
	return on
}

// rememberNewRoomEncryption records the encryption of a room this client
// just created with initial, before Sync has seen the room.
func (c *Client) rememberNewRoomEncryption(roomID id.RoomID, initial []*event.Event) {
	cs := c.cryptoState()
	if cs == nil {
		return
	}
	for _, evt := range initial {
		if enc, ok := evt.Content.Parsed.(*event.EncryptionEventContent); ok && evt.Type == event.StateEncryption {
			_ = cs.state.SetEncryptionEvent(context.Background(), roomID, enc)
		}
	}
}

// newRoomEncryption is the initial state that makes a new room encrypted
// (megolm), when this client can read such a room; a client without
// encryption would lock itself out of its own room.
func (c *Client) newRoomEncryption() []*event.Event {
	if c.cryptoState() == nil {
		return nil
	}
	return []*event.Event{{
		Type:     event.StateEncryption,
		StateKey: new(string),
		Content:  event.Content{Parsed: &event.EncryptionEventContent{Algorithm: id.AlgorithmMegolmV1}},
	}}
}
