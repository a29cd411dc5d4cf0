package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/chromedp/chromedp"
)

// measureFCP compares a chapter's first contentful paint, cold, on the real
// site with the same chapter as a plain static page: its prerendered HTML
// without any script, beside the same stylesheets and images, from a plain
// file server. The static page is the physical limit for reading; the ratio
// says how close the guide gets. Runs alternate between the two so drift in
// the machine's load hits both alike.
func measureFCP(root string, site *siteServer, runs int, out *report) error {
	static, stop, err := startStaticCopy(site.URL, benchChapter)
	if err != nil {
		return err
	}
	defer stop()
	var real, plain []time.Duration
	for i := 0; i < runs; i++ {
		d, err := coldFCP(site.URL + benchChapter)
		if err != nil {
			return fmt.Errorf("fcp: %w", err)
		}
		real = append(real, d)
		if d, err = coldFCP(static + benchChapter); err != nil {
			return fmt.Errorf("fcp (static): %w", err)
		}
		plain = append(plain, d)
	}
	a, b := medianMS(real), medianMS(plain)
	out.Int("fcp_ms", a)
	out.Int("fcp_ms_static", b)
	out.Ratio("fcp_ratio_vs_static", float64(a)/float64(max(b, 1)))
	out.Detail("fcp_runs: %d (cold, fresh profile each, page %s)", runs, benchChapter)
	out.Detail("fcp_ms_all: %v", msList(real))
	out.Detail("fcp_ms_static_all: %v", msList(plain))
	return nil
}

// coldFCP loads url in a brand-new browser profile and reads the page's
// first-contentful-paint entry.
func coldFCP(url string) (time.Duration, error) {
	bctx, done, err := newBrowser(context.Background())
	if err != nil {
		return 0, err
	}
	defer done()
	ctx, cancel := withTimeout(bctx)
	defer cancel()
	var ms float64
	err = chromedp.Run(ctx,
		chromedp.Navigate(url),
		chromedp.Poll(`(() => { const e = performance.getEntriesByName("first-contentful-paint")[0]; return e ? e.startTime : 0 })()`,
			&ms, chromedp.WithPollingInterval(20*time.Millisecond)),
	)
	return time.Duration(ms * float64(time.Millisecond)), err
}

var (
	scriptTag  = regexp.MustCompile(`(?is)<script\b.*?</script>`)
	localAsset = regexp.MustCompile(`(?i)<link[^>]+rel="?stylesheet"?[^>]*>|<img[^>]+>`)
	assetURL   = regexp.MustCompile(`(?i)(?:href|src)="(/[^"]+)"`)
)

// startStaticCopy saves the prerendered page without scripts, plus the
// stylesheets and images it uses, and serves them from a plain file server.
func startStaticCopy(siteURL, page string) (string, func(), error) {
	dir, err := os.MkdirTemp("", "hellomatrix-static-")
	if err != nil {
		return "", nil, err
	}
	html, err := fetch(siteURL + page)
	if err != nil {
		return "", nil, err
	}
	html = scriptTag.ReplaceAll(html, nil)
	for _, tag := range localAsset.FindAll(html, -1) {
		for _, m := range assetURL.FindAllSubmatch(tag, -1) {
			path := string(m[1])
			b, err := fetch(siteURL + path)
			if err != nil {
				return "", nil, err
			}
			if err := writeFile(filepath.Join(dir, filepath.FromSlash(path)), b); err != nil {
				return "", nil, err
			}
		}
	}
	if err := writeFile(filepath.Join(dir, filepath.FromSlash(page), "index.html"), html); err != nil {
		return "", nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir))}
	go srv.Serve(l)
	return "http://" + l.Addr().String(), func() { srv.Close(); os.RemoveAll(dir) }, nil
}

func fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
