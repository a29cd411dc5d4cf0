package matrix

import "maunium.net/go/mautrix/id"

// Verification with another device of the same account (to-device, SAS
// with emoji: spec "Key verification framework" and "Short Authentication
// String"), as the core reports it to the view model: where it stands and,
// once over, how it ended, as kinds the view model words (app/live).
// verify.go and sas_flow.go run it; a build without encryption has none.

// VerifyStep is where the current verification stands.
type VerifyStep string

const (
	// VerifyNone: nothing is running and nothing is left to tell.
	VerifyNone VerifyStep = ""
	// VerifyAsked: another device of the account asks to verify; the
	// reader accepts (AcceptVerification) or declines (CancelVerification).
	VerifyAsked VerifyStep = "asked"
	// VerifyWaiting: this device asked, or accepted, and waits for the
	// other device to answer.
	VerifyWaiting VerifyStep = "waiting"
	// VerifyCompare: both devices show seven emoji (Emoji); the reader
	// says whether they match (ConfirmEmoji) or not (EmojiDiffer).
	VerifyCompare VerifyStep = "compare"
	// VerifyConfirmed: the reader said they match; the other device has
	// not said so yet.
	VerifyConfirmed VerifyStep = "confirmed"
	// VerifyDone: both said they match. The other device is cross-signed
	// (when this one holds the account's keys), or this device got the
	// account's keys from it (Restored says whether the history came too).
	VerifyDone VerifyStep = "done"
	// VerifyEnded: stopped before the end (End says how); nothing was
	// signed.
	VerifyEnded VerifyStep = "ended"
)

// VerifyEnd says how a verification stopped, or why a request was
// refused (Verification.Refused).
type VerifyEnd string

const (
	// EndMismatch: the reader said the emoji differ here.
	EndMismatch VerifyEnd = "mismatch"
	// EndMismatchThere: the other device said they differ, or the check
	// of the keys behind them failed.
	EndMismatchThere VerifyEnd = "mismatch_there"
	// EndCancelledHere: the reader stopped it (or declined the request).
	EndCancelledHere VerifyEnd = "cancelled_here"
	// EndCancelledThere: the other device stopped it or declined.
	EndCancelledThere VerifyEnd = "cancelled_there"
	// EndAnsweredElsewhere: another device of the account answered the
	// request first.
	EndAnsweredElsewhere VerifyEnd = "answered_elsewhere"
	// EndTimeout: nobody finished in time.
	EndTimeout VerifyEnd = "timeout"
	// EndFailed: something else went wrong (the server could not be
	// reached, the other app broke off with an error).
	EndFailed VerifyEnd = "failed"
	// EndBusy (a refusal): another request came while one was running; it
	// was declined.
	EndBusy VerifyEnd = "busy"
	// EndOtherAccount (a refusal): a device of someone else's account
	// asked; it was declined.
	EndOtherAccount VerifyEnd = "other_account"
)

// Emoji is one of the seven emoji to compare: its number in the spec's
// list of 64, by which the view model names it in the reader's language
// (the spec has each name in many), and its English name there.
type Emoji struct {
	Number int
	Symbol string
	Name   string
}

// Verification is the current verification as the core sees it.
type Verification struct {
	Step VerifyStep
	// Incoming: the other device asked (else this one did).
	Incoming bool
	// Device and DeviceName: the other device, once known (its name is
	// the one its app gave at sign-in, remote text).
	Device     id.DeviceID
	DeviceName string
	// Emoji: the seven to compare (VerifyCompare on).
	Emoji []Emoji
	// End: how it stopped (VerifyEnded).
	End VerifyEnd
	// Restored: after VerifyDone on a device that was not verified, the
	// account's keys came and the key backup was read; RestoreFailed: the
	// keys or the backup did not come (the recovery key still works).
	Restored, RestoreFailed bool
	// Refused is a request this device turned down by itself while
	// (EndBusy) or before this one, with who asked (RefusedFrom: a user
	// ID for EndOtherAccount, else the device's name or ID).
	Refused     VerifyEnd
	RefusedFrom string
}

// Running says whether a verification is under way.
func (v Verification) Running() bool {
	switch v.Step {
	case VerifyAsked, VerifyWaiting, VerifyCompare, VerifyConfirmed:
		return true
	}
	return false
}

// KindNoOtherDevice: RequestVerification found no other device of the
// account (User) to ask.
const KindNoOtherDevice Kind = "no_other_device"

// KindVerification: the reader's step does not fit the verification as it
// stands now: it has moved on (the other device answered, it ended).
const KindVerification Kind = "verification"

// ReasonVerificationRunning (KindVerification): RequestVerification while
// a verification is already under way.
const ReasonVerificationRunning Reason = "verification_running"
