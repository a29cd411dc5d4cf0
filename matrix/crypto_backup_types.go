package matrix

import "maunium.net/go/mautrix/id"

// The parts of secure backup (crypto_backup.go) that a build without
// encryption (crypto_off.go) answers too.

// BackupStatus says whether this device backs its room keys up to the
// server, and how many are not in the backup yet ("backed up" when 0).
type BackupStatus struct {
	On      bool
	Version id.KeyBackupVersion
	Waiting int
}

// KindWrongRecoveryKey: the recovery key typed does not open this
// account's secret storage (or is not shaped like one).
const KindWrongRecoveryKey Kind = "wrong_recovery_key"

// KindNoRecovery: the account has no recovery set up to restore from.
const KindNoRecovery Kind = "no_recovery"

// KindCrossSigningElsewhere: the account's cross-signing keys were made by
// another app or device and this one does not hold them, so it cannot set
// up recovery of its own; restoring with the recovery key can.
const KindCrossSigningElsewhere Kind = "cross_signing_elsewhere"

func encryptionOff() error {
	return &Error{Kind: KindEncryption}
}
