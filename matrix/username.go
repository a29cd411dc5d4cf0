package matrix

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// What the local check finds wrong with a username (KindInvalidUsername;
// without a Reason, the server refused it: M_INVALID_USERNAME).
const (
	ReasonOtherServer     Reason = "other_server" // a full ID on another server (Server)
	ReasonUsernameEmpty   Reason = "username_empty"
	ReasonCapitals        Reason = "capitals" // User as typed, Want in small letters
	ReasonUsernameSpaces  Reason = "username_spaces"
	ReasonBadCharacter    Reason = "bad_character"     // Said is the character, quoted
	ReasonUsernameTooLong Reason = "username_too_long" // Limit is the characters left for it
)

// checkUsername applies the spec's user ID grammar (v1.2: a-z 0-9 . _ = - /,
// whole ID at most 255 bytes) before anything is sent, so the reader gets
// the rule at once instead of a round trip. It returns the localpart.
func checkUsername(username, serverName string) (string, error) {
	u := strings.TrimSpace(username)
	if strings.HasPrefix(u, "@") {
		local, server, ok := strings.Cut(u[1:], ":")
		if ok && server != serverName {
			return "", &Error{Kind: KindInvalidUsername, Reason: ReasonOtherServer, Server: server}
		}
		u = local
	}
	if u == "" {
		return "", &Error{Kind: KindInvalidUsername, Reason: ReasonUsernameEmpty}
	}
	if lower := strings.ToLower(u); lower != u && validLocalpart(lower) {
		return "", &Error{Kind: KindInvalidUsername, Reason: ReasonCapitals, Want: lower, User: u}
	}
	for _, r := range u {
		if !localpartRune(r) {
			if r == ' ' || r == '\t' {
				return "", &Error{Kind: KindInvalidUsername, Reason: ReasonUsernameSpaces}
			}
			return "", &Error{Kind: KindInvalidUsername, Reason: ReasonBadCharacter, Said: strconv.QuoteRune(r)}
		}
	}
	if full := "@" + u + ":" + serverName; len(full) > 255 {
		return "", &Error{Kind: KindInvalidUsername, Reason: ReasonUsernameTooLong, Limit: max(0, 255-utf8.RuneCountInString("@:"+serverName))}
	}
	return u, nil
}

func localpartRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("._=-/", r)
}

func validLocalpart(s string) bool {
	for _, r := range s {
		if !localpartRune(r) {
			return false
		}
	}
	return s != ""
}
