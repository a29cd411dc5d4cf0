package widgets

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
)

// chatReading is what the reader of the chat has seen, for the new-message
// marker: the last line they saw (at the bottom of the list with the tab
// in front), and, once they come back to new lines, where those began, so
// the marker stays put while they read on. It also keeps the reader's place
// while an earlier page is added above.
type chatReading struct {
	room      string  // the room all this is about
	seenKey   string  // the last line seen
	markKey   string  // the first new line, once the reader reached it
	keeping   bool    // an earlier page is on its way
	anchorKey string  // the line at the top of the list then
	anchorAt  float64 // and its distance from the list's top, in pixels
}

// seeAll marks every line as seen. comingBack: the reader reaches lines
// that arrived while they were away (scrolling down, jumping), so the
// marker stays where those began; lines seen as they arrive get none.
func (r *chatReading) seeAll(lines []live.ChatLine, comingBack bool) {
	if len(lines) == 0 {
		return
	}
	if first, _ := live.FirstUnseen(lines, r.seenKey); comingBack && first >= 0 && r.markKey == "" {
		// The reader is about to see new lines: keep the marker where they
		// began until they write or leave.
		r.markKey = lines[first].Key
	}
	// The last line with an event ID: a message of ours still on its way
	// is keyed by its transaction ID until the server answers, and a key
	// that changes would lose the reader's place.
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i].Key, "$") {
			r.seenKey = lines[i].Key
			return
		}
	}
}

// markerAt is the index of the line the "New messages" marker goes before,
// or -1.
func (r *chatReading) markerAt(lines []live.ChatLine) int {
	if r.markKey != "" {
		for i, l := range lines {
			if l.Key == r.markKey {
				return i
			}
		}
	}
	first, _ := live.FirstUnseen(lines, r.seenKey)
	return first
}

// unseen is how many lines came from others since the reader last looked.
func (r *chatReading) unseen(lines []live.ChatLine) int {
	_, n := live.FirstUnseen(lines, r.seenKey)
	return n
}

func (r *chatReading) clearMarker() { r.markKey = "" }

// keepPlace remembers which line is at the top of the list and where,
// so that lines added above it (older messages, a late first sync) do not
// move what the reader is looking at.
func (r *chatReading) keepPlace() {
	list := chatList()
	if !list.Truthy() {
		return
	}
	top := list.Call("getBoundingClientRect").Get("top").Float()
	for _, l := range asSlice(list.Call("querySelectorAll", ".live-line")) {
		rect := l.Call("getBoundingClientRect")
		if rect.Get("bottom").Float() > top {
			r.keeping = true
			r.anchorKey = l.Get("dataset").Get("key").String()
			r.anchorAt = rect.Get("top").Float() - top
			return
		}
	}
}

// backInPlace puts the line keepPlace noted back where it was, once the
// page has arrived and every line of it is on the screen. go-app renders
// on its own schedule (later still on a busy machine), so until then it
// looks again a frame later, for up to half a minute; once the lines are
// in, it holds the place for a few more frames, for late layout (a font,
// a wrapped line). m is the model the chat shows.
func (r *chatReading) backInPlace(ctx app.Context, m *live.Model) {
	r.restore(ctx, m, 30*60, 0)
}

func (r *chatReading) restore(ctx app.Context, m *live.Model, tries, held int) {
	list := chatList()
	if !r.keeping || !list.Truthy() {
		r.keeping = false
		return
	}
	again := func(held int) {
		if tries <= 0 {
			r.keeping = false
			return
		}
		ctx.After(16*time.Millisecond, func(ctx app.Context) { r.restore(ctx, m, tries-1, held) })
	}
	v := m.Now()
	lines := asSlice(list.Call("querySelectorAll", ".live-line"))
	if v.History.Loading || len(lines) != len(v.Lines) {
		again(0)
		return
	}
	for _, l := range lines {
		if l.Get("dataset").Get("key").String() == r.anchorKey {
			now := l.Call("getBoundingClientRect").Get("top").Float() - list.Call("getBoundingClientRect").Get("top").Float()
			list.Set("scrollTop", list.Get("scrollTop").Float()+now-r.anchorAt)
			break
		}
	}
	if held >= 10 {
		r.keeping = false
		return
	}
	again(held + 1)
}

// asSlice turns a NodeList into a slice.
func asSlice(nodes app.Value) []app.Value {
	out := make([]app.Value, nodes.Length())
	for i := range out {
		out[i] = nodes.Index(i)
	}
	return out
}

func chatList() app.Value {
	return app.Window().Get("document").Call("querySelector", ".live-lines")
}

// chatAtEnd tells whether the newest line is in view (within a few
// pixels, for fractional scroll positions).
func chatAtEnd() bool {
	list := chatList()
	if !list.Truthy() {
		return true
	}
	return list.Get("scrollHeight").Int()-list.Get("scrollTop").Int()-list.Get("clientHeight").Int() < 48
}

// pageHidden is true while the tab is in the background: lines arriving
// then are new to the reader even at the bottom of the list.
func pageHidden() bool {
	return app.Window().Get("document").Get("hidden").Bool()
}

// onLiveChange keeps the newest message in view as messages arrive, unless
// the reader has scrolled up to read older ones; lines arriving while the
// reader looks are seen, the others are new. After an earlier page it puts
// the reader back where they were.
func (c *liveChat) onLiveChange(ctx app.Context) {
	v := c.Imodel.Now()
	if room := string(v.Room.ID); room != c.reading.room {
		// Another room in the same chat (an invitation joined from it):
		// what was seen and where the reader was belong to the old one.
		c.reading = chatReading{room: room}
		ctx.Defer(scrollChatToEnd)
		return
	}
	if c.reading.keeping {
		return // backInPlace will put the reader back
	}
	if !chatAtEnd() {
		// The reader is reading further up: lines added above (a first
		// sync answering late, an older page) must not move what they
		// look at. go-app updates the list's items in place, so the
		// browser's own scroll anchoring cannot tell; keep the place here.
		c.reading.keepPlace()
		ctx.Defer(func(ctx app.Context) { c.reading.backInPlace(ctx, c.Imodel) })
		return
	}
	ctx.Defer(scrollChatToEnd)
	if !pageHidden() {
		c.reading.seeAll(v.Lines, false)
	}
}

// onScroll: reaching the bottom means the reader has seen what is there.
func (c *liveChat) onScroll(ctx app.Context, e app.Event) {
	if c.reading.keeping || !chatAtEnd() || pageHidden() {
		return
	}
	lines := c.Imodel.Now().Lines
	if c.reading.unseen(lines) > 0 {
		c.reading.seeAll(lines, true)
		c.Update()
	}
}

// onJump scrolls to the marker, the first new message at the top.
func (c *liveChat) onJump(ctx app.Context, e app.Event) {
	if m := app.Window().GetElementByID("chat-new-marker"); m.Truthy() {
		opts := app.Window().Get("Object").New()
		opts.Set("block", "start")
		m.Call("scrollIntoView", opts)
	}
	c.reading.seeAll(c.Imodel.Now().Lines, true)
	ui.FocusElement("fm-message")
}

func scrollChatToEnd(ctx app.Context) {
	if list := chatList(); list.Truthy() {
		list.Set("scrollTop", list.Get("scrollHeight"))
	}
}
