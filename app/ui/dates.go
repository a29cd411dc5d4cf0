package ui

import (
	"strconv"
	"time"

	"hellomatrix/app/words"
)

// LongDate writes a day in the page's language: 7 December 2026 in
// English.
func LongDate(w *words.Words, t time.Time) string {
	return w.Say("site.date.long", "day", strconv.Itoa(t.Day()), "month", monthName(w, t.Month()),
		"year", strconv.Itoa(t.Year()))
}

// ReadableDate is LongDate for a date written 2026-12-07; a date it cannot
// read is shown as written.
func ReadableDate(w *words.Words, iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return LongDate(w, d)
}

func monthName(w *words.Words, m time.Month) string {
	switch m {
	case time.January:
		return w.Say("site.date.january")
	case time.February:
		return w.Say("site.date.february")
	case time.March:
		return w.Say("site.date.march")
	case time.April:
		return w.Say("site.date.april")
	case time.May:
		return w.Say("site.date.may")
	case time.June:
		return w.Say("site.date.june")
	case time.July:
		return w.Say("site.date.july")
	case time.August:
		return w.Say("site.date.august")
	case time.September:
		return w.Say("site.date.september")
	case time.October:
		return w.Say("site.date.october")
	case time.November:
		return w.Say("site.date.november")
	}
	return w.Say("site.date.december")
}

// TimeHTML is a <time> element, as HTML, for a date written 2026-12-07.
func TimeHTML(w *words.Words, iso string) string {
	return `<time datetime="` + HTMLEscaper.Replace(iso) + `">` + HTMLEscaper.Replace(ReadableDate(w, iso)) + `</time>`
}
