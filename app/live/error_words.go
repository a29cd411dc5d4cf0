package live

import (
	"errors"
	"math"
	"time"

	"hellomatrix/matrix"
)

// Error is the sentence a reader is shown for err, in w's language: the
// core's *Error worded by its Reason (key "error.REASON") or, without one,
// its Kind ("error.KIND"), with what it carries in the placeholders; a
// general apology for any other error, "" for nil.
func (w *Words) Error(err error) string {
	if err == nil {
		return ""
	}
	var e *matrix.Error
	if !errors.As(err, &e) {
		return w.say("error.unknown")
	}
	if e.Kind == matrix.KindRateLimited && e.Reason == "" {
		return w.rateLimited(e.RetryAfter)
	}
	key := "error." + string(e.Kind)
	if e.Reason != "" {
		key = "error." + string(e.Reason)
	}
	if _, ok := w.msgs[key]; !ok {
		// A Kind or Reason newer than the catalogs (catalog_test.go
		// keeps the core's own from getting here).
		key = "error.unknown"
	}
	server := e.Server
	if server == "" {
		server = w.say("error.its_address")
	}
	args := []string{"server", server, "address", e.Address, "user", e.User, "said", e.Said, "want", e.Want}
	if e.Kind == matrix.KindDirectNotRecorded {
		args = append(args, "cause", w.Error(e.Err))
	}
	if e.Limit != 0 || e.Reason == matrix.ReasonUsernameTooLong {
		return w.sayN(key, e.Limit, args...)
	}
	return w.say(key, args...)
}

// rateLimited says how long to wait: a moment when the server did not say,
// else the seconds, or the minutes past a minute and a half.
func (w *Words) rateLimited(wait time.Duration) string {
	switch {
	case wait <= 0:
		return w.say("error.rate_limited")
	case wait < 90*time.Second:
		return w.sayN("error.rate_limited.seconds", int(math.Ceil(wait.Seconds())))
	}
	return w.sayN("error.rate_limited.minutes", int(math.Ceil(wait.Minutes())))
}
