package browsertest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/internal/sandbox"
	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
)

// The directory's "Check" button puts the server's answer of today in the
// row's "In this guide" cell, by the same rule as the listed phrase. The
// directory's own rows are public servers this machine cannot reach, so
// the row checked is the practice row, pointed at a real Synapse whose
// sign-up wants an invitation token: listed as plain "Sign up here" (what
// the practice server usually is), it must turn into the token phrase.
func TestDirectoryCheckUpdatesPhrase(t *testing.T) {
	hs := synapsetest.Start(t, synapse.Options{RegistrationRequiresToken: true})
	info := filepath.Join(t.TempDir(), "sandbox.json")
	b, err := json.Marshal(sandbox.Info{URL: hs.URL, ServerName: hs.ServerName})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(info, b, 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, "-sandbox-info", info)
	ctx := newBrowser(t, 1280, 900)

	const cell = `.practice-row .signup-way`
	run(t, ctx, "opening the directory",
		chromedp.Navigate(srv.URL+"/servers"),
		waitForApp(),
		waitFor(`document.querySelector(".practice-row th")?.textContent.includes(`+jsString(hs.ServerName)+`)`),
		waitFor(`document.querySelector(`+jsString(cell)+`)?.textContent.trim() === "Sign up here"`),
	)
	run(t, ctx, "checking the practice server",
		chromedp.Click(`.practice-row .server-check button`, chromedp.ByQuery),
		waitFor(`document.querySelector(`+jsString(cell)+`)?.textContent.trim() === "Today: Sign up here with an invite token"`),
		waitFor(`document.querySelector(`+jsString(cell)+`)?.dataset.way === "here"`),
	)
	// The other rows keep their listed phrases.
	run(t, ctx, "the next row unchanged",
		waitFor(`!document.querySelector(".server-table tbody tr:nth-child(2) .signup-way").textContent.startsWith("Today:")`),
	)
}
