//go:build !js

package matrix

import (
	"net/url"
	"strings"
	"testing"
	"unicode"

	"maunium.net/go/mautrix/id"
)

// Fuzz targets for what a reader types: server names and addresses, room
// addresses, usernames and user IDs. `make fuzz` runs each for a while;
// `go test` runs the seeds (here and in testdata/fuzz/<name>/). Each checks
// that nothing panics and that whatever is accepted is safe to use.

// Accepted server input must become an http(s) URL that Go's own URL parser
// reads the same way (same host, no user info, no query), and plain http
// only ever goes to loopback, whatever tricks the input plays.
func FuzzParseServerInput(f *testing.F) {
	for _, s := range []string{
		"matrix.org", "https://matrix.org/", "@alice:matrix.org", "http://127.0.0.1:8008",
		"localhost:8008", "[::1]:8448", "https://example.org/matrix/", "http://matrix.org",
		"https://user:pw@example.org", "@:x", "@alice", "ftp://x", "HTTP://LOCALHOST./",
		"http://localhost@evil.example", "http://evil.example#@127.0.0.1", "http://127.0.0.1\\@evil.example",
		"http://[::ffff:127.0.0.1]", "https://exa mple.org", "matrix.org:0", "xn--bcher-kva.example",
		"http://app.localhost:8000/path?q#f", " @bob:example.org:8448 ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		tg, err := parseServerInput(input)
		if err != nil {
			if KindOf(err) != KindBadServerName {
				t.Fatalf("parseServerInput(%q) error %v: want KindBadServerName with a sentence", input, err)
			}
			return
		}
		if tg.scheme != "https" && tg.scheme != "http" {
			t.Fatalf("parseServerInput(%q): scheme %q", input, tg.scheme)
		}
		if strings.ContainsAny(tg.name, "/?#@\\") || strings.IndexFunc(tg.name, unicode.IsSpace) >= 0 {
			t.Fatalf("parseServerInput(%q): server name %q has URL syntax or spaces in it", input, tg.name)
		}
		base := tg.scheme + "://" + tg.name
		for _, raw := range []string{base, tg.explicit} {
			if raw == "" {
				continue
			}
			u, err := url.Parse(raw)
			if err != nil {
				t.Fatalf("parseServerInput(%q) gave %q, which url.Parse refuses: %v", input, raw, err)
			}
			if u.Scheme != tg.scheme || u.Host != tg.name || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
				t.Fatalf("parseServerInput(%q) gave %q, which url.Parse reads as %#v", input, raw, u)
			}
			if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
				t.Fatalf("parseServerInput(%q): plain http to %q, which is not loopback", input, u.Hostname())
			}
		}
		if tg.explicit != "" && !strings.HasPrefix(tg.explicit, base+"/") {
			t.Fatalf("parseServerInput(%q): explicit %q is not under %q", input, tg.explicit, base)
		}
	})
}

// An accepted room address is trimmed, has no spaces, fits Matrix's 255
// bytes, starts with ! or #, an alias has a name and a valid server, and
// accepting it again changes nothing.
func FuzzParseRoomAddress(f *testing.F) {
	for _, s := range []string{
		"#welcome:example.org", "!abc123:example.org", "!opaque", "https://matrix.to/#/%23welcome%3Aexample.org?via=x",
		"matrix.to/#/!room:example.org", "@alice:example.org", "welcome:example.org", "#:x", "#a:", "#a:b:c",
		"#a:[::1]:8448", "#a:[::1", "#a:exa mple.org", " #a:example.org\n", "!", "#a:example.org.",
		"https://matrix.to/#/%ZZ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		got, err := parseRoomAddress(input)
		if err != nil {
			if KindOf(err) != KindBadRoomAddress {
				t.Fatalf("parseRoomAddress(%q) error %v: want KindBadRoomAddress with a sentence", input, err)
			}
			return
		}
		if got == "" || (got[0] != '!' && got[0] != '#') || len(got) > 255 || strings.ContainsAny(got, " \t\r\n") {
			t.Fatalf("parseRoomAddress(%q) accepted %q", input, got)
		}
		if got[0] == '#' {
			local, server, ok := strings.Cut(got[1:], ":")
			if !ok || local == "" || !validServerName(server) {
				t.Fatalf("parseRoomAddress(%q) accepted alias %q", input, got)
			}
		}
		if again, err := parseRoomAddress(got); err != nil || again != got {
			t.Fatalf("parseRoomAddress(%q) = %q, but parsing that again gives %q, %v", input, got, again, err)
		}
	})
}

// An accepted username is a valid localpart, and the full ID it makes
// parses as a user ID within the spec's 255 bytes.
func FuzzCheckUsername(f *testing.F) {
	for _, s := range [][2]string{
		{"alice", "example.org"}, {"@alice:example.org", "example.org"}, {"@alice:other.org", "example.org"},
		{"Alice", "example.org"}, {"al ice", "example.org"}, {"", "example.org"}, {"a/b=c.d_e-f", "localhost:8008"},
		{strings.Repeat("a", 300), "example.org"}, {"@:example.org", "example.org"}, {"ålice", "example.org"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, username, server string) {
		if !validServerName(server) {
			return // the server name comes from Discover, not from the reader
		}
		local, err := checkUsername(username, server)
		if err != nil {
			if KindOf(err) != KindInvalidUsername {
				t.Fatalf("checkUsername(%q, %q) error %v: want KindInvalidUsername with a sentence", username, server, err)
			}
			return
		}
		full := "@" + local + ":" + server
		if !validLocalpart(local) || len(full) > 255 {
			t.Fatalf("checkUsername(%q, %q) accepted %q", username, server, local)
		}
		if l, _, err := id.UserID(full).Parse(); err != nil || l != local {
			t.Fatalf("checkUsername(%q, %q) accepted %q, but %q parses as %q, %v", username, server, local, full, l, err)
		}
	})
}

// An accepted invitee is a full user ID: @, a localpart, a colon, a server.
func FuzzCheckUserID(f *testing.F) {
	for _, s := range []string{"@alice:example.org", "alice", "@alice", "@:example.org", "@alice:", "#room:example.org", "@a:b:c", "@ALICE:example.org"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		err := checkUserID(id.UserID(input))
		if err != nil {
			if KindOf(err) != KindBadUserID {
				t.Fatalf("checkUserID(%q) error %v: want KindBadUserID with a sentence", input, err)
			}
			return
		}
		local, server, ok := strings.Cut(strings.TrimPrefix(input, "@"), ":")
		if !strings.HasPrefix(input, "@") || !ok || local == "" || server == "" {
			t.Fatalf("checkUserID accepted %q", input)
		}
	})
}
