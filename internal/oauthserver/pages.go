package oauthserver

import (
	"html/template"
	"net/http"
	"net/url"
)

// page is what the one template shows. html/template escapes every field,
// so nothing a client registered (its name) or a reader typed (a username)
// can become markup.
type page struct {
	Title     string
	Client    string // the client's name, for "X asks to use your account"
	Error     string // a sentence; the element has id="error"
	Note      string // a plain sentence
	Form      bool
	Signup    bool
	CanSignup bool
	Action    string // the form's target path
	Grant     string
	Username  string
	Submit    string
	Other     string // the link to the other page (sign-in ↔ sign-up)
}

// The pages' element ids are fixed for browser tests: #username #password
// #password2 #submit #cancel #error, and #signup-link / #signin-link between
// the two forms. Cancel skips the browser's required-field checks
// (formnovalidate) so an empty form can still be left.
var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · test account server</title>
<style>
body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;line-height:1.4}
label{display:block;margin-top:1rem}
input{box-sizing:border-box;width:100%;padding:.45rem;font:inherit}
.error{color:#a00000;font-weight:600}
.buttons{margin-top:1.5rem;display:flex;gap:.6rem}
.note{color:#555;font-size:.9rem}
</style></head><body>
<p class="note">A stand-in account server for tests on this computer.</p>
<h1>{{.Title}}</h1>
{{if .Client}}<p>{{.Client}} wants to use your account here.</p>{{end}}
{{if .Note}}<p>{{.Note}}</p>{{end}}
{{if .Error}}<p id="error" class="error" role="alert">{{.Error}}</p>{{end}}
{{if .Form}}<form method="post" action="{{.Action}}">
<input type="hidden" name="grant" value="{{.Grant}}">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" value="{{.Username}}" required autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="{{if .Signup}}new-password{{else}}current-password{{end}}" required>
{{if .Signup}}<label for="password2">Password again</label>
<input id="password2" name="password2" type="password" autocomplete="new-password" required>
{{end}}<div class="buttons">
<button id="submit" type="submit" name="action" value="submit">{{.Submit}}</button>
<button id="cancel" type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</div></form>
{{if .Signup}}<p>Have an account already? <a id="signin-link" href="{{.Other}}">Sign in instead</a></p>
{{else if .CanSignup}}<p>New here? <a id="signup-link" href="{{.Other}}">Create an account</a></p>
{{end}}{{end}}</body></html>
`))

func render(w http.ResponseWriter, status int, p page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	// The pages never need a script, a frame or another origin. No
	// form-action: Chromium applies it to the redirect that follows a form
	// post too, and the sign-in form's answer redirects to the client.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	w.WriteHeader(status)
	pageTemplate.Execute(w, p)
}

// errorPage is for what cannot go back to the client: an unknown client, an
// unregistered redirect URI, an expired page.
func (s *Server) errorPage(w http.ResponseWriter, status int, sentence string) {
	render(w, status, page{Title: "This sign-in cannot go on", Error: sentence})
}

// formPage shows the sign-in (signup false) or sign-up form for g, with an
// error sentence if the last attempt failed and the username kept.
func (s *Server) formPage(w http.ResponseWriter, status int, g *grant, signup bool, username, errSentence string) {
	link := "?" + url.Values{"grant": {g.id}}.Encode()
	p := page{
		Client: g.client.meta.ClientName, Error: errSentence, Form: true, Grant: g.id,
		Username: username, CanSignup: !s.opts.RegistrationDisabled,
	}
	if signup {
		p.Title, p.Signup, p.Action, p.Submit, p.Other = "Create an account", true, pathRegister, "Create account", pathLogin+link
	} else {
		p.Title, p.Action, p.Submit, p.Other = "Sign in", pathLogin, "Sign in", pathRegister+link
	}
	render(w, status, p)
}

const expiredPage = "This sign-in page has expired or was already used. Go back to the app and start signing in again."

func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	render(w, http.StatusOK, page{Title: "Your account", Note: "Accounts on this test server have nothing to manage: no profile, no devices page."})
}
