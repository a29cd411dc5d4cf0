//go:build !wasm

package widgets

import (
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/site/sitetest"
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// The live client's widgets say nothing of their own: every sentence and
// label comes from the catalog of the page's language (app/words), so a
// translation is a data file. Two tests hold them to it: one reads the
// widgets' code for a sentence written in it, the other renders them and
// finds every word on the screen in the catalog.

// liveWidgetFiles are the widgets' files (the verification panel is
// worded apart while it is rewritten).
func liveWidgetFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("live_*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "account_status.go", "password_strength.go", "server_check.go")
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") && f != "live_verify.go" {
			out = append(out, f)
		}
	}
	return out
}

// shownArgs are the arguments, by position, that end up on the screen:
// go-app's text and the attributes read out or shown, and the widgets'
// own helpers that take a label.
var shownArgs = map[string][]int{
	"Text": {0}, "Title": {0}, "Placeholder": {0},
	"field": {1}, "textInput": {2}, "submitButton": {1, 2}, "busyText": {1, 2},
	"chapterLink": {2}, "serverGroup": {0}, "option": {1}, "newSSOChoices": {3},
}

// shownAttrs are the attributes (Aria, Attr) a reader sees or hears.
var shownAttrs = map[string]bool{"label": true, "aria-label": true, "title": true, "placeholder": true, "alt": true}

// TestLiveWidgetsWriteNoSentence: no string with a letter in it reaches
// the screen from the widgets' code; only symbols (⋯, 🔒) may.
func TestLiveWidgetsWriteNoSentence(t *testing.T) {
	for _, f := range liveWidgetFiles(t) {
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				name := calleeOf(n.Fun)
				var shown []int
				if name == "Aria" || name == "Attr" {
					if len(n.Args) == 2 && shownAttrs[literalOf(n.Args[0])] {
						shown = []int{1}
					}
				} else {
					shown = shownArgs[name]
				}
				for _, i := range shown {
					if i < len(n.Args) {
						if s, ok := sentenceIn(n.Args[i]); ok {
							t.Errorf("%s: %s is given %q, which is not from the catalog", f, name, s)
						}
					}
				}
			case *ast.CompositeLit:
				// passwordStrength{Label: ..., Advice: ...}
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && (k.Name == "Label" || k.Name == "Advice") {
							if s, ok := sentenceIn(kv.Value); ok {
								t.Errorf("%s: %s is %q, which is not from the catalog", f, k.Name, s)
							}
						}
					}
				}
			}
			return true
		})
	}
}

func calleeOf(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

func literalOf(e ast.Expr) string {
	if bl, ok := e.(*ast.BasicLit); ok && bl.Kind == token.STRING {
		s, _ := strconv.Unquote(bl.Value)
		return s
	}
	return ""
}

// sentenceIn finds a string literal with a letter in e, outside the calls
// in it (t.Say's key is a literal, and is checked as one by
// app/words/catalog_test.go).
func sentenceIn(e ast.Expr) (found string, ok bool) {
	ast.Inspect(e, func(n ast.Node) bool {
		if ok {
			return false
		}
		if _, call := n.(*ast.CallExpr); call {
			return false
		}
		if s := literalOf(asExpr(n)); strings.IndexFunc(s, unicode.IsLetter) >= 0 {
			found, ok = s, true
		}
		return true
	})
	return found, ok
}

func asExpr(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}

// catalogOf is every sentence of lang's catalog file (plural forms each
// on their own), English standing in for a language that has none yet,
// as words.For does.
func catalogOf(t *testing.T, lang string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "words", "messages", lang+".json"))
	if errors.Is(err, os.ErrNotExist) {
		data, err = os.ReadFile(filepath.Join("..", "words", "messages", words.English+".json"))
	}
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range raw {
		var s string
		if json.Unmarshal(r, &s) == nil {
			out = append(out, s)
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(r, &forms); err != nil {
			t.Fatal(err)
		}
		for _, s := range forms {
			out = append(out, s)
		}
	}
	return out
}

var (
	placeholderName = regexp.MustCompile(`\{[a-z_]+\}`)
	anyTag          = regexp.MustCompile(`<[^>]*>`)
	number          = regexp.MustCompile(`^[0-9]+`)
)

// sayable tells whether text came from the catalog: one of its sentences,
// or the words of one between two of its placeholders (the text around a
// link or a name the view put there), each placeholder filled with one of
// data (the names and addresses the test rendered), a number, or another
// sentence of the catalog.
type sayable struct {
	sentences [][]string // each split at its placeholders: text, "{}", text...
	data      []string
}

func newSayable(catalog, data []string) *sayable {
	s := &sayable{data: data}
	for _, c := range catalog {
		var parts []string
		at := 0
		for _, m := range placeholderName.FindAllStringIndex(c, -1) {
			parts = append(parts, c[at:m[0]], "{}")
			at = m[1]
		}
		s.sentences = append(s.sentences, append(parts, c[at:]))
	}
	return s
}

func (s *sayable) says(text string) bool {
	// go-app puts a line break around a text between elements.
	text = strings.TrimSpace(text)
	if slices.Contains(s.data, text) {
		return true
	}
	for _, parts := range s.sentences {
		// A run of parts that starts and ends at the sentence's ends or
		// next to a placeholder (an element's place).
		for i := 0; i < len(parts); i += 2 {
			for j := i; j < len(parts); j += 2 {
				run := slices.Clone(parts[i : j+1])
				run[0] = strings.TrimLeftFunc(run[0], unicode.IsSpace)
				run[len(run)-1] = strings.TrimRightFunc(run[len(run)-1], unicode.IsSpace)
				if slices.Contains(s.rests(text, run, 0), "") {
					return true
				}
			}
		}
	}
	return false
}

// rests are what can be left of text once parts matched its start.
func (s *sayable) rests(text string, parts []string, depth int) []string {
	if len(parts) == 0 {
		return []string{text}
	}
	if p := parts[0]; p != "{}" {
		if !strings.HasPrefix(text, p) {
			return nil
		}
		return s.rests(text[len(p):], parts[1:], depth)
	}
	var after []string
	for _, f := range append(s.data, number.FindString(text)) {
		if f != "" && strings.HasPrefix(text, f) {
			after = append(after, text[len(f):])
		}
	}
	if depth == 0 {
		// A sentence inside a sentence: "Strength: {strength}. {advice}".
		for _, inner := range s.sentences {
			for _, r := range s.rests(text, inner, depth+1) {
				if len(r) < len(text) {
					after = append(after, r)
				}
			}
		}
	}
	var out []string
	for _, a := range after {
		for _, r := range s.rests(a, parts[1:], depth) {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// shownWords are the text and the read-out attributes of a piece of
// HTML.
func shownWords(page string) []string {
	var out []string
	for _, text := range anyTag.Split(page, -1) {
		if text = html.UnescapeString(text); strings.TrimSpace(text) != "" {
			out = append(out, text)
		}
	}
	for _, tg := range sitetest.FindTags(page, "") {
		for name, v := range tg.Attrs {
			if shownAttrs[name] && v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// Names and addresses the widgets are given to show: theirs, not the
// catalog's.
const (
	testUser       = "@zoë:chat.test"
	testServerName = "chat.test"
	testRoom       = "Zoë's room"
	testWho        = "Zoë"
)

// TestLiveWidgetsSpeakTheCatalog renders the widgets in the states a test
// can reach without a server, in German, and finds every word shown in
// the German catalog (English while there is none).
func TestLiveWidgetsSpeakTheCatalog(t *testing.T) {
	const lang = "de"
	tw := words.For(lang)
	// The view model words its own lines (chat lines, invitations) in
	// the language it is given, as the server's pages do (LiveModel).
	m := live.New()
	m.SetLanguage(lang)
	now := time.Now()
	me := live.View{UserID: testUser, SignedIn: true}
	signUp := &live.SignUp{Step: live.StepEmailSent, Email: "zoe@chat.test", UserID: testUser,
		Message: testWho + " message", Hint: testWho + " hint", FallbackURL: "https://chat.test/step"}
	lines := []live.ChatLine{
		{Key: "$1", Sender: "@ann:chat.test", SenderName: testWho, Body: "hi", Time: now, Locked: true},
		{Key: "t1", Sender: testUser, Body: "hi", Own: true, State: live.StatePending},
		{Key: "t2", Sender: testUser, Body: "hi", Own: true, State: live.StateSending},
		{Key: "t3", Sender: testUser, Body: "hi", Own: true, State: live.StateSent},
		{Key: "t4", Sender: testUser, Body: "hi", Own: true, State: live.StateFailed, Error: testWho + " error"},
	}
	chat := newLiveChat(m, lang)
	chat.actions.leaving, chat.actions.menuFor = true, "$1"
	reporting := newLiveChat(m, lang)
	reporting.actions.reportFor = "$1"
	register := newRegisterForm(m, lang)
	register.password, register.busy = "abc", true
	editing := newRegisterForm(m, lang)
	editing.editEmail = true
	checks := map[string]*ServerCheck{}
	for state, err := range map[string]error{"unchecked": nil, "checking": nil, "failed": errors.New("x"), "today": nil} {
		c := NewServerCheck(testServerName, pages.SignupWay{Phrase: testWho + " phrase"})
		c.lang, c.model = lang, m
		switch state {
		case "checking":
			c.checking, c.checked = true, testServerName
		case "failed", "today":
			c.checked, c.err = testServerName, err
			c.verdict = live.Verdict{Headline: testWho + " headline", Short: testWho + " short",
				Link: "https://chat.test/signup", Signup: pages.SignupWay{Phrase: testWho + " phrase"}}
		}
		checks[state] = c
	}

	var boxes []app.UI
	for _, w := range append(pages.Widgets(), WidgetQuickStart) {
		boxes = append(boxes, NewLiveClient(m).Lang(lang).Widget(w))
	}
	views := map[string]app.UI{
		"signed out":        app.Div().Body(boxes...),
		"signed in":         newLoginForm(m, lang).renderSignedIn(tw, me),
		"restoring":         newLoginForm(m, lang).renderSignedIn(tw, live.View{UserID: testUser, Restoring: true}),
		"signed up":         newRegisterForm(m, lang).renderDone(tw, me, testWho+" done"),
		"password":          register.renderForm(tw, live.View{}, nil),
		"email sent":        register.renderEmailSent(tw, signUp),
		"email change":      editing.renderEmailSent(tw, signUp),
		"email field":       register.renderEmailField(tw, nil, false),
		"terms":             register.renderTerms(tw, []live.Policy{{ID: "privacy"}}, false),
		"browser step":      register.renderBrowserStep(tw, signUp),
		"not busy step":     editing.renderBrowserStep(tw, signUp),
		"checking server":   newServerPicker(m, lang).verdict(tw, live.View{Checking: true, ServerInput: testServerName}),
		"server verdict":    newServerPicker(m, lang).verdict(tw, live.View{Server: &live.Server{Name: testServerName, Verdict: live.Verdict{Headline: testWho + " headline", Link: "https://chat.test/signup", Details: []string{testWho + " detail"}}}}),
		"rooms":             app.Div().Body(newFirstMessage(m, lang).renderChooser(tw, live.View{UserID: testUser, Sandbox: &live.Sandbox{ServerName: testServerName, WelcomeAlias: "#welcome:chat.test"}})),
		"room list":         newRoomList(m, lang).renderRooms(tw, []live.RoomItem{{ID: "!a", Title: testRoom, Unread: 2}, {ID: "!b", Title: testRoom, Open: true}}),
		"ignored":           newRoomList(m, lang).renderIgnored(tw, []live.IgnoredPerson{{UserID: testUser}, {UserID: testUser, Name: testWho}}),
		"chat":              chat,
		"chat lines":        chat.renderLines(tw, lines),
		"chat leave":        chat.renderLeave(tw, live.View{Room: live.Room{Label: testRoom}}),
		"report":            reporting.renderReport(tw, "$1"),
		"invites":           newInviteBanner(m, lang).renderList(tw, []live.InviteView{{Invite: live.Invite{RoomID: "!a", Inviter: testUser}, Who: testWho, What: testRoom}, {Who: testWho, What: testRoom, Joining: true}, {Who: testWho, What: testRoom, Declining: true}}),
		"new recovery key":  newKeyBackup(m, lang).renderNewKey(tw, "EsTc 1234"),
		"encrypted":         encryptionNote(tw, true),
		"not encrypted":     encryptionNote(tw, false),
		"direct chat":       newDirectChatForm(m, lang),
		"server unchecked":  checks["unchecked"],
		"server checking":   checks["checking"],
		"server check fail": checks["failed"],
		"server today":      checks["today"],
	}
	var statuses []string
	for _, k := range []live.KeysView{{}, {BackupOn: true, KeysWaiting: 1}, {BackupOn: true, KeysWaiting: 5}, {BackupOn: true}} {
		statuses = append(statuses, backupLine(tw, k, false), setUpLabel(tw, k.BackupOn, false))
	}
	statuses = append(statuses, backupLine(tw, live.KeysView{BackupOn: true}, true), setUpLabel(tw, false, true))
	for _, pw := range []string{"abc", "password", "aaaaaaaaa", "abcdefgz", "purple-otter", "Purple-otter-7"} {
		r := ratePassword(tw, pw)
		statuses = append(statuses, r.Label, r.Advice)
	}

	said := newSayable(catalogOf(t, lang), []string{
		testUser, testServerName, testRoom, testWho, "zoe@chat.test", "#welcome:chat.test", "EsTc 1234", "hi",
		testWho + " message", testWho + " hint", testWho + " done", testWho + " error", testWho + " headline",
		testWho + " short", testWho + " detail", testWho + " phrase", "privacy", m.Message(errors.New("x")),
		live.ShortTime(now, time.Now()), live.FullTime(now), "@ann:chat.test",
		// The view model's own "Name (@id)" (app/live/room_list.go).
		live.IgnoredPerson{UserID: testUser, Name: testWho}.Label(),
	})
	for _, s := range pages.Servers() {
		said.data = append(said.data, s.Name)
	}
	for name, ui := range views {
		shown := shownWords(app.HTMLString(ui))
		if len(shown) == 0 {
			t.Errorf("%s: shows nothing", name)
		}
		for _, w := range shown {
			if !said.says(w) && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				t.Errorf("%s: %q is not from the catalog", name, w)
			}
		}
	}
	for _, s := range statuses {
		if !said.says(s) {
			t.Errorf("%q is not from the catalog", s)
		}
	}
}

// TestLiveWidgetsLinkInTheirLanguage: a German chapter's live box sends
// the reader on to German chapters.
func TestLiveWidgetsLinkInTheirLanguage(t *testing.T) {
	for widget, slugs := range map[string][]string{
		pages.WidgetFirstMessage: {"register", "login"},
		pages.WidgetKeyBackup:    {"login"},
	} {
		de := live.New()
		de.SetLanguage("de")
		page := app.HTMLString(NewLiveClient(de).Lang("de").Widget(widget))
		for _, slug := range slugs {
			want := ui.SitePath(pages.Localize("de", "/guide/"+slug))
			if !sitetest.HasTag(page, "a", "href", want) {
				t.Errorf("%s: no link to %s", widget, want)
			}
		}
		if sitetest.HasTag(page, "a", "href", ui.SitePath("/guide/"+slugs[0])) {
			t.Errorf("%s: links to the English chapter", widget)
		}
	}
}
