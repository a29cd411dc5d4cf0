package live

import "strings"

// UserIDPreview is the address an account will have, shown under the
// username field as the reader types: "@alice:example.org". It repeats what
// was typed rather than correcting it (no lower-casing, no trimming of odd
// characters), so the preview and the core's complaint about a bad name
// always talk about the same thing. A full ID typed by habit
// ("@alice:example.org") keeps only its name part: the server is the one
// picked above. Nothing typed, or no server yet, gives "".
func UserIDPreview(username, serverName string) string {
	name := strings.TrimSpace(username)
	name = strings.TrimPrefix(name, "@")
	if local, _, found := strings.Cut(name, ":"); found {
		name = local
	}
	if name == "" || serverName == "" {
		return ""
	}
	return "@" + name + ":" + serverName
}

// IsFullUserID reports whether s looks like "@name:server", in which case
// the login form can find the server from it alone.
func IsFullUserID(s string) bool {
	s = strings.TrimSpace(s)
	local, server, found := strings.Cut(strings.TrimPrefix(s, "@"), ":")
	return strings.HasPrefix(s, "@") && found && local != "" && server != ""
}
