package oidcprovider

import (
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"sync"

	"github.com/oauth2-proxy/mockoidc"
)

// Provider is a running OpenID Connect provider on loopback.
type Provider struct {
	// Issuer is the issuer URL ("http://127.0.0.1:PORT/oidc"); its
	// discovery document is Issuer + "/.well-known/openid-configuration".
	Issuer string
	// ClientID and ClientSecret are the credentials of the one client it
	// knows (Synapse).
	ClientID, ClientSecret string
	// Name is what its sign-in page calls it.
	Name string

	m *mockoidc.MockOIDC

	mu      sync.Mutex
	signIns int
}

// Start runs a provider on addr, a loopback host:port ("" or
// "127.0.0.1:0" picks a free port). name is shown on its sign-in page.
func Start(addr, name string) (*Provider, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("oidcprovider: address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("oidcprovider: %q is not a loopback address; the test provider never listens beyond this computer", addr)
	}
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		return nil, fmt.Errorf("oidcprovider: %w", err)
	}
	p := &Provider{ClientID: m.ClientID, ClientSecret: m.ClientSecret, Name: name, m: m}
	if err := m.AddMiddleware(p.middleware); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("oidcprovider: %w", err)
	}
	if err := m.Start(ln, nil); err != nil {
		ln.Close()
		return nil, fmt.Errorf("oidcprovider: %w", err)
	}
	p.Issuer = m.Issuer()
	return p, nil
}

// Stop closes the listener.
func (p *Provider) Stop() error { return p.m.Shutdown() }

// SignIns counts the sign-ins completed on the provider's page.
func (p *Provider) SignIns() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.signIns
}

// Subject is the stable subject ("sub" claim) of the user who signs in as
// username: the same name always gives the same subject, so Synapse maps a
// second sign-in to the account the first one created.
func Subject(username string) string { return "hm-" + username }

// usernameParam carries the name typed on the sign-in page back to the
// authorize endpoint; mockoidc ignores parameters it does not know.
const usernameParam = "hm_username"

var validUsername = regexp.MustCompile(`^[a-z0-9._=/-]{1,64}$`)

func (p *Provider) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch r.URL.Path {
		case mockoidc.AuthorizationEndpoint:
			if err := r.ParseForm(); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			name := r.Form.Get(usernameParam)
			if name == "" || !validUsername.MatchString(name) {
				p.signInPage(w, r.Form, name)
				return
			}
			p.m.QueueUser(&mockoidc.MockUser{
				Subject:           Subject(name),
				PreferredUsername: name,
				Email:             name + "@provider.test",
				EmailVerified:     true,
			})
			p.signIns++
		case mockoidc.TokenEndpoint:
			// client_secret_basic, which mockoidc advertises but does
			// not read (RFC 6749 2.3.1: the parts are form-encoded).
			if id, secret, ok := r.BasicAuth(); ok {
				if err := r.ParseForm(); err != nil {
					http.Error(w, err.Error(), http.StatusBadRequest)
					return
				}
				uid, _ := url.QueryUnescape(id)
				usecret, _ := url.QueryUnescape(secret)
				r.Form.Set("client_id", uid)
				r.Form.Set("client_secret", usecret)
			}
		}
		next.ServeHTTP(w, r)
	})
}

// signInPage asks who is signing in; the form sends every authorization
// parameter back unchanged, plus the name.
func (p *Provider) signInPage(w http.ResponseWriter, form url.Values, typed string) {
	type hidden struct{ Name, Value string }
	var fields []hidden
	for k, vs := range form {
		if k == usernameParam {
			continue
		}
		for _, v := range vs {
			fields = append(fields, hidden{k, v})
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	signInTemplate.Execute(w, map[string]any{"Name": p.Name, "Fields": fields, "Typed": typed, "Param": usernameParam, "Action": mockoidc.AuthorizationEndpoint})
}

var signInTemplate = template.Must(template.New("signin").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to {{.Name}}</title></head>
<body><h1>Sign in to {{.Name}}</h1>
<p>This is a test identity provider on this computer. Type a username to sign in as.</p>
{{if .Typed}}<p id="provider-error">Use small letters, digits and . _ = - / only.</p>{{end}}
<form method="get" action="{{.Action}}">
{{range .Fields}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<label for="provider-username">Username</label>
<input id="provider-username" name="{{.Param}}" value="{{.Typed}}" autocomplete="username">
<button id="provider-signin" type="submit">Sign in</button>
</form></body></html>
`))
