package live

import (
	"errors"
	"strings"
	"testing"

	"hellomatrix/matrix"
)

// A refused invitation code is explained in the guide's words, at the code
// field: Synapse does not say whether the code was mistyped or used up, so
// the sentence names both and what to do.
func TestRefusedTokenSentence(t *testing.T) {
	err := &matrix.Error{Kind: matrix.KindBadRegistrationToken}
	m := New()
	got := m.FormErrors(err, RegisterFields...)[FieldToken]
	for _, want := range []string{"typo", "used up", "administrators"} {
		if !strings.Contains(got, want) {
			t.Errorf("the sentence at the code field is %q; it should mention %q", got, want)
		}
	}
	if m.Message(nil) != "" {
		t.Errorf("Message(nil) = %q, want nothing", m.Message(nil))
	}
	if got := m.Message(errors.New("not the core's")); got != "Something unexpected went wrong. Please try again in a moment." {
		t.Errorf("an error not of the core's is worded %q, want the general apology", got)
	}
}
