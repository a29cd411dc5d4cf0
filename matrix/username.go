package matrix

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkUsername applies the spec's user ID grammar (v1.2: a-z 0-9 . _ = - /,
// whole ID at most 255 bytes) before anything is sent, so the reader gets
// the rule at once instead of a round trip. It returns the localpart.
func checkUsername(username, serverName string) (string, error) {
	u := strings.TrimSpace(username)
	if strings.HasPrefix(u, "@") {
		local, server, ok := strings.Cut(u[1:], ":")
		if ok && server != serverName {
			return "", &Error{Kind: KindInvalidUsername, Message: fmt.Sprintf("That user ID belongs to another server (%s). Type just the name you want, such as alice.", server)}
		}
		u = local
	}
	if u == "" {
		return "", &Error{Kind: KindInvalidUsername, Message: "Please choose a username."}
	}
	if lower := strings.ToLower(u); lower != u && validLocalpart(lower) {
		return "", &Error{Kind: KindInvalidUsername, Message: fmt.Sprintf("Matrix usernames use small letters only. Please type %s instead of %s.", lower, u)}
	}
	for _, r := range u {
		if !localpartRune(r) {
			if r == ' ' || r == '\t' {
				return "", &Error{Kind: KindInvalidUsername, Message: "Usernames cannot contain spaces. Use only small letters a to z, digits 0 to 9 and the characters . _ = - /."}
			}
			return "", &Error{Kind: KindInvalidUsername, Message: fmt.Sprintf("The character %q cannot be used in a username. Use only small letters a to z, digits 0 to 9 and the characters . _ = - /.", r)}
		}
	}
	if full := "@" + u + ":" + serverName; len(full) > 255 {
		return "", &Error{Kind: KindInvalidUsername, Message: fmt.Sprintf("That username is too long: the full ID may be at most 255 characters, and %d are left for the name.", max(0, 255-utf8.RuneCountInString("@:"+serverName)))}
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
