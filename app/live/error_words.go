package live

import (
	"errors"
	"math"
	"time"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// errorSentence is the sentence a reader is shown for err, in w's language: the
// core's *Error worded by its Reason (key "error.REASON") or, without one,
// its Kind ("error.KIND"), with what it carries in the placeholders; a
// general apology for any other error, "" for nil.
func errorSentence(w *words.Words, err error) string {
	if err == nil {
		return ""
	}
	var e *matrix.Error
	if !errors.As(err, &e) {
		return w.Say("error.unknown")
	}
	if e.Kind == matrix.KindRateLimited && e.Reason == "" {
		return rateLimited(w, e.RetryAfter)
	}
	key := "error." + string(e.Kind)
	if e.Reason != "" {
		key = "error." + string(e.Reason)
	}
	if !w.Has(key) {
		// A Kind or Reason newer than the catalogs (catalog_test.go
		// keeps the core's own from getting here).
		key = "error.unknown"
	}
	server := e.Server
	if server == "" {
		server = w.Say("error.its_address")
	}
	args := []string{"server", server, "address", e.Address, "user", e.User, "said", e.Said, "want", e.Want}
	if e.Kind == matrix.KindDirectNotRecorded {
		args = append(args, "cause", errorSentence(w, e.Err))
	}
	if e.Limit != 0 || e.Reason == matrix.ReasonUsernameTooLong {
		return w.SayN(key, e.Limit, args...)
	}
	return w.Say(key, args...)
}

// rateLimited says how long to wait: a moment when the server did not say,
// else the seconds, or the minutes past a minute and a half.
func rateLimited(w *words.Words, wait time.Duration) string {
	switch {
	case wait <= 0:
		return w.Say("error.rate_limited")
	case wait < 90*time.Second:
		return w.SayN("error.rate_limited.seconds", int(math.Ceil(wait.Seconds())))
	}
	return w.SayN("error.rate_limited.minutes", int(math.Ceil(wait.Minutes())))
}
