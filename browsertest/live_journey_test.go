package browsertest

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/synapse"
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

// journeyServer is the homeserver one run of the newcomer journey signs up
// on, and how the reader reaches it and a room to write in.
type journeyServer struct {
	kind       string // "dendrite" or "synapse"
	site       *server
	hsURL      string
	serverName string
	// practice: the guide offers the server itself as its practice server
	// (`make run`), so the picker has it chosen already and the first
	// message is one click away in its #welcome, where the greeter answers.
	// Otherwise the reader types the server's address into the picker and
	// the room's address into the first-message form, as a reader of the
	// static export does with any public server.
	practice bool
	room     string    // the public room's address
	roomID   id.RoomID // and its ID
	greeter  id.UserID // who answers a first message there; "" for nobody
	// maxInteractions bounds the clicks and fields from landing to the
	// first message on this path.
	maxInteractions int32
	newUser         func(t *testing.T, name, password string) string
}

// practiceJourneyServer is `make run`'s practice Dendrite with #welcome and
// its greeter.
func practiceJourneyServer(t *testing.T) *journeyServer {
	p := startPractice(t)
	return &journeyServer{
		kind: "dendrite", site: p.Site, hsURL: p.SB.HS.URL, serverName: p.Info.ServerName,
		practice: true, room: p.Info.WelcomeAlias, roomID: p.SB.WelcomeRoom, greeter: p.SB.Greeter,
		// Username, password, create, message, send: five, and one to
		// spare for the landing page's link to the box (#try).
		maxInteractions: 6, newUser: p.newUser,
	}
}

// typedJourneyServer is the shared open-registration Synapse (sign-up with
// m.login.dummy only) with a public room, and the guide served without a
// practice server, as the static export is.
func typedJourneyServer(t *testing.T) *journeyServer {
	s := sharedSynapse(t)
	room, roomID := synapseRoom(t, s, uniqueName("welcome"))
	return &journeyServer{
		kind: "synapse", site: startServer(t), hsURL: s.URL, serverName: s.ServerName,
		room: room, roomID: roomID,
		// Four more than the practice path: choosing "another server",
		// typing it and checking it, and typing the room's address.
		maxInteractions: 13,
		newUser:         func(t *testing.T, name, password string) string { return synapseUser(t, s, name, password) },
	}
}

// v12JourneyServer is typedJourneyServer on a Synapse whose rooms are of
// version 12 (spec v1.16): room IDs without a server name.
func v12JourneyServer(t *testing.T) *journeyServer {
	s := startSynapse(t, synapse.Options{RoomVersion: "12"})
	room, roomID := synapseRoom(t, s, uniqueName("welcome"))
	if strings.Contains(string(roomID), ":") {
		t.Fatalf("room %s has a server name in its ID: this Synapse does not make version 12 rooms", roomID)
	}
	return &journeyServer{
		kind: "synapse", site: startServer(t), hsURL: s.URL, serverName: s.ServerName,
		room: room, roomID: roomID, maxInteractions: 13,
		newUser: func(t *testing.T, name, password string) string { return synapseUser(t, s, name, password) },
	}
}

// A newcomer goes from the home page to a first message without leaving
// the guide, on each kind of homeserver. On the practice Dendrite (`make
// run`) they use the landing page's quick start: the server is chosen for
// them, so a username, a password and "Create account" make the account,
// the box opens #welcome with the cursor in the message box, and the
// message and "Send" finish it; the greeter answers. That path prints
// interactions_to_first_message (at most 6). On Synapse they read first, as
// with any public server on the static export: the server's address is
// typed in "Choosing a homeserver", the account made in "Creating an
// account", and the room's address typed in "Your first message". Either
// way the chat then says what just happened, with a link to the chapter
// section about it, and matrix-js-sdk, from outside the browser, finds the
// message in the room exactly once. After a reload the reader is still
// signed in with the history shown; logging out kills the token on the
// server and leaves nothing in localStorage. It runs on a desktop in the
// light theme and on a phone-sized screen in the dark one, taking
// screenshots of each step.
func TestLiveNewcomerJourney(t *testing.T) {
	for _, hs := range []struct {
		name  string
		start func(*testing.T) *journeyServer
	}{{"dendrite", practiceJourneyServer}, {"synapse", typedJourneyServer}, {"synapse-v12", v12JourneyServer}} {
		t.Run(hs.name, func(t *testing.T) {
			js := hs.start(t)
			sizes := []struct {
				name          string
				width, height int
				theme         string
			}{{"desktop", 1280, 900, "light"}, {"phone", 360, 780, "dark"}}
			if hs.name == "synapse-v12" {
				sizes = sizes[:1] // the room IDs are what differs, not the screen
			}
			for _, size := range sizes {
				t.Run(size.name, func(t *testing.T) {
					newcomerJourney(t, js, newReader(t, size.width, size.height, hs.name+"-"+size.name), size.theme)
				})
			}
		})
	}
}

func newcomerJourney(t *testing.T, js *journeyServer, r *reader, theme string) {
	name := uniqueName("newcomer")
	userID := "@" + name + ":" + js.serverName

	run(t, r.ctx, "landing on the guide",
		chromedp.Navigate(js.site.URL+"/"),
		// The theme the reader chose on an earlier visit (not counted).
		chromedp.Evaluate(`localStorage.setItem("hello-matrix-theme", `+jsString(theme)+`)`, nil),
		chromedp.Reload(),
		waitForApp())
	start := time.Now()

	if js.practice {
		landingSignUp(t, r, js, name, userID)
	} else {
		chapterSignUp(t, r, js, name, userID, js.room)
	}
	r.text("the room is open", ".live-room-name", js.room)
	r.fill("writing the first message", "#fm-message", firstMessage)
	r.click("sending it", "#fm-send")
	ownLine := `[...document.querySelectorAll(".live-line.own")].find(l => l.querySelector(".live-line-body").textContent === ` + jsString(firstMessage) + `)`
	r.wait("the message is confirmed", `(() => { const l = `+ownLine+`; return !!l && l.querySelector(".message-state").dataset.state === "sent"; })()`)
	interactions := r.interactions.Load()
	r.text("what just happened", "#chat-what-happened", "What just happened")
	r.wait("it links to the chapter that explains it", `document.querySelector("#chat-what-happened a").getAttribute("href").endsWith("/guide/first-message#what-sent-really-means")`)
	path := "open sign-up, to the first message (the landing page's quick start, practice server picked)"
	if js.practice {
		// The figure the guide promises: landing to a sent first message.
		reportFigure(t, "interactions_to_first_message", interactions)
	} else {
		path = "open sign-up, to the first message (through the chapters, server typed)"
	}
	reportInteractions(t, path, js.kind, interactions)
	t.Logf("%d interactions to the first message on %s, %s (%s from landing)", interactions, js.kind, path, time.Since(start).Round(time.Millisecond))
	if interactions > js.maxInteractions {
		t.Errorf("%d interactions from landing to the first message; keep it at %d or fewer", interactions, js.maxInteractions)
	}

	greeting := "true"
	if js.greeter != "" {
		greeting = `[...document.querySelectorAll(".live-line:not(.own)")].some(l => l.querySelector(".live-line-sender").title === ` +
			jsString(string(js.greeter)) + ` && l.querySelector(".live-line-sender").textContent === "Hello Matrix greeter" && l.querySelector(".live-line-body").textContent.includes(` + jsString("Hi "+name) + `))`
		r.wait("the greeter's reply arrives live", greeting)
		r.screenshot("greeted", ".live-lines")
	}

	// An independent client sees the message in the room, exactly once.
	peerName := uniqueName("jspeer")
	js.newUser(t, peerName, "peer password")
	seen := runPeer(t,
		"HM_HOMESERVER="+js.hsURL, "HM_USER="+peerName, "HM_PASSWORD=peer password",
		"HM_MODE=room", "HM_ROOM="+js.room,
		"HM_EXPECT="+firstMessage, "HM_SENDER="+userID)
	if seen.RoomID != string(js.roomID) {
		t.Errorf("matrix-js-sdk found the message in %s, want %s (%s)", seen.RoomID, js.room, js.roomID)
	}

	// A reload keeps the reader signed in, in the same room, with history.
	run(t, r.ctx, "reloading", chromedp.Reload(), waitForApp())
	r.text("still signed in", "#account-slot", "Signed in as "+userID)
	r.text("still in the room", ".live-room-name", js.room)
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
	// The device's encryption keys are kept beside it (matrix/crypto_store.go)...
	var keys int
	run(t, r.ctx, "reading the kept keys", chromedp.Evaluate(`(localStorage.getItem("hellomatrix.crypto") || "").length`, &keys))
	if keys == 0 {
		t.Error("no encryption keys in localStorage while signed in")
	}
	// ...and go with it.
	r.click("logging out", "#logout")
	r.wait("signed out", `document.querySelector("#account-slot").children.length === 0`)
	if js.practice {
		r.wait("the quick start offers to sign up again", `!!document.querySelector("section.live-client[data-widget=quick-start] #register-username")`)
	} else {
		r.text("the chapter asks to sign in again", "section.live-client[data-widget=first-message]", "sign in first")
	}
	var left []string
	run(t, r.ctx, "looking at localStorage", chromedp.Evaluate(`Object.keys(localStorage).filter(k => k.startsWith("hellomatrix."))`, &left))
	if len(left) != 0 {
		t.Errorf("localStorage still holds %v after logging out", left)
	}
	status, errcode := whoami(t, js.hsURL, sess.AccessToken)
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

// landingSignUp is the quick start on the landing page: the practice
// server is chosen already, so the reader types a username and a password
// and creates the account, and the box opens #welcome with the cursor in
// the message box.
func landingSignUp(t *testing.T, r *reader, js *journeyServer, name, userID string) {
	t.Helper()
	r.text("the quick start has the practice server", "#register-verdict", "You can create an account right here.")
	r.wait("the practice server is picked", `document.querySelector("#register-server").value === `+jsString(js.serverName))
	r.fill("choosing a username", "#register-username", name)
	r.text("the user ID preview", "#register-username-hint", "Your user ID will be "+userID)
	r.fill("choosing a password", "#register-password", "a long practice password")
	r.screenshot("quick-start-filled", "#register-form")
	r.click("creating the account", "#register-submit")
	r.text("the header says who is signed in", "#account-slot", "Signed in as "+userID)
	reportInteractions(t, "open sign-up: name, password (the landing page's quick start, practice server picked)", js.kind, r.interactions.Load())
	r.text("straight into #welcome", ".live-room-name", js.room)
	r.wait("the cursor is in the message box", `document.activeElement && document.activeElement.id === "fm-message"`)
	r.screenshot("quick-start-room", ".live-chat")
}

// chapterSignUp is the way of a reader who reads first: the server is
// typed into the picker in "Choosing a homeserver", the account made in
// "Creating an account", and the room's address typed in "Your first
// message".
func chapterSignUp(t *testing.T, r *reader, js *journeyServer, name, userID, room string) {
	t.Helper()
	pickerPath, pickerTitle := chapterPath(t, pages.WidgetServerPicker)
	registerPath, registerTitle := chapterPath(t, pages.WidgetRegister)
	messagePath, messageTitle := chapterPath(t, pages.WidgetFirstMessage)
	r.click("opening Choosing a homeserver", `.chapter-list a[href="`+pickerPath+`"]`)
	r.wait("the chapter", h1Expr(pickerTitle, pickerPath))
	r.interactions.Add(1)
	run(t, r.ctx, "choosing to type a server", setSelect("picker-server", "__other__"))
	r.fill("typing the server's address", "#picker-other", hostPort(js.hsURL))
	r.click("checking it", "#picker-other-check")
	r.text("what the server offers", "#picker-verdict", "You can create an account right here.")
	r.screenshot("picker", "#picker-server")

	r.click("going on to Creating an account", `a.pager-next[href="`+registerPath+`"]`)
	r.wait("the chapter", h1Expr(registerTitle, registerPath))
	r.text("the server is still the chosen one", "#register-verdict", "You can create an account right here.")
	r.fill("choosing a username", "#register-username", name)
	r.text("the user ID preview", "#register-username-hint", "Your user ID will be "+userID)
	r.fill("choosing a password", "#register-password", "a long practice password")
	r.text("the strength hint", "#register-password-hint", "Strength: Strong")
	r.screenshot("register-filled", "#register-form")
	r.click("creating the account", "#register-submit")
	r.text("the account is ready", ".live-success", "is ready")
	r.text("the header says who is signed in", "#account-slot", "Signed in as "+userID)
	reportInteractions(t, "open sign-up: name, password (through the chapters, server typed)", js.kind, r.interactions.Load())
	r.screenshot("registered", ".live-done")
	r.screenshot("signed-in-header", "#account-slot")

	r.click("going to Your first message", `.live-done a[href="`+messagePath+`"]`)
	r.wait("the chapter", h1Expr(messageTitle, messagePath))
	r.fill("typing the room's address", "#fm-room", room)
	r.screenshot("room-chooser", "#fm-join-form")
	r.click("joining it", "#fm-join")
}
