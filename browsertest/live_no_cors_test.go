package browsertest

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// A real Matrix server that does not let web apps talk to it (no CORS
// headers, preflights refused) is explained as such next to the server
// field, not as a server that is down or a typo.
func TestLiveServerWithoutCORS(t *testing.T) {
	p := startPractice(t)
	r := newReader(t, 1280, 900, "nocors")
	pickerPath, _ := chapterPath(t, pages.WidgetServerPicker)

	target, err := url.Parse(p.SB.HS.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	// Dendrite allows every origin; the proxy takes that away, as a
	// server whose front end drops the headers would.
	proxy.ModifyResponse = func(res *http.Response) error {
		for k := range res.Header {
			if strings.HasPrefix(http.CanonicalHeaderKey(k), "Access-Control-") {
				res.Header.Del(k)
			}
		}
		return nil
	}
	noCORS := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method == http.MethodOptions {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		proxy.ServeHTTP(w, req)
	}))
	t.Cleanup(noCORS.Close)
	addr := strings.TrimPrefix(noCORS.URL, "http://")

	// The proxy itself is a working Matrix server for anything but a
	// browser, so the sentence below is about CORS and nothing else.
	res, err := http.Get(noCORS.URL + "/_matrix/client/versions")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the proxied homeserver does not answer: %v %v", err, res)
	}
	res.Body.Close()
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("the proxy still sends CORS headers")
	}

	run(t, r.ctx, "opening Choosing a homeserver", chromedp.Navigate(p.Site.URL+pickerPath), waitForApp())
	r.text("the practice server first", "#picker-verdict", "You can create an account right here.")
	r.interactions.Add(1)
	run(t, r.ctx, "choosing to type a server", setSelect("picker-server", "__other__"))
	r.fill("typing the server without CORS", "#picker-other", addr)
	r.click("checking it", "#picker-other-check")
	r.text("explained under the server name", "#picker-other-error", "does not allow web apps like this guide to talk to it")
	recordBadInput(t, "Matrix server without CORS")
	r.screenshot("no-cors", "#picker-other")
}
