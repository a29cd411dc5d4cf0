package matrix

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/oauth"
)

// Server is a Matrix homeserver found by Discover: where its client API
// lives and which ways of signing in and signing up it offers. Login and
// Register take it, so discovery runs once per server the reader types.
type Server struct {
	// Input is what the reader typed, trimmed.
	Input string
	// Name is the server name: the part after the colon in user IDs on it
	// ("matrix.org" in @alice:matrix.org). For an address typed with a path
	// it is the host, a best guess until a login reveals the real one.
	Name string
	// BaseURL is the client API address, without trailing slash, e.g.
	// "https://matrix-client.matrix.org". It may differ from Name: the
	// server's .well-known file said where to go.
	BaseURL string
	// ViaWellKnown is true when BaseURL came from /.well-known/matrix/client.
	ViaWellKnown bool
	// Versions are the Matrix specification versions it supports ("v1.2").
	Versions []string
	// Auth lists its ways of signing in and signing up.
	Auth AuthInfo
}

// AuthInfo says how a reader can get an account on a server and sign in,
// in facts the widget turns into plain sentences (see Server.Describe).
type AuthInfo struct {
	// LoginFlows are the raw login types from GET /login, for the curious.
	LoginFlows []string
	// PasswordLogin: username and password work (m.login.password).
	PasswordLogin bool
	// SSO: the server offers "sign in with ..." buttons (m.login.sso), done
	// on the server's web pages; IdentityProviders names them if it said.
	SSO               bool
	IdentityProviders []IdentityProvider

	// OAuth: the server uses OAuth 2.0 next-generation auth (it answered
	// GET /auth_metadata). OAuthIssuer is its sign-in service and
	// OAuthAccountURL the page to manage (or create) an account, if given.
	OAuth           bool
	OAuthIssuer     string
	OAuthAccountURL string
	// OAuthOnly: OAuth is the only way in (no password login). The guide
	// cannot sign in inline then; Login and Register return KindOAuthOnly.
	OAuthOnly bool
	// OAuthInPage: the guide can do the OAuth 2.0 sign-in itself (it can
	// register as a client and do the code grant with PKCE; see
	// oauth_authorize.go). OAuthSignup: the server's page also creates
	// accounts (it offers prompt=create).
	OAuthInPage bool
	OAuthSignup bool

	// RegistrationOpen: POST /register offers at least one flow.
	// RegistrationClosed: the server said no new accounts (403). Both false
	// means we could not tell (the probe failed, e.g. rate limited).
	RegistrationOpen   bool
	RegistrationClosed bool
	// RegistrationFlows are the stage lists the server offered, raw.
	RegistrationFlows [][]string
	// CanRegisterInline: one flow has only stages the guide does itself
	// (dummy, terms, registration token, email); RegistrationStages is that flow.
	CanRegisterInline  bool
	RegistrationStages []string
	// RegistrationNeedsToken / RegistrationNeedsTerms: the inline flow asks
	// for an invitation token / for accepting the policies in Terms.
	RegistrationNeedsToken bool
	RegistrationNeedsTerms bool
	Terms                  []Policy
	// RegistrationNeedsEmail: the inline flow checks an email address
	// (a link mailed to it; see register_email.go).
	RegistrationNeedsEmail bool
	// RegistrationNeedsBrowser: sign-up is open but every flow has a step
	// (captcha, phone, single sign-on...) done on the server's own
	// page; Register then returns that page's address (FallbackURL).
	RegistrationNeedsBrowser bool
	// SignupURL is where to create an account outside the guide when the
	// server says so (OAuth account page or issuer); may be empty.
	SignupURL string
}

// IdentityProvider is one "sign in with ..." option of an SSO login flow.
type IdentityProvider struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Brand string `json:"brand,omitempty"`
	Icon  string `json:"icon,omitempty"`
}

// wellKnownMaxSize bounds the .well-known body; real ones are tiny.
const wellKnownMaxSize = 64 * 1024

// Discover finds the Matrix server behind what a reader typed: a server name
// ("matrix.org"), an address ("https://matrix.org/"), or a full user ID
// ("@alice:matrix.org"). It follows /.well-known/matrix/client, checks that
// a Matrix server answers /_matrix/client/versions, and asks which ways of
// signing in and up it offers. Errors are *Error with a reader-facing
// Message: KindBadServerName, KindBadWellKnown, KindNotMatrix,
// KindUnreachable, KindCORS (browser only), KindNetworkDown...
func Discover(ctx context.Context, input string) (*Server, error) {
	t, err := parseServerInput(input)
	if err != nil {
		return nil, err
	}
	srv := &Server{Input: strings.TrimSpace(input), Name: t.name}

	base := t.explicit
	if base == "" {
		base = t.scheme + "://" + t.name
		wk, err := fetchWellKnown(ctx, t)
		if err != nil {
			return nil, err
		}
		if wk != "" {
			base, srv.ViaWellKnown = wk, true
		}
	}
	srv.BaseURL = strings.TrimRight(base, "/")

	api, err := newAPI(srv.BaseURL)
	if err != nil {
		return nil, badServerName(srv.Input, err)
	}
	versions, err := api.Versions(ctx)
	if err == nil && (versions == nil || len(versions.Versions) == 0) {
		// JSON, but not the answer of a Matrix server (e.g. "{}").
		err = notMatrix(hostOfURL(srv.BaseURL), errors.New("/versions lists no versions"))
	}
	if err != nil {
		cerr := classify(err, opDiscover)
		if KindOf(cerr) == KindUnreachable && runtime.GOOS == "js" {
			cerr = refineBrowserFailure(ctx, srv.BaseURL, cerr)
		}
		if srv.ViaWellKnown && KindOf(cerr) != KindCanceled && KindOf(cerr) != KindNetworkDown && KindOf(cerr) != KindCORS {
			// FAIL_ERROR in the spec's discovery algorithm: the name is
			// fine, but what its .well-known points at is not a server.
			return nil, &Error{Kind: KindBadWellKnown, Reason: ReasonWellKnownDeadEnd, Server: t.name, Address: srv.BaseURL, Err: cerr}
		}
		return nil, cerr
	}
	for _, v := range versions.Versions {
		srv.Versions = append(srv.Versions, v.String())
	}

	probeAuth(ctx, api, srv)
	return srv, nil
}

// refineBrowserFailure tries to tell "the server is down" from "the server
// does not allow web apps" after fetch failed in the browser. See probeCORS.
func refineBrowserFailure(ctx context.Context, base string, cerr error) error {
	if browserOffline() {
		return cerr
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if probeCORS(pctx, base+"/_matrix/client/versions") {
		return &Error{Kind: KindCORS, Server: hostOfURL(base), Err: cerr}
	}
	return cerr
}

// What is wrong with a server's .well-known file (KindBadWellKnown, with
// the server's name in Server).
const (
	ReasonWellKnownDeadEnd  Reason = "well_known_dead_end" // it points (Address) where no server answers
	ReasonWellKnownTooLarge Reason = "well_known_too_large"
	ReasonWellKnownDamaged  Reason = "well_known_damaged"   // not JSON
	ReasonWellKnownNoServer Reason = "well_known_no_server" // no m.homeserver.base_url
	ReasonWellKnownNotURL   Reason = "well_known_not_url"   // base_url is not a web address
	ReasonWellKnownInsecure Reason = "well_known_insecure"  // base_url is plain http on a public host
)

// fetchWellKnown implements the client .well-known lookup. It returns the
// base URL it names, "" when there is none to follow, or a KindBadWellKnown
// error when the file exists but is broken.
//
// It is more lenient than the spec's FAIL_PROMPT in one respect: an HTML
// page, or an error status other than 404, is treated as "no .well-known".
// Ordinary websites answer every path with their home page or an error
// page, and for a reader who typed a website's name the helpful message is
// the later "this is not a Matrix server", not "its .well-known is broken".
func fetchWellKnown(ctx context.Context, t target) (string, error) {
	u := t.scheme + "://" + t.name + "/.well-known/matrix/client"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", badServerName(t.name, err)
	}
	if runtime.GOOS != "js" {
		req.Header.Set("Accept", "application/json")
	}
	res, err := send(httpClient, req)
	if err != nil {
		if ctx.Err() != nil {
			return "", classify(ctx.Err(), opDiscover)
		}
		// No .well-known reachable (or, in a browser, not readable for
		// lack of CORS headers): carry on with the name itself, whose
		// /versions check gives the precise message if it also fails.
		return "", nil
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return "", nil
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, wellKnownMaxSize+1))
	if err != nil {
		return "", nil
	}
	bad := func(why Reason, cause error) error {
		return &Error{Kind: KindBadWellKnown, Reason: why, Server: t.name, Err: cause}
	}
	if len(body) > wellKnownMaxSize {
		return "", bad(ReasonWellKnownTooLarge, errors.New(".well-known too large"))
	}
	trimmed := strings.TrimSpace(string(body))
	mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if mt == "text/html" || strings.HasPrefix(trimmed, "<") || trimmed == "" {
		return "", nil // a web page, not a settings file: see above
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(body, &doc); err != nil {
		return "", bad(ReasonWellKnownDamaged, err)
	}
	var hs struct {
		BaseURL *string `json:"base_url"`
	}
	raw, ok := doc["m.homeserver"]
	if ok {
		if err := json.Unmarshal(raw, &hs); err != nil {
			ok = false
		}
	}
	if !ok || hs.BaseURL == nil || strings.TrimSpace(*hs.BaseURL) == "" {
		return "", bad(ReasonWellKnownNoServer, errors.New("m.homeserver.base_url missing"))
	}
	base := strings.TrimSpace(*hs.BaseURL)
	bu, err := url.Parse(base)
	if err != nil || (bu.Scheme != "https" && bu.Scheme != "http") || bu.Host == "" {
		return "", bad(ReasonWellKnownNotURL, fmt.Errorf("base_url %q", base))
	}
	if bu.Scheme == "http" && !isLoopbackHost(bu.Hostname()) {
		return "", bad(ReasonWellKnownInsecure, fmt.Errorf("base_url %q is plain http", base))
	}
	return strings.TrimRight(base, "/"), nil
}

// probeAuth fills srv.Auth. The three probes run in parallel (each is one
// round trip the reader waits for). A failed probe leaves its part unknown
// rather than failing discovery: the server is a working Matrix server.
func probeAuth(ctx context.Context, api *mautrix.Client, srv *Server) {
	var (
		wg      sync.WaitGroup
		flows   loginFlows
		flowErr error
		meta    *oauth.ServerMetadata
		uia     *uiaResponse
		regErr  error
	)
	wg.Add(3)
	go func() { defer wg.Done(); flows, flowErr = getLoginFlows(ctx, api) }()
	go func() { defer wg.Done(); meta = getAuthMetadata(ctx, api) }()
	go func() { defer wg.Done(); uia, regErr = probeRegister(ctx, api) }()
	wg.Wait()

	a := &srv.Auth
	if flowErr == nil {
		for _, f := range flows.Flows {
			a.LoginFlows = append(a.LoginFlows, f.Type)
			switch f.Type {
			case "m.login.password":
				a.PasswordLogin = true
			case StageSSO, "m.login.cas":
				a.SSO = true
				a.IdentityProviders = append(a.IdentityProviders, f.IdentityProviders...)
			}
		}
	}
	if meta != nil {
		a.OAuth = true
		a.OAuthIssuer = meta.Issuer
		a.OAuthAccountURL = meta.AccountManagementURI
		a.OAuthOnly = !a.PasswordLogin
		a.SignupURL = oauthSignupURL(meta)
		a.OAuthInPage = oauthInPage(meta)
		a.OAuthSignup = slices.Contains(meta.PromptValuesSupported, oauth.PromptValueCreate)
	}
	switch {
	case uia != nil && len(uia.Flows) > 0:
		a.RegistrationOpen = true
		for _, f := range uia.Flows {
			a.RegistrationFlows = append(a.RegistrationFlows, f.Stages)
		}
		if flow, ok := chooseFlow(uia.Flows, false); ok {
			a.CanRegisterInline = true
			a.RegistrationStages = flow
			for _, s := range flow {
				switch s {
				case stageToken, stageTokenUnstable:
					a.RegistrationNeedsToken = true
				case stageTerms:
					a.RegistrationNeedsTerms = true
					a.Terms = parsePolicies(uia.Params[stageTerms])
				case stageEmail:
					a.RegistrationNeedsEmail = true
				}
			}
		} else {
			a.RegistrationNeedsBrowser = true
			if flow, ok := chooseFlow(uia.Flows, true); ok {
				a.RegistrationStages = flow
			}
		}
	case regErr != nil:
		switch KindOf(regErr) {
		case KindRegistrationClosed:
			a.RegistrationClosed = true
		case KindNotMatrix, KindUnsupported:
			// An OAuth server (or a very minimal one) has no /register.
			a.RegistrationClosed = !a.OAuth
		}
	}
}

// loginFlows is GET /login's answer, with SSO identity providers, which
// mautrix's LoginFlow does not carry.
type loginFlows struct {
	Flows []struct {
		Type              string             `json:"type"`
		IdentityProviders []IdentityProvider `json:"identity_providers,omitempty"`
	} `json:"flows"`
}

func getLoginFlows(ctx context.Context, api *mautrix.Client) (loginFlows, error) {
	var lf loginFlows
	_, err := api.MakeRequest(ctx, http.MethodGet, api.BuildClientURL("v3", "login"), nil, &lf)
	return lf, classify(err, opDiscover)
}

// probeRegister is discovery's "are sign-ups open?" question: POST /register
// with an empty body. 401 with flows means open (and lists the stages);
// 403 means closed. It creates nothing on the server.
func probeRegister(ctx context.Context, api *mautrix.Client) (*uiaResponse, error) {
	_, uia, err := postRegister(ctx, api, registerBody{})
	return uia, err
}
