//go:build goolm && !js

package matrix

import (
	"bytes"
	"context"
	"crypto/ecdh"
	"strings"
	"testing"
	"time"
	_ "unsafe" // go:linkname, below

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/canonicaljson"
	"maunium.net/go/mautrix/crypto/verificationhelper"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// The spec has no test vectors for SAS, so the maths are checked against
// mautrix's verificationhelper, which the core used before and which still
// builds natively: its unexported functions, reached by linkname, on the
// same keys and IDs. (matrix-js-sdk checks them too, in verify_test.go.)

//go:linkname helperSASBytes maunium.net/go/mautrix/crypto/verificationhelper.(*VerificationHelper).verificationSASHKDF
func helperSASBytes(vh *verificationhelper.VerificationHelper, txn verificationhelper.VerificationTransaction) ([]byte, error)

//go:linkname helperMAC maunium.net/go/mautrix/crypto/verificationhelper.(*VerificationHelper).verificationMACHKDF
func helperMAC(vh *verificationhelper.VerificationHelper, txn verificationhelper.VerificationTransaction, senderUser id.UserID, senderDevice id.DeviceID, receivingUser id.UserID, receivingDevice id.DeviceID, keyID, key string) ([]byte, error)

//go:linkname helperCommitment maunium.net/go/mautrix/crypto/verificationhelper.calculateCommitment
func helperCommitment(pub *ecdh.PublicKey, txn verificationhelper.VerificationTransaction) ([]byte, error)

//go:linkname helperEmoji maunium.net/go/mautrix/crypto/verificationhelper.allEmojis
var helperEmoji []rune

//go:linkname helperEmojiNames maunium.net/go/mautrix/crypto/verificationhelper.allEmojiDescriptions
var helperEmojiNames []string

func TestSASEmojiTable(t *testing.T) {
	if len(helperEmoji) != 64 || len(helperEmojiNames) != 64 {
		t.Fatalf("the helper's table has %d emoji and %d names", len(helperEmoji), len(helperEmojiNames))
	}
	for i, e := range sasTable {
		if strings.TrimSuffix(e.Symbol, "\uFE0F") != string(helperEmoji[i]) || e.Name != helperEmojiNames[i] {
			t.Errorf("emoji %d is %q %q; the helper's is %q %q", i, e.Symbol, e.Name, string(helperEmoji[i]), helperEmojiNames[i])
		}
		if strings.HasSuffix(e.Symbol, "\uFE0F") != strings.ContainsRune("☁❤☂✏✂☎✈", helperEmoji[i]) {
			t.Errorf("emoji %d (%q): the variation selector is where Unicode draws a text sign", i, e.Symbol)
		}
	}
}

// TestSASMathsMatchHelper: the emoji, the MACs and the commitment this
// side computes are the helper's, whichever side started.
func TestSASMathsMatchHelper(t *testing.T) {
	me, other := id.UserID("@alice:example.org"), id.UserID("@alice:example.org")
	myDev, otherDev := id.DeviceID("HERE"), id.DeviceID("THERE")
	vh := verificationhelper.NewVerificationHelper(&mautrix.Client{UserID: me, DeviceID: myDev, Crypto: noCrypto{}},
		nil, nil, noCallbacks{}, false, false, true)
	for _, weStarted := range []bool{true, false} {
		ours, err := newSASKey()
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := newSASKey()
		if err != nil {
			t.Fatal(err)
		}
		txnID := id.NewVerificationTransactionID()
		start := &event.VerificationStartEventContent{FromDevice: myDev, Method: event.VerificationMethodSAS,
			KeyAgreementProtocols: []event.KeyAgreementProtocol{sasAgreement}, Hashes: []event.VerificationHashMethod{sasHash},
			MessageAuthenticationCodes: []event.MACMethod{sasMACMethod}, ShortAuthenticationString: sasStrings}
		start.TransactionID = txnID
		txn := verificationhelper.VerificationTransaction{
			TransactionID: txnID, TheirUserID: other, TheirDeviceID: otherDev, StartedByUs: weStarted,
			EphemeralKey: &verificationhelper.ECDHPrivateKey{PrivateKey: ours}, OtherPublicKey: &verificationhelper.ECDHPublicKey{PublicKey: theirs.PublicKey()},
			MACMethod: event.MACMethodHKDFHMACSHA256V2, StartEventContent: start,
		}

		us := sasParty{me, myDev, ours.PublicKey().Bytes()}
		them := sasParty{other, otherDev, theirs.PublicKey().Bytes()}
		secret, err := sasShared(ours, them.key)
		if err != nil {
			t.Fatal(err)
		}
		starter, accepter := them, us
		if weStarted {
			starter, accepter = us, them
		}
		got, err := sasBytes(secret, starter, accepter, txnID)
		if err != nil {
			t.Fatal(err)
		}
		want, err := helperSASBytes(vh, txn)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("started here %v: SAS bytes %x; the helper's %x", weStarted, got, want)
		}
		if got, want := sasEmoji(got), helperEmojiFor(want); !sameSymbols(got, want) {
			t.Errorf("started here %v: emoji %v; the helper's %v", weStarted, got, want)
		}

		keyID := string(id.NewKeyID(id.KeyAlgorithmEd25519, string(myDev)))
		for _, c := range []struct {
			from, to     sasParty
			keyID, input string
		}{
			{us, them, keyID, "some+ed25519/key"},
			{them, us, "KEY_IDS", "ed25519:A,ed25519:B"},
		} {
			got, err := sasMAC(secret, c.from, c.to, txnID, c.keyID, c.input)
			if err != nil {
				t.Fatal(err)
			}
			want, err := helperMAC(vh, txn, c.from.user, c.from.device, c.to.user, c.to.device, c.keyID, c.input)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("MAC from %s of %s: %x; the helper's %x", c.from.device, c.keyID, got, want)
			}
		}

		canon, err := canonicaljson.Marshal(start)
		if err != nil {
			t.Fatal(err)
		}
		wantCommit, err := helperCommitment(ours.PublicKey(), txn)
		if err != nil {
			t.Fatal(err)
		}
		if got := sasCommitment(ours.PublicKey().Bytes(), canon); !bytes.Equal(got, wantCommit) {
			t.Errorf("commitment %x; the helper's %x", got, wantCommit)
		}
	}
}

// TestSASEmojiBits: each emoji takes the next six bits, from the top.
func TestSASEmojiBits(t *testing.T) {
	// 000001 000010 000011 000100 000101 000110 111111, then 6 bits unused.
	b := []byte{0b00000100, 0b00100000, 0b11000100, 0b00010100, 0b01101111, 0b11_101010}
	got := sasEmoji(b)
	for i, want := range []int{1, 2, 3, 4, 5, 6, 63} {
		if got[i] != (Emoji{want, sasTable[want].Symbol, sasTable[want].Name}) {
			t.Errorf("emoji %d is %v, want %v (index %d)", i, got[i], sasTable[want], want)
		}
	}
}

// helperEmojiFor is the helper's derivation of the emoji (in onVerificationKey).
func helperEmojiFor(b []byte) []rune {
	n := uint64(b[0])<<40 | uint64(b[1])<<32 | uint64(b[2])<<24 | uint64(b[3])<<16 | uint64(b[4])<<8 | uint64(b[5])
	out := make([]rune, 7)
	for i := range out {
		out[i] = helperEmoji[(n>>uint(48-(i+1)*6))&0b111111]
	}
	return out
}

func sameSymbols(got []Emoji, want []rune) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if strings.TrimSuffix(got[i].Symbol, "\uFE0F") != string(want[i]) {
			return false
		}
	}
	return true
}

// noCrypto and noCallbacks let the helper be made; nothing calls them.
type noCrypto struct{}

func (noCrypto) Encrypt(context.Context, id.RoomID, event.Type, any) (*event.EncryptedEventContent, error) {
	return nil, nil
}
func (noCrypto) Decrypt(context.Context, *event.Event) (*event.Event, error) { return nil, nil }
func (noCrypto) WaitForSession(context.Context, id.RoomID, id.SenderKey, id.SessionID, time.Duration) bool {
	return false
}
func (noCrypto) RequestSession(context.Context, id.RoomID, id.SenderKey, id.SessionID, id.UserID, id.DeviceID) {
}
func (noCrypto) Init(context.Context) error { return nil }

type noCallbacks struct{}

func (noCallbacks) VerificationRequested(context.Context, id.VerificationTransactionID, id.UserID, id.DeviceID) {
}
func (noCallbacks) VerificationReady(context.Context, id.VerificationTransactionID, id.DeviceID, bool, bool, *verificationhelper.QRCode) {
}
func (noCallbacks) VerificationCancelled(context.Context, id.VerificationTransactionID, event.VerificationCancelCode, string) {
}
func (noCallbacks) VerificationDone(context.Context, id.VerificationTransactionID, event.VerificationMethod) {
}
func (noCallbacks) ShowSAS(context.Context, id.VerificationTransactionID, []rune, []string, []int) {}
