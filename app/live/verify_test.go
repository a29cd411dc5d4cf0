package live

import (
	"testing"

	"hellomatrix/matrix"
)

// TestVerifyWording spot-checks the panel's sentences: the other device
// named in a sentence and at its start, a refusal, and the core's
// verification errors worded as every error is.
func TestVerifyWording(t *testing.T) {
	for _, tc := range []struct {
		v    matrix.Verification
		want string
	}{
		{matrix.Verification{Step: matrix.VerifyAsked, Incoming: true},
			"Your other device, signed in to your account, asks this device to confirm it. If you just signed in there, accept and compare the emoji. If you did not, decline: someone else may know your password, so change it."},
		{matrix.Verification{Step: matrix.VerifyCompare, DeviceName: "Element on Pixel"},
			"Check that “Element on Pixel” shows these same seven emoji, in this order."},
		{matrix.Verification{Step: matrix.VerifyEnded, End: matrix.EndCancelledThere},
			"The verification was stopped on your other device. Nothing was changed; start again when you are ready."},
	} {
		if got := verifyView(english, tc.v, false).Text; got != tc.want {
			t.Errorf("%+v:\n got %q\nwant %q", tc.v, got, tc.want)
		}
	}
	busy := verifyView(english, matrix.Verification{Refused: matrix.EndBusy, RefusedFrom: "Laptop"}, false)
	if want := "“Laptop” also asked to verify while this verification was running, and was turned down. Finish this one first, then ask again from there."; !busy.Show || busy.Refusal != want {
		t.Errorf("refusal: %+v", busy)
	}

	for _, tc := range []struct {
		err  *matrix.Error
		want string
	}{
		{&matrix.Error{Kind: matrix.KindVerification}, "This verification has moved on; look at what the box says now."},
		{&matrix.Error{Kind: matrix.KindVerification, Reason: matrix.ReasonVerificationRunning}, "A verification is already under way; look at what the box says now."},
		{&matrix.Error{Kind: matrix.KindNoOtherDevice, User: "@ann:example.org"}, "None of your other devices is signed in to this account right now. Sign in to your account in another app first, then try again; or enter your recovery key above."},
	} {
		if got := errorSentence(english, tc.err); got != tc.want {
			t.Errorf("%v:\n got %q\nwant %q", tc.err, got, tc.want)
		}
	}
}

// TestEmojiNamesInTheReadersLanguage: the emoji to compare are named in
// the language the model speaks, by the spec's translations.
func TestEmojiNamesInTheReadersLanguage(t *testing.T) {
	emoji := []matrix.Emoji{{Number: 0, Symbol: "🐶", Name: "Dog"}, {Number: 63, Symbol: "📌", Name: "Pin"}}
	for lang, want := range map[string][2]string{
		"en": {"Dog", "Pin"}, "de": {"Hund", "Stecknadel"}, "fr": {"Chien", "Punaise"},
		"es": {"Perro", "Alfiler"}, "ja": {"犬", "ピン"},
	} {
		m := New()
		m.SetLanguage(lang)
		got := namedEmoji(m.speaking(), emoji)
		if got[0].Name != want[0] || got[1].Name != want[1] || got[1].Symbol != "📌" {
			t.Errorf("%s: %v", lang, got)
		}
	}
}
