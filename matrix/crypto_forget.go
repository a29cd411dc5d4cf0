package matrix

// cryptoKVKey is where the encryption keys live in the KV, beside
// "session" and "outbox" (crypto_store.go, built with the goolm tag).
const cryptoKVKey = "crypto"

// KindEncryption is a failure of end-to-end encryption itself: the keys
// kept in this browser cannot be read, or this build has none.
const KindEncryption Kind = "encryption"

// The cases of KindEncryption; without one, the session's encryption is
// not started (yet).
const (
	ReasonEncryptionNotBuilt Reason = "encryption_not_built" // a build without the goolm tag
	ReasonKeysUnreadable     Reason = "keys_unreadable"      // the stored keys could not be read
	ReasonKeysNotLoaded      Reason = "keys_not_loaded"      // they were read but could not be loaded
	ReasonCrossSigningStore  Reason = "cross_signing_store"  // the stored cross-signing keys could not be loaded
)

// ForgetEncryption deletes the encryption keys kept in kv. Signing out
// calls it (with the session store's Clear), so the next person at this
// browser finds neither the token nor the keys. Client.Logout also drops
// them from a client that had UseEncryption on.
func ForgetEncryption(kv KV) error { return kv.Delete(cryptoKVKey) }
