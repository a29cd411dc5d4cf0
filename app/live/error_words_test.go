package live

import (
	"strings"
	"testing"
	"time"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// TestErrorWording spot-checks errorSentence: a reason picks its sentence,
// data fills it, a number picks the plural form, and an unknown server
// is "its address".
func TestErrorWording(t *testing.T) {
	w := words.For("en-GB")
	for _, tc := range []struct {
		err  *matrix.Error
		want string
	}{
		{&matrix.Error{Kind: matrix.KindUnreachable, Reason: matrix.ReasonNoSuchHost, Server: "exmaple.org"},
			"There is no server called exmaple.org on the internet. Check the spelling of the address."},
		{&matrix.Error{Kind: matrix.KindUnreachable},
			"Could not reach its address. Check the address and your internet connection, then try again."},
		{&matrix.Error{Kind: matrix.KindRateLimited, RetryAfter: 500 * time.Millisecond},
			"You are going faster than the server allows. Please wait a second and try again."},
		{&matrix.Error{Kind: matrix.KindRateLimited, RetryAfter: 30 * time.Second},
			"You are going faster than the server allows. Please wait about 30 seconds and try again."},
		{&matrix.Error{Kind: matrix.KindRateLimited, RetryAfter: 5 * time.Minute},
			"You are going faster than the server allows. Please wait about 5 minutes and try again."},
		{&matrix.Error{Kind: matrix.KindRateLimited},
			"You are going faster than the server allows. Please wait a moment and try again."},
		{&matrix.Error{Kind: matrix.KindInvalidUsername, Reason: matrix.ReasonUsernameTooLong, Limit: 1},
			"That username is too long: the full ID may be at most 255 characters, and 1 is left for the name."},
		{&matrix.Error{Kind: matrix.KindDirectNotRecorded, Err: &matrix.Error{Kind: matrix.KindForbidden}},
			"The chat is ready, but saving it as a direct chat in your account failed (The server did not allow that.), so other Matrix apps may show it as a group."},
		{&matrix.Error{Kind: "a kind from the future"},
			"Something unexpected went wrong. Please try again in a moment."},
	} {
		if got := errorSentence(w, tc.err); got != tc.want {
			t.Errorf("%v:\n got %q\nwant %q", tc.err, got, tc.want)
		}
	}
}

// TestErrorWordingInEveryLanguage: each language words the same error in
// its own words, with the data filled in and no placeholder left.
func TestErrorWordingInEveryLanguage(t *testing.T) {
	err := &matrix.Error{Kind: matrix.KindUnreachable, Reason: matrix.ReasonNoSuchHost, Server: "exmaple.org"}
	english := errorSentence(words.For("en"), err)
	for _, lang := range []string{"de", "fr", "es", "ja"} {
		got := errorSentence(words.For(lang), err)
		if got == english || !strings.Contains(got, "exmaple.org") || strings.ContainsAny(got, "{}") {
			t.Errorf("%s: %q", lang, got)
		}
		if n := errorSentence(words.For(lang), &matrix.Error{Kind: matrix.KindRateLimited, RetryAfter: 30 * time.Second}); !strings.Contains(n, "30") {
			t.Errorf("%s: the wait is not in %q", lang, n)
		}
	}
}
