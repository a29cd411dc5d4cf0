package live

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"hellomatrix/matrix"
)

// Verification with the reader's other devices (matrix.Client's
// verification, verify*.go in the core): a request from their new app
// shows in whatever box they are looking at; this device, when not
// verified, can ask their other app. The core reports steps and kinds; the
// sentences are here.

// VerifyView is what the verification panel shows.
type VerifyView struct {
	// Show: there is something to show (a request, a verification under
	// way, how one ended, or a refused request).
	Show bool
	// Step is the core's step ("asked", "waiting", "compare",
	// "confirmed", "done", "ended"; "" when only Refusal is there).
	Step string
	// Heading and Text say where it stands and what to do.
	Heading, Text string
	// Emoji: the seven to compare (Step "compare").
	Emoji []matrix.Emoji
	// What the reader can do now.
	CanAccept, CanConfirm, CanCancel, CanClose bool
	// Refusal: a request declined by itself (from another account, or
	// while this one was running).
	Refusal string
}

// The panel's sentences.
const (
	VerifyAskedHeading   = "Your new app wants to check it is you"
	VerifyCompareHeading = "Compare the emoji"
	VerifyDoneHeading    = "Verified"
	VerifyEndedHeading   = "Not verified"
	VerifyWaitingHeading = "Verifying with your other device"

	VerifyOfferText = "Or confirm it from another app or device where you are signed in to this account: " +
		"start here, accept there, and compare the emoji both show."
	VerifyOfferButton = "Verify with another device"
	VerifyNoOther     = "None of your other devices is signed in to this account right now. " +
		"Sign in to your account in another app first, then try again; or enter your recovery key above."
)

// deviceLabel names the other device in a sentence (its name comes from
// its app: text, never markup).
func deviceLabel(v matrix.Verification) string {
	if v.DeviceName != "" {
		return "“" + v.DeviceName + "”"
	}
	return "your other device"
}

// Verify is the verification panel's state at this moment. It asks the
// server nothing.
func Verify() VerifyView {
	client := the.currentClient()
	if client == nil {
		return VerifyView{}
	}
	return verifyView(client.Verification(), client.Backup(context.Background()).On)
}

// verifyView words the core's verification; backupOn says whether this
// device has a key backup (what a verified new device can read).
func verifyView(v matrix.Verification, backupOn bool) VerifyView {
	out := VerifyView{Step: string(v.Step), Refusal: refusal(v)}
	dev := deviceLabel(v)
	switch v.Step {
	case matrix.VerifyNone:
		out.Show = out.Refusal != ""
		out.CanClose = out.Show
		return out
	case matrix.VerifyAsked:
		out.Heading = VerifyAskedHeading
		out.Text = fmt.Sprintf("%s, signed in to your account, asks this device to confirm it. "+
			"If you just signed in there, accept and compare the emoji. "+
			"If you did not, decline: someone else may know your password, so change it.", capitalise(dev))
		out.CanAccept, out.CanCancel = true, true
	case matrix.VerifyWaiting:
		out.Heading = VerifyWaitingHeading
		if v.Incoming || v.Device != "" {
			out.Text = fmt.Sprintf("Waiting for %s to show the emoji…", dev)
		} else {
			out.Text = "Open your other app, signed in to this account, and accept the request there. " +
				"Then compare the emoji it shows with the ones that appear here."
		}
		out.CanCancel = true
	case matrix.VerifyCompare:
		out.Heading = VerifyCompareHeading
		out.Text = fmt.Sprintf("Check that %s shows these same seven emoji, in this order.", dev)
		out.Emoji = v.Emoji
		out.CanConfirm, out.CanCancel = true, true
	case matrix.VerifyConfirmed:
		out.Heading = VerifyCompareHeading
		out.Text = fmt.Sprintf("Waiting for %s to confirm the emoji too…", dev)
		out.CanCancel = true
	case matrix.VerifyDone:
		out.Heading = VerifyDoneHeading
		out.Text = doneText(v, dev, backupOn)
		out.CanClose = v.Incoming || v.Restored || v.RestoreFailed
	case matrix.VerifyEnded:
		out.Heading = VerifyEndedHeading
		out.Text = endText(v.End, dev)
		out.CanClose = true
	}
	out.Show = true
	return out
}

func doneText(v matrix.Verification, dev string, backupOn bool) string {
	switch {
	case v.Incoming && backupOn:
		return fmt.Sprintf("%s is verified. This device has signed it and handed it your key backup's key, "+
			"so it can read your encrypted messages, earlier ones included.", capitalise(dev))
	case v.Incoming:
		return fmt.Sprintf("%s is verified: new encrypted messages will reach it. "+
			"Your earlier messages are only on this device, since you have no recovery key yet; set one up to carry them over.", capitalise(dev))
	case v.Restored:
		return "This device is verified now, and your earlier messages have been read from your key backup."
	case v.RestoreFailed:
		return fmt.Sprintf("This device is verified, but %s did not hand over your keys. "+
			"New messages will reach it; to read earlier ones, enter your recovery key.", dev)
	}
	return fmt.Sprintf("This device is verified. Fetching your keys from %s…", dev)
}

func endText(end matrix.VerifyEnd, dev string) string {
	switch end {
	case matrix.EndMismatch:
		return "You said the emoji differ, so nothing was verified and nothing changed. " +
			"If it was you who signed in there, start again from the other app. " +
			"If it was not, someone else may know your password: change it."
	case matrix.EndMismatchThere:
		return fmt.Sprintf("%s found that the emoji differ, so nothing was verified and nothing changed. "+
			"Start again; if they differ a second time, something is between your devices, or someone else is signed in to your account: change your password.", capitalise(dev))
	case matrix.EndCancelledHere:
		return "You stopped the verification. Nothing was changed."
	case matrix.EndCancelledThere:
		return fmt.Sprintf("The verification was stopped on %s. Nothing was changed; start again when you are ready.", dev)
	case matrix.EndAnsweredElsewhere:
		return "Another of your devices answered this request. Nothing more to do here."
	case matrix.EndTimeout:
		return "The verification took too long and was stopped. Nothing was changed: start again, and compare the emoji within ten minutes."
	}
	return "The verification could not finish: the connection or the other app broke it off. Nothing was changed; try again."
}

func refusal(v matrix.Verification) string {
	switch v.Refused {
	case matrix.EndBusy:
		return fmt.Sprintf("“%s” also asked to verify while this verification was running, and was turned down. "+
			"Finish this one first, then ask again from there.", v.RefusedFrom)
	case matrix.EndOtherAccount:
		return fmt.Sprintf("%s asked to verify this device. That is someone else's account, and this guide only confirms your own devices, "+
			"so the request was turned down and nothing was changed.", v.RefusedFrom)
	}
	return ""
}

func capitalise(s string) string {
	if len(s) > 0 && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// verifyAction runs one step of the reader's and returns "" or the
// sentence to show.
func verifyAction(fn func(context.Context, *matrix.Client) error) string {
	client := the.currentClient()
	if client == nil {
		return "Sign in first."
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := fn(ctx, client)
	the.changed()
	switch {
	case err == nil:
		return ""
	case matrix.KindOf(err) == matrix.KindNoOtherDevice:
		return VerifyNoOther
	case matrix.KindOf(err) == matrix.KindVerification:
		return "This verification has moved on; look at what the box says now."
	}
	return matrix.Message(err)
}

// RequestVerification asks the reader's other devices to verify this one.
func RequestVerification() string {
	return verifyAction(func(ctx context.Context, c *matrix.Client) error { return c.RequestVerification(ctx) })
}

// AcceptVerification accepts the request shown.
func AcceptVerification() string {
	return verifyAction(func(ctx context.Context, c *matrix.Client) error { return c.AcceptVerification(ctx) })
}

// ConfirmEmoji says the emoji match.
func ConfirmEmoji() string {
	return verifyAction(func(ctx context.Context, c *matrix.Client) error { return c.ConfirmEmoji(ctx) })
}

// EmojiDiffer says the emoji differ: nothing is signed.
func EmojiDiffer() string {
	return verifyAction(func(ctx context.Context, c *matrix.Client) error { return c.EmojiDiffer(ctx) })
}

// CancelVerification stops the verification, or declines the request.
func CancelVerification() string {
	return verifyAction(func(ctx context.Context, c *matrix.Client) error { return c.CancelVerification(ctx) })
}

// DismissVerification hides what is left of a finished verification.
func DismissVerification() {
	if client := the.currentClient(); client != nil {
		client.DismissVerification()
		the.changed()
	}
}

// watchVerification makes every change of client's verification redraw
// the boxes; once this device got the account's keys from the other one,
// the open room's history is read again (now readable).
func (s *state) watchVerification(client *matrix.Client) {
	var reread atomic.Bool // the history was read again for this verification
	client.OnVerification(func(v matrix.Verification) {
		if v.Restored && reread.CompareAndSwap(false, true) {
			go func() {
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				s.mu.Lock()
				room := s.room.ID
				s.mu.Unlock()
				if room != "" && s.currentClient() == client {
					s.loadHistory(ctx, client, room)
				}
				s.changed()
			}()
		}
		if !v.Restored {
			reread.Store(false)
		}
		s.changed()
	})
}
