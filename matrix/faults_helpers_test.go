//go:build !js

package matrix

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/faultproxy"
)

// Helpers for faults_test.go: a fault-injecting proxy in front of the real
// homeserver, and two readers of a room that do not share any code with the
// core (plain HTTP, and matrix-js-sdk), so a lost or doubled message cannot
// be hidden by the same bug on both sides.

// faultSeed is the proxy's seed: FAULT_SEED when set (to replay or explore
// other schedules), else a fixed one so every run meets the same faults.
func faultSeed(t *testing.T, fixed int64) int64 {
	if s := os.Getenv("FAULT_SEED"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("FAULT_SEED=%q: %v", s, err)
		}
		return n + fixed
	}
	return fixed
}

func startFaultProxy(t *testing.T, target string, seed int64, rates faultproxy.Rates) *faultproxy.Proxy {
	t.Helper()
	p, err := faultproxy.Start(faultproxy.Config{
		Target:     target,
		Seed:       seed,
		Rates:      rates,
		Match:      faultproxy.SendAndSync,
		MaxLatency: 300 * time.Millisecond,
		RetryAfter: time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// through returns a new client for c's session that talks to base instead.
func through(t *testing.T, c *Client, base string) *Client {
	t.Helper()
	s := c.Session()
	s.HomeserverURL = base
	return testClient(t, s)
}

// quickRetry keeps a faulty run short: a few fast retries per Send, so some
// messages do end failed and the Retry path is exercised too.
var quickRetry = retryPolicy{Transient: 2, RateLimited: 10, Backoff: 50 * time.Millisecond, MaxBackoff: 400 * time.Millisecond, MaxRateWait: time.Minute, RateDefault: time.Second}

// sendUntilSent retries a failed message the way a reader taps "try again",
// a bounded number of times. It returns the retries used.
func sendUntilSent(ctx context.Context, t *testing.T, c *Client, m *PendingMessage, maxRetries int) int {
	t.Helper()
	retries := 0
	for m.State != StateSent && retries < maxRetries && ctx.Err() == nil {
		retries++
		next, err := c.Retry(ctx, m.TxnID)
		if next == nil {
			t.Fatalf("Retry(%s) returned no message: %v", m.TxnID, err)
		}
		m = next
	}
	if m.State != StateSent {
		t.Errorf("%q still %s after %d retries: %v", m.Body, m.State, retries, m.Failure)
	}
	return retries
}

// readRoomHTTP pages through the whole room with GET /messages, straight
// to the server with the reader's token, and counts the bodies from sender
// that start with prefix. It reads again until at least want of them are
// there or 30 seconds have passed: Dendrite answers /messages from its sync
// database, which learns of an event a moment after /send has answered
// (longer on a busy machine), so one read straight after the last send can
// miss it. A message that never arrived is still counted as lost.
func readRoomHTTP(t *testing.T, base, token string, room id.RoomID, sender id.UserID, prefix string, want int) map[string]int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		counts := readRoomOnce(t, base, token, room, sender, prefix)
		n := 0
		for _, c := range counts {
			n += c
		}
		if n >= want || time.Now().After(deadline) {
			return counts
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// readRoomOnce is one pass of readRoomHTTP over the whole room.
func readRoomOnce(t *testing.T, base, token string, room id.RoomID, sender id.UserID, prefix string) map[string]int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	counts := map[string]int{}
	from := ""
	for page := 0; page < 100; page++ {
		q := url.Values{"dir": {"b"}, "limit": {"100"}, "filter": {`{"types":["m.room.message"]}`}}
		if from != "" {
			q.Set("from", from)
		}
		u := base + "/_matrix/client/v3/rooms/" + url.PathEscape(string(room)) + "/messages?" + q.Encode()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("GET /messages: %v", err)
		}
		var body struct {
			Chunk []struct {
				Type    string         `json:"type"`
				Sender  id.UserID      `json:"sender"`
				Content map[string]any `json:"content"`
			} `json:"chunk"`
			End string `json:"end"`
		}
		err = json.NewDecoder(res.Body).Decode(&body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("GET /messages: %s, %v", res.Status, err)
		}
		for _, e := range body.Chunk {
			if b, ok := e.Content["body"].(string); ok && e.Type == "m.room.message" && e.Sender == sender && strings.HasPrefix(b, prefix) {
				counts[b]++
			}
		}
		if body.End == "" || len(body.Chunk) == 0 {
			return counts
		}
		from = body.End
	}
	t.Fatal("GET /messages: still paging after 100 pages")
	return nil
}

// readRoomJSSDK counts the same bodies with matrix-js-sdk (testdata/interop/count.mjs).
func readRoomJSSDK(t *testing.T, base string, reader Session, room id.RoomID, prefix string) map[string]int {
	t.Helper()
	node := ensureInteropDeps(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "count.mjs")
	cmd.Dir = interopDir
	cmd.Env = append(os.Environ(),
		"HM_HOMESERVER="+base,
		"HM_USER_ID="+string(reader.UserID),
		"HM_TOKEN="+reader.AccessToken,
		"HM_ROOM="+string(room),
		"HM_PREFIX="+prefix,
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("count.mjs failed (%v):\n%s%s", err, stderr.String(), stdout.String())
	}
	var out struct {
		Counts map[string]int `json:"counts"`
	}
	if err := json.Unmarshal(lastLine(stdout.Bytes()), &out); err != nil {
		t.Fatalf("count.mjs printed %q: %v", stdout.String(), err)
	}
	return out.Counts
}

// tally compares what a reader found with what was sent: delivered is how
// many sent bodies are there at least once, duplicates how many extra
// copies there are, lost how many are missing, strangers bodies nobody sent.
type tally struct{ Delivered, Duplicates, Lost, Strangers int }

func tallyOf(sent []string, counts map[string]int) tally {
	var r tally
	want := map[string]bool{}
	for _, b := range sent {
		want[b] = true
		switch n := counts[b]; {
		case n == 0:
			r.Lost++
		default:
			r.Delivered++
			r.Duplicates += n - 1
		}
	}
	for b := range counts {
		if !want[b] {
			r.Strangers++
		}
	}
	return r
}

// report prints figures as "server_name: value" lines on stdout (visible with
// go test -v, for make robustness) and, when ROBUSTNESS_OUT names a file,
// merges them into its JSON object under the test's name.
func report(t *testing.T, figures [][2]any) {
	t.Helper()
	// Run on each server (bothServers), the lines say which: "synapse_sent".
	server := ""
	if i := strings.LastIndex(t.Name(), "/"); i >= 0 {
		switch k := t.Name()[i+1:]; k {
		case "synapse", "dendrite":
			server = k + "_"
		}
	}
	obj := map[string]any{}
	for _, f := range figures {
		fmt.Printf("%s%v: %v\n", server, f[0], f[1])
		obj[fmt.Sprint(f[0])] = f[1]
	}
	path := os.Getenv("ROBUSTNESS_OUT")
	if path == "" {
		return
	}
	all := map[string]any{}
	if raw, err := os.ReadFile(path); err == nil {
		json.Unmarshal(raw, &all)
	}
	all[t.Name()] = obj
	raw, _ := json.MarshalIndent(all, "", "  ")
	if err := os.WriteFile(path, append(raw, '\n'), 0o644); err != nil {
		t.Errorf("writing ROBUSTNESS_OUT: %v", err)
	}
}

// faultFigures lists a proxy's counts as report figures, prefix_kind, with
// every kind present (zeros too) so the lines are the same on every run.
func faultFigures(prefix string, c faultproxy.Counts) [][2]any {
	out := [][2]any{{prefix + "_requests", c.Matched}, {prefix + "_injected", c.Injected()}}
	for _, f := range faultproxy.Kinds() {
		out = append(out, [2]any{prefix + "_" + f.String(), c.Faults[f]})
	}
	return out
}
