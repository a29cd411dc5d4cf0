package directory

import (
	"strconv"
	"time"

	"hellomatrix/app/words"
)

// describeAge says roughly how long ago a date was, the way a person would
// ("nearly three years ago"), so readers can judge how stale a snapshot is
// at a glance.
func describeAge(w *words.Words, then, now time.Time) string {
	months := (now.Year()-then.Year())*12 + int(now.Month()-then.Month())
	if now.Day() < then.Day() {
		months--
	}
	switch {
	case months < 1:
		return w.Say("site.age.under_a_month")
	case months < 11:
		return w.SayN("site.age.months", months, "number", numberWord(w, months))
	case months < 12:
		return w.Say("site.age.nearly_a_year")
	}
	years, rest := months/12, months%12
	switch {
	case rest <= 2:
		return w.SayN("site.age.about_years", years, "number", numberWord(w, years))
	case rest <= 8:
		return w.SayN("site.age.over_years", years, "number", numberWord(w, years))
	default:
		return w.SayN("site.age.nearly_years", years+1, "number", numberWord(w, years+1))
	}
}

// numberWord is a small number as a word where the language writes one
// ("three"), else in digits.
func numberWord(w *words.Words, n int) string {
	switch n {
	case 2:
		return w.Say("site.number.two")
	case 3:
		return w.Say("site.number.three")
	case 4:
		return w.Say("site.number.four")
	case 5:
		return w.Say("site.number.five")
	case 6:
		return w.Say("site.number.six")
	case 7:
		return w.Say("site.number.seven")
	case 8:
		return w.Say("site.number.eight")
	case 9:
		return w.Say("site.number.nine")
	case 10:
		return w.Say("site.number.ten")
	}
	return strconv.Itoa(n)
}
