package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"sync"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// greeter answers the first message each person sends in #welcome, and the
// first message in any private room it is invited to. Who it has answered is
// stored, so a restart never greets anyone twice.
type greeter struct {
	c       *matrix.Client
	welcome id.RoomID
	kv      matrix.KV

	mu      sync.Mutex
	greeted map[string]bool // roomID + " " + userID
}

const greetedKey = "greeted"

func newGreeter(c *matrix.Client, welcome id.RoomID, dir string) (*greeter, error) {
	kv, err := matrix.NewFileKV(dir)
	if err != nil {
		return nil, err
	}
	// The outbox lives beside the greeted list, so a reply interrupted by a
	// shutdown is delivered (once) after the next start.
	if err := c.UseOutboxStore(kv); err != nil {
		return nil, err
	}
	g := &greeter{c: c, welcome: welcome, kv: kv, greeted: map[string]bool{}}
	if b, ok, err := kv.Get(greetedKey); err != nil {
		return nil, err
	} else if ok {
		var list []string
		if err := json.Unmarshal(b, &list); err != nil {
			return nil, fmt.Errorf("sandbox: greeted list is damaged: %w", err)
		}
		for _, k := range list {
			g.greeted[k] = true
		}
	}
	return g, nil
}

// run syncs until ctx ends. Errors are logged, not fatal: the guide keeps
// working without its greeter.
func (g *greeter) run(ctx context.Context) {
	if _, err := g.c.ResumeOutbox(ctx); err != nil && ctx.Err() == nil {
		log.Printf("sandbox greeter: resuming replies: %v", err)
	}
	err := g.c.Sync(ctx, matrix.SyncHandler{
		Message: func(m matrix.RoomMessage) { g.onMessage(ctx, m) },
		Invite: func(inv matrix.Invite) {
			if _, err := g.c.JoinRoom(ctx, string(inv.RoomID)); err != nil && ctx.Err() == nil {
				log.Printf("sandbox greeter: joining %s: %v", inv.RoomID, err)
			}
		},
	})
	if err != nil && ctx.Err() == nil {
		log.Printf("sandbox greeter stopped: %v", err)
	}
}

func (g *greeter) onMessage(ctx context.Context, m matrix.RoomMessage) {
	if m.Own || m.Body == "" {
		return
	}
	key := string(m.RoomID) + " " + string(m.Sender)
	if !g.markGreeted(key) {
		return
	}
	if _, err := g.c.Send(ctx, m.RoomID, greeting(m.Sender, m.RoomID == g.welcome)); err != nil && ctx.Err() == nil {
		log.Printf("sandbox greeter: replying to %s: %v", m.Sender, err)
	}
}

// markGreeted records key and reports whether it is new. The record is saved
// before the reply is sent: a crash in between costs one greeting, never a
// duplicate.
func (g *greeter) markGreeted(key string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.greeted[key] {
		return false
	}
	g.greeted[key] = true
	list := make([]string, 0, len(g.greeted))
	for k := range g.greeted {
		list = append(list, k)
	}
	b, _ := json.Marshal(list)
	if err := g.kv.Set(greetedKey, b); err != nil {
		log.Printf("sandbox greeter: saving who was greeted: %v", err)
	}
	return true
}

// greeting is the reply a newcomer sees. It explains what just happened,
// because seeing a message travel is the point of the exercise.
func greeting(to id.UserID, inWelcome bool) string {
	name := to.Localpart()
	if inWelcome {
		return fmt.Sprintf("Hi %s, and welcome to Matrix! I'm the greeter on this practice server. "+
			"Your message went to your homeserver, which stored it in this room and passed it on to me; "+
			"my reply just made the same trip back to you. Every Matrix chat works this way, "+
			"even when the people in it use different servers.", name)
	}
	return fmt.Sprintf("Hello %s! Thanks for inviting me. This is a private room: only the people you invite can read it.", name)
}

func randomSecret() string {
	b := make([]byte, 24)
	rand.Read(b)
	return hex.EncodeToString(b)
}
