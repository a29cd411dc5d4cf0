package matrix

// IdentityState says where this device stands with the account's cross-signing
// identity (MSC4153: other people's apps share room keys only with
// devices their owner has cross-signed, and hide messages from the rest).
// A build without encryption always says IdentityUnknown.
type IdentityState string

const (
	// IdentityUnknown: not known yet (encryption is off, or the server
	// could not be asked; UseEncryption tries again at the next start).
	IdentityUnknown IdentityState = ""
	// IdentityVerified: this device holds the account's cross-signing keys
	// and has signed itself with them: made here at sign-in, or unlocked
	// with the recovery key.
	IdentityVerified IdentityState = "verified"
	// IdentityUnverified: the account's identity was made by another app or
	// device and this one does not hold its keys, so it is not verified:
	// apps that follow the spec's rule do not send it keys, and it cannot
	// read earlier messages. The recovery key verifies it.
	IdentityUnverified IdentityState = "unverified"
)
