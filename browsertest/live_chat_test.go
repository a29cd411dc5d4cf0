package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"maunium.net/go/mautrix/id"

	"hellomatrix/app/live"
	"hellomatrix/matrix"
	"hellomatrix/pages"
)

// The chat as a reader sees it, on the shared Synapse, in a room where
// Carol (whose display name is full of markup) wrote 30 messages before the
// reader arrived, in a browser set to Kathmandu's time (UTC+05:45, so a
// wrong time zone shows):
//   - Carol's lines say her name as text, with her user ID on hover (title)
//     and written out when the name has the focus;
//   - each line has its time, hour and minute in the reader's zone, and the
//     full date on hover;
//   - the reader's own message says "You" with their user ID, live and
//     after a reload alike;
//   - "Show earlier messages" brings the ten the chat did not load, each
//     once, without moving what the reader was looking at, and then says
//     there is nothing older;
//   - a message arriving while the reader reads further up gets a "New
//     messages" marker and a button that jumps to it.
func TestLiveChat(t *testing.T) {
	s := sharedSynapse(t)
	site := startServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	carol := chatPeer(t, ctx, s.URL, uniqueName("carol"))
	const carolName = "Carol <i>Danvers</i>"
	if err := carol.API().SetDisplayName(ctx, carolName); err != nil {
		t.Fatalf("naming Carol: %v", err)
	}
	local := uniqueName("chat")
	roomID, err := carol.CreatePublicRoom(ctx, "Chat test", local)
	if err != nil {
		t.Fatalf("creating the room: %v", err)
	}
	alias := "#" + local + ":" + s.ServerName
	var last *matrix.PendingMessage
	for i := 1; i <= 30; i++ {
		if last, err = carol.Send(ctx, roomID, fmt.Sprintf("older %02d", i)); err != nil {
			t.Fatalf("Carol's message %d: %v", i, err)
		}
	}
	newest, err := carol.API().GetEvent(ctx, roomID, last.EventID)
	if err != nil {
		t.Fatalf("reading Carol's last message back: %v", err)
	}

	name := uniqueName("reader")
	const password = "the reader's long password"
	userID := synapseUser(t, s, name, password)
	r := newReader(t, 1280, 900, "chat")
	run(t, r.ctx, "living in Kathmandu", emulation.SetTimezoneOverride("Asia/Kathmandu"))
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	run(t, r.ctx, "opening Logging in", chromedp.Navigate(site.URL+loginPath), waitForApp())
	r.fill("typing the user ID", "#login-user", userID)
	r.fill("typing the password", "#login-password", password)
	r.click("logging in", "#login-submit")
	r.text("signed in", "#account-slot", "Signed in as "+userID)
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(site.URL+messagePath), waitForApp())
	r.fill("typing the room's address", "#fm-room", alias)
	r.click("joining", "#fm-join")
	r.text("the room is open", ".live-room-name", alias)
	r.wait("the newest messages are there", lineWith("older 30"))

	// Display names, as text, with the user ID behind them.
	carolLine := lineWith("older 30")
	r.wait("Carol's name is text", `(() => { const s = `+carolLine+`.querySelector(".live-line-sender");
		return s.textContent === `+jsString(carolName)+` && !s.querySelector("i") && s.title === `+jsString(string(carol.Session().UserID))+` && s.tabIndex === 0; })()`)
	r.wait("the user ID shows on focus", `(() => { const s = `+carolLine+`.querySelector(".live-line-sender"); s.focus();
		return document.activeElement === s && getComputedStyle(s, "::after").content.includes(`+jsString(string(carol.Session().UserID))+`); })()`)
	r.screenshot("name-focused", ".live-lines")

	// Times in the reader's zone, the full date on hover.
	zone := time.FixedZone("Kathmandu", 5*3600+45*60)
	at := time.UnixMilli(newest.Timestamp).In(zone)
	short := live.ShortTime(at, time.Now().In(zone))
	r.wait("the time is Kathmandu's", `(() => { const t = `+lineFor(string(last.EventID))+`.querySelector("time");
		return t.textContent === `+jsString(short)+` && t.title.includes(`+jsString(at.Format("2 January 2006, 15:04"))+`) && t.title.includes("UTC+05:45")
			&& new Date(t.dateTime).getTime() === `+fmt.Sprint(newest.Timestamp/1000*1000)+`; })()`)

	// The reader's own message, live and after a reload.
	r.fill("writing", "#fm-message", "my own line")
	r.click("sending", "#fm-send")
	own := `(() => { const l = ` + lineWith("my own line") + `; const s = l && l.querySelector(".live-line-sender");
		return !!l && l.classList.contains("own") && s.textContent === "You" && s.title === ` + jsString(userID) + `
			&& l.querySelector(".message-state").dataset.state === "sent"; })()`
	r.wait("my line says You, live", own)
	run(t, r.ctx, "reloading", chromedp.Reload(), waitForApp())
	r.text("still in the room", ".live-room-name", alias)
	r.wait("my line says You after the reload", own)

	// Older history, keeping the reader's place.
	r.wait("the chat holds the newest, not all", lineWith("older 30")+` && !`+lineWith("older 01"))
	r.wait("the recent messages are all in", `!document.querySelector("#chat-earlier").disabled`)
	// The reader scrolls up until "older 20" is at the top of the list and
	// stays there; that line must not move when the earlier ones come in
	// above it (nor when the first sync, answering late on a busy machine,
	// adds one there).
	var before float64
	reading := lineWith("older 20")
	run(t, r.ctx, "reading further up", chromedp.Poll(`(async () => {
		const list = document.querySelector(".live-lines"), line = `+reading+`;
		const at = () => line.getBoundingClientRect().top - list.getBoundingClientRect().top;
		list.scrollTop += at();
		const frame = () => new Promise(r => requestAnimationFrame(() => r()));
		const was = at();
		await frame(); await frame(); await frame();
		return list.scrollTop > 0 && Math.abs(at()) < 1 && at() === was ? { at: was } : false;
	})()`, nil, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)))
	run(t, r.ctx, "where that line is", chromedp.Evaluate(reading+`.getBoundingClientRect().top - document.querySelector(".live-lines").getBoundingClientRect().top`, &before))
	r.click("asking for earlier messages", "#chat-earlier")
	r.wait("the older ones arrived", lineWith("older 01"))
	offset := reading + `.getBoundingClientRect().top - document.querySelector(".live-lines").getBoundingClientRect().top`
	steady, cancelSteady := context.WithTimeout(r.ctx, 30*time.Second)
	if err := chromedp.Run(steady, chromedp.Poll(`Math.abs(`+offset+` - `+fmt.Sprint(before)+`) <= 2`, nil, chromedp.WithPollingInterval(100*time.Millisecond))); err != nil {
		var now float64
		chromedp.Run(r.ctx, chromedp.Evaluate(offset, &now))
		t.Errorf("the line the reader was at moved from %.0f px to %.0f px below the list's top when the earlier messages came in", before, now)
	}
	cancelSteady()
	var counts map[string]int
	run(t, r.ctx, "counting the lines", chromedp.Evaluate(`(() => { const n = {}; for (const b of document.querySelectorAll(".live-line-body")) n[b.textContent] = (n[b.textContent] || 0) + 1; return n; })()`, &counts))
	for i := 1; i <= 30; i++ {
		if b := fmt.Sprintf("older %02d", i); counts[b] != 1 {
			t.Errorf("%q shows %d times, want once", b, counts[b])
		}
	}
	r.screenshot("earlier", ".live-lines")
	r.click("asking for more", "#chat-earlier")
	r.text("nothing older", "#chat-history-none", "nothing older")

	// A message arriving while the reader reads further up.
	run(t, r.ctx, "scrolling up", chromedp.Evaluate(`(() => { const list = document.querySelector(".live-lines"); list.scrollTop = 0; list.dispatchEvent(new Event("scroll")); })()`, nil))
	if _, err := carol.Send(ctx, roomID, "while you were reading"); err != nil {
		t.Fatalf("Carol's new message: %v", err)
	}
	english := live.New() // the page's words, as the app's model says them
	r.wait("the marker is before it", `(() => { const m = document.querySelector("#chat-new-marker");
		return !!m && m.textContent === `+jsString(english.Say(live.NewMessages))+` && m.nextElementSibling.querySelector(".live-line-body").textContent === "while you were reading"; })()`)
	r.text("a way to jump there", "#chat-jump-new", english.JumpToNew(1))
	r.screenshot("new-marker", ".live-chat")
	r.click("jumping", "#chat-jump-new")
	r.wait("the new message is in view", `(() => { const list = document.querySelector(".live-lines").getBoundingClientRect();
		const l = `+lineWith("while you were reading")+`.getBoundingClientRect(); return l.top >= list.top - 1 && l.bottom <= list.bottom + 1; })()`)
	r.wait("nothing left to jump to", `!document.querySelector("#chat-jump-new")`)
}

// lineWith is a JavaScript expression for the chat line whose body is body.
func lineWith(body string) string {
	return `[...document.querySelectorAll(".live-line")].find(l => l.querySelector(".live-line-body").textContent === ` + jsString(body) + `)`
}

// lineFor is the chat line of one event.
func lineFor(eventID string) string {
	return `document.querySelector('.live-line[data-key="` + strings.ReplaceAll(eventID, `"`, ``) + `"]')`
}

// chatPeer is another Synapse user driven by the client core natively.
func chatPeer(t *testing.T, ctx context.Context, hsURL, name string) *matrix.Client {
	t.Helper()
	s := sharedSynapse(t)
	uid, token, device, err := s.RegisterUser(ctx, name, name+"'s long password", false)
	if err != nil {
		t.Fatalf("creating %s: %v", name, err)
	}
	c, err := matrix.NewClient(matrix.Session{HomeserverURL: hsURL, UserID: id.UserID(uid), DeviceID: id.DeviceID(device), AccessToken: token})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
