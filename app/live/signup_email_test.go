package live

import (
	"encoding/json"
	"strings"
	"testing"

	"hellomatrix/matrix"
)

// A sign-up waiting for its email link goes to storage without the
// password and comes back from it (as after a reload) with the address and
// the page's own wording; any other step, or forgetting it, clears it.
func TestEmailSignUpKeptAcrossAReload(t *testing.T) {
	m := New()
	m.storage = memoryStorage("")
	kv := m.storage.kv

	reg, err := matrix.RestoreRegistration(matrix.PendingRegistration{
		ServerName: "example.org", HomeserverURL: "https://matrix.example.org", Username: "ann", Session: "uia1",
		Email: matrix.EmailCheck{Address: "ann@example.org", ClientSecret: "secret1", SID: "sid1", SendAttempt: 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	m.keepEmailWait(signUpFrom(english, reg), "example.org")
	b, ok, _ := kv.Get(signUpKey)
	if !ok {
		t.Fatal("nothing stored")
	}
	var stored savedSignUp
	if err := json.Unmarshal(b, &stored); err != nil || stored.Pending.Email.ClientSecret != "secret1" || stored.ServerInput != "example.org" {
		t.Fatalf("stored %s (%v)", b, err)
	}

	// A new page load has only storage.
	m = New()
	m.storage.kv = kv
	su, server := m.SavedSignUp()
	if su == nil || server != "example.org" || su.Step != StepEmailSent || su.Email != "ann@example.org" || su.Username != "ann" {
		t.Fatalf("restored %+v from %q", su, server)
	}
	if !strings.Contains(su.Message, "ann@example.org") || !strings.Contains(su.Message, "carries on by itself") || !strings.Contains(su.Hint, "send the email again") {
		t.Errorf("wording: %q / %q", su.Message, su.Hint)
	}

	m.ForgetSignUp()
	if _, ok, _ := kv.Get(signUpKey); ok {
		t.Error("ForgetSignUp left it in storage")
	}
	if su, _ := m.SavedSignUp(); su != nil {
		t.Errorf("still there after ForgetSignUp: %+v", su)
	}

	// Damaged storage is dropped, not shown.
	_ = kv.Set(signUpKey, []byte("{not json"))
	if su, _ := m.SavedSignUp(); su != nil {
		t.Errorf("damaged entry came back as %+v", su)
	}
	if _, ok, _ := kv.Get(signUpKey); ok {
		t.Error("damaged entry left in storage")
	}
}

// Another tab that finished or dropped the sign-up (the shared storage no
// longer holds it) stops the wait here before it asks the server again.
func TestEmailWaitStopsWhenAnotherTabEndedIt(t *testing.T) {
	m := New()
	m.storage = memoryStorage("")
	kv := m.storage.kv
	reg, err := matrix.RestoreRegistration(matrix.PendingRegistration{
		ServerName: "example.org", HomeserverURL: "https://matrix.example.org", Session: "uia1",
		Email: matrix.EmailCheck{Address: "ann@example.org", ClientSecret: "secret1", SID: "sid1", SendAttempt: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	su := signUpFrom(english, reg)
	m.keepEmailWait(su, "example.org")
	if _, _, ended := m.endedElsewhere(su); ended {
		t.Fatal("ended while storage still holds this sign-up")
	}
	_ = kv.Delete(signUpKey) // the other tab finished without a session here
	done, err := m.WaitForEmail(t.Context(), su, nil)
	if done != nil || err == nil || !strings.Contains(m.Message(err), "another tab") {
		t.Fatalf("got %+v, %v", done, err)
	}
}
