package browsertest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots saves a chapter as a phone (360 px wide) and a desktop
// would show it, in both themes, for a person to look at. The test itself
// checks only that nothing is wider than the screen.
func TestScreenshots(t *testing.T) {
	srv := startServer(t)
	dir := screenshotDir(t)
	for _, shot := range []struct {
		name          string
		width, height int
		theme         string
		path          string
	}{
		{"chapter-360-light", 360, 780, "light", "/guide/register"},
		{"chapter-360-dark", 360, 780, "dark", "/guide/register"},
		{"chapter-1280-light", 1280, 900, "light", "/guide/register"},
		{"chapter-1280-dark", 1280, 900, "dark", "/guide/register"},
		{"home-360-light", 360, 780, "light", "/"},
		{"servers-360-light", 360, 780, "light", "/servers"},
		{"servers-1280-light", 1280, 900, "light", "/servers"},
		{"search-1280-dark", 1280, 900, "dark", "/search?q=homeserver"},
	} {
		t.Run(shot.name, func(t *testing.T) {
			ctx := newBrowser(t, shot.width, shot.height)
			var png []byte
			var overflow []string
			run(t, ctx, "loading "+shot.path,
				chromedp.EmulateViewport(int64(shot.width), int64(shot.height)),
				chromedp.Navigate(srv.URL+"/"),
				chromedp.Evaluate(`localStorage.setItem("hello-matrix-theme", "`+shot.theme+`")`, nil),
				chromedp.Navigate(srv.URL+shot.path),
				waitForApp(),
				chromedp.Evaluate(tooWide, &overflow),
				chromedp.FullScreenshot(&png, 100),
			)
			file := filepath.Join(dir, shot.name+".png")
			if err := os.WriteFile(file, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot: %s", file)
			if len(overflow) != 0 {
				t.Errorf("%s at %d px: the page is wider than the screen; these stick out: %v", shot.path, shot.width, overflow)
			}
		})
	}
}

// tooWide lists the elements that reach past the right edge of the viewport
// (outside of scrolling boxes, which may be wider on purpose).
const tooWide = `(() => {
  const limit = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".table-scroll") && !el.matches(".table-scroll")) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > limit + 0.5) {
      out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + el.className : "") + " right=" + Math.round(r.right));
    }
  }
  return out.slice(0, 10);
})()`
