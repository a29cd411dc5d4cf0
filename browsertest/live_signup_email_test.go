package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/internal/smtpsink"
	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
	"hellomatrix/pages"
)

// A newcomer signs up on a real Synapse that requires an email address,
// with its mail going to a loopback SMTP sink. The page asks for the
// address, says where the link went and that it carries on by itself. A
// wrong link (a bad token, opened as from a mail app) changes nothing: the
// page keeps waiting, and the reader has the mail sent again. A reload keeps
// the waiting sign-up. Opening the newest link with a plain GET from the
// test, as from a phone, lets the page finish by itself; the newcomer joins
// a room and sends a first message, which matrix-js-sdk finds there exactly
// once.
func TestLiveSignUpWithEmail(t *testing.T) {
	sink, err := smtpsink.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	hs := synapsetest.Start(t, synapse.Options{Email: &synapse.Email{SMTPPort: sink.Port, Required: true}})
	hsAddr := strings.TrimPrefix(hs.URL, "http://")
	roomAlias := emailTestRoom(t, hs)
	site := startServer(t)
	registerPath, _ := chapterPath(t, pages.WidgetRegister)
	messagePath, messageTitle := chapterPath(t, pages.WidgetFirstMessage)
	r := newReader(t, 1280, 900, "email")

	name := uniqueName("mailer")
	address := name + "@example.org"
	userID := "@" + name + ":" + hs.ServerName

	run(t, r.ctx, "opening Creating an account", chromedp.Navigate(site.URL+registerPath), waitForApp())
	r.interactions.Add(1)
	run(t, r.ctx, "choosing to type a server", setSelect("register-server", "__other__"))
	r.fill("typing the server", "#register-other", hsAddr)
	r.click("checking it", "#register-other-check")
	r.text("what the server asks", "#register-verdict", "with an email address")
	r.fill("choosing a username", "#register-username", name)
	r.fill("choosing a password", "#register-password", "a long practice password")
	// An address with no dot in its domain is refused here, in words,
	// next to the field; the rest of the form keeps what was typed.
	r.fill("giving an incomplete address", "#register-email", "ann@example")
	r.click("creating the account", "#register-submit")
	r.text("the address is explained", "#register-email-error", "does not look like an email address")
	recordBadInput(t, "email address without a domain")
	r.wait("nothing typed is lost", `document.querySelector("#register-username").value === `+jsString(name))
	detours := 2
	r.fill("giving the address", "#register-email", address)
	r.screenshot("email-filled", "#register-form")
	r.click("creating the account", "#register-submit")

	r.text("where the link went", "#register-email-status", "We sent a link to "+address)
	r.text("that the page carries on by itself", "#register-email-status", "carries on by itself")
	r.text("what to do if the link fails", "#register-email-step", "send the email again")
	r.screenshot("email-sent", "#register-email-step")
	first := sink.NextLink(t, address, "/submit_token?")

	// A wrong link: the server's page says so; the guide keeps waiting.
	status, page := smtpsink.Open(t, withToken(t, first, "wrongtoken"))
	if status < 400 || !strings.Contains(page, "not found or has expired") {
		t.Fatalf("the wrong link answered %d: %s", status, page)
	}
	emailWaitChecks(t, r, 2)
	r.text("still waiting after the wrong link", "#register-email-status", "We sent a link to "+address)
	recordBadInput(t, "wrong email link")

	// The reader has the mail sent again; a second mail arrives.
	r.click("sending the email again", "#register-resend")
	detours++
	second := sink.NextLink(t, address, "/submit_token?")
	if second == first {
		t.Fatal("the resent mail has the same link")
	}

	// A reload keeps the waiting sign-up, and the page asks again.
	run(t, r.ctx, "reloading", chromedp.Reload(), waitForApp())
	r.text("the sign-up is still waiting", "#register-email-status", "We sent a link to "+address)
	emailWaitChecks(t, r, 1)
	var stored string
	run(t, r.ctx, "reading storage", chromedp.Evaluate(`JSON.stringify(localStorage)`, &stored))
	if strings.Contains(stored, "a long practice password") {
		t.Fatal("the password is in localStorage while the sign-up waits")
	}

	// The reader opens the newest link on their phone.
	if status, page := smtpsink.Open(t, second); status != http.StatusOK {
		t.Fatalf("opening the link answered %d: %s", status, page)
	}
	r.text("the page carries on by itself", ".live-success", "is ready")
	r.text("signed in", "#account-slot", "Signed in as "+userID)
	r.screenshot("email-done", ".live-done")
	run(t, r.ctx, "reading storage", chromedp.Evaluate(`JSON.stringify(Object.keys(localStorage))`, &stored))
	if strings.Contains(stored, "signup-email") {
		t.Errorf("the finished sign-up is still in localStorage: %s", stored)
	}

	// The first message, in a room on that server.
	r.click("going to Your first message", `.live-done a[href="`+messagePath+`"]`)
	r.wait("the chapter", h1Expr(messageTitle, messagePath))
	r.fill("typing the room", "#fm-room", roomAlias)
	r.click("joining it", "#fm-join")
	r.text("the room is open", ".live-room-name", roomAlias)
	r.fill("writing the first message", "#fm-message", firstMessage)
	r.click("sending it", "#fm-send")
	ownLine := `[...document.querySelectorAll(".live-line.own")].find(l => l.querySelector(".live-line-body").textContent === ` + jsString(firstMessage) + `)`
	r.wait("the message is confirmed", `(() => { const l = `+ownLine+`; return !!l && l.querySelector(".message-state").dataset.state === "sent"; })()`)
	n := int(r.interactions.Load())
	// The detours (a refused address, a resend) are left out; opening the
	// mailed link happens outside the page.
	reportInteractions(t, "email: name, password, address, then the mailed link, to the first message (from Creating an account, server typed)", "synapse", int32(n-detours))
	t.Logf("interactions: %d more for the detours (a refused address, a resend)", detours)

	runPeer(t,
		"HM_HOMESERVER="+hs.URL, "HM_USER=host", "HM_PASSWORD="+emailHostPassword,
		"HM_MODE=room", "HM_ROOM="+roomAlias,
		"HM_EXPECT="+firstMessage, "HM_SENDER="+userID)
	if got := sink.Count(address); got != 2 {
		t.Errorf("%d mails went to %s, want 2 (the first and the resend)", got, address)
	}
}

const emailHostPassword = "host password"

// emailTestRoom makes a public room #welcome on hs, owned by a user "host"
// made through the admin API (not the code under test), and returns its
// address.
func emailTestRoom(t *testing.T, hs *synapse.Server) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, token, _, err := hs.RegisterUser(ctx, "host", emailHostPassword, false)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"room_alias_name": "welcome", "preset": "public_chat", "name": "Welcome"})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, hs.URL+"/_matrix/client/v3/createRoom", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("creating the room: %d %s", res.StatusCode, b)
	}
	return "#welcome:" + hs.ServerName
}

func withToken(t *testing.T, link, token string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("token", token)
	u.RawQuery = q.Encode()
	return u.String()
}

// emailWaitChecks waits until the page has heard "not yet" from the server
// n more times than now, i.e. it asked after whatever the test just did.
func emailWaitChecks(t *testing.T, r *reader, n int) {
	t.Helper()
	var now string
	run(t, r.ctx, "reading the checks", chromedp.Evaluate(`document.querySelector("#register-email-step").dataset.checks || "0"`, &now))
	from, _ := strconv.Atoi(now)
	r.wait(fmt.Sprintf("the page asks the server %d more times", n),
		`(() => { const e = document.querySelector("#register-email-step"); return !!e && Number(e.dataset.checks) >= `+strconv.Itoa(from+n)+`; })()`)
}
