//go:build goolm

package matrix

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync/atomic"
	"time"

	"maunium.net/go/mautrix/crypto"
	"maunium.net/go/mautrix/crypto/olm"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// cryptoPickleKey encrypts the pickled olm objects. It is not a secret: the
// pickles sit in the same storage as the access token, which already gives
// whoever can read it the account. mautrix's pickle format needs a key, and
// goolm refuses the empty one.
var cryptoPickleKey = []byte("hello-matrix local crypto store")

// cryptoSnapshotVersion changes when cryptoSnapshot changes shape; a
// snapshot of another version is refused rather than half read.
const cryptoSnapshotVersion = 1

// persistedStore is mautrix's MemoryStore written to a KV after every
// change. MemoryStore calls its save callback under its own lock on most
// mutations, so the callback may read the fields directly; the methods
// below are the ones that change something without saving (PutSecret,
// DeleteSecret, MarkOutboundGroupSessionShared, PutOlmHash,
// RemoveOutboundGroupSession) or that save without the lock
// (UpdateSession, UpdateOutboundGroupSession): each ends in Flush, which
// takes the lock and saves, so every snapshot is taken under the lock.
//
// What is kept: the olm account, olm sessions, inbound megolm sessions
// (ours included, so our own messages decrypt after a reload), withheld
// notices, message indices (replay protection), cross-signing keys and
// signatures, secrets and olm message hashes. What is not: outbound megolm
// sessions and their sharing state (after a reload the next message starts
// a new session and shares it, which every client handles), and the device
// lists (fetched again from the server when needed, so they are never
// stale after a long absence).
type persistedStore struct {
	*crypto.MemoryStore
	kv      KV
	user    id.UserID
	device  id.DeviceID
	loading atomic.Bool  // restoring: the snapshot being read is not written back
	closed  atomic.Bool  // signed out: the next save deletes the keys, later ones do nothing
	lastErr atomic.Value // error: the last failed save
}

// close deletes the kept keys (signing out). It goes through Flush so the
// deletion happens under the store's lock, after any save in progress, and
// no later save can write the keys back.
func (s *persistedStore) close() {
	s.closed.Store(true)
	_ = s.Flush(context.Background())
}

func (s *persistedStore) PutSecret(ctx context.Context, name id.Secret, value string) error {
	_ = s.MemoryStore.PutSecret(ctx, name, value)
	return s.Flush(ctx)
}

func (s *persistedStore) DeleteSecret(ctx context.Context, name id.Secret) error {
	_ = s.MemoryStore.DeleteSecret(ctx, name)
	return s.Flush(ctx)
}

func (s *persistedStore) PutOlmHash(ctx context.Context, hash [32]byte, receivedAt time.Time) error {
	_ = s.MemoryStore.PutOlmHash(ctx, hash, receivedAt)
	return s.Flush(ctx)
}

func (s *persistedStore) UpdateSession(ctx context.Context, _ id.SenderKey, _ *crypto.OlmSession) error {
	return s.Flush(ctx) // the session is a pointer already in the map
}

func (s *persistedStore) UpdateOutboundGroupSession(ctx context.Context, _ *crypto.OutboundGroupSession) error {
	return s.Flush(ctx)
}

func (s *persistedStore) RemoveOutboundGroupSession(ctx context.Context, roomID id.RoomID) error {
	_ = s.MemoryStore.RemoveOutboundGroupSession(ctx, roomID)
	return s.Flush(ctx)
}

func (s *persistedStore) MarkOutboundGroupSessionShared(ctx context.Context, userID id.UserID, identityKey id.IdentityKey, sessionID id.SessionID) error {
	_ = s.MemoryStore.MarkOutboundGroupSessionShared(ctx, userID, identityKey, sessionID)
	return s.Flush(ctx)
}

// RedactExpiredGroupSessions is not implemented by MemoryStore; nothing
// here calls ExpiredKeyDeleteLoop, but an answer that is not an error keeps
// a future caller from logging failures forever.
func (s *persistedStore) RedactExpiredGroupSessions(context.Context) ([]id.SessionID, error) {
	return nil, nil
}

// cryptoSnapshot is the stored form of the kept parts of the store. Olm
// objects are pickles; the rest is mautrix's own JSON-friendly types.
type cryptoSnapshot struct {
	Version          int                                                              `json:"v"`
	UserID           id.UserID                                                        `json:"user_id"`
	DeviceID         id.DeviceID                                                      `json:"device_id"`
	Account          []byte                                                           `json:"account,omitempty"`
	AccountShared    bool                                                             `json:"account_shared,omitempty"`
	KeyBackupVersion id.KeyBackupVersion                                              `json:"key_backup_version,omitempty"`
	Sessions         map[id.SenderKey][]olmSessionRecord                              `json:"sessions,omitempty"`
	GroupSessions    []groupSessionRecord                                             `json:"group_sessions,omitempty"`
	Withheld         []*event.RoomKeyWithheldEventContent                             `json:"withheld,omitempty"`
	MessageIndices   []messageIndexRecord                                             `json:"message_indices,omitempty"`
	CrossSigningKeys map[id.UserID]map[id.CrossSigningUsage]id.CrossSigningKey        `json:"cross_signing_keys,omitempty"`
	KeySignatures    map[id.UserID]map[id.Ed25519]map[id.UserID]map[id.Ed25519]string `json:"key_signatures,omitempty"`
	Secrets          map[id.Secret]string                                             `json:"secrets,omitempty"`
	OlmHashes        [][32]byte                                                       `json:"olm_hashes,omitempty"`
}

type olmSessionRecord struct {
	Pickle []byte                 `json:"pickle"`
	Times  crypto.ExpirationMixin `json:"times"`
}

// groupSessionRecord is an InboundGroupSession without its olm object.
type groupSessionRecord struct {
	Pickle           []byte               `json:"pickle"`
	SigningKey       id.Ed25519           `json:"signing_key"`
	SenderKey        id.Curve25519        `json:"sender_key"`
	RoomID           id.RoomID            `json:"room_id"`
	ForwardingChains []string             `json:"forwarding_chains,omitempty"`
	RatchetSafety    crypto.RatchetSafety `json:"ratchet_safety"`
	ReceivedAt       time.Time            `json:"received_at"`
	MaxAge           int64                `json:"max_age,omitempty"`
	MaxMessages      int                  `json:"max_messages,omitempty"`
	SharedHistory    *bool                `json:"shared_history,omitempty"`
	IsScheduled      bool                 `json:"is_scheduled,omitempty"`
	KeyBackupVersion id.KeyBackupVersion  `json:"key_backup_version,omitempty"`
	KeySource        id.KeySource         `json:"key_source,omitempty"`
	SourceUser       id.UserID            `json:"source_user,omitempty"`
}

type messageIndexRecord struct {
	SessionID id.SessionID `json:"session_id"`
	Index     uint         `json:"index"`
	EventID   id.EventID   `json:"event_id"`
	Timestamp int64        `json:"ts"`
}

// openCryptoStore returns the store kept in kv, restored from its last
// snapshot if there is one for this user's device. Keys kept for another
// device (an earlier sign-in that was not signed out) are no use to this
// one: it starts afresh and overwrites them at its first save.
func openCryptoStore(ctx context.Context, kv KV, user id.UserID, device id.DeviceID) (*persistedStore, error) {
	s := &persistedStore{kv: kv, user: user, device: device}
	s.MemoryStore = crypto.NewMemoryStore(s.save)
	raw, ok, err := kv.Get(cryptoKVKey)
	if err != nil {
		return nil, fmt.Errorf("reading the crypto store: %w", err)
	}
	if !ok {
		return s, nil
	}
	var snap cryptoSnapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		return nil, fmt.Errorf("decoding the crypto store: %w", err)
	}
	if snap.Version != cryptoSnapshotVersion {
		return nil, fmt.Errorf("the crypto store has version %d, want %d", snap.Version, cryptoSnapshotVersion)
	}
	if snap.UserID != user || snap.DeviceID != device {
		return s, nil
	}
	s.loading.Store(true)
	defer s.loading.Store(false)
	if err := s.restore(ctx, &snap); err != nil {
		return nil, err
	}
	return s, nil
}

// restore fills the (not yet shared) MemoryStore from snap.
func (s *persistedStore) restore(ctx context.Context, snap *cryptoSnapshot) error {
	m := s.MemoryStore
	if snap.Account != nil {
		acc, err := olm.AccountFromPickled(snap.Account, cryptoPickleKey)
		if err != nil {
			return fmt.Errorf("unpickling the olm account: %w", err)
		}
		m.Account = &crypto.OlmAccount{Internal: acc, Shared: snap.AccountShared, KeyBackupVersion: snap.KeyBackupVersion}
	}
	for key, recs := range snap.Sessions {
		var list crypto.OlmSessionList
		for _, r := range recs {
			sess, err := olm.SessionFromPickled(r.Pickle, cryptoPickleKey)
			if err != nil {
				return fmt.Errorf("unpickling an olm session: %w", err)
			}
			list = append(list, &crypto.OlmSession{Internal: sess, ExpirationMixin: r.Times})
		}
		sort.Sort(list)
		m.Sessions[key] = list
	}
	for _, r := range snap.GroupSessions {
		in, err := olm.InboundGroupSessionFromPickled(r.Pickle, cryptoPickleKey)
		if err != nil {
			return fmt.Errorf("unpickling a megolm session: %w", err)
		}
		igs := &crypto.InboundGroupSession{
			Internal: in, SigningKey: r.SigningKey, SenderKey: r.SenderKey, RoomID: r.RoomID,
			ForwardingChains: r.ForwardingChains, RatchetSafety: r.RatchetSafety, ReceivedAt: r.ReceivedAt,
			MaxAge: r.MaxAge, MaxMessages: r.MaxMessages, SharedHistory: r.SharedHistory, IsScheduled: r.IsScheduled,
			KeyBackupVersion: r.KeyBackupVersion, KeySource: r.KeySource, SourceUser: r.SourceUser,
		}
		if m.GroupSessions[r.RoomID] == nil {
			m.GroupSessions[r.RoomID] = map[id.SessionID]*crypto.InboundGroupSession{}
		}
		m.GroupSessions[r.RoomID][igs.ID()] = igs
	}
	for _, w := range snap.Withheld {
		if err := m.PutWithheldGroupSession(ctx, *w); err != nil {
			return err
		}
	}
	for _, r := range snap.MessageIndices {
		// MessageIndices is keyed by an unexported type: its own method
		// is the only way in.
		if _, err := m.ValidateMessageIndex(ctx, r.SessionID, r.EventID, r.Index, r.Timestamp); err != nil {
			return err
		}
	}
	if snap.CrossSigningKeys != nil {
		m.CrossSigningKeys = snap.CrossSigningKeys
	}
	if snap.KeySignatures != nil {
		m.KeySignatures = snap.KeySignatures
	}
	if snap.Secrets != nil {
		m.Secrets = snap.Secrets
	}
	for _, h := range snap.OlmHashes {
		m.OlmHashes.Add(h)
	}
	return nil
}

// save is MemoryStore's callback: it runs under the store's lock (see
// persistedStore), so it reads the maps directly.
func (s *persistedStore) save() error {
	if s.closed.Load() {
		return s.kv.Delete(cryptoKVKey)
	}
	if s.loading.Load() {
		return nil
	}
	raw, err := s.snapshot()
	if err == nil {
		err = s.kv.Set(cryptoKVKey, raw)
	}
	if err != nil {
		s.lastErr.Store(err)
	}
	return err
}

func (s *persistedStore) snapshot() ([]byte, error) {
	m := s.MemoryStore
	snap := cryptoSnapshot{
		Version:          cryptoSnapshotVersion,
		UserID:           s.user,
		DeviceID:         s.device,
		Sessions:         map[id.SenderKey][]olmSessionRecord{},
		CrossSigningKeys: m.CrossSigningKeys,
		KeySignatures:    m.KeySignatures,
		Secrets:          m.Secrets,
		OlmHashes:        m.OlmHashes.AsList(),
	}
	if m.Account != nil {
		p, err := m.Account.Internal.Pickle(cryptoPickleKey)
		if err != nil {
			return nil, fmt.Errorf("pickling the olm account: %w", err)
		}
		snap.Account, snap.AccountShared, snap.KeyBackupVersion = p, m.Account.Shared, m.Account.KeyBackupVersion
	}
	for key, list := range m.Sessions {
		for _, sess := range list {
			p, err := sess.Internal.Pickle(cryptoPickleKey)
			if err != nil {
				return nil, fmt.Errorf("pickling an olm session: %w", err)
			}
			snap.Sessions[key] = append(snap.Sessions[key], olmSessionRecord{Pickle: p, Times: sess.ExpirationMixin})
		}
	}
	for _, byID := range m.GroupSessions {
		for _, igs := range byID {
			if igs == nil || igs.Internal == nil {
				continue // redacted
			}
			p, err := igs.Internal.Pickle(cryptoPickleKey)
			if err != nil {
				return nil, fmt.Errorf("pickling a megolm session: %w", err)
			}
			snap.GroupSessions = append(snap.GroupSessions, groupSessionRecord{
				Pickle: p, SigningKey: igs.SigningKey, SenderKey: igs.SenderKey, RoomID: igs.RoomID,
				ForwardingChains: igs.ForwardingChains, RatchetSafety: igs.RatchetSafety, ReceivedAt: igs.ReceivedAt,
				MaxAge: igs.MaxAge, MaxMessages: igs.MaxMessages, SharedHistory: igs.SharedHistory, IsScheduled: igs.IsScheduled,
				KeyBackupVersion: igs.KeyBackupVersion, KeySource: igs.KeySource, SourceUser: igs.SourceUser,
			})
		}
	}
	for _, byID := range m.WithheldGroupSessions {
		for _, w := range byID {
			snap.Withheld = append(snap.Withheld, w)
		}
	}
	for k, v := range m.MessageIndices {
		snap.MessageIndices = append(snap.MessageIndices, messageIndexRecord{SessionID: k.SessionID, Index: k.Index, EventID: v.EventID, Timestamp: v.Timestamp})
	}
	return json.Marshal(&snap)
}
