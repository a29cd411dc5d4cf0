package live

import (
	"time"

	"hellomatrix/matrix"
)

// The chat's own words (Say).
const (
	HistoryMore Key = "chat.history_more"
	HistoryBusy Key = "chat.history_busy"
	HistoryNone Key = "chat.history_none"
	HistoryFull Key = "chat.history_full"
	NewMessages Key = "chat.new_messages"
)

// JumpToNew labels the button that scrolls to the first of n new messages.
func (m *Model) JumpToNew(n int) string { return m.sayN("chat.jump_to_new", n) }

// reconnecting is the note under the chat while the connection is lost
// (the sync loop reports it only once a retry failed too): what is going
// on, and that nothing written is lost meanwhile.
func (m *Model) reconnecting(err error) string {
	if matrix.KindOf(err) == matrix.KindNetworkDown {
		return m.say("chat.reconnecting_offline")
	}
	return m.say("chat.reconnecting")
}

// WhatJustHappened explains a first sent message in a few sentences,
// shown under the chat with a link to the chapter section on it
// (WhatJustHappenedLink, in chapter WhatJustHappenedChapter).
const (
	WhatJustHappened     Key = "chat.what_just_happened"
	WhatJustHappenedLink Key = "chat.what_just_happened_link"
)

// Where WhatJustHappenedLink goes.
const (
	WhatJustHappenedChapter = "first-message"
	WhatJustHappenedAnchor  = "what-sent-really-means"
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
