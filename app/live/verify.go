package live

import (
	"context"
	"sync/atomic"
	"time"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// Verification with the reader's other devices (matrix.Client's
// verification, verify*.go in the core): a request from their new app
// shows in whatever box they are looking at; this device, when not
// verified, can ask their other app. The core reports steps and kinds; the
// sentences are the catalog's "verify." keys (package words).

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

// The identity note's offer to verify with another device (Say).
const (
	VerifyOfferText   Key = "verify.offer_text"
	VerifyOfferButton Key = "verify.offer_button"
)

// The panel's buttons (app/live_verify.go, Say).
const (
	VerifyAccept  Key = "live.verify.accept"
	VerifyMatch   Key = "live.verify.match"
	VerifyDiffer  Key = "live.verify.differ"
	VerifyCancel  Key = "live.verify.cancel"
	VerifyDecline Key = "live.verify.decline"
	VerifyClose   Key = "live.verify.close"
)

// deviceLabel names the other device in a sentence, or at its start
// (first): its name comes from its app, text and never markup.
func deviceLabel(w *words.Words, v matrix.Verification, first bool) string {
	switch {
	case v.DeviceName != "":
		return w.Say("verify.device_name", "name", v.DeviceName)
	case first:
		return w.Say("verify.other_device_first")
	}
	return w.Say("verify.other_device")
}

// Verify is the verification panel's state at this moment. It asks the
// server nothing.
func (m *Model) Verify() VerifyView {
	client := m.currentClient()
	if client == nil {
		return VerifyView{}
	}
	return verifyView(m.speaking(), client.Verification(), client.Backup(context.Background()).On)
}

// verifyView words the core's verification in w's language; backupOn says whether this
// device has a key backup (what a verified new device can read).
func verifyView(w *words.Words, v matrix.Verification, backupOn bool) VerifyView {
	out := VerifyView{Step: string(v.Step), Refusal: refusal(w, v)}
	dev, first := deviceLabel(w, v, false), deviceLabel(w, v, true)
	switch v.Step {
	case matrix.VerifyNone:
		out.Show = out.Refusal != ""
		out.CanClose = out.Show
		return out
	case matrix.VerifyAsked:
		out.Heading = w.Say("verify.asked_heading")
		out.Text = w.Say("verify.asked", "device", first)
		out.CanAccept, out.CanCancel = true, true
	case matrix.VerifyWaiting:
		out.Heading = w.Say("verify.waiting_heading")
		if v.Incoming || v.Device != "" {
			out.Text = w.Say("verify.waiting_for_device", "device", dev)
		} else {
			out.Text = w.Say("verify.waiting_for_request")
		}
		out.CanCancel = true
	case matrix.VerifyCompare:
		out.Heading = w.Say("verify.compare_heading")
		out.Text = w.Say("verify.compare", "device", dev)
		out.Emoji = namedEmoji(w, v.Emoji)
		out.CanConfirm, out.CanCancel = true, true
	case matrix.VerifyConfirmed:
		out.Heading = w.Say("verify.compare_heading")
		out.Text = w.Say("verify.confirmed", "device", dev)
		out.CanCancel = true
	case matrix.VerifyDone:
		out.Heading = w.Say("verify.done_heading")
		out.Text = doneText(w, v, dev, first, backupOn)
		out.CanClose = v.Incoming || v.Restored || v.RestoreFailed
	case matrix.VerifyEnded:
		out.Heading = w.Say("verify.ended_heading")
		out.Text = endText(w, v.End, dev, first)
		out.CanClose = true
	}
	out.Show = true
	return out
}

// doneText says what a finished verification did; dev names the other
// device within a sentence, first at its start.
func doneText(w *words.Words, v matrix.Verification, dev, first string, backupOn bool) string {
	switch {
	case v.Incoming && backupOn:
		return w.Say("verify.done_with_backup", "device", first)
	case v.Incoming:
		return w.Say("verify.done_without_backup", "device", first)
	case v.Restored:
		return w.Say("verify.done_restored")
	case v.RestoreFailed:
		return w.Say("verify.done_restore_failed", "device", dev)
	}
	return w.Say("verify.done_fetching_keys", "device", dev)
}

// endText says how a verification stopped; dev and first as doneText's.
func endText(w *words.Words, end matrix.VerifyEnd, dev, first string) string {
	switch end {
	case matrix.EndMismatch:
		return w.Say("verify.end_mismatch")
	case matrix.EndMismatchThere:
		return w.Say("verify.end_mismatch_there", "device", first)
	case matrix.EndCancelledHere:
		return w.Say("verify.end_cancelled_here")
	case matrix.EndCancelledThere:
		return w.Say("verify.end_cancelled_there", "device", dev)
	case matrix.EndAnsweredElsewhere:
		return w.Say("verify.end_answered_elsewhere")
	case matrix.EndTimeout:
		return w.Say("verify.end_timeout")
	}
	return w.Say("verify.end_failed")
}

func refusal(w *words.Words, v matrix.Verification) string {
	switch v.Refused {
	case matrix.EndBusy:
		return w.Say("verify.refused_busy", "name", v.RefusedFrom)
	case matrix.EndOtherAccount:
		return w.Say("verify.refused_other_account", "user", v.RefusedFrom)
	}
	return ""
}

// verifyAction runs one step of the reader's and returns "" or the
// sentence to show (the core's kinds worded as every error is:
// error.no_other_device, error.verification...).
func (m *Model) verifyAction(fn func(context.Context, *matrix.Client) error) string {
	client := m.currentClient()
	if client == nil {
		return m.Message(notSignedIn)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := fn(ctx, client)
	m.changed()
	return m.Message(err)
}

// RequestVerification asks the reader's other devices to verify this one.
func (m *Model) RequestVerification() string {
	return m.verifyAction(func(ctx context.Context, c *matrix.Client) error { return c.RequestVerification(ctx) })
}

// AcceptVerification accepts the request shown.
func (m *Model) AcceptVerification() string {
	return m.verifyAction(func(ctx context.Context, c *matrix.Client) error { return c.AcceptVerification(ctx) })
}

// ConfirmEmoji says the emoji match.
func (m *Model) ConfirmEmoji() string {
	return m.verifyAction(func(ctx context.Context, c *matrix.Client) error { return c.ConfirmEmoji(ctx) })
}

// EmojiDiffer says the emoji differ: nothing is signed.
func (m *Model) EmojiDiffer() string {
	return m.verifyAction(func(ctx context.Context, c *matrix.Client) error { return c.EmojiDiffer(ctx) })
}

// CancelVerification stops the verification, or declines the request.
func (m *Model) CancelVerification() string {
	return m.verifyAction(func(ctx context.Context, c *matrix.Client) error { return c.CancelVerification(ctx) })
}

// DismissVerification hides what is left of a finished verification.
func (m *Model) DismissVerification() {
	if client := m.currentClient(); client != nil {
		client.DismissVerification()
		m.changed()
	}
}

// watchVerification makes every change of client's verification redraw
// the boxes; once this device got the account's keys from the other one,
// the open room's history is read again (now readable).
func (m *Model) watchVerification(client *matrix.Client) {
	var reread atomic.Bool // the history was read again for this verification
	client.OnVerification(func(v matrix.Verification) {
		if v.Restored && reread.CompareAndSwap(false, true) {
			go func() {
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				m.mu.Lock()
				room := m.room.ID
				m.mu.Unlock()
				if room != "" && m.currentClient() == client {
					m.loadHistory(ctx, client, room)
				}
				m.changed()
			}()
		}
		if !v.Restored {
			reread.Store(false)
		}
		m.changed()
	})
}
