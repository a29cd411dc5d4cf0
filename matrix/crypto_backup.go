//go:build goolm

package matrix

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto"
	"maunium.net/go/mautrix/crypto/backup"
	"maunium.net/go/mautrix/crypto/signatures"
	"maunium.net/go/mautrix/crypto/ssss"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// Secure backup: a recovery key the reader keeps, secret storage (SSSS) on
// the server locked with it, the account's cross-signing keys kept there,
// and a server-side megolm key backup whose private key is kept there too.
// A new device that is given the recovery key verifies itself with the
// cross-signing keys and downloads the backup, so earlier messages decrypt.
// No passphrase: deriving a key from one costs 500,000 PBKDF2 rounds,
// seconds of a frozen page in the browser.

// SetUpRecovery makes a recovery key and everything it unlocks: secret
// storage, cross-signing keys (published; this device signed with them)
// and a new key backup, into which every room key this device holds is
// uploaded now and every new one as it arrives. It returns the recovery
// key, to show the reader once. Run again ("make a new recovery key"), it
// keeps the account's cross-signing keys and puts them, with a new backup,
// under a new key: replacing published cross-signing keys needs the
// password again (user-interactive auth), and nothing is gained by it.
// An account whose cross-signing keys were made elsewhere, and which this
// device does not hold, gets KindCrossSigningElsewhere: restore with the
// recovery key instead.
func (c *Client) SetUpRecovery(ctx context.Context) (recoveryKey string, err error) {
	cs := c.cryptoState()
	if cs == nil {
		return "", encryptionOff()
	}
	mach := cs.mach
	cs.identityMu.Lock() // not while startIdentity makes them
	defer cs.identityMu.Unlock()
	xs, err := cs.ownCrossSigning(ctx, c.Session().UserID)
	if err != nil {
		return "", err
	}
	key, err := mach.SSSS.GenerateAndUploadKey(ctx, "")
	if err != nil {
		return "", classify(err, "set_up_recovery")
	}
	if xs == nil {
		xs, err = c.makeCrossSigning(ctx, cs) // crypto_identity.go
	}
	if err == nil {
		err = mach.UploadCrossSigningKeysToSSSS(ctx, key, xs)
	}
	if err == nil {
		err = mach.SSSS.SetDefaultKeyID(ctx, key.ID)
	}
	if err != nil {
		return "", classify(err, "set_up_recovery")
	}

	bk, err := backup.NewMegolmBackupKey()
	if err != nil {
		return "", classify(err, "set_up_recovery")
	}
	auth := backup.MegolmAuthData{PublicKey: id.Ed25519(base64.RawStdEncoding.EncodeToString(bk.PublicKey().Bytes()))}
	// Signed by this device and by the master key, so other devices of the
	// account can trust the backup (spec: "auth_data is trusted").
	devSig, err := mach.GetAccount().SignJSON(auth)
	if err != nil {
		return "", classify(err, "set_up_recovery")
	}
	masterSig, err := xs.MasterKey.SignJSON(auth)
	if err != nil {
		return "", classify(err, "set_up_recovery")
	}
	me := c.Session().UserID
	auth.Signatures = signatures.NewSingleSignature(me, id.KeyAlgorithmEd25519, string(c.Session().DeviceID), devSig)
	auth.Signatures[me][id.NewKeyID(id.KeyAlgorithmEd25519, xs.MasterKey.PublicKey().String())] = masterSig
	created, err := c.api.CreateKeyBackupVersion(ctx, &mautrix.ReqRoomKeysVersionCreate[backup.MegolmAuthData]{
		Algorithm: id.KeyBackupAlgorithmMegolmBackupV1,
		AuthData:  auth,
	})
	if err == nil {
		err = mach.SSSS.SetEncryptedAccountData(ctx, event.AccountDataMegolmBackupKey, bk.Bytes(), key)
	}
	if err == nil {
		err = cs.useBackup(ctx, created.Version, bk)
	}
	if err != nil {
		return "", classify(err, "set_up_recovery")
	}
	if err := c.BackUpKeys(ctx); err != nil {
		return "", err
	}
	return key.RecoveryKey(), nil
}

// ownCrossSigning returns the account's cross-signing keys when this
// device holds the ones the server publishes, nil when the account has
// none yet (new ones may be made), and KindCrossSigningElsewhere when it
// has others.
func (cs *cryptoState) ownCrossSigning(ctx context.Context, me id.UserID) (*crypto.CrossSigningKeysCache, error) {
	published, err := cs.mach.GetCrossSigningPublicKeys(ctx, me)
	if err != nil {
		return nil, classify(err, "set_up_recovery")
	}
	held := cs.mach.CrossSigningKeys
	switch {
	case published == nil || published.MasterKey == "":
		return nil, nil
	case held != nil && held.MasterKey.PublicKey() == published.MasterKey:
		return held, nil
	}
	return nil, &Error{Kind: KindCrossSigningElsewhere}
}

// secretCrossSigning is where this device keeps the account's private
// cross-signing keys once it has them (mautrix's machine holds them only in
// memory): a local name, never account data.
const secretCrossSigning id.Secret = "hellomatrix.cross_signing_seeds"

// keepCrossSigning stores the machine's cross-signing keys with the
// device's other keys, so a reload stays verified and can still sign.
func (cs *cryptoState) keepCrossSigning(ctx context.Context) error {
	seeds := cs.mach.ExportCrossSigningKeys()
	raw, err := json.Marshal(seeds)
	if err != nil {
		return err
	}
	if err := cs.store.PutSecret(ctx, secretCrossSigning, string(raw)); err != nil {
		return err
	}
	return cs.shareCrossSigning(ctx, seeds) // verify_secrets.go
}

// loadCrossSigning gives the machine the cross-signing keys kept by
// keepCrossSigning, if any (UseEncryption).
func (cs *cryptoState) loadCrossSigning(ctx context.Context) error {
	s, err := cs.store.GetSecret(ctx, secretCrossSigning)
	if err != nil || s == "" {
		return err
	}
	var seeds crypto.CrossSigningSeeds
	if err := json.Unmarshal([]byte(s), &seeds); err != nil {
		return err
	}
	if err := cs.mach.ImportCrossSigningKeys(seeds); err != nil {
		return err
	}
	return cs.shareCrossSigning(ctx, seeds) // kept before they were shareable
}

// useBackup makes version the backup this device uploads to, keeping its
// key with the device's other keys.
func (cs *cryptoState) useBackup(ctx context.Context, version id.KeyBackupVersion, bk *backup.MegolmBackupKey) error {
	// Unpadded, as the spec writes secrets: it is also what another device
	// of the account gets when it asks for it (m.secret.request).
	if err := cs.store.PutSecret(ctx, id.SecretMegolmBackupV1, base64.RawStdEncoding.EncodeToString(bk.Bytes())); err != nil {
		return err
	}
	return cs.mach.SetKeyBackupVersion(ctx, version)
}

// backupKey is the backup's private key kept with this device's keys, or
// nil when this device has no backup.
func (cs *cryptoState) backupKey(ctx context.Context) *backup.MegolmBackupKey {
	s, err := cs.store.GetSecret(ctx, id.SecretMegolmBackupV1)
	if err != nil || s == "" {
		return nil
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "=")) // padded before
	if err != nil {
		return nil
	}
	bk, err := backup.MegolmBackupKeyFromBytes(raw)
	if err != nil {
		return nil
	}
	return bk
}

// Backup reports the key backup's state for this device.
func (c *Client) Backup(ctx context.Context) BackupStatus {
	cs := c.cryptoState()
	if cs == nil {
		return BackupStatus{}
	}
	version := cs.mach.KeyBackupVersion()
	if version == "" || cs.backupKey(ctx) == nil {
		return BackupStatus{}
	}
	waiting, _ := cs.store.GetGroupSessionsWithoutKeyBackupVersion(ctx, version).AsList()
	return BackupStatus{On: true, Version: version, Waiting: len(waiting)}
}

// BackUpKeys uploads every room key this device holds that the backup does
// not have yet. Sync and Send call it as keys are made or arrive; without a
// backup it does nothing.
func (c *Client) BackUpKeys(ctx context.Context) error {
	cs := c.cryptoState()
	if cs == nil {
		return nil
	}
	version := cs.mach.KeyBackupVersion()
	bk := cs.backupKey(ctx)
	if version == "" || bk == nil {
		return nil
	}
	cs.backupMu.Lock() // one upload at a time: two would send the same keys
	defer cs.backupMu.Unlock()
	sessions, err := cs.store.GetGroupSessionsWithoutKeyBackupVersion(ctx, version).AsList()
	if err != nil || len(sessions) == 0 {
		return err
	}
	req := &mautrix.ReqKeyBackup{Rooms: map[id.RoomID]mautrix.ReqRoomKeyBackup{}}
	for _, igs := range sessions {
		first := igs.Internal.FirstKnownIndex()
		exported, err := igs.Internal.Export(first)
		if err != nil {
			return classify(err, "backup")
		}
		// A session read back from storage has no chain at all (nil), which
		// would go out as null: the Rust crypto (Element, matrix-js-sdk)
		// then counts the key as restored but cannot use it. The spec's
		// field is a list, empty for a key nobody forwarded.
		chain := igs.ForwardingChains
		if chain == nil {
			chain = []string{}
		}
		sealed, err := backup.EncryptSessionData(bk, backup.MegolmSessionData{
			Algorithm:          id.AlgorithmMegolmV1,
			ForwardingKeyChain: chain,
			SenderClaimedKeys:  backup.SenderClaimedKeys{Ed25519: igs.SigningKey},
			SenderKey:          igs.SenderKey,
			SessionKey:         string(exported),
			SharedHistory:      igs.SharedHistory,
		})
		if err != nil {
			return classify(err, "backup")
		}
		raw, err := json.Marshal(sealed)
		if err != nil {
			return classify(err, "backup")
		}
		room, ok := req.Rooms[igs.RoomID]
		if !ok {
			room = mautrix.ReqRoomKeyBackup{Sessions: map[id.SessionID]mautrix.ReqKeyBackupData{}}
			req.Rooms[igs.RoomID] = room
		}
		room.Sessions[igs.ID()] = mautrix.ReqKeyBackupData{
			FirstMessageIndex: int(first),
			ForwardedCount:    len(igs.ForwardingChains),
			SessionData:       raw,
		}
	}
	err = c.authed(ctx, func(ctx context.Context) error {
		_, err := c.api.PutKeysInBackup(ctx, version, req)
		return err
	})
	if err != nil {
		return classify(err, "backup")
	}
	for _, igs := range sessions {
		igs.KeyBackupVersion = version
		if err := cs.store.PutGroupSession(ctx, igs); err != nil {
			return classify(err, "backup")
		}
	}
	return nil
}

// RestoreWithRecoveryKey uses the recovery key on this (new) device: it
// is checked against secret storage before anything is written, so a
// wrong key changes nothing on the server; then the cross-signing keys
// verify this device, the key backup is downloaded, and messages that could
// not be read are tried again (Sync delivers them as updates).
func (c *Client) RestoreWithRecoveryKey(ctx context.Context, recoveryKey string) error {
	cs := c.cryptoState()
	if cs == nil {
		return encryptionOff()
	}
	mach := cs.mach
	keyID, keyData, err := mach.SSSS.GetDefaultKeyData(ctx)
	if err != nil {
		if errors.Is(err, ssss.ErrNoDefaultKeyID) || errors.Is(err, mautrix.MNotFound) {
			return &Error{Kind: KindNoRecovery, Err: err}
		}
		return classify(err, "restore")
	}
	key, err := keyData.VerifyRecoveryKey(keyID, recoveryKey)
	if err != nil {
		return &Error{Kind: KindWrongRecoveryKey, Err: err}
	}
	if err := mach.FetchCrossSigningKeysFromSSSS(ctx, key); err != nil {
		return classify(err, "restore")
	}
	if err := c.adoptCrossSigning(ctx, cs); err != nil {
		return classify(err, "restore")
	}
	raw, err := mach.SSSS.GetDecryptedAccountData(ctx, event.AccountDataMegolmBackupKey, key)
	if err != nil {
		return classify(fmt.Errorf("reading the backup key: %w", err), "restore")
	}
	bk, err := backup.MegolmBackupKeyFromBytes(raw)
	if err != nil {
		return classify(err, "restore")
	}
	if err := cs.restoreBackup(ctx, bk); err != nil {
		return classify(err, "restore")
	}
	return nil
}

// adoptCrossSigning finishes giving this device the account's
// cross-signing keys the machine was just given (from secret storage, or
// from another device after a verification): it signs this device with
// them, keeps them, and counts as verified.
func (c *Client) adoptCrossSigning(ctx context.Context, cs *cryptoState) error {
	if err := c.signOwnDevice(ctx, cs); err != nil { // crypto_identity.go
		return err
	}
	if err := cs.keepCrossSigning(ctx); err != nil {
		return err
	}
	cs.setIdentity(IdentityVerified)
	return nil
}

// restoreBackup downloads the key backup bk opens (the server's latest,
// checked against bk) into the machine, and backs up to it from here on.
func (cs *cryptoState) restoreBackup(ctx context.Context, bk *backup.MegolmBackupKey) error {
	version, err := cs.mach.DownloadAndStoreLatestKeyBackup(ctx, bk)
	if err != nil || version == "" {
		return err
	}
	return cs.useBackup(ctx, version, bk)
}

// DeviceVerified says whether this device is verified: it holds the
// account's cross-signing keys (SetUpRecovery made them, or
// RestoreWithRecoveryKey unlocked them) and the server shows its device
// keys signed by that self-signing key, under that master key.
func (c *Client) DeviceVerified(ctx context.Context) bool {
	cs := c.cryptoState()
	if cs == nil || cs.mach.CrossSigningKeys == nil {
		return false
	}
	xs := cs.mach.CrossSigningKeys
	me, dev := c.Session().UserID, c.Session().DeviceID
	var resp *mautrix.RespQueryKeys
	err := c.authed(ctx, func(ctx context.Context) (err error) {
		resp, err = c.api.QueryKeys(ctx, &mautrix.ReqQueryKeys{DeviceKeys: mautrix.DeviceKeysRequest{me: {dev}}})
		return err
	})
	if err != nil {
		return false
	}
	master, self := resp.MasterKeys[me], resp.SelfSigningKeys[me]
	ssk := xs.SelfSigningKey.PublicKey()
	if master.FirstKey() != xs.MasterKey.PublicKey() || self.FirstKey() != ssk {
		return false
	}
	keys, ok := resp.DeviceKeys[me][dev]
	if !ok {
		return false
	}
	signed, err := signatures.VerifySignatureJSON(keys, me, ssk.String(), ssk)
	return err == nil && signed
}
