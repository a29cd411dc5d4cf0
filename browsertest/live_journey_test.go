package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

const firstMessage = "Hello Matrix!"

// chapterPath is the path of the chapter embedding widget.
func chapterPath(t *testing.T, widget string) (string, string) {
	t.Helper()
	for _, c := range pages.Chapters() {
		for _, p := range c.Parts {
			if p.Widget == widget {
				return c.Path(), c.Title
			}
		}
	}
	t.Fatalf("no chapter has the %s widget", widget)
	return "", ""
}

// A newcomer goes from the home page to a first message without leaving
// the guide: the practice server is already picked in "Choosing a
// homeserver", an account is created in "Creating an account", and in
// "Your first message" one click joins #welcome, where the message is sent
// and the greeter answers. matrix-js-sdk, from outside the browser, finds
// the message in the room exactly once. After a reload the reader is still
// signed in with the history shown; logging out kills the token on the
// server and leaves nothing in localStorage. It runs on a desktop in the
// light theme and on a phone-sized screen in the dark one, taking
// screenshots of each step.
func TestLiveNewcomerJourney(t *testing.T) {
	p := startPractice(t)
	for _, size := range []struct {
		name          string
		width, height int
		theme         string
	}{{"desktop", 1280, 900, "light"}, {"phone", 360, 780, "dark"}} {
		t.Run(size.name, func(t *testing.T) {
			newcomerJourney(t, p, newReader(t, size.width, size.height, size.name), size.theme)
		})
	}
}

func newcomerJourney(t *testing.T, p *practice, r *reader, theme string) {
	pickerPath, pickerTitle := chapterPath(t, pages.WidgetServerPicker)
	registerPath, registerTitle := chapterPath(t, pages.WidgetRegister)
	messagePath, messageTitle := chapterPath(t, pages.WidgetFirstMessage)
	name := uniqueName("newcomer")
	userID := "@" + name + ":" + p.Info.ServerName
	server := p.Info.ServerName

	run(t, r.ctx, "landing on the guide",
		chromedp.Navigate(p.Site.URL+"/"),
		// The theme the reader chose on an earlier visit (not counted).
		chromedp.Evaluate(`localStorage.setItem("hello-matrix-theme", `+jsString(theme)+`)`, nil),
		chromedp.Reload(),
		waitForApp())
	start := time.Now()

	r.click("opening Choosing a homeserver", `.chapter-list a[href="`+pickerPath+`"]`)
	r.wait("the chapter", h1Expr(pickerTitle, pickerPath))
	// The practice server is the first choice and is checked at once.
	r.wait("the practice server is picked", `document.querySelector("#picker-server").value === `+jsString(server))
	r.text("what the practice server offers", "#picker-verdict", "You can create an account right here.")
	r.text("the picker names it plainly", `#picker-server option[value="`+server+`"]`, "Practice server on this computer ("+server+")")
	r.screenshot("picker", "#picker-server")

	r.click("going on to Creating an account", `a.pager-next[href="`+registerPath+`"]`)
	r.wait("the chapter", h1Expr(registerTitle, registerPath))
	r.text("the server is still the practice one", "#register-verdict", "You can create an account right here.")
	r.fill("choosing a username", "#register-username", name)
	r.text("the user ID preview", "#register-username-hint", "Your user ID will be "+userID)
	r.fill("choosing a password", "#register-password", "a long practice password")
	r.text("the strength hint", "#register-password-hint", "Strength: Strong")
	r.screenshot("register-filled", "#register-form")
	r.click("creating the account", "#register-submit")
	r.text("the account is ready", ".live-success", "is ready")
	r.text("the header says who is signed in", "#account-slot", "Signed in as "+userID)
	r.screenshot("registered", ".live-done")
	r.screenshot("signed-in-header", "#account-slot")

	r.click("going to Your first message", `.live-done a[href="`+messagePath+`"]`)
	r.wait("the chapter", h1Expr(messageTitle, messagePath))
	r.text("the one-click join", "#fm-join-welcome", "Join "+p.Info.WelcomeAlias)
	r.screenshot("room-chooser", "#fm-join-welcome")
	r.click("joining #welcome", "#fm-join-welcome")
	r.text("the room is open", ".live-room-name", p.Info.WelcomeAlias)
	r.fill("writing the first message", "#fm-message", firstMessage)
	r.click("sending it", "#fm-send")
	ownLine := `[...document.querySelectorAll(".live-line.own")].find(l => l.querySelector(".live-line-body").textContent === ` + jsString(firstMessage) + `)`
	r.wait("the message is confirmed", `(() => { const l = `+ownLine+`; return !!l && l.querySelector(".message-state").dataset.state === "sent"; })()`)
	interactions := r.interactions.Load()
	fmt.Printf("interactions_to_first_message: %d\n", interactions)
	t.Logf("interactions_to_first_message: %d (%s from landing)", interactions, time.Since(start).Round(time.Millisecond))
	if interactions > 10 {
		t.Errorf("%d interactions from landing to the first message; keep it at 10 or fewer", interactions)
	}

	greeting := `[...document.querySelectorAll(".live-line:not(.own)")].some(l => l.querySelector(".live-line-sender").textContent === ` +
		jsString(string(p.SB.Greeter)) + ` && l.querySelector(".live-line-body").textContent.includes(` + jsString("Hi "+name) + `))`
	r.wait("the greeter's reply arrives live", greeting)
	r.screenshot("greeted", ".live-lines")

	// An independent client sees the message in the room, exactly once.
	peerName := uniqueName("jspeer")
	p.newUser(t, peerName, "peer password")
	seen := runPeer(t,
		"HM_HOMESERVER="+p.SB.HS.URL, "HM_USER="+peerName, "HM_PASSWORD=peer password",
		"HM_MODE=room", "HM_ROOM="+p.Info.WelcomeAlias,
		"HM_EXPECT="+firstMessage, "HM_SENDER="+userID)
	if seen.RoomID != string(p.SB.WelcomeRoom) {
		t.Errorf("matrix-js-sdk found the message in %s, want #welcome (%s)", seen.RoomID, p.SB.WelcomeRoom)
	}

	// A reload keeps the reader signed in, in the same room, with history.
	run(t, r.ctx, "reloading", chromedp.Reload(), waitForApp())
	r.text("still signed in", "#account-slot", "Signed in as "+userID)
	r.text("still in #welcome", ".live-room-name", p.Info.WelcomeAlias)
	r.wait("the history is back", `(() => { const l = `+ownLine+`; return !!l && l.querySelector(".message-state").dataset.state === "sent"; })() && `+greeting)
	r.screenshot("after-reload", ".live-lines")

	// Logging out ends the session on the server and forgets it here.
	var stored string
	run(t, r.ctx, "reading the saved session", chromedp.Evaluate(`localStorage.getItem("hellomatrix.session") || ""`, &stored))
	var sess struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal([]byte(stored), &sess); err != nil || sess.AccessToken == "" {
		t.Fatalf("no session in localStorage before logging out: %q", stored)
	}
	r.click("logging out", "#logout")
	r.wait("signed out", `document.querySelector("#account-slot").children.length === 0`)
	r.text("the chapter asks to sign in again", "section.live-client[data-widget=first-message]", "sign in first")
	var left []string
	run(t, r.ctx, "looking at localStorage", chromedp.Evaluate(`Object.keys(localStorage).filter(k => k.startsWith("hellomatrix."))`, &left))
	if len(left) != 0 {
		t.Errorf("localStorage still holds %v after logging out", left)
	}
	status, errcode := whoami(t, p.SB.HS.URL, sess.AccessToken)
	if status != http.StatusUnauthorized || errcode != "M_UNKNOWN_TOKEN" {
		t.Errorf("the old token after logging out: whoami answered %d %s, want 401 M_UNKNOWN_TOKEN", status, errcode)
	}
	r.screenshot("logged-out", "section.live-client")
}

func h1Expr(title, path string) string {
	return `document.querySelector("h1") && document.querySelector("h1").textContent.trim() === ` + jsString(title) +
		` && location.pathname === ` + jsString(path)
}

// whoami asks the homeserver whose token this is.
func whoami(t *testing.T, hsURL, token string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(hsURL, "/")+"/_matrix/client/v3/account/whoami", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		ErrCode string `json:"errcode"`
	}
	json.NewDecoder(res.Body).Decode(&body)
	return res.StatusCode, body.ErrCode
}
