package widgets

import (
	"strings"
	"unicode"

	"hellomatrix/app/words"
)

// passwordStrength is the hint under the new-password field. It is a nudge,
// not a rule: the server decides what it accepts, and its refusal is shown
// next to the field like any other error.
type passwordStrength struct {
	Level  int    // 0 nothing typed, 1 too short, 2 weak, 3 fair, 4 strong
	Label  string // "Weak"
	Advice string // one short sentence, or ""
}

// minPasswordLength is where "too short" ends. Eight is what most servers
// ask for at least; the hint pushes for more.
const minPasswordLength = 8

// commonPasswords are a few of the most guessed passwords (and the obvious
// one for this guide): rating them "strong" because they are long enough
// would teach the wrong lesson.
var commonPasswords = []string{
	"password", "12345678", "123456789", "1234567890", "qwertyuiop", "qwerty123",
	"iloveyou", "sunshine", "football", "princess", "welcome1", "letmein1",
	"abcdefgh", "11111111", "00000000", "matrix123", "hellomatrix",
}

// ratePassword judges a new password by length first and variety second:
// a long phrase of ordinary words beats a short jumble of symbols, which is
// the advice most worth giving a beginner. t words the verdict.
func ratePassword(t *words.Words, pw string) passwordStrength {
	n := len([]rune(pw))
	if n == 0 {
		return passwordStrength{}
	}
	if n < minPasswordLength {
		return passwordStrength{Level: 1, Label: t.Say("live.password.too_short"),
			Advice: t.SayN("live.password.too_short_advice", minPasswordLength)}
	}
	weak := t.Say("live.password.weak")
	lower := strings.ToLower(pw)
	for _, c := range commonPasswords {
		if lower == c {
			return passwordStrength{Level: 2, Label: weak, Advice: t.Say("live.password.common_advice")}
		}
	}
	if allSame(pw) {
		return passwordStrength{Level: 2, Label: weak, Advice: t.Say("live.password.repeated_advice")}
	}
	kinds := characterKinds(pw)
	switch {
	case n >= 16, n >= 12 && kinds >= 3:
		return passwordStrength{Level: 4, Label: t.Say("live.password.strong"),
			Advice: t.Say("live.password.strong_advice")}
	case n >= 12 || kinds >= 3:
		return passwordStrength{Level: 3, Label: t.Say("live.password.fair"),
			Advice: t.Say("live.password.fair_advice")}
	}
	return passwordStrength{Level: 2, Label: weak, Advice: t.Say("live.password.weak_advice")}
}

// characterKinds counts which of small letters, capitals, digits and other
// characters appear.
func characterKinds(s string) int {
	var lower, upper, digit, other bool
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	n := 0
	for _, b := range []bool{lower, upper, digit, other} {
		if b {
			n++
		}
	}
	return n
}

func allSame(s string) bool {
	first := []rune(s)[0]
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}
