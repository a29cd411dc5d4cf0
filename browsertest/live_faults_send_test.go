package browsertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/internal/faultproxy"
	"hellomatrix/pages"
)

// browserSendCount is how many messages the reader sends: 20 in `make
// test`, 100 in `make robustness` (BROWSER_SEND_COUNT), which is slower.
func browserSendCount(t *testing.T) int {
	if s := os.Getenv("BROWSER_SEND_COUNT"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("BROWSER_SEND_COUNT=%q is not a positive number", s)
		}
		return n
	}
	return 20
}

// The reader signs in through a server that fails sends now and then (5xx,
// 429, a reset, a request processed but its answer lost or cut off mid-body,
// which the browser's fetch reports only when the body is read), types message
// after message and presses Retry on those marked failed. An independent
// reader then finds each message in the room exactly once.
func TestLiveSendsThroughFaults(t *testing.T) {
	n := browserSendCount(t)
	p := startPractice(t)
	r := newReader(t, 1280, 900, "faults")
	name := uniqueName("fay")
	userID := p.newUser(t, name, "fay's long password")
	fp, err := faultproxy.Start(faultproxy.Config{
		Target: p.SB.HS.URL,
		Seed:   7,
		// Send paths only: signing in and joining are not what is tested.
		Rates:      faultproxy.Rates{ServerError: 0.1, RateLimit: 0.1, Drop: 0.1, Reset: 0.1, Truncate: 0.1, Latency: 0.1},
		Match:      faultproxy.PathContains("/send/"),
		MaxLatency: 200 * time.Millisecond,
		RetryAfter: time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fp.Close() })
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)

	run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp())
	r.fill("typing the username", "#login-user", name)
	r.fill("typing the faulty server's address", "#login-server", withoutWellKnown(t, fp.URL))
	r.fill("typing the password", "#login-password", "fay's long password")
	r.click("logging in", "#login-submit")
	r.text("signed in", ".live-success", "You are signed in")
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	r.click("joining #welcome", "#fm-join-welcome")
	r.text("the room is open", ".live-room-name", p.Info.WelcomeAlias)

	tag := uniqueName("m")
	bodies := make([]string, n)
	for i := range bodies {
		bodies[i] = fmt.Sprintf("%s number %03d", tag, i+1)
		r.fill("writing", "#fm-message", bodies[i])
		r.click("sending", "#fm-send")
	}

	// Each line ends sent or failed; failed ones get Retry, for a bounded
	// number of rounds.
	states := `(() => { const c = {sent: 0, failed: 0, busy: 0};
		for (const l of document.querySelectorAll(".live-line.own")) {
			if (!l.querySelector(".live-line-body").textContent.startsWith(` + jsString(tag) + `)) continue;
			const s = l.querySelector(".message-state").dataset.state;
			if (s === "sent") c.sent++; else if (s === "failed") c.failed++; else c.busy++;
		}
		return c; })()`
	var c struct{ Sent, Failed, Busy int }
	retries := 0
	for round := 0; round < 10; round++ {
		deadline := time.Now().Add(60 * time.Second)
		for {
			run(t, r.ctx, "counting states", chromedp.Evaluate(states, &c))
			if c.Busy == 0 && c.Sent+c.Failed == n || time.Now().After(deadline) {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		if c.Failed == 0 {
			break
		}
		for i := 0; i < c.Failed; i++ {
			r.click("retrying a failed message", ".live-line-failed button")
			retries++
		}
	}
	t.Logf("in the chat: %d sent, %d failed, %d busy, after %d Retry clicks; proxy: %s", c.Sent, c.Failed, c.Busy, retries, fp.Counts())

	// Dendrite's /messages can lag its /send on a busy machine (the
	// core's fault tests read the same way): read until every message the
	// chat shows sent is there, or for half a minute.
	got := roomBodies(t, p, tag, userID)
	for deadline := time.Now().Add(30 * time.Second); len(got) < c.Sent && time.Now().Before(deadline); {
		time.Sleep(500 * time.Millisecond)
		got = roomBodies(t, p, tag, userID)
	}
	seen := map[string]int{}
	for _, b := range got {
		seen[b]++
	}
	delivered, dups, lost := 0, 0, 0
	for _, b := range bodies {
		switch k := seen[b]; {
		case k == 0:
			lost++
		default:
			delivered++
			dups += k - 1
		}
	}
	fmt.Printf("browser_sent: %d\nbrowser_delivered: %d\nbrowser_duplicates: %d\nbrowser_lost: %d\n", n, delivered, dups, lost)
	if delivered != n || dups != 0 || lost != 0 || len(got) != n {
		t.Errorf("the room holds %d of the %d messages (%d events), %d duplicates, %d lost", delivered, n, len(got), dups, lost)
	}
	if fp.Counts().Injected() == 0 {
		t.Error("the proxy injected no faults; the test proves nothing")
	}
}

// withoutWellKnown fronts base with a server that has no .well-known, so a
// client told its address keeps using it: Dendrite's own .well-known would
// send the browser straight to Dendrite, around the fault proxy. It returns
// the front's host:port.
func withoutWellKnown(t *testing.T, base string) string {
	t.Helper()
	target, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	forward := httputil.NewSingleHostReverseProxy(target)
	// A reset or a dropped answer behind the front must reach the browser
	// as the same network failure, not as the 502 the front would make of
	// it: aborting the handler closes the connection without an answer.
	forward.ErrorHandler = func(http.ResponseWriter, *http.Request, error) { panic(http.ErrAbortHandler) }
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if strings.HasPrefix(req.URL.Path, "/.well-known/") {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			http.NotFound(w, req)
			return
		}
		forward.ServeHTTP(w, req)
	}))
	t.Cleanup(func() {
		// The browser's sync may still be waiting on the front.
		front.CloseClientConnections()
		front.Close()
	})
	return strings.TrimPrefix(front.URL, "http://")
}

// roomBodies is every body starting with tag that sender posted in
// #welcome, read with another account's token straight from the
// homeserver (no proxy, no browser).
func roomBodies(t *testing.T, p *practice, tag, sender string) []string {
	t.Helper()
	_, token, _, err := p.SB.HS.RegisterUser(t.Context(), uniqueName("checker"), "checker password", false)
	if err != nil {
		t.Fatal(err)
	}
	call := func(method, path string, out any) {
		t.Helper()
		req, _ := http.NewRequestWithContext(t.Context(), method, p.SB.HS.URL+path, strings.NewReader("{}"))
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: %s", method, path, res.Status)
		}
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			t.Fatal(err)
		}
	}
	var joined struct {
		RoomID string `json:"room_id"`
	}
	call(http.MethodPost, "/_matrix/client/v3/join/"+url.PathEscape(p.Info.WelcomeAlias), &joined)
	var bodies []string
	from := ""
	for page := 0; page < 50; page++ {
		var res struct {
			Chunk []struct {
				Type    string `json:"type"`
				Sender  string `json:"sender"`
				Content struct {
					Body string `json:"body"`
				} `json:"content"`
			} `json:"chunk"`
			End string `json:"end"`
		}
		q := url.Values{"dir": {"b"}, "limit": {"100"}}
		if from != "" {
			q.Set("from", from)
		}
		call(http.MethodGet, "/_matrix/client/v3/rooms/"+url.PathEscape(joined.RoomID)+"/messages?"+q.Encode(), &res)
		for _, e := range res.Chunk {
			if e.Type == "m.room.message" && e.Sender == sender && strings.HasPrefix(e.Content.Body, tag) {
				bodies = append(bodies, e.Content.Body)
			}
		}
		if res.End == "" || len(res.Chunk) == 0 {
			break
		}
		from = res.End
	}
	return bodies
}
