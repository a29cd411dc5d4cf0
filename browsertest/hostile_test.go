package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// burstSize is how many messages the hostile user sends in one go.
const burstSize = 150

// hostileName is markup for a display name and a room name.
const hostileName = `<img src=x onerror="window.__pwned=true">Mallory</b>`

// Events from another client that carry scripts, event handlers,
// javascript: and remote links (in HTML, images, files, places), malformed
// content (a body that is a number, an object or missing, no or unknown
// msgtypes), deep nesting, a 60 KB body, direction overrides, control and
// zero-width characters, a display name and a room name made of markup, and
// a burst of 150 messages: the live chat shows each as plain text or leaves
// it out, nothing runs, nothing remote is fetched, no element is created
// from them, the chat stays within a phone's width, and the reader can
// still send a message, which the other client receives once. The same
// journey checks that the access token never leaves localStorage: no URL
// the page requests and no page holds it, and logging out removes it from
// every storage the browser keeps.
func TestHostileMessagesAndTokenHygiene(t *testing.T) {
	var pwnHits atomic.Int32
	pwn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pwnHits.Add(1)
		t.Errorf("the page fetched a payload's address: %s %s", r.Method, r.URL)
	}))
	defer pwn.Close()
	payloads := hostilePayloads(pwn.URL)

	p := startPractice(t)
	r := newReader(t, 360, 780, "hostile")
	watch := watchBrowser(t, r.ctx)
	name := uniqueName("reader")
	userID := p.newUser(t, name, "a reader's long password")
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)

	run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp())
	r.fill("typing the user ID", "#login-user", userID)
	r.fill("typing the password", "#login-password", "a reader's long password")
	r.click("logging in", "#login-submit")
	r.text("signed in", ".live-success", "You are signed in")
	watch.collect(r.ctx, loginPath)
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	r.click("joining #welcome", "#fm-join-welcome")
	r.text("the room is open", ".live-room-name", p.Info.WelcomeAlias)
	run(t, r.ctx, "planting the flag", chromedp.Evaluate(`window.__pwned = false`, nil))

	room := string(p.SB.WelcomeRoom)
	mallory := newHostileSender(t, p)
	mallory.setDisplayName(t, hostileName)
	mallory.join(t, room)
	for i, m := range payloads {
		mallory.sendEvent(t, room, fmt.Sprintf("hostile-%d", i), m.eventType, m.content)
	}
	// Too big for any homeserver (the spec caps an event at 64 KiB): the
	// server itself refuses it, so no client ever sees it.
	if status, answer := mallory.try(t, http.MethodPut, mallory.sendPath(room, "hostile-oversized", ""),
		map[string]any{"msgtype": "m.text", "body": strings.Repeat("x", 100<<10)}); status < 400 || status >= 500 {
		t.Errorf("the homeserver took a 100 KB message: %d %v", status, answer)
	}
	// Events arrive in order, so once this shows, every payload before it
	// has been through the client.
	const after = "after the hostile payloads"
	mallory.sendEvent(t, room, "hostile-after", "", map[string]any{"msgtype": "m.text", "body": after})
	r.wait("the message after the payloads shows", othersLineIs(after))
	for _, m := range payloads {
		if m.shows != "" {
			r.wait("the "+m.name+" message shows as text", othersLineIs(m.shows))
		}
	}
	r.screenshot("hostile", ".live-lines")
	checkNoHarm(t, r, pwn.URL, "after the payloads")

	for i := range burstSize {
		mallory.sendEvent(t, room, fmt.Sprintf("burst-%d", i), "", map[string]any{"msgtype": "m.text", "body": burstBody(i)})
	}
	r.wait("the whole burst shows, in order", `(() => {
		const bodies = [...document.querySelectorAll(".live-line:not(.own) .live-line-body")].map(b => b.textContent).filter(b => b.startsWith("burst "));
		return bodies.length === `+itoa(burstSize)+` && bodies.every((b, i) => b === "burst " + String(i).padStart(3, "0"));
	})()`)
	checkNoHarm(t, r, pwn.URL, "after the burst")

	// The reader can still write, and matrix-js-sdk finds it there once.
	reply := "still here after all that " + name
	r.fill("typing a reply", "#fm-message", reply)
	r.click("sending it", "#fm-send")
	r.wait("the reply is delivered", `[...document.querySelectorAll(".live-line.own")].some(l => l.querySelector(".live-line-body").textContent === `+jsString(reply)+` && !l.querySelector(".live-line-state, .live-line-failed"))`)
	peerName := uniqueName("jspeer")
	p.newUser(t, peerName, "peer password")
	runPeer(t, "HM_HOMESERVER="+p.SB.HS.URL, "HM_USER="+peerName, "HM_PASSWORD=peer password",
		"HM_MODE=room", "HM_ROOM="+room, "HM_EXPECT="+reply, "HM_SENDER="+userID)

	// A room whose name and topic are markup, offered by invitation: the
	// invitations show where the reader picks a room.
	r.click("going back to the rooms", ".live-chat-head button")
	mallory.createRoom(t, hostileName, `<script>window.__pwned=true</script>`, userID)
	r.wait("the invitation shows the room's name as text",
		`[...document.querySelectorAll(".live-invites li")].some(li => li.textContent.includes(`+jsString(hostileName)+`))`)
	checkNoHarm(t, r, pwn.URL, "with the invitation")
	r.click("accepting it", ".live-invites li button")
	r.wait("the room's name shows as text", `(document.querySelector(".live-room-name") || {}).textContent === `+jsString(hostileName))
	checkNoHarm(t, r, pwn.URL, "in the room named with markup")

	executed := int(pwnHits.Load())
	var pwned bool
	run(t, r.ctx, "reading the flag", chromedp.Evaluate(`window.__pwned !== false`, &pwned))
	if pwned {
		executed++
	}
	for _, u := range watch.requestURLs() {
		if strings.HasPrefix(u, pwn.URL) {
			executed++
			t.Errorf("the page asked for %s", u)
		}
	}
	// Each payload event, the display name, the room's name and topic, and
	// the burst (one payload of 150 messages).
	fmt.Printf("hostile_payloads: %d\nhostile_executed: %d\n", len(payloads)+3, executed)
	t.Logf("hostile_payloads: %d, hostile_executed: %d", len(payloads)+3, executed)
	watch.collect(r.ctx, messagePath)
	if n, all := watch.violations(); n != 0 {
		t.Errorf("%d CSP violations while showing the messages: %v", n, all)
	}

	checkTokenHygiene(t, p, r, watch)
}

func burstBody(i int) string { return fmt.Sprintf("burst %03d", i) }

// othersLineIs is true once a message from someone else shows exactly body.
func othersLineIs(body string) string {
	return `[...document.querySelectorAll(".live-line:not(.own) .live-line-body")].some(b => b.textContent === ` + jsString(body) + `)`
}

// checkNoHarm looks at the live client as it is: no script ran, no element
// was made from what others sent, and nothing is wider than the screen.
func checkNoHarm(t *testing.T, r *reader, pwn, when string) {
	t.Helper()
	var state struct {
		Pwned    bool     `json:"pwned"`
		Elements []string `json:"elements"`
		PageWide bool     `json:"pageWide"`
		ChatWide bool     `json:"chatWide"`
		Widest   []string `json:"widest"`
		NoDir    int      `json:"noDir"`
	}
	run(t, r.ctx, "looking for harm "+when, chromedp.Evaluate(`(() => {
		const root = document.documentElement;
		const boxes = [...document.querySelectorAll(".live-lines, .live-invites, .live-chat-head")];
		const lines = document.querySelector(".live-lines");
		return {
			pwned: window.__pwned !== false,
			// Elements only a payload could have made: tags the chat never
			// uses, any inline handler (the chat's own elements have none),
			// or an attribute that loads or runs something carrying a
			// payload's script or address. Attributes that only hold text
			// (title, aria-label: a sender's display name shown as a
			// tooltip) may hold a payload's words: that is text, not markup.
			// (The chat's own links, buttons and avatars are left alone.)
			elements: boxes.flatMap(b => [...b.querySelectorAll("*")]).filter(e =>
				["SCRIPT", "IFRAME", "OBJECT", "EMBED", "STYLE", "FORM", "MARQUEE", "MX-REPLY", "VIDEO", "AUDIO"].includes(e.tagName.toUpperCase()) ||
				[...e.attributes].some(a => {
					const n = a.name.toLowerCase(), v = a.value.trim().toLowerCase();
					if (n.startsWith("on")) return true;
					const loads = ["src", "href", "srcset", "action", "formaction", "xlink:href", "style", "poster", "background", "data"].includes(n);
					return loads && (v.includes("__pwned") || a.value.includes(`+jsString(pwn)+`) || v.startsWith("javascript:") || (n === "src" && v === "x"));
				})
			).map(e => e.outerHTML.slice(0, 80)),
			pageWide: root.scrollWidth > root.clientWidth,
			chatWide: !!lines && lines.scrollWidth > lines.clientWidth + 1,
			widest: lines ? [...lines.querySelectorAll(".live-line")].filter(l => l.scrollWidth > lines.clientWidth + 1 || l.getBoundingClientRect().right > lines.getBoundingClientRect().right + 1).map(l => JSON.stringify(l.textContent.slice(0, 60))) : [],
			noDir: lines ? [...lines.querySelectorAll(".live-line-body")].filter(b => b.dir !== "auto").length : 0,
		};
	})()`, &state))
	if state.Pwned {
		t.Errorf("%s: a payload ran: window.__pwned is no longer false", when)
	}
	if len(state.Elements) != 0 {
		t.Errorf("%s: what others sent became elements: %v", when, state.Elements)
	}
	if state.PageWide || state.ChatWide {
		t.Errorf("%s: the layout is wider than the 360 px screen (page: %v, chat: %v; the widest lines: %v)", when, state.PageWide, state.ChatWide, state.Widest)
	}
	if state.NoDir != 0 {
		t.Errorf(`%s: %d message bodies lack dir="auto", so a direction override can spill out of them`, when, state.NoDir)
	}
}
