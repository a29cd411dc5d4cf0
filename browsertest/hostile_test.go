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

// hostilePayload is one message another client sends to the reader.
type hostilePayload struct {
	name, body, html string
}

// hostilePayloads are messages written to harm or confuse a client that
// renders them carelessly. Every script in them would set window.__pwned
// and call pwnURL.
func hostilePayloads(pwnURL string) []hostilePayload {
	act := `window.__pwned=true;fetch('` + pwnURL + `')`
	markup := []hostilePayload{
		{name: "script", html: `<script>` + act + `</script>`},
		{name: "img onerror", html: `<img src=x onerror="` + act + `">`},
		{name: "javascript: link", html: `<a href="javascript:` + act + `">open me</a>`},
		{name: "iframe", html: `<iframe src="javascript:parent.__pwned=true" srcdoc="<script>parent.__pwned=true</script>"></iframe>`},
		{name: "svg onload", html: `<svg onload="` + act + `"><circle r="9"/></svg>`},
	}
	for i := range markup {
		// The plain body is the markup itself, so a client that shows text
		// shows it literally.
		markup[i].body = markup[i].html
	}
	return append(markup,
		hostilePayload{name: "huge body", body: strings.Repeat("Matrix is big. ", 4000)}, // 60 KB
		hostilePayload{name: "bidi override", body: "\u202Etxt.exe is this harmless? \u202Dok"},
		hostilePayload{name: "zero-width", body: "pay\u200bpal\u200d.com\ufeff and ma\u200ctrix"},
		hostilePayload{name: "long word", body: "word:" + strings.Repeat("W", 3000)},
	)
}

// Messages from another client that carry scripts, event handlers,
// javascript: links, frames and SVG, a 60 KB body, direction overrides,
// zero-width characters and a very long word all show as plain text in the
// live chat: nothing runs, nothing is fetched, no element is created from
// them, and the chat stays within the width of a phone screen. The same
// journey checks that the access token never leaves localStorage: no URL
// the page requests and no page holds it, and logging out removes it from
// every storage the browser keeps.
func TestHostileMessagesAndTokenHygiene(t *testing.T) {
	var pwnHits atomic.Int32
	pwn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pwnHits.Add(1)
		t.Errorf("a payload ran: %s %s", r.Method, r.URL)
	}))
	defer pwn.Close()
	payloads := hostilePayloads(pwn.URL + "/pwned")

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

	mallory := newHostileSender(t, p)
	mallory.join(t, string(p.SB.WelcomeRoom))
	for i, m := range payloads {
		mallory.send(t, string(p.SB.WelcomeRoom), fmt.Sprintf("hostile-%d-%d", i, pwnHits.Load()), m.body, m.html)
	}
	for _, m := range payloads {
		r.wait("the "+m.name+" message shows as text",
			`[...document.querySelectorAll(".live-line:not(.own) .live-line-body")].some(b => b.textContent === `+jsString(m.body)+`)`)
	}
	r.screenshot("hostile", ".live-lines")

	var state struct {
		Pwned    bool     `json:"pwned"`
		Elements []string `json:"elements"`
		PageWide bool     `json:"pageWide"`
		ChatWide bool     `json:"chatWide"`
		NoDir    int      `json:"noDir"`
	}
	run(t, r.ctx, "looking for harm", chromedp.Evaluate(`(() => {
		const lines = document.querySelector(".live-lines");
		const root = document.documentElement;
		return {
			pwned: window.__pwned !== false,
			elements: [...lines.querySelectorAll("script, img, a, iframe, svg, object, embed, style")].map(e => e.outerHTML.slice(0, 80)),
			pageWide: root.scrollWidth > root.clientWidth,
			chatWide: lines.scrollWidth > lines.clientWidth + 1,
			noDir: [...lines.querySelectorAll(".live-line-body")].filter(b => b.dir !== "auto").length,
		};
	})()`, &state))
	executed := 0
	if state.Pwned {
		executed++
	}
	executed += int(pwnHits.Load())
	for _, u := range watch.requestURLs() {
		if strings.Contains(u, "pwned") {
			executed++
			t.Errorf("the page asked for %s", u)
		}
	}
	fmt.Printf("hostile_payloads: %d\nhostile_executed: %d\n", len(payloads), executed)
	t.Logf("hostile_payloads: %d, hostile_executed: %d", len(payloads), executed)
	if state.Pwned {
		t.Error("a payload ran: window.__pwned is no longer false")
	}
	if len(state.Elements) != 0 {
		t.Errorf("the messages became elements: %v", state.Elements)
	}
	if state.PageWide || state.ChatWide {
		t.Errorf("the messages widen the layout (page wider than the screen: %v, chat wider than its box: %v)", state.PageWide, state.ChatWide)
	}
	if state.NoDir != 0 {
		t.Errorf(`%d message bodies lack dir="auto", so a direction override can spill out of them`, state.NoDir)
	}
	watch.collect(r.ctx, messagePath)
	if n, all := watch.violations(); n != 0 {
		t.Errorf("%d CSP violations while showing the messages: %v", n, all)
	}

	checkTokenHygiene(t, p, r, watch)
}
