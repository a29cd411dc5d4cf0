package oauthserver

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	g := s.pendingGrant(r.URL.Query().Get("grant"))
	if g == nil {
		s.errorPage(w, http.StatusBadRequest, expiredPage)
		return
	}
	s.formPage(w, http.StatusOK, g, false, g.loginHint, "")
}

func (s *Server) signupPage(w http.ResponseWriter, r *http.Request) {
	g := s.pendingGrant(r.URL.Query().Get("grant"))
	if g == nil {
		s.errorPage(w, http.StatusBadRequest, expiredPage)
		return
	}
	if s.opts.RegistrationDisabled {
		s.formPage(w, http.StatusForbidden, g, false, g.loginHint, "Sign-up is closed on this server; sign in with an account you have.")
		return
	}
	s.formPage(w, http.StatusOK, g, true, g.loginHint, "")
}

// submittedGrant reads a posted form and its grant; it answers the request
// itself (and returns nil) when the grant is gone or the reader cancelled:
// cancel goes back to the client as access_denied (RFC 6749 §4.1.2.1).
func (s *Server) submittedGrant(w http.ResponseWriter, r *http.Request) *grant {
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, http.StatusBadRequest, "The form could not be read. Go back to the app and start signing in again.")
		return nil
	}
	g := s.pendingGrant(r.PostForm.Get("grant"))
	if g == nil {
		s.errorPage(w, http.StatusBadRequest, expiredPage)
		return nil
	}
	if r.PostForm.Get("action") == "cancel" {
		s.dropGrant(g)
		s.redirectError(w, r, g, "access_denied", "The reader cancelled on the sign-in page.")
		return nil
	}
	return g
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	g := s.submittedGrant(w, r)
	if g == nil {
		return
	}
	name := strings.TrimSpace(r.PostForm.Get("username"))
	s.mu.Lock()
	u := s.users[name]
	s.mu.Unlock()
	if u == nil || !u.passwordMatches(r.PostForm.Get("password")) {
		s.formPage(w, http.StatusUnauthorized, g, false, name, "That username and password do not match an account here. Check both and try again.")
		return
	}
	s.issueCode(w, r, g, u.localpart)
}

func (s *Server) signupSubmit(w http.ResponseWriter, r *http.Request) {
	g := s.submittedGrant(w, r)
	if g == nil {
		return
	}
	if s.opts.RegistrationDisabled {
		s.formPage(w, http.StatusForbidden, g, false, "", "Sign-up is closed on this server; sign in with an account you have.")
		return
	}
	f := r.PostForm
	name := strings.TrimSpace(f.Get("username"))
	fail := func(status int, sentence string) { s.formPage(w, status, g, true, name, sentence) }
	if sentence := checkNewAccount(name, f.Get("password"), f.Get("password2")); sentence != "" {
		fail(http.StatusBadRequest, sentence)
		return
	}
	s.mu.Lock()
	_, taken := s.users[name]
	s.mu.Unlock()
	if taken {
		fail(http.StatusConflict, takenSentence(name))
		return
	}
	// Synapse has the last word on a name: it may be taken there, reserved
	// for an application service, or invalid by its rules.
	if status, sentence := s.localpartAvailable(r.Context(), name); sentence != "" {
		fail(status, sentence)
		return
	}
	if err := s.provisionUser(r.Context(), name); err != nil {
		fail(http.StatusBadGateway, homeserverDown)
		return
	}
	u := &user{localpart: name, salt: make([]byte, 16)}
	rand.Read(u.salt)
	u.hash = hashPassword(f.Get("password"), u.salt)
	s.mu.Lock()
	if _, taken := s.users[name]; taken {
		s.mu.Unlock()
		fail(http.StatusConflict, takenSentence(name))
		return
	}
	s.users[name] = u
	s.mu.Unlock()
	s.issueCode(w, r, g, name)
}

// checkNewAccount returns what is wrong with a sign-up form, or "". The
// username rule is the Matrix spec's user ID grammar (lowercase letters,
// digits and ._=-/+); the 8-character password minimum is the stand-in's own.
func checkNewAccount(name, password, again string) string {
	switch {
	case name == "":
		return "Choose a username."
	case strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789._=-/+") != "":
		return "A username may only use lowercase letters, digits and . _ = - / +."
	case len(name) > 200:
		return "Choose a username of at most 200 characters."
	case password == "":
		return "Choose a password."
	case len(password) < 8:
		return "Choose a password of at least 8 characters."
	case password != again:
		return "The two passwords differ. Type the same password in both fields."
	}
	return ""
}

func takenSentence(name string) string {
	return fmt.Sprintf("The username %s is taken. Choose another one.", name)
}

const homeserverDown = "The homeserver cannot be reached right now, so no account can be made or used. Try again in a moment."

// issueCode ends the grant with an authorization code for localpart and
// sends the browser back to the client with it and the state.
func (s *Server) issueCode(w http.ResponseWriter, r *http.Request, g *grant, localpart string) {
	value := randomString(32)
	s.mu.Lock()
	delete(s.grants, g.id)
	s.codes[value] = &code{grant: g, localpart: localpart, issued: time.Now()}
	s.mu.Unlock()
	v := url.Values{"code": {value}}
	if g.state != "" {
		v.Set("state", g.state)
	}
	http.Redirect(w, r, g.returnURL(v), http.StatusSeeOther)
}

func (s *Server) dropGrant(g *grant) {
	s.mu.Lock()
	delete(s.grants, g.id)
	s.mu.Unlock()
}
