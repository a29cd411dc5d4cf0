package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/dendrite"
	"hellomatrix/internal/nodepkg"
	"hellomatrix/matrix"
)

const sendWarmup = 3

// measureSend compares how long a text message takes from "send" until the
// server has confirmed it: our core (matrix.Client.Send, which also stores
// the message in its outbox first) against matrix-js-sdk's sendMessage, on
// the same Dendrite, each in its own private room, one message at a time.
func measureSend(root string, n int, out *report) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	hs, err := dendrite.Start(ctx, dendrite.Options{})
	if err != nil {
		return err
	}
	defer hs.Stop()

	ours, err := sendWithCore(ctx, hs, n)
	if err != nil {
		return fmt.Errorf("send (core): %w", err)
	}
	theirs, err := sendWithJSSDK(ctx, root, hs, n)
	if err != nil {
		return fmt.Errorf("send (matrix-js-sdk): %w", err)
	}
	a, b := medianMS(ours), medianMS(theirs)
	out.Int("send_ms", a)
	out.Int("send_ms_js_sdk", b)
	// Sub-millisecond medians on loopback: compare in microseconds.
	out.Ratio("send_ratio_vs_js_sdk", float64(median(ours))/float64(max(median(theirs), 1)))
	out.Detail("send_runs: %d sends each after %d warm-up sends (loopback Dendrite %s)", n, sendWarmup, dendrite.Version)
	out.Detail("send_us_median: %d (core) vs %d (matrix-js-sdk)", median(ours).Microseconds(), median(theirs).Microseconds())
	return nil
}

func sendWithCore(ctx context.Context, hs *dendrite.Server, n int) ([]time.Duration, error) {
	uid, tok, dev, err := hs.RegisterUser(ctx, "benchcore", "bench password 1", false)
	if err != nil {
		return nil, err
	}
	c, err := matrix.NewClient(matrix.Session{HomeserverURL: hs.URL, UserID: id.UserID(uid), DeviceID: id.DeviceID(dev), AccessToken: tok})
	if err != nil {
		return nil, err
	}
	if err := c.UseOutboxStore(matrix.NewMemoryKV()); err != nil {
		return nil, err
	}
	room, err := c.CreatePrivateRoom(ctx, "bench")
	if err != nil {
		return nil, err
	}
	var ds []time.Duration
	for i := 0; i < sendWarmup+n; i++ {
		start := time.Now()
		m, err := c.Send(ctx, room, "core bench "+strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		if m.State != matrix.StateSent {
			return nil, fmt.Errorf("message %d ended %s", i, m.State)
		}
		if i >= sendWarmup {
			ds = append(ds, time.Since(start))
		}
	}
	return ds, nil
}

func sendWithJSSDK(ctx context.Context, root string, hs *dendrite.Server, n int) ([]time.Duration, error) {
	uid, tok, dev, err := hs.RegisterUser(ctx, "benchjs", "bench password 2", false)
	if err != nil {
		return nil, err
	}
	// The room is made by the Go side so both clients send into the same
	// kind of room; the js-sdk user owns it.
	c, err := matrix.NewClient(matrix.Session{HomeserverURL: hs.URL, UserID: id.UserID(uid), DeviceID: id.DeviceID(dev), AccessToken: tok})
	if err != nil {
		return nil, err
	}
	room, err := c.CreatePrivateRoom(ctx, "bench")
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, "matrix", "testdata", "interop")
	node, err := nodepkg.Ensure(ctx, dir, "matrix-js-sdk")
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, node, "bench_send.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"HM_HOMESERVER="+hs.URL, "HM_USER_ID="+uid, "HM_DEVICE_ID="+dev, "HM_TOKEN="+tok,
		"HM_ROOM="+string(room), "HM_SENDS="+strconv.Itoa(n), "HM_WARMUP="+strconv.Itoa(sendWarmup))
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	var res struct{ MS []float64 }
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, fmt.Errorf("reading bench_send.mjs output %q: %w", b, err)
	}
	ds := make([]time.Duration, len(res.MS))
	for i, v := range res.MS {
		ds[i] = time.Duration(v * float64(time.Millisecond))
	}
	return ds, nil
}
