package oauthtest

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// Request is one authorization request. Zero fields get the values a
// well-behaved Matrix client sends: a random 16-character device ID, the
// API and device scopes, a random state and verifier, S256.
type Request struct {
	DeviceID     string
	Scope        string // "" means the client API scope and the device's
	State        string
	Verifier     string
	Method       string // code_challenge_method; "" means S256, "-" omits it
	Challenge    string // "" means derived from Verifier and Method
	ResponseMode string // "" means query
	Prompt       string // "create" for sign-up
	RedirectURI  string // "" means the client's
	LoginHint    string // a Matrix user ID, sent as login_hint=mxid:<id>
}

// Step is where the authorization server left the browser: on one of its
// pages, or sent back to the client's redirect URI.
type Step struct {
	Page     *Page
	Callback url.Values // the redirect's parameters (query or fragment)
}

// Page is an HTML page of the authorization server.
type Page struct {
	Status int
	URL    *url.URL
	Title  string // the h1
	Error  string // the #error sentence, if any
	Action string // the form's target, if the page has a form
	Grant  string // the form's hidden grant field
	HTML   string
}

// Begin sends the authorization request (filling in r's defaults, which it
// returns) and follows the server to its page.
func (c *Client) Begin(ctx context.Context, r *Request) (*Step, error) {
	if r.DeviceID == "" {
		r.DeviceID = Random(12)
	}
	if r.Scope == "" {
		r.Scope = "urn:matrix:client:api:* urn:matrix:client:device:" + r.DeviceID
	}
	if r.State == "" {
		r.State = Random(12)
	}
	if r.Verifier == "" {
		r.Verifier = Random(32)
	}
	if r.Method == "" {
		r.Method = "S256"
	}
	if r.Challenge == "" {
		r.Challenge = Challenge(r.Verifier)
		if r.Method == "plain" {
			r.Challenge = r.Verifier
		}
	}
	if r.RedirectURI == "" {
		r.RedirectURI = c.RedirectURI
	}
	q := url.Values{
		"client_id": {c.ClientID}, "response_type": {"code"}, "redirect_uri": {r.RedirectURI},
		"scope": {r.Scope}, "state": {r.State}, "code_challenge": {r.Challenge},
	}
	if r.Method != "-" {
		q.Set("code_challenge_method", r.Method)
	}
	if r.ResponseMode != "" {
		q.Set("response_mode", r.ResponseMode)
	}
	if r.Prompt != "" {
		q.Set("prompt", r.Prompt)
	}
	if r.LoginHint != "" {
		q.Set("login_hint", "mxid:"+r.LoginHint)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Meta.AuthorizationEndpoint+"?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	return c.step(req)
}

// Open follows an authorization URL another library built (mautrix's
// OAuthGetAuthorizationURL, say) to the server's page or back to the client.
func (c *Client) Open(ctx context.Context, authorizationURL string) (*Step, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authorizationURL, nil)
	if err != nil {
		return nil, err
	}
	return c.step(req)
}

// Submit posts a page's form with the given fields (username, password,
// password2, action=cancel) and the page's grant.
func (c *Client) Submit(ctx context.Context, p *Page, fields url.Values) (*Step, error) {
	if p.Action == "" {
		return nil, fmt.Errorf("oauthtest: the page %s has no form (%s)", p.URL, p.Error)
	}
	form := url.Values{"grant": {p.Grant}}
	for k, v := range fields {
		form[k] = v
	}
	target := p.URL.ResolveReference(&url.URL{Path: p.Action})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.step(req)
}

func (c *Client) step(req *http.Request) (*Step, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 == 3 {
		loc, err := resp.Location()
		if err != nil {
			return nil, err
		}
		if !c.isCallback(loc) {
			return nil, fmt.Errorf("oauthtest: redirected to %s, neither a page nor the client", loc)
		}
		v := loc.Query()
		if f := loc.EscapedFragment(); f != "" {
			if v, err = url.ParseQuery(f); err != nil {
				return nil, err
			}
		}
		return &Step{Callback: v}, nil
	}
	return &Step{Page: parsePage(resp.StatusCode, resp.Request.URL, string(body))}, nil
}

var (
	reTitle  = regexp.MustCompile(`<h1>([^<]*)</h1>`)
	reError  = regexp.MustCompile(`id="error"[^>]*>([^<]*)<`)
	reAction = regexp.MustCompile(`<form method="post" action="([^"]*)"`)
	reGrant  = regexp.MustCompile(`name="grant" value="([^"]*)"`)
)

func parsePage(status int, u *url.URL, body string) *Page {
	find := func(re *regexp.Regexp) string {
		if m := re.FindStringSubmatch(body); m != nil {
			return html.UnescapeString(m[1])
		}
		return ""
	}
	return &Page{Status: status, URL: u, Title: find(reTitle), Error: find(reError),
		Action: find(reAction), Grant: find(reGrant), HTML: body}
}

// PageError is a sign-in that ended on the server's page instead of back at
// the client: a wrong password, a taken name, an error page.
type PageError struct{ Page *Page }

func (e *PageError) Error() string {
	return fmt.Sprintf("oauthtest: stopped on %q (%d): %s", e.Page.Title, e.Page.Status, e.Page.Error)
}

// CallbackError is an authorization error redirected back to the client.
type CallbackError struct{ Code, Description, State string }

func (e *CallbackError) Error() string {
	return fmt.Sprintf("oauthtest: authorization refused: %s: %s", e.Code, e.Description)
}

// Code checks a step that should have come back with a code for state and
// returns it; anything else is a *PageError or *CallbackError.
func (s *Step) Code(state string) (string, error) {
	if s.Page != nil {
		return "", &PageError{s.Page}
	}
	if e := s.Callback.Get("error"); e != "" {
		return "", &CallbackError{e, s.Callback.Get("error_description"), s.Callback.Get("state")}
	}
	if got := s.Callback.Get("state"); got != state {
		return "", fmt.Errorf("oauthtest: state %q came back, %q was sent", got, state)
	}
	if s.Callback.Get("code") == "" {
		return "", errors.New("oauthtest: the redirect has neither code nor error")
	}
	return s.Callback.Get("code"), nil
}

// Credentials fills a sign-in (signup false) or sign-up form.
func Credentials(username, password string, signup bool) url.Values {
	v := url.Values{"username": {username}, "password": {password}}
	if signup {
		v.Set("password2", password)
	}
	return v
}

// SignIn does the whole flow against issuer as a fresh native client: it
// signs up (signup true, prompt=create) or signs in as username, and
// returns the tokens. Each call is a new device.
func SignIn(ctx context.Context, issuer, username, password string, signup bool) (Tokens, error) {
	c, err := NewNativeClient(ctx, issuer)
	if err != nil {
		return Tokens{}, err
	}
	return c.SignIn(ctx, username, password, signup)
}

// SignIn is the whole flow with this client.
func (c *Client) SignIn(ctx context.Context, username, password string, signup bool) (Tokens, error) {
	r := &Request{}
	if signup {
		r.Prompt = "create"
	}
	st, err := c.Begin(ctx, r)
	if err != nil {
		return Tokens{}, err
	}
	if st.Page == nil {
		_, err := st.Code(r.State)
		return Tokens{}, err
	}
	if st, err = c.Submit(ctx, st.Page, Credentials(username, password, signup)); err != nil {
		return Tokens{}, err
	}
	code, err := st.Code(r.State)
	if err != nil {
		return Tokens{}, err
	}
	return c.Exchange(ctx, code, r.Verifier)
}
