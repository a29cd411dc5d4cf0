package live

import (
	"time"

	"hellomatrix/matrix"
)

// The chat's own sentences, in one place.
const (
	HistoryMore   = "Show earlier messages"
	HistoryBusy   = "Loading earlier messages…"
	HistoryNone   = "This is the start of the conversation: there is nothing older you can read here."
	HistoryFull   = "This practice chat keeps the latest 1000 messages; a full Matrix app can show you the rest."
	HistoryFailed = "Earlier messages could not be loaded."
	NewMessages   = "New messages"
	// JumpToNew labels the button that scrolls to the first new message.
	JumpToNew = "Jump to new messages"
)

// reconnecting is the note under the chat while the connection is lost
// (the sync loop reports it only once a retry failed too): what is going
// on, and that nothing written is lost meanwhile.
func reconnecting(err error) string {
	if matrix.KindOf(err) == matrix.KindNetworkDown {
		return "Reconnecting… Your device seems to be offline. Anything you write is kept and sent once you are back online."
	}
	return "Reconnecting… The connection to the server was lost. Anything you write is kept and sent once it is back."
}

// WhatJustHappened explains a first sent message in a few sentences,
// shown under the chat with a link to the chapter section on it
// (WhatJustHappenedLink, in chapter WhatJustHappenedChapter).
const (
	WhatJustHappened = "What just happened: your browser handed the message to your homeserver, which stored it in the room " +
		"and passed it on to every server with someone in the room. " +
		"Each person's app then fetched it from their own server, so it reaches them whichever server they are on."
	WhatJustHappenedChapter = "first-message"
	WhatJustHappenedAnchor  = "what-sent-really-means"
	WhatJustHappenedLink    = "Read what “sent” really means"
)

// ShortTime is a message's time as the chat shows it, in the reader's own
// time zone: the hour and minute for today's messages, with the day for
// older ones, and the year once it is not this year's.
func ShortTime(t, now time.Time) string {
	t = t.In(now.Location())
	switch {
	case t.Year() == now.Year() && t.YearDay() == now.YearDay():
		return t.Format("15:04")
	case t.Year() == now.Year():
		return t.Format("2 Jan, 15:04")
	}
	return t.Format("2 Jan 2006, 15:04")
}

// FullTime is the whole date and time in the reader's time zone, for
// hovering over ShortTime.
func FullTime(t time.Time) string {
	return t.Local().Format("Monday 2 January 2006, 15:04:05 (UTC-07:00)")
}

// FirstUnseen finds where new messages begin: the first line after the one
// the reader last saw (seenKey) that someone else wrote, and how many such
// lines there are. It returns -1, 0 when there is nothing new, or when
// seenKey is not among lines (nothing was seen yet, or it scrolled out).
func FirstUnseen(lines []ChatLine, seenKey string) (int, int) {
	if seenKey == "" {
		return -1, 0
	}
	at := -1
	for i, l := range lines {
		if l.Key == seenKey {
			at = i
		}
	}
	if at < 0 {
		return -1, 0
	}
	first, n := -1, 0
	for i := at + 1; i < len(lines); i++ {
		if lines[i].Own {
			continue
		}
		if first < 0 {
			first = i
		}
		n++
	}
	return first, n
}
