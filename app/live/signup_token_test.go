package live

import (
	"strings"
	"testing"

	"hellomatrix/matrix"
)

// A refused invitation code is explained in the guide's words, at the code
// field: Synapse does not say whether the code was mistyped or used up, so
// the sentence names both and what to do.
func TestRefusedTokenSentence(t *testing.T) {
	err := &matrix.Error{Kind: matrix.KindBadRegistrationToken, Message: "the core's sentence"}
	var fe FormErrors
	fe.Set(err, RegisterFields...)
	got := fe[FieldToken]
	for _, want := range []string{"typo", "used up", "administrators"} {
		if !strings.Contains(got, want) {
			t.Errorf("the sentence at the code field is %q; it should mention %q", got, want)
		}
	}
	if Message(nil) != "" {
		t.Errorf("Message(nil) = %q, want nothing", Message(nil))
	}
	other := &matrix.Error{Kind: matrix.KindWrongPassword, Message: "the core's sentence"}
	if Message(other) != "the core's sentence" {
		t.Errorf("kinds without the guide's own words keep the core's sentence, got %q", Message(other))
	}
}
