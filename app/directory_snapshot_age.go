package main

import (
	"strconv"
	"time"
)

// describeAge says roughly how long ago a date was, the way a person would
// ("nearly three years ago"), so readers can judge how stale a snapshot is
// at a glance.
func describeAge(then, now time.Time) string {
	months := (now.Year()-then.Year())*12 + int(now.Month()-then.Month())
	if now.Day() < then.Day() {
		months--
	}
	switch {
	case months < 1:
		return "less than a month ago"
	case months == 1:
		return "about a month ago"
	case months < 11:
		return numberWord(months) + " months ago"
	case months < 12:
		return "nearly a year ago"
	}
	years, rest := months/12, months%12
	switch {
	case rest <= 2:
		return "about " + yearsWord(years) + " ago"
	case rest <= 8:
		return "more than " + yearsWord(years) + " ago"
	default:
		return "nearly " + yearsWord(years+1) + " ago"
	}
}

func yearsWord(n int) string {
	if n == 1 {
		return "a year"
	}
	return numberWord(n) + " years"
}

func numberWord(n int) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}
