package pages_test

import (
	"errors"
	"strings"
	"testing"

	"hellomatrix/internal/serversfeed"
	"hellomatrix/pages"
)

// The snapshot's open servers, written in the live feed's shape, come back
// as the same rows.
func TestServerFeedMapsEveryField(t *testing.T) {
	entries := serversfeed.Good("")
	res, err := pages.ParseServerFeed(serversfeed.Document(entries...))
	if err != nil {
		t.Fatal(err)
	}
	if err := pages.CheckFeed(res); err != nil {
		t.Fatalf("a good feed was refused: %v (dropped: %v)", err, res.Dropped)
	}
	if res.Listed != len(entries) || len(res.Servers) != len(entries) || len(res.Dropped) != 0 {
		t.Fatalf("listed %d, kept %d of %d, dropped %v", res.Listed, len(res.Servers), len(entries), res.Dropped)
	}
	byName := map[string]pages.Server{}
	for _, s := range pages.Servers() {
		byName[s.Name] = s
	}
	for _, got := range res.Servers {
		want := byName[got.Name]
		e := serversfeed.FromServer(want)
		if got.Domain != want.Domain || got.Jurisdiction != want.Jurisdiction || got.Remarks != want.Remarks ||
			got.Registration != want.Registration || got.Software != want.Software || got.Version != want.Version ||
			got.Captcha != want.Captcha || got.EmailRequired != want.EmailRequired || !got.Open ||
			got.Website != e.Website || got.TermsURL != e.Rules || got.PrivacyURL != e.Privacy || got.SignupURL != e.RegLink {
			t.Errorf("%s: mapped as %+v, snapshot has %+v", got.Name, got, want)
		}
		if got.SignupWay() != want.SignupWay() {
			t.Errorf("%s: the directory would say %q, the snapshot says %q", got.Name, got.SignupWay().Phrase, want.SignupWay().Phrase)
		}
	}
}

// One bad entry is dropped with its reason; the others stay.
func TestServerFeedDropsBadEntries(t *testing.T) {
	good := serversfeed.Good("")
	base := func() map[string]any {
		return map[string]any{"name": "bad.example", "client_domain": "matrix.bad.example", "reg_method": "In-house Element",
			"software": "Synapse", "version": "1.0", "captcha": false, "email": true}
	}
	with := func(k string, v any) map[string]any { m := base(); m[k] = v; return m }
	without := func(keys ...string) map[string]any {
		m := base()
		for _, k := range keys {
			delete(m, k)
		}
		return m
	}
	cases := map[string]any{
		"javascript: website":    with("website", "javascript:alert(1)"),
		"http sign-up link":      with("reg_link", "http://element.bad.example"),
		"data: rules":            with("rules", "data:text/html,<script>alert(1)</script>"),
		"credentials in a link":  with("privacy", "https://user:pw@bad.example/p"),
		"name is a number":       with("name", 42),
		"name is an object":      with("name", map[string]any{"en": "x"}),
		"captcha is a string":    with("captcha", "yes"),
		"email is a number":      with("email", 1),
		"domain is a URL":        with("client_domain", "https://matrix.bad.example/"),
		"domain has a space":     with("client_domain", "matrix bad.example"),
		"bidi override in name":  with("name", "moc.\u202Eevil"),
		"newline in remarks":     with("description", "line\nbreak\x07"),
		"huge description":       with("description", strings.Repeat("x", 5000)),
		"no name nor address":    without("name", "client_domain", "server_domain"),
		"not an object":          "just a string",
		"a list, not an object":  []any{1, 2},
		"same server twice":      serversfeed.FromServer(pages.Servers()[0]),
		"broken port in address": with("client_domain", "matrix.bad.example:http"),
	}
	entries := append([]any{}, good...)
	for _, c := range cases {
		entries = append(entries, c)
	}
	// Markup in a name is not a reason to drop it: it is only ever shown as
	// text, so it is kept exactly as written.
	markup := with("name", `<img src=x onerror=alert(1)>`)
	entries = append(entries, markup)

	res, err := pages.ParseServerFeed(serversfeed.Document(entries...))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Dropped) != len(cases) {
		t.Errorf("dropped %d entries, want %d: %v", len(res.Dropped), len(cases), strings.Join(res.Dropped, "\n"))
	}
	if len(res.Servers) != len(good)+1 {
		t.Errorf("kept %d entries, want the %d good ones and the one with markup", len(res.Servers), len(good)+1)
	}
	for _, s := range res.Servers {
		if p := pages.ServerProblem(s); p != "" {
			t.Errorf("%s was kept but %s", s.Name, p)
		}
	}
	if last := res.Servers[len(res.Servers)-1]; last.Name != `<img src=x onerror=alert(1)>` {
		t.Errorf("the name with markup became %q", last.Name)
	}
	if err := pages.CheckFeed(res); err != nil {
		t.Errorf("a feed with a few bad entries among many good ones was refused: %v", err)
	}
}

// Feeds that must not replace the list on show.
func TestServerFeedRefused(t *testing.T) {
	good := serversfeed.Good("")
	for name, c := range map[string]struct {
		raw     string
		parse   error // from ParseServerFeed
		refused bool  // by CheckFeed
	}{
		"not JSON":             {raw: `<html>502 Bad Gateway</html>`, parse: pages.ErrFeedNotJSON},
		"cut short":            {raw: string(serversfeed.Document(good...))[:500], parse: pages.ErrFeedNotJSON},
		"no list":              {raw: `{"servers": []}`, parse: pages.ErrFeedNoList},
		"list of wrong type":   {raw: `{"public_servers": {"a": 1}}`, parse: pages.ErrFeedNoList},
		"a bare list":          {raw: `[1, 2, 3]`, parse: pages.ErrFeedNoList},
		"empty list":           {raw: `{"public_servers": []}`, refused: true},
		"a few entries":        {raw: string(serversfeed.Document(good[:5]...)), refused: true},
		"mostly broken":        {raw: string(serversfeed.Document(append(good[:25:25], repeat(map[string]any{"name": 1}, 30)...)...)), refused: true},
		"required fields gone": {raw: string(serversfeed.Document(repeat(map[string]any{"software": "Synapse"}, 60)...)), refused: true},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := pages.ParseServerFeed([]byte(c.raw))
			if c.parse != nil {
				if !errors.Is(err, c.parse) {
					t.Fatalf("got %v, want %v", err, c.parse)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := pages.CheckFeed(res); (err != nil) != c.refused {
				t.Errorf("CheckFeed: %v, want refused=%v", err, c.refused)
			} else if err != nil && !strings.HasPrefix(err.Error(), "it ") && !strings.HasPrefix(err.Error(), "only ") {
				t.Errorf("the reason %q does not finish the sentence the page shows", err)
			}
		})
	}
}

// A server that does not use Matrix's own sign-up is signed up for on its
// own page, whatever its app.
func TestServerFeedCustomSignup(t *testing.T) {
	e := serversfeed.FromServer(pages.Servers()[0])
	e.UsingVanillaReg = false
	res, _ := pages.ParseServerFeed(serversfeed.Document(e))
	if len(res.Servers) != 1 || res.Servers[0].Registration != pages.RegForm || res.Servers[0].SignupWay().InPage {
		t.Fatalf("got %+v", res.Servers)
	}
}

func repeat(v any, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = v
	}
	return out
}
