//go:build !js

package matrix

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hellomatrix/internal/smtpsink"
	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
)

// emailServer is a real Synapse that requires an email address at sign-up
// and mails through a loopback sink, and the sink.
func emailServer(t *testing.T) (*synapse.Server, *smtpsink.Sink) {
	t.Helper()
	sink, err := smtpsink.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	srv := synapsetest.Start(t, synapse.Options{Email: &synapse.Email{SMTPPort: sink.Port, Required: true}})
	return srv, sink
}

// The email stage against a real Synapse, end to end: discovery says the
// guide can do it; sign-up asks for the address, refuses one that is not an
// address, mails a link and keeps answering "not yet" (also after a
// resend, and after a wrong link was opened); the pending sign-up survives
// a round through storage with no password in it; opening the newest link
// finishes the sign-up on the next check. A second sign-up with the same
// address is refused in words.
func TestEmailSignUpOnSynapse(t *testing.T) {
	srv, sink := emailServer(t)
	ctx := authCtx(t)

	hs, err := Discover(ctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !hs.Auth.CanRegisterInline || !hs.Auth.RegistrationNeedsEmail {
		t.Fatalf("discovery: %+v", hs.Auth)
	}

	name := synapsetest.UniqueName("mailer")
	address := name + "@example.org"
	reg, err := Register(ctx, hs, RegisterRequest{Username: name, Password: authPassword, InitialDeviceName: "Hello Matrix test"})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Step != StepEmail || reg.Stage != "m.login.email.identity" {
		t.Fatalf("first step %s (%s), want the address asked for", reg.Step, reg.Stage)
	}

	if _, err := ResumeRegistration(ctx, reg, RegisterRequest{Email: "not an address"}); err != nil {
		assertKind(t, err, KindBadEmail)
	} else {
		t.Fatal("an address with spaces and no @ was sent")
	}

	sent, err := ResumeRegistration(ctx, reg, RegisterRequest{Email: address})
	if err != nil {
		t.Fatal(err)
	}
	if sent.Step != StepEmailSent || sent.Email == nil || sent.Email.SID == "" || sent.Email.SendAttempt != 1 {
		t.Fatalf("after giving the address: %+v", sent)
	}
	if sent.Email.Address != address {
		t.Errorf("the check is for %q, want %q", sent.Email.Address, address)
	}
	first := sink.NextLink(t, address, "/submit_token?")
	q, _ := url.Parse(first)
	if q.Query().Get("sid") != sent.Email.SID || q.Query().Get("client_secret") != sent.Email.ClientSecret {
		t.Fatalf("the link %s is not for this check", first)
	}

	// Not opened yet: still waiting, no error.
	again, err := CheckEmail(ctx, sent)
	if err != nil || again.Step != StepEmailSent {
		t.Fatalf("check before the link was opened: %v %+v", err, again)
	}

	// Resend: same check, next attempt, a second mail.
	resent, err := ResendEmail(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	if resent.Email.SendAttempt != 2 || resent.Email.SID != sent.Email.SID || resent.Email.ClientSecret != sent.Email.ClientSecret {
		t.Fatalf("resend: %+v, first %+v", resent.Email, sent.Email)
	}
	second := sink.NextLink(t, address, "/submit_token?")
	if second == first {
		t.Fatalf("the resent mail has the same link")
	}

	// A wrong link: Synapse's page says so, and the check still waits.
	bad := strings.Replace(second, "token="+url.QueryEscape(mustQuery(t, second, "token")), "token=wrongtoken", 1)
	status, page := smtpsink.Open(t, bad)
	if status < 400 || !strings.Contains(page, "not found or has expired") {
		t.Fatalf("wrong link: %d %s", status, page)
	}
	if w, err := CheckEmail(ctx, resent); err != nil || w.Step != StepEmailSent {
		t.Fatalf("check after a wrong link: %v %+v", err, w)
	}

	// A reload: the pending sign-up goes through storage, password-free.
	pending, ok := resent.Pending()
	if !ok {
		t.Fatal("no pending form at StepEmailSent")
	}
	stored, _ := json.Marshal(pending)
	if strings.Contains(string(stored), authPassword) {
		t.Fatalf("the stored sign-up holds the password: %s", stored)
	}
	var back PendingRegistration
	if err := json.Unmarshal(stored, &back); err != nil {
		t.Fatal(err)
	}
	restored, err := RestoreRegistration(back)
	if err != nil {
		t.Fatal(err)
	}
	if w, err := CheckEmail(ctx, restored); err != nil || w.Step != StepEmailSent {
		t.Fatalf("restored check before the link: %v %+v", err, w)
	}

	// The reader opens the newest link on another device.
	if status, page := smtpsink.Open(t, second); status != http.StatusOK {
		t.Fatalf("opening the link: %d %s", status, page)
	}
	done, err := CheckEmail(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	if done.Step != StepDone || done.Session == nil || done.Session.UserID.Localpart() != name {
		t.Fatalf("after the link: %+v", done)
	}
	c, err := NewClient(*done.Session)
	if err != nil {
		t.Fatal(err)
	}
	who, err := c.WhoAmI(ctx)
	if err != nil || who.UserID != done.Session.UserID {
		t.Fatalf("whoami: %v %+v", err, who)
	}
	// The password given at the start is the account's.
	if _, err := Login(ctx, hs, LoginRequest{User: name, Password: authPassword}); err != nil {
		t.Fatalf("logging in with the sign-up password: %v", err)
	}

	// A typo in the address, corrected: a new check goes to the new
	// address, and its link finishes the sign-up.
	typo, err := Register(ctx, hs, RegisterRequest{Username: synapsetest.UniqueName("mailer"), Password: authPassword, Email: "tpyo@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	if typo.Step != StepEmailSent {
		t.Fatalf("with the address given up front: %+v", typo)
	}
	fixedAddress := typo.Username + "@example.org"
	fixed, err := ResumeRegistration(ctx, typo, RegisterRequest{Email: fixedAddress})
	if err != nil {
		t.Fatal(err)
	}
	if fixed.Step != StepEmailSent || fixed.Email.Address != fixedAddress || fixed.Email.SID == typo.Email.SID || fixed.Email.ClientSecret == typo.Email.ClientSecret {
		t.Fatalf("after correcting the address: %+v (before %+v)", fixed.Email, typo.Email)
	}
	if status, page := smtpsink.Open(t, sink.NextLink(t, fixedAddress, "/submit_token?")); status != http.StatusOK {
		t.Fatalf("opening the link: %d %s", status, page)
	}
	if done, err := CheckEmail(ctx, fixed); err != nil || done.Step != StepDone {
		t.Fatalf("after the corrected address's link: %v %+v", err, done)
	}

	// The same address for another account: refused, in words.
	other, err := Register(ctx, hs, RegisterRequest{Username: synapsetest.UniqueName("mailer"), Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ResumeRegistration(ctx, other, RegisterRequest{Email: address})
	assertKind(t, err, KindEmailInUse)
}

func mustQuery(t *testing.T, link, key string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get(key)
}
