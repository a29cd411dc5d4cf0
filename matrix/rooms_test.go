//go:build !js

package matrix

import (
	"strings"
	"testing"
	"time"
)

// A public room with an address, as the guide's #welcome room is made:
// someone else joins it by that address; an address nobody has is
// KindRoomNotFound; a malformed one is caught before any request.
func TestRoomsJoinByAlias(t *testing.T) { roomServers(t, testRoomsJoinByAlias) }

func testRoomsJoinByAlias(t *testing.T, srv homeserver) {
	ctx := testCtx(t, time.Minute)
	a, b := testUser(t, srv, "host"), testUser(t, srv, "guest")

	local := "welcome-test-" + strings.ToLower(strings.TrimPrefix(uniqueName("r"), "r"))
	room, err := a.CreatePublicRoom(ctx, "Welcome", local)
	if err != nil {
		t.Fatalf("CreatePublicRoom: %v", err)
	}
	if srv.RoomVersion == "12" && strings.Contains(string(room), ":") {
		t.Errorf("room %s has a server name in its ID; a version 12 room has none, so this server does not make v12 rooms", room)
	}
	alias := "#" + local + ":" + srv.ServerName
	joined, err := b.JoinRoom(ctx, "  "+alias+" ")
	if err != nil || joined != room {
		t.Fatalf("JoinRoom(%s) = %s, %v; want %s", alias, joined, err, room)
	}
	rooms, err := b.JoinedRooms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var title string
	for _, r := range rooms {
		if r.ID == room {
			title = r.Title()
			if string(r.Alias) != alias {
				t.Errorf("JoinedRooms alias = %q, want %q", r.Alias, alias)
			}
		}
	}
	if title != "Welcome" {
		t.Errorf("JoinedRooms title = %q, want Welcome (rooms: %+v)", title, rooms)
	}

	// Taken address: the server says so, in words.
	if _, err := b.CreatePublicRoom(ctx, "Copycat", local); err == nil {
		t.Errorf("creating a second room at %s succeeded", alias)
	} else if KindOf(err) != KindRoomAliasTaken {
		t.Errorf("a taken address is not said to be taken: %v", err)
	}

	_, err = b.JoinRoom(ctx, "#no-such-room-here:"+srv.ServerName)
	if KindOf(err) != KindRoomNotFound {
		t.Errorf("unknown alias: %v (kind %s), want KindRoomNotFound", err, KindOf(err))
	}

	ct := count(b)
	for _, bad := range []string{
		"", "   ", "welcome", "#welcome", "#:" + srv.ServerName, "#welcome:",
		"welcome:" + srv.ServerName, "@alice:" + srv.ServerName, "#wel come:example.org",
		"#welcome:exa/mple.org", "#welcome:example.org:", "!",
	} {
		_, err := b.JoinRoom(ctx, bad)
		if KindOf(err) != KindBadRoomAddress {
			t.Errorf("JoinRoom(%q) = %v (kind %s), want KindBadRoomAddress with a sentence", bad, err, KindOf(err))
		}
	}
	if _, err := b.JoinRoom(ctx, "welcome:example.org"); ReasonOf(err) != ReasonRoomNoHash || !strings.Contains(err.Error(), `want="#welcome:example.org"`) {
		t.Errorf("a missing # should be suggested, got %v", err)
	}
	if n := ct.requests.Load(); n != 0 {
		t.Errorf("malformed addresses made %d requests, want 0", n)
	}
	if _, err := a.CreatePrivateRoom(ctx, "x", "bob"); KindOf(err) != KindBadUserID {
		t.Errorf("inviting %q: %v, want KindBadUserID", "bob", err)
	}
}

func TestRoomsAddressShapes(t *testing.T) {
	for _, ok := range []string{"#welcome:example.org", "#a:127.0.0.1:8008", "#x:[::1]:8448", "!abc:example.org", "!abcdef", "#w.e_l-c=o/me:matrix.org"} {
		if _, err := parseRoomAddress(ok); err != nil {
			t.Errorf("parseRoomAddress(%q) = %v, want ok", ok, err)
		}
	}
	for in, want := range map[string]string{
		"https://matrix.to/#/#welcome:example.org":         "#welcome:example.org",
		"https://matrix.to/#/%23welcome%3Aexample.org":     "#welcome:example.org",
		"matrix.to/#/!abc:example.org?via=example.org":     "!abc:example.org",
		" https://matrix.to/#/#welcome:example.org?via=x ": "#welcome:example.org",
	} {
		if got, err := parseRoomAddress(in); err != nil || got != want {
			t.Errorf("parseRoomAddress(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"#a:[::1", "#a:host:port", "#a:host:123456", "#a:.example.org", "https://matrix.to/#/@bob:example.org"} {
		if _, err := parseRoomAddress(bad); KindOf(err) != KindBadRoomAddress {
			t.Errorf("parseRoomAddress(%q) = %v, want KindBadRoomAddress", bad, err)
		}
	}
}
