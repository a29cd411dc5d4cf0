//go:build !goolm

package matrix

import (
	"context"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// Without the goolm tag mautrix's crypto would need libolm through cgo,
// which a plain `go build` or `go test ./...` in a fresh clone does not
// have. So this build has no encryption: everything still compiles and
// works in unencrypted rooms, and encrypted messages say why they cannot be
// read. The WASM and `make test` build with goolm (crypto.go).

// EncryptionBuiltIn says whether this build can encrypt.
const EncryptionBuiltIn = false

type cryptoState struct{}

// UseEncryption reports that this build has no encryption.
func (c *Client) UseEncryption(context.Context, KV) error {
	return &Error{Kind: KindEncryption, Reason: ReasonEncryptionNotBuilt}
}

// EncryptionOn is always false in this build.
func (c *Client) EncryptionOn() bool { return false }

func (c *Client) forgetCrypto()                     {}
func (c *Client) newRoomEncryption() []*event.Event { return nil }

// RoomEncrypted is always false in this build.
func (c *Client) RoomEncrypted(id.RoomID) bool { return false }

func (c *Client) rememberNewRoomEncryption(id.RoomID, []*event.Event) {}

func (c *Client) cryptoSync(context.Context, *mautrix.RespSync, string, map[id.RoomID][]*event.Event) []*event.Event {
	return nil
}

func (c *Client) openHistory(context.Context, id.RoomID, []*event.Event) {}

func (c *Client) decryptProblem(id.EventID) DecryptProblem { return ProblemEncryptionOff }

func (c *Client) seal(_ context.Context, _ id.RoomID, content *event.MessageEventContent) (event.Type, any, error) {
	return event.EventMessage, content, nil
}

func (c *Client) SetUpRecovery(context.Context) (string, error)        { return "", encryptionOff() }
func (c *Client) RestoreWithRecoveryKey(context.Context, string) error { return encryptionOff() }
func (c *Client) BackUpKeys(context.Context) error                     { return nil }
func (c *Client) Backup(context.Context) BackupStatus                  { return BackupStatus{} }
func (c *Client) DeviceVerified(context.Context) bool                  { return false }

func (c *Client) cryptoSideSync(context.Context, *mautrix.RespSync, string) {}
func (c *Client) IdentityState() IdentityState                              { return IdentityUnknown }

func (c *Client) OnVerification(func(Verification))         {}
func (c *Client) Verification() Verification                { return Verification{} }
func (c *Client) RequestVerification(context.Context) error { return encryptionOff() }
func (c *Client) AcceptVerification(context.Context) error  { return encryptionOff() }
func (c *Client) ConfirmEmoji(context.Context) error        { return encryptionOff() }
func (c *Client) EmojiDiffer(context.Context) error         { return encryptionOff() }
func (c *Client) CancelVerification(context.Context) error  { return encryptionOff() }
func (c *Client) DismissVerification()                      {}
