//go:build goolm

package matrix

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"maunium.net/go/mautrix/crypto"
	"maunium.net/go/mautrix/crypto/backup"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// Secret sharing between the account's devices after a verification
// (spec "Sharing": m.secret.request and m.secret.send, olm-encrypted).
// Answering is mautrix's machine's job: it sends a secret from the store
// to a device of ours it counts as verified (the verification just made
// it so), under the secret's spec name. So the store keeps the
// cross-signing keys under those names too, as the spec writes them
// (unpadded base64), beside the backup's key (crypto_backup.go).

// shareCrossSigning keeps the cross-signing keys under their spec names.
func (cs *cryptoState) shareCrossSigning(ctx context.Context, seeds crypto.CrossSigningSeeds) error {
	for name, seed := range map[id.Secret][]byte{
		id.SecretXSMaster: seeds.MasterKey, id.SecretXSSelfSigning: seeds.SelfSigningKey, id.SecretXSUserSigning: seeds.UserSigningKey,
	} {
		if len(seed) == 0 {
			continue
		}
		if err := cs.store.PutSecret(ctx, name, base64.RawStdEncoding.EncodeToString(seed)); err != nil {
			return err
		}
	}
	return nil
}

// secretWait is how long this device waits for the other one to send a
// secret it asked for; an app that answers does so within seconds.
const secretWait = time.Minute

// receiveSecrets runs after a verification that made this device trusted
// by one that holds the account's keys: it asks for the cross-signing
// keys (checked against the ones the server publishes before they are
// used), signs itself with them, then asks for the backup's key and reads
// the backup, so earlier messages decrypt.
func (c *Client) receiveSecrets(txn id.VerificationTransactionID) {
	cs := c.cryptoState()
	if cs == nil || cs.verify == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*secretWait)
	defer cancel()
	// The secrets come back olm-encrypted. An olm session this device
	// opens first (with an empty m.dummy) lets the other app answer at
	// once, instead of claiming a key of ours and waiting for its next
	// sync to send the answer (half a minute on a quiet server).
	if dev, err := cs.mach.GetOrFetchDevice(ctx, c.Session().UserID, cs.verify.snapshot().Device); err == nil && dev != nil {
		_ = cs.mach.SendEncryptedToDevice(ctx, dev, event.ToDeviceDummy, event.Content{Parsed: &event.DummyEventContent{}})
	}
	err := c.receiveCrossSigning(ctx, cs)
	if err == nil {
		err = c.receiveBackupKey(ctx, cs)
	}
	cs.verify.move(txn, func(cur *Verification) {
		cur.Restored, cur.RestoreFailed = err == nil, err != nil
	})
}

func (c *Client) receiveCrossSigning(ctx context.Context, cs *cryptoState) error {
	published, err := cs.mach.GetCrossSigningPublicKeys(ctx, c.Session().UserID)
	if err != nil {
		return err
	}
	if published == nil {
		return errors.New("the account has no cross-signing keys")
	}
	want := map[id.Secret]id.Ed25519{
		id.SecretXSMaster: published.MasterKey, id.SecretXSSelfSigning: published.SelfSigningKey, id.SecretXSUserSigning: published.UserSigningKey,
	}
	got := map[id.Secret][]byte{}
	for name, pub := range want {
		err := cs.mach.GetOrRequestSecret(ctx, name, func(s string) (bool, error) {
			seed, ok := seedFor(s, pub)
			if ok {
				got[name] = seed
			}
			return ok, nil // a wrong one is ignored: another device may answer
		}, secretWait)
		if err != nil {
			return err
		}
	}
	err = cs.mach.ImportCrossSigningKeys(crypto.CrossSigningSeeds{
		MasterKey: got[id.SecretXSMaster], SelfSigningKey: got[id.SecretXSSelfSigning], UserSigningKey: got[id.SecretXSUserSigning],
	})
	if err != nil {
		return err
	}
	return c.adoptCrossSigning(ctx, cs) // crypto_backup.go
}

// seedFor decodes a cross-signing secret and says whether it is the
// private half of pub.
func seedFor(secret string, pub id.Ed25519) ([]byte, bool) {
	seed, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(secret, "="))
	if err != nil || len(seed) != 32 {
		return nil, false
	}
	keys, err := (&crypto.CrossSigningSeeds{MasterKey: seed, SelfSigningKey: seed, UserSigningKey: seed}).Decode()
	if err != nil {
		return nil, false
	}
	return seed, keys.MasterKey.PublicKey() == pub
}

func (c *Client) receiveBackupKey(ctx context.Context, cs *cryptoState) error {
	var bk *backup.MegolmBackupKey
	err := cs.mach.GetOrRequestSecret(ctx, id.SecretMegolmBackupV1, func(s string) (bool, error) {
		raw, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
		if err != nil {
			return false, nil
		}
		if bk, err = backup.MegolmBackupKeyFromBytes(raw); err != nil {
			return false, nil
		}
		return true, nil
	}, secretWait)
	if err != nil {
		return err
	}
	return cs.restoreBackup(ctx, bk) // checks bk against the server's backup
}
