package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
)

// chatReading is what the reader of the chat has seen, for the new-message
// marker: the last line they saw (at the bottom of the list with the tab
// in front), and, once they come back to new lines, where those began, so
// the marker stays put while they read on. It also keeps the reader's place
// while an earlier page is added above.
type chatReading struct {
	seenKey   string // the last line seen
	markKey   string // the first new line, once the reader reached it
	keeping   bool   // an earlier page is on its way
	fromEnd   int    // and the distance from the bottom to keep
	holdPlace bool   // the page arrived: restore fromEnd after this render
}

// seeAll marks every line as seen.
func (r *chatReading) seeAll(lines []live.ChatLine) {
	if len(lines) == 0 {
		return
	}
	if first, _ := live.FirstUnseen(lines, r.seenKey); first >= 0 && r.markKey == "" {
		// The reader is about to see new lines: keep the marker where they
		// began until they write or leave.
		r.markKey = lines[first].Key
	}
	r.seenKey = lines[len(lines)-1].Key
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

// keepPlace remembers how far the reader is from the bottom of the list,
// so that older messages added above do not move what they are reading.
func (r *chatReading) keepPlace() {
	if list := chatList(); list.Truthy() {
		r.keeping = true
		r.fromEnd = list.Get("scrollHeight").Int() - list.Get("scrollTop").Int()
	}
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
	v := live.Now()
	if c.reading.keeping && !v.History.Loading {
		c.reading.keeping, c.reading.holdPlace = false, true
		fromEnd := c.reading.fromEnd
		ctx.Defer(func(ctx app.Context) {
			c.reading.holdPlace = false
			if list := chatList(); list.Truthy() {
				list.Set("scrollTop", list.Get("scrollHeight").Int()-fromEnd)
			}
		})
		return
	}
	if c.reading.keeping || !chatAtEnd() {
		return
	}
	ctx.Defer(scrollChatToEnd)
	if !pageHidden() {
		c.reading.seeAll(v.Lines)
	}
}

// onScroll: reaching the bottom means the reader has seen what is there.
func (c *liveChat) onScroll(ctx app.Context, e app.Event) {
	if c.reading.keeping || c.reading.holdPlace || !chatAtEnd() || pageHidden() {
		return
	}
	lines := live.Now().Lines
	if c.reading.unseen(lines) > 0 {
		c.reading.seeAll(lines)
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
	c.reading.seeAll(live.Now().Lines)
	focusElement("fm-message")
}

func scrollChatToEnd(ctx app.Context) {
	if list := chatList(); list.Truthy() {
		list.Set("scrollTop", list.Get("scrollHeight"))
	}
}
