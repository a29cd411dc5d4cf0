package matrix

import (
	"crypto/ecdh"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"slices"
	"strings"

	"golang.org/x/crypto/hkdf"
	"maunium.net/go/mautrix/id"
)

// The maths of SAS verification (spec v1.18, "Short Authentication String
// (SAS) verification"), with the one choice of each this client offers
// and accepts: key agreement curve25519-hkdf-sha256, hash sha256, MAC
// hkdf-hmac-sha256.v2. They are what matrix-js-sdk's and Element's Rust
// crypto pick whenever the other side offers them. sas_flow.go runs the
// exchange; nothing here sends or stores anything.

// sasParty is one side of the exchange: who, and its ephemeral public
// key once it is known.
type sasParty struct {
	user   id.UserID
	device id.DeviceID
	key    []byte
}

func newSASKey() (*ecdh.PrivateKey, error) { return ecdh.X25519().GenerateKey(rand.Reader) }

// sasShared is the shared secret of our private key and their public key.
func sasShared(ours *ecdh.PrivateKey, theirs []byte) ([]byte, error) {
	pub, err := ecdh.X25519().NewPublicKey(theirs)
	if err != nil {
		return nil, err
	}
	return ours.ECDH(pub)
}

// sasCommitment is what the side that accepts a start commits to before
// the keys are exchanged: sha256 of its public key (as unpadded base64, as
// every app does) followed by the canonical JSON of the start content.
func sasCommitment(pub, startJSON []byte) []byte {
	h := sha256.New()
	h.Write([]byte(base64.RawStdEncoding.EncodeToString(pub)))
	h.Write(startJSON)
	return h.Sum(nil)
}

// sasBytes are the six bytes the emoji (and the numbers) come from;
// starter is the side whose start is the one in force.
func sasBytes(secret []byte, starter, accepter sasParty, txn id.VerificationTransactionID) ([]byte, error) {
	info := "MATRIX_KEY_VERIFICATION_SAS|" + starter.info() + "|" + accepter.info() + "|" + string(txn)
	return sasHKDF(secret, info, 6)
}

// sasHKDF is n bytes of HKDF-SHA256 of the shared secret with info and no
// salt. (x/crypto's HKDF, which goolm links anyway.)
func sasHKDF(secret []byte, info string, n int) ([]byte, error) {
	out := make([]byte, n)
	_, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte(info)), out)
	return out, err
}

func (p sasParty) info() string {
	return string(p.user) + "|" + string(p.device) + "|" + base64.RawStdEncoding.EncodeToString(p.key)
}

// sasMAC is the hkdf-hmac-sha256.v2 MAC that from sends to to of input
// (a key, or the list of key IDs when keyID is "KEY_IDS").
func sasMAC(secret []byte, from, to sasParty, txn id.VerificationTransactionID, keyID, input string) ([]byte, error) {
	info := "MATRIX_KEY_VERIFICATION_MAC" + string(from.user) + string(from.device) +
		string(to.user) + string(to.device) + string(txn) + keyID
	key, err := sasHKDF(secret, info, 32)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(input))
	return m.Sum(nil), nil
}

// sasKeyIDs is the input of the KEY_IDS MAC: the key IDs sorted and
// joined with commas.
func sasKeyIDs[V any](macs map[id.KeyID]V) string {
	ids := make([]string, 0, len(macs))
	for k := range macs {
		ids = append(ids, string(k))
	}
	slices.Sort(ids)
	return strings.Join(ids, ",")
}
