package oauthtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Metadata is the part of the server metadata (RFC 8414) the client uses.
type Metadata struct {
	Issuer                string `json:"issuer"`
	AuthorizationEndpoint string `json:"authorization_endpoint"`
	TokenEndpoint         string `json:"token_endpoint"`
	RegistrationEndpoint  string `json:"registration_endpoint"`
	RevocationEndpoint    string `json:"revocation_endpoint"`
}

// Error is an OAuth 2.0 error answer (RFC 6749 §5.2, RFC 7591 §3.2.2).
type Error struct {
	Status      int
	Code        string `json:"error"`
	Description string `json:"error_description"`
}

func (e *Error) Error() string {
	return fmt.Sprintf("oauth error %d %s: %s", e.Status, e.Code, e.Description)
}

// Tokens is what a finished sign-in gives.
type Tokens struct {
	ClientID     string
	DeviceID     string
	AccessToken  string
	RefreshToken string
	ExpiresIn    time.Duration
	Scope        string
}

// Client is one registered client of an authorization server.
type Client struct {
	Meta        Metadata
	ClientID    string
	RedirectURI string
	http        *http.Client
}

// Discover reads the issuer's metadata (issuer must end in "/", as the
// stand-in's and MAS's do).
func Discover(ctx context.Context, issuer string) (Metadata, error) {
	var m Metadata
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, issuer+".well-known/openid-configuration", nil)
	if err != nil {
		return m, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return m, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return m, fmt.Errorf("oauthtest: discovery at %s: %s", issuer, resp.Status)
	}
	return m, json.NewDecoder(resp.Body).Decode(&m)
}

// NativeRedirect is the redirect URI of the native loopback client that
// NewNativeClient registers. Nothing listens there: the client stops at the
// redirect and reads it.
const NativeRedirect = "http://127.0.0.1/oauthtest/callback"

// NewNativeClient discovers the issuer and registers a native client with a
// loopback redirect (RFC 8252 §7.3), which MAS's policy accepts in strict
// mode too: the shape of a desktop or command-line app.
func NewNativeClient(ctx context.Context, issuer string) (*Client, error) {
	m, err := Discover(ctx, issuer)
	if err != nil {
		return nil, err
	}
	id, err := Register(ctx, m.RegistrationEndpoint, map[string]any{
		"client_name":                "oauthtest",
		"client_uri":                 "https://oauthtest.hello-matrix.example/",
		"application_type":           "native",
		"redirect_uris":              []string{NativeRedirect},
		"grant_types":                []string{"authorization_code", "refresh_token"},
		"response_types":             []string{"code"},
		"token_endpoint_auth_method": "none",
	})
	if err != nil {
		return nil, err
	}
	return NewClient(m, id, NativeRedirect), nil
}

// NewClient is a client already registered as clientID with redirectURI.
func NewClient(m Metadata, clientID, redirectURI string) *Client {
	c := &Client{Meta: m, ClientID: clientID, RedirectURI: redirectURI}
	// Follow redirects within the authorization server (authorize → login
	// page) but stop at the client's redirect URI, as a browser would hand
	// that one to the app.
	c.http = &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if c.isCallback(req.URL) {
			return http.ErrUseLastResponse
		}
		if len(via) > 5 {
			return fmt.Errorf("oauthtest: too many redirects")
		}
		return nil
	}}
	return c
}

// Register posts client metadata (RFC 7591) and returns the client_id, or
// an *Error with the server's code.
func Register(ctx context.Context, endpoint string, meta any) (string, error) {
	var out struct {
		ClientID string `json:"client_id"`
	}
	b, _ := json.Marshal(meta)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	if err := doJSON(http.DefaultClient, req, http.StatusCreated, &out); err != nil {
		return "", err
	}
	return out.ClientID, nil
}

// doJSON sends req and decodes an answer with status want into out, or an
// OAuth error body into an *Error.
func doJSON(hc *http.Client, req *http.Request, want int, out any) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		e := &Error{Status: resp.StatusCode}
		if json.Unmarshal(b, e) != nil || e.Code == "" {
			return fmt.Errorf("oauthtest: %s %s: %s: %s", req.Method, req.URL.Path, resp.Status, b)
		}
		return e
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(b, out)
}

// isCallback reports whether u is the client's redirect URI, on any port
// (a native client's loopback redirect may use any, RFC 8252 §7.3).
func (c *Client) isCallback(u *url.URL) bool {
	r, err := url.Parse(c.RedirectURI)
	return err == nil && u.Scheme == r.Scheme && u.Hostname() == r.Hostname() && u.Path == r.Path
}

// postForm sends a form to an endpoint and decodes the answer.
func (c *Client) postForm(ctx context.Context, endpoint string, form url.Values, want int, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return doJSON(c.http, req, want, out)
}

type tokenJSON struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	Scope        string `json:"scope"`
}

func (c *Client) tokens(ctx context.Context, form url.Values) (Tokens, error) {
	form.Set("client_id", c.ClientID)
	var t tokenJSON
	if err := c.postForm(ctx, c.Meta.TokenEndpoint, form, http.StatusOK, &t); err != nil {
		return Tokens{}, err
	}
	if t.TokenType != "Bearer" || t.AccessToken == "" {
		return Tokens{}, fmt.Errorf("oauthtest: token answer without a bearer access token: %+v", t)
	}
	return Tokens{ClientID: c.ClientID, DeviceID: deviceOf(t.Scope), AccessToken: t.AccessToken,
		RefreshToken: t.RefreshToken, ExpiresIn: time.Duration(t.ExpiresIn) * time.Second, Scope: t.Scope}, nil
}

// Exchange trades a code and its verifier for tokens (RFC 6749 §4.1.3).
func (c *Client) Exchange(ctx context.Context, code, verifier string) (Tokens, error) {
	return c.tokens(ctx, url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"code_verifier": {verifier}, "redirect_uri": {c.RedirectURI}})
}

// Refresh trades a refresh token for a new pair (RFC 6749 §6).
func (c *Client) Refresh(ctx context.Context, refreshToken string) (Tokens, error) {
	return c.tokens(ctx, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}})
}

// Revoke revokes a token (RFC 7009); hint is "access_token",
// "refresh_token" or "".
func (c *Client) Revoke(ctx context.Context, token, hint string) error {
	form := url.Values{"token": {token}, "client_id": {c.ClientID}}
	if hint != "" {
		form.Set("token_type_hint", hint)
	}
	return c.postForm(ctx, c.Meta.RevocationEndpoint, form, http.StatusOK, nil)
}

// deviceOf finds the device ID in a granted scope.
func deviceOf(scope string) string {
	for _, s := range strings.Fields(scope) {
		for _, p := range []string{"urn:matrix:client:device:", "urn:matrix:org.matrix.msc2967.client:device:"} {
			if id, ok := strings.CutPrefix(s, p); ok {
				return id
			}
		}
	}
	return ""
}

// Random returns n random bytes in base64url: verifiers, states, device IDs.
func Random(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Challenge is the S256 code challenge of a verifier (RFC 7636 §4.2).
func Challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// Introspect asks the issuer's introspection endpoint about a token with
// the shared secret, as Synapse does, and returns the status and answer.
func Introspect(ctx context.Context, issuer, secret, token string) (int, map[string]any, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, issuer+"oauth2/introspect", strings.NewReader(url.Values{"token": {token}}.Encode()))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	return resp.StatusCode, out, json.NewDecoder(resp.Body).Decode(&out)
}
