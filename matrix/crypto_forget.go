package matrix

// cryptoKVKey is where the encryption keys live in the KV, beside
// "session" and "outbox" (crypto_store.go, built with the goolm tag).
const cryptoKVKey = "crypto"

// KindEncryption is a failure of end-to-end encryption itself: the keys
// kept in this browser cannot be read, or this build has none.
const KindEncryption Kind = "encryption"

// ForgetEncryption deletes the encryption keys kept in kv. Signing out
// calls it (with the session store's Clear), so the next person at this
// browser finds neither the token nor the keys. Client.Logout also drops
// them from a client that had UseEncryption on.
func ForgetEncryption(kv KV) error { return kv.Delete(cryptoKVKey) }
