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

	"hellomatrix/pages"
)

// A signed-in reader sets up recovery in "Keeping your messages": the key
// is shown once, a wrong copy typed back is refused with a sentence, the
// right one finishes, and the status says the keys are backed up. Then
// matrix-js-sdk, as another device of the same account, opens secret
// storage with that key and finds the backup the guide made.
func TestLiveKeyBackupSetUp(t *testing.T) {
	p := startPractice(t)
	r := newReader(t, 1280, 900, "keys")
	name := uniqueName("carol")
	const password = "carol's long password"
	userID := p.newUser(t, name, password)
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	keysPath, keysTitle := chapterPath(t, pages.WidgetKeyBackup)

	run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp())
	r.fill("typing the user ID", "#login-user", userID)
	r.fill("typing the password", "#login-password", password)
	r.click("logging in", "#login-submit")
	r.text("signed in", ".live-success", "You are signed in as "+userID)

	run(t, r.ctx, "opening Keeping your messages", chromedp.Navigate(p.Site.URL+keysPath), waitForApp())
	r.wait("the chapter", h1Expr(keysTitle, keysPath))
	r.text("no recovery yet", "#kb-status", "Recovery is not set up")
	r.click("setting up recovery", "#kb-setup")
	r.wait("the key is shown", `(document.querySelector("#kb-key") || {}).textContent > ""`)
	var key string
	run(t, r.ctx, "reading the key", chromedp.Evaluate(`document.querySelector("#kb-key").textContent`, &key))
	if len(strings.Fields(key)) < 10 {
		t.Fatalf("the shown recovery key %q is not groups of characters", key)
	}
	r.screenshot("recovery-key", ".live-client[data-widget=key-backup]")
	r.fill("typing a wrong copy", "#kb-confirm", key[:len(key)-1]+"x")
	r.click("finishing", "#kb-finish")
	r.text("the wrong copy is refused", "#kb-confirm-error", "That is not the key shown above.")
	r.fill("typing the key back", "#kb-confirm", key)
	r.click("finishing", "#kb-finish")
	r.text("done", "#kb-status", "your keys are backed up")
	r.wait("the key is gone from the page", `document.querySelector("#kb-key") === null`)

	out := restoreWithJSSDK(t, p.SB.HS.URL, name, password, key)
	if out.Version == "" {
		t.Errorf("matrix-js-sdk found no backup with the guide's recovery key: %+v", out)
	}
}

// restoreWithJSSDK runs crypto_restore.mjs (matrix/testdata/interop) as a
// new device of user: it opens secret storage with recoveryKey, loads the
// backup key from it and restores the backup.
func restoreWithJSSDK(t *testing.T, hsURL, user, password, recoveryKey string) (out struct {
	Version string `json:"version"`
	Total   int    `json:"total"`
}) {
	t.Helper()
	node := ensureJSSDK(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "crypto_restore.mjs")
	cmd.Dir = interopDir
	cmd.Env = append(os.Environ(), "HM_HOMESERVER="+hsURL, "HM_USER="+user, "HM_PASSWORD="+password,
		"HM_ROOM=!none:localhost", "HM_RECOVERY="+recoveryKey, "HM_EXPECT=[]")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("crypto_restore.mjs failed (%v):\n%s%s", err, stderr.String(), stdout.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &out); err != nil {
		t.Fatalf("crypto_restore.mjs printed %q: %v", stdout.String(), err)
	}
	return out
}
