package browsertest

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// Mistakes are explained in plain words right next to the field they are
// about: a wrong password, a username someone has, a server address where
// nothing answers, and an address where a website (not Matrix) answers.
func TestLiveClientErrors(t *testing.T) {
	p := startPractice(t)
	r := newReader(t, 1280, 900, "errors")
	taken := uniqueName("carol")
	takenID := p.newUser(t, taken, "carol's long password")
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	registerPath, _ := chapterPath(t, pages.WidgetRegister)
	pickerPath, _ := chapterPath(t, pages.WidgetServerPicker)

	run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp())
	r.fill("typing the user ID", "#login-user", takenID)
	r.fill("typing a wrong password", "#login-password", "not the password")
	r.click("logging in", "#login-submit")
	r.text("wrong password, under the password", "#login-password + .live-error, #login-password-error", "The username or password is not right.")
	recordBadInput(t, "wrong password")
	r.wait("the field is marked", `document.querySelector("#login-password").getAttribute("aria-invalid") === "true"`)
	r.screenshot("wrong-password", "#login-form")

	run(t, r.ctx, "opening Creating an account", chromedp.Navigate(p.Site.URL+registerPath), waitForApp())
	r.text("the practice server is ready", "#register-verdict", "You can create an account right here.")
	r.fill("choosing a name someone has", "#register-username", taken)
	r.text("taken, under the username", "#register-username-error", "already taken")
	r.fill("choosing a password", "#register-password", "a long practice password")
	r.click("trying anyway", "#register-submit")
	r.text("still taken, still under the username", "#register-username-error", "already taken")
	recordBadInput(t, "username taken")
	r.screenshot("username-taken", "#register-form")

	// A port where nothing listens.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	// A web server that is not Matrix, but lets the browser read it.
	website := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><title>My blog</title><h1>Welcome to my blog</h1>"))
	}))
	t.Cleanup(website.Close)
	websiteAddr := strings.TrimPrefix(website.URL, "http://")

	run(t, r.ctx, "opening Choosing a homeserver", chromedp.Navigate(p.Site.URL+pickerPath), waitForApp())
	r.text("the practice server first", "#picker-verdict", "You can create an account right here.")
	r.interactions.Add(1)
	run(t, r.ctx, "choosing to type a server", setSelect("picker-server", "__other__"))
	r.fill("typing a closed port", "#picker-other", closed)
	r.click("checking it", "#picker-other-check")
	r.text("nothing answers, under the server name", "#picker-other-error", "Could not reach "+closed)
	recordBadInput(t, "unreachable server")
	r.screenshot("unreachable", "#picker-other")

	r.fill("typing a website's address", "#picker-other", websiteAddr)
	r.click("checking it", "#picker-other-check")
	r.text("not Matrix, under the server name", "#picker-other-error", "not a Matrix server")
	recordBadInput(t, "website not Matrix")
	r.screenshot("not-matrix", "#picker-other")

	// The directory lists the practice server first and checks it on demand.
	run(t, r.ctx, "opening the directory", chromedp.Navigate(p.Site.URL+"/servers"), waitForApp())
	r.text("the practice server leads", ".server-table tbody tr:first-child", p.Info.ServerName)
	r.click("checking it", ".server-table tbody tr:first-child .server-check button")
	r.text("its verdict", ".server-table tbody tr:first-child .server-check[data-state=here]", "Today: Sign up here")
	r.screenshot("directory-check", ".practice-row")
}
