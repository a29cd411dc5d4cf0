package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A newcomer who signs up in the landing page's box has a cross-signed
// device from the start, with nothing asked: matrix-js-sdk (another
// person's app) finds the account's cross-signing keys and the device
// signed by its owner, so apps that share keys only with such devices
// (MSC4153) talk to it. The unverified-device note does not show.
func TestLiveNewcomerCrossSigned(t *testing.T) {
	js := practiceJourneyServer(t)
	r := newReader(t, 1280, 900, "newcomer-cross-signed")
	name := uniqueName("signed")
	userID := "@" + name + ":" + js.serverName
	run(t, r.ctx, "landing on the guide", chromedp.Navigate(js.site.URL+"/"), waitForApp())
	landingSignUp(t, r, js, name, userID)
	device := readSession(r).DeviceID
	if device == "" {
		t.Fatal("no device in the saved session")
	}

	onlooker := uniqueName("onlooker")
	js.newUser(t, onlooker, "onlooker password")
	var seen struct {
		CrossSigning  bool `json:"cross_signing"`
		SignedByOwner bool `json:"signed_by_owner"`
	}
	runInteropScript(t, "crypto_device.mjs", &seen,
		"HM_HOMESERVER="+js.hsURL, "HM_USER="+onlooker, "HM_PASSWORD=onlooker password",
		"HM_SENDER="+userID, "HM_SENDER_DEVICE="+device)
	if !seen.CrossSigning || !seen.SignedByOwner {
		t.Errorf("matrix-js-sdk sees the newcomer's cross-signing keys: %v, device %s signed by its owner: %v; want both",
			seen.CrossSigning, device, seen.SignedByOwner)
	}
	var note bool
	run(t, r.ctx, "looking for the unverified note", chromedp.Evaluate(`document.querySelector("#id-unverified") !== null`, &note))
	if note {
		t.Error("the newcomer's own device is called unverified")
	}
}

// runInteropScript runs one of matrix/testdata/interop's scripts to its
// end and decodes its last line into out.
func runInteropScript(t *testing.T, script string, out any, env ...string) {
	t.Helper()
	node := ensureJSSDK(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script)
	cmd.Dir = interopDir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s failed (%v):\n%s%s", script, err, stderr.String(), stdout.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), out); err != nil {
		t.Fatalf("%s printed %q: %v", script, stdout.String(), err)
	}
}
