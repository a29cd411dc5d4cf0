package browsertest

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/synapse"
	"hellomatrix/matrix"
	"hellomatrix/pages"
)

// The rooms after the first, on the practice Dendrite and on Synapse: the
// reader's rooms listed by name (or address), the most recently active
// first, with how many new messages wait in each; switching by a click;
// leaving a room (it leaves the list and the server); and a direct chat
// started by a Matrix ID, after a malformed ID and a person who does not
// exist got their sentences. matrix-js-sdk, signed in as the reader,
// finds the chat in the account's m.direct; signed in as the friend, it
// sees a direct invitation from the reader into an encrypted room.
func TestLiveRoomListLeaveAndDirectChat(t *testing.T) {
	t.Run("dendrite", func(t *testing.T) {
		p := startPractice(t)
		roomListLeaveAndDirectChat(t, roomsServer{"dendrite", p.SB.HS, p.SB.HS.URL, p.SB.HS.ServerName, p.Site.URL})
	})
	t.Run("synapse", func(t *testing.T) {
		s := sharedSynapse(t)
		roomListLeaveAndDirectChat(t, roomsServer{"synapse", s, s.URL, s.ServerName, startServer(t).URL})
	})
}

// roomsServer is a homeserver the room tests make people on, and the
// guide served beside it.
type roomsServer struct {
	kind string
	hs   interface {
		RegisterUser(ctx context.Context, localpart, password string, admin bool) (userID, accessToken, deviceID string, err error)
	}
	url, serverName, site string
}

// register makes an account through the admin API and returns a client
// core session for it.
func (rs roomsServer) register(t *testing.T, name, password string) *matrix.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	uid, tok, dev, err := rs.hs.RegisterUser(ctx, name, password, false)
	if err != nil {
		t.Fatalf("creating %s: %v", name, err)
	}
	return coreClient(t, rs.url, uid, tok, dev)
}

func roomListLeaveAndDirectChat(t *testing.T, rs roomsServer) {
	register := func(name, password string) *matrix.Client { return rs.register(t, name, password) }
	const readerPassword, friendPassword = "reader's long password", "friend's long password"
	readerName, friendName := uniqueName("rhea"), uniqueName("finn")
	reader := register(readerName, readerPassword) // a device of the reader's own, to set the scene
	friend := register(friendName, friendPassword)
	readerID, friendID := reader.Session().UserID, friend.Session().UserID
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	if err := friend.API().SetDisplayName(ctx, "Finn <i>the</i> Friend"); err != nil {
		t.Fatal(err)
	}
	plants, err := friend.CreatePublicRoom(ctx, "Plant lovers", "plants-"+strings.ToLower(uniqueName("p")))
	if err != nil {
		t.Fatal(err)
	}
	quietLocal := "quiet-" + strings.ToLower(uniqueName("q"))
	quiet, err := friend.CreatePublicRoom(ctx, "", quietLocal)
	if err != nil {
		t.Fatal(err)
	}
	quietAlias := "#" + quietLocal + ":" + rs.serverName
	for _, room := range []id.RoomID{quiet, plants} {
		if _, err := reader.JoinRoom(ctx, string(room)); err != nil {
			t.Fatal(err)
		}
	}
	mustSend(t, friend, quiet, "A quiet hello.")
	mustSend(t, friend, plants, "Welcome to the plant lovers!")

	r := newReader(t, 360, 740, "rooms-"+rs.kind)
	logInAs(t, r, rs.site, string(readerID), readerPassword)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(rs.site+messagePath), waitForApp())
	r.wait("both rooms listed, the latest active first, named by name or address", roomOrder(plants, quiet))
	r.text("the room with a name is listed by it", roomButton(plants)+" .live-room-title", "Plant lovers")
	r.text("the room without one by its address", roomButton(quiet)+" .live-room-title", quietAlias)
	r.screenshot("room-list", ".live-rooms")

	r.text("a room never opened here counts its messages as new", roomButton(plants)+" .live-room-unread", "1 new")
	r.click("opening the room with a name", roomButton(plants))
	r.text("it is open", ".live-room-name", "Plant lovers")
	r.wait("its message shows", linesInclude("Welcome to the plant lovers!"))
	r.click("switching to the quiet room", roomButton(quiet))
	r.text("the quiet room is open", ".live-room-name", quietAlias)
	r.wait("it is marked as the open one", `document.querySelector(`+jsString(roomButton(quiet))+`).getAttribute("aria-current") === "true"`)
	r.wait("its message shows", linesInclude("A quiet hello."))

	mustSend(t, friend, plants, "Has anyone tried basil?")
	mustSend(t, friend, plants, "Mine keeps wilting.")
	r.wait("the other room counts its two new messages", `document.querySelector(`+jsString(roomButton(plants)+" .live-room-unread")+`)?.textContent === "2 new"`)
	r.wait("and comes first, being the latest active", roomOrder(plants, quiet))
	r.screenshot("unread", ".live-rooms")
	r.click("switching to it", roomButton(plants))
	r.text("it is open", ".live-room-name", "Plant lovers")
	r.wait("its new messages show", linesInclude("Mine keeps wilting."))
	r.wait("nothing counts as new any more", `document.querySelectorAll(".live-room-unread").length === 0`)

	r.click("leaving the room", "#chat-leave")
	r.text("asked once more", ".live-leave-ask", "Leave Plant lovers?")
	r.screenshot("leave-ask", ".live-leave-ask")
	r.click("confirming", "#chat-leave-confirm")
	r.text("back to choosing a room", "section.live-client", "Pick a room to write in.")
	r.wait("the room left is out of the list", `!document.querySelector(`+jsString(roomButton(plants))+`) && !!document.querySelector(`+jsString(roomButton(quiet))+`)`)
	r.text("the list says so", "#rooms-note", "You left Plant lovers.")
	if joined, err := reader.JoinedRooms(ctx); err != nil || slices.ContainsFunc(joined, func(s matrix.RoomSummary) bool { return s.ID == plants }) {
		t.Errorf("the server still has the reader in the room left (%v)", err)
	}

	r.fill("typing a name that is not a Matrix ID", "#fm-direct", friendName)
	r.click("starting the chat", "#fm-direct-start")
	r.text("told what a Matrix ID looks like", "#fm-direct-error", "full Matrix ID, like @alice:example.org")
	nobody := "@" + uniqueName("nobody") + ":" + rs.serverName
	r.fill("typing someone who does not exist", "#fm-direct", nobody)
	r.click("starting the chat", "#fm-direct-start")
	r.text("told nobody has that ID", "#fm-direct-error", "Nobody with the ID "+nobody+" was found.")
	r.fill("typing the friend's ID", "#fm-direct", string(friendID))
	r.click("starting the chat", "#fm-direct-start")
	r.text("the chat is open, named after the friend, as text", ".live-room-name", "Finn <i>the</i> Friend")
	r.text("it is encrypted", ".live-note-encrypted", "This room is end-to-end encrypted")
	var dm string
	r.wait("the direct chat is the open room in the list", `(() => { const b = document.querySelector('.live-room[aria-current="true"]'); return !!b && b.textContent.includes("Finn <i>the</i> Friend"); })()`)
	run(t, r.ctx, "reading the chat's room ID", chromedp.Evaluate(`document.querySelector('.live-room[aria-current="true"]').dataset.room`, &dm))
	if n := countSelector(t, r, "section.live-client i"); n != 0 {
		t.Errorf("the friend's display name became markup: %d <i> elements in the box", n)
	}
	r.screenshot("direct-chat", "section.live-client")

	var seen struct {
		FriendID   string   `json:"friend_id"`
		Rooms      []string `json:"direct_rooms"`
		Inviter    string   `json:"dm_inviter"`
		Encryption string   `json:"encryption_algorithm"`
	}
	runInterop(t, "direct_chat.mjs", &seen,
		"HM_HOMESERVER="+rs.url, "HM_USER="+readerName, "HM_PASSWORD="+readerPassword,
		"HM_FRIEND="+friendName, "HM_FRIEND_PASSWORD="+friendPassword, "HM_ROOM="+dm)
	if seen.FriendID != string(friendID) || !slices.Equal(seen.Rooms, []string{dm}) {
		t.Errorf("matrix-js-sdk reads m.direct[%s] = %v, want [%s]", friendID, seen.Rooms, dm)
	}
	if seen.Inviter != string(readerID) {
		t.Errorf("matrix-js-sdk: the friend's invitation is a direct chat from %q, want %s", seen.Inviter, readerID)
	}
	if seen.Encryption != "m.megolm.v1.aes-sha2" {
		t.Errorf("matrix-js-sdk: the direct chat's encryption is %q, want m.megolm.v1.aes-sha2", seen.Encryption)
	}
}

// coreClient is a client-core session for a user made through the admin
// API: the other people in a test, and the reader's own second device.
func coreClient(t *testing.T, hsURL, uid, token, device string) *matrix.Client {
	t.Helper()
	c, err := matrix.NewClient(matrix.Session{HomeserverURL: hsURL, UserID: id.UserID(uid), DeviceID: id.DeviceID(device), AccessToken: token})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustSend(t *testing.T, c *matrix.Client, room id.RoomID, body string) id.EventID {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	m, err := c.Send(ctx, room, body)
	if err != nil {
		t.Fatalf("%s sending %q: %v", c.Session().UserID, body, err)
	}
	return m.EventID
}

// logInAs signs the reader in with a full user ID on the chapter that
// logs in.
func logInAs(t *testing.T, r *reader, siteURL, userID, password string) {
	t.Helper()
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	run(t, r.ctx, "opening Logging in", chromedp.Navigate(siteURL+loginPath), waitForApp())
	r.fill("typing the user ID", "#login-user", userID)
	r.text("the server comes from the ID", "#login-server-hint", "Taken from your user ID.")
	r.fill("typing the password", "#login-password", password)
	r.click("logging in", "#login-submit")
	r.text("signed in", "#account-slot", "Signed in as "+userID)
}

func roomButton(room id.RoomID) string {
	return `.live-room[data-room="` + string(room) + `"]`
}

// roomOrder is true when the list shows these rooms in this order (others
// may come between).
func roomOrder(rooms ...id.RoomID) string {
	ids := make([]string, len(rooms))
	for i, r := range rooms {
		ids[i] = string(r)
	}
	b, _ := json.Marshal(ids)
	return `(() => { const want = ` + string(b) + `; const have = [...document.querySelectorAll(".live-room")].map(b => b.dataset.room).filter(r => want.includes(r)); return JSON.stringify(have) === JSON.stringify(want); })()`
}

// linesInclude is true when a line of the chat has this body.
func linesInclude(body string) string {
	return `[...document.querySelectorAll(".live-line-body")].some(b => b.textContent === ` + jsString(body) + `)`
}

func countSelector(t *testing.T, r *reader, sel string) int {
	t.Helper()
	var n int
	run(t, r.ctx, "counting "+sel, chromedp.Evaluate(`document.querySelectorAll(`+jsString(sel)+`).length`, &n))
	return n
}

// Ignoring and reporting, on Synapse: a reader reports a message with a
// reason (after being asked for one), and the server's admin API lists
// the report with it; then ignores its sender from the same menu: their
// messages leave the chat at once, their invitation already shown goes,
// and a new one never shows while another person's does. "Stop ignoring"
// brings their messages back, also the one they wrote meanwhile.
func TestLiveIgnoreAndReport(t *testing.T) {
	s := sharedSynapse(t)
	rs := roomsServer{"synapse", s, s.URL, s.ServerName, startServer(t).URL}
	register := func(name, password, displayName string) *matrix.Client {
		c := rs.register(t, name, password)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := c.API().SetDisplayName(ctx, displayName); err != nil {
			t.Fatal(err)
		}
		return c
	}
	const password = "a long password for this test"
	reader := register(uniqueName("iris"), password, "Iris")
	pest := register(uniqueName("pest"), password, "Pesky Pete")
	bee := register(uniqueName("bee"), password, "Busy Bee")
	readerID, pestID := reader.Session().UserID, pest.Session().UserID
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	hall, err := bee.CreatePublicRoom(ctx, "Town hall", "hall-"+strings.ToLower(uniqueName("h")))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*matrix.Client{reader, pest} {
		if _, err := c.JoinRoom(ctx, string(hall)); err != nil {
			t.Fatal(err)
		}
	}
	rude := mustSend(t, pest, hall, "You are all fools.")
	mustSend(t, bee, hall, "Welcome, everyone!")
	spam := mustSend(t, pest, hall, "Buy cheap pills now.")
	if _, err := pest.CreatePrivateRoom(ctx, "Pete's offers", readerID); err != nil {
		t.Fatal(err)
	}

	r := newReader(t, 360, 740, "ignore")
	logInAs(t, r, rs.site, string(readerID), password)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(rs.site+messagePath), waitForApp())
	r.wait("Pete's invitation shows", invitedBy(pestID, "Pesky Pete"))
	r.click("opening the town hall", roomButton(hall))
	r.wait("Pete's message shows", linesInclude("You are all fools."))

	line := `.live-line[data-key="` + string(rude) + `"]`
	r.click("opening the message's menu", line+" .live-line-more")
	r.click("choosing Report", line+" .live-line-report")
	r.click("sending it without a reason", "#report-send")
	r.text("asked for a reason", "#report-reason-error", "Say in a few words what is wrong with this message")
	reason := "Insults everyone " + uniqueName("r")
	r.fill("giving the reason", "#report-reason", reason)
	r.screenshot("report-form", "#report-form")
	r.click("sending the report", "#report-send")
	r.text("the report is confirmed", line+" .live-report-done", "your report went to the administrators of "+s.ServerName)
	reports, err := s.EventReports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(reports, func(rep synapse.EventReport) bool {
		return rep.EventID == string(rude) && rep.Reason == reason && rep.UserID == string(readerID) && rep.Sender == string(pestID)
	}) {
		t.Errorf("Synapse's admin API does not list the report of %s with reason %q: %+v", rude, reason, reports)
	}

	other := `.live-line[data-key="` + string(spam) + `"]`
	r.click("opening the menu of Pete's other message", other+` .live-line-more`)
	r.click("ignoring Pete", ".live-line-ignore")
	r.wait("Pete's messages leave the chat at once", `!`+linesInclude("Buy cheap pills now.")+` && !`+linesInclude("You are all fools.")+` && `+linesInclude("Welcome, everyone!"))
	r.text("the box says so", "#rooms-note", "You ignore Pesky Pete now")
	r.screenshot("ignored", "section.live-client")

	r.click("choosing another room", ".live-chat-head button.secondary")
	r.wait("the chooser shows", `!!document.querySelector("#fm-direct")`)
	if _, err := pest.CreatePrivateRoom(ctx, "Pete again", readerID); err != nil {
		t.Fatal(err)
	}
	if _, err := bee.CreatePrivateRoom(ctx, "Bee's garden", readerID); err != nil {
		t.Fatal(err)
	}
	r.wait("Bee's invitation shows", invitedBy(bee.Session().UserID, "Busy Bee"))
	r.wait("none of Pete's shows, old or new", `!(`+invitedBy(pestID, "Pesky Pete")+`)`)
	mustSend(t, pest, hall, "Written while ignored.")

	r.click("opening the list of people ignored", ".live-ignored summary")
	r.text("Pete is on it", ".live-ignored li", string(pestID))
	r.click("bringing Pete back", ".live-ignored li button")
	r.wait("nobody is ignored any more", `!document.querySelector(".live-ignored")`)
	r.click("opening the town hall again", roomButton(hall))
	r.wait("Pete's messages are back, also the one written meanwhile",
		linesInclude("You are all fools.")+` && `+linesInclude("Buy cheap pills now.")+` && `+linesInclude("Written while ignored."))
}

// invitedBy is true when the box shows an invitation from user (by ID or
// display name).
func invitedBy(user id.UserID, name string) string {
	return `[...document.querySelectorAll("section.live-client li, section.live-client p")].some(e => e.textContent.includes("invited you") && (e.textContent.includes(` +
		jsString(string(user)) + `) || e.textContent.includes(` + jsString(name) + `)))`
}
