package site

import (
	"strings"
	"testing"

	"hellomatrix/pages"
)

// Every page names the directory's feed in its head; with no choice made it
// is the community list.
func TestPagesNameTheServersFeed(t *testing.T) {
	body := mustGet(t, "/servers").Body
	want := `<meta name="` + serversFeedMeta + `" content="` + pages.ServersFeedURL + `">`
	if !strings.Contains(body, want) {
		t.Errorf("the page head lacks %s", want)
	}
	tag := serversFeedTag(Config{ServersFeed: `https://x.example/a"><script>`})
	if strings.Contains(tag, "<script>") {
		t.Errorf("the feed address is not escaped: %s", tag)
	}
}

func TestCheckServersFeed(t *testing.T) {
	for feed, ok := range map[string]bool{
		pages.ServersFeedURL:                  true,
		"off":                                 true,
		"http://127.0.0.1:8123/servers.json":  true,
		"http://localhost:9/feed":             true,
		"http://servers.example/servers.json": false,
		"javascript:alert(1)":                 false,
		"ftp://127.0.0.1/servers.json":        false,
		"servers.json":                        false,
		"":                                    false,
	} {
		if err := checkServersFeed(feed); (err == nil) != ok {
			t.Errorf("%q: %v, want accepted=%v", feed, err, ok)
		}
	}
}
