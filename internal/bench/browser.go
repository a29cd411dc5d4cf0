package main

import (
	"context"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// newBrowser starts a headless Chromium with a fresh, empty profile: nothing
// cached, no service worker — what a first-time reader has.
func newBrowser(parent context.Context) (context.Context, func(), error) {
	profile, err := os.MkdirTemp("", "hellomatrix-bench-profile-")
	if err != nil {
		return nil, nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(412, 823),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	// Start the browser now so its launch is not part of any figure.
	if err := chromedp.Run(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
		return nil, nil, err
	}
	return ctx, func() {
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
	}, nil
}

// withTimeout bounds one measurement so a broken page cannot hang the bench.
func withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 60*time.Second)
}
