//go:build !js

package sandbox

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"hellomatrix/matrix"
)

func freeLoopbackAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// newcomer signs a fresh user up through the core, as the widget would.
func newcomer(t *testing.T, ctx context.Context, hsURL, name string) *matrix.Client {
	t.Helper()
	srv, err := matrix.Discover(ctx, hsURL)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := matrix.Register(ctx, srv, matrix.RegisterRequest{Username: name, Password: "a long practice password"})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Step != matrix.StepDone {
		t.Fatalf("registration stopped at %v", reg.Step)
	}
	c, err := matrix.NewClient(*reg.Session)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sayHelloAndWaitForGreeting sends in #welcome and returns the greeter's
// replies addressed to this user that arrive before the deadline.
func sayHelloAndWaitForGreeting(t *testing.T, ctx context.Context, sb *Sandbox, c *matrix.Client) {
	t.Helper()
	room, err := c.JoinRoom(ctx, sb.WelcomeAlias)
	if err != nil {
		t.Fatal(err)
	}
	if room != sb.WelcomeRoom {
		t.Fatalf("alias led to %s, want %s", room, sb.WelcomeRoom)
	}
	syncCtx, stop := context.WithTimeout(ctx, 60*time.Second)
	defer stop()
	got := make(chan matrix.RoomMessage, 8)
	go c.Sync(syncCtx, matrix.SyncHandler{Message: func(m matrix.RoomMessage) {
		if m.Sender == sb.Greeter && m.RoomID == room && !m.Initial {
			got <- m
		}
	}})
	if _, err := c.Send(ctx, room, "Hello Matrix!"); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-got:
		if !strings.Contains(m.Body, c.Session().UserID.Localpart()) {
			t.Fatalf("greeting does not name the newcomer: %q", m.Body)
		}
	case <-syncCtx.Done():
		t.Fatal("no greeting arrived within a minute")
	}
}

func greetingsFor(t *testing.T, ctx context.Context, c *matrix.Client, sb *Sandbox) int {
	t.Helper()
	msgs, err := c.History(ctx, sb.WelcomeRoom, 100)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range msgs {
		if m.Sender == sb.Greeter && strings.Contains(m.Body, "Hi "+c.Session().UserID.Localpart()+",") {
			n++
		}
	}
	return n
}

func TestGreeterAnswersOnceAcrossRestart(t *testing.T) {
	ctx := context.Background()
	dir, addr := t.TempDir(), freeLoopbackAddr(t)
	sb, err := Start(ctx, Options{Dir: dir, Addr: addr, Fast: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sb.WelcomeAlias, "#welcome:localhost:") {
		t.Fatalf("alias %q", sb.WelcomeAlias)
	}
	alice := newcomer(t, ctx, sb.HS.URL, "alice")
	sayHelloAndWaitForGreeting(t, ctx, sb, alice)
	room := sb.WelcomeRoom
	sb.Stop()

	// Same folder, same port: the data, the room and the greeter survive.
	sb, err = Start(ctx, Options{Dir: dir, Addr: addr, Fast: true})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Stop()
	if sb.WelcomeRoom != room {
		t.Fatalf("welcome room changed across restart: %s → %s", room, sb.WelcomeRoom)
	}
	// A second newcomer is greeted; by the time that reply exists, the
	// greeter has long seen alice's second message and must not greet her
	// again.
	if _, err := alice.Send(ctx, room, "Me again"); err != nil {
		t.Fatal(err)
	}
	bob := newcomer(t, ctx, sb.HS.URL, "bob")
	sayHelloAndWaitForGreeting(t, ctx, sb, bob)
	if n := greetingsFor(t, ctx, alice, sb); n != 1 {
		t.Fatalf("alice was greeted %d times, want exactly 1", n)
	}
}
