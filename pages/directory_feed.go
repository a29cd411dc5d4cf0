package pages

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ServersFeedURL is where the community list the snapshot came from is kept
// current. The directory reads it when the reader is online; a host can
// point the guide elsewhere (`app serve -servers-feed`), which is how the
// tests serve feeds of their own on loopback.
const ServersFeedURL = "https://servers.joinmatrix.org/servers.json"

// Limits on one feed entry's text. The live list is written by many hands;
// anything longer than these is not a server's name or a short remark but
// an attempt to swamp the table.
const (
	maxFeedName    = 100
	maxFeedRemarks = 300
	maxFeedURL     = 500
	maxFeedShort   = 80 // country, software, version
)

// MinFeedServers is the fewest usable entries a feed must have to replace the
// list on show. The snapshot has 79 and the community list has only grown;
// a feed with a handful of entries was cut short somewhere.
const MinFeedServers = 20

// FeedResult is a feed read and checked entry by entry.
type FeedResult struct {
	Servers []Server // the entries that passed every check, in feed order
	Listed  int      // entries in the feed, usable or not
	Dropped []string // why each dropped entry was dropped, one sentence each
}

// FeedProblem is why a whole feed was refused. The directory words it in
// the page's language from its Kind; its Error is the English, which
// finishes the sentence "the live list could not be read: …".
type FeedProblem struct {
	Kind FeedProblemKind
	// Usable of Listed entries could be used (FeedTooFew, FeedMostlyBroken).
	Usable, Listed int
}

// FeedProblemKind names one way a feed is refused.
type FeedProblemKind string

const (
	FeedNotJSON      FeedProblemKind = "not-json"
	FeedNoList       FeedProblemKind = "no-list"
	FeedTooLarge     FeedProblemKind = "too-large"
	FeedEmpty        FeedProblemKind = "empty"
	FeedTooFew       FeedProblemKind = "too-few"
	FeedMostlyBroken FeedProblemKind = "mostly-broken"
)

func (p *FeedProblem) Error() string {
	switch p.Kind {
	case FeedNotJSON:
		return "it is not a valid list (its JSON is broken)"
	case FeedNoList:
		return "it has no list of servers in it"
	case FeedTooLarge:
		return "it is far larger than a list of servers should be"
	case FeedEmpty:
		return "it lists no servers at all"
	case FeedTooFew:
		return fmt.Sprintf("only %d of its %d entries could be used, too few to trust", p.Usable, p.Listed)
	}
	return fmt.Sprintf("only %d of its %d entries could be used, so it looks broken", p.Usable, p.Listed)
}

// ErrFeed* are the refusals that carry no figures.
var (
	ErrFeedNotJSON  error = &FeedProblem{Kind: FeedNotJSON}
	ErrFeedNoList   error = &FeedProblem{Kind: FeedNoList}
	ErrFeedTooLarge error = &FeedProblem{Kind: FeedTooLarge}
)

// ParseServerFeed reads the community feed ({"public_servers": [...]}) and
// maps each entry onto the directory's Server. Every field is checked: an
// entry with a field of the wrong type, a link that is not https, a missing
// name or address, or text with control characters is dropped, with its
// reason kept; the rest of the feed still counts. Only a feed that is not
// JSON or has no list at all is an error here; whether enough entries
// survived is CheckFeed's question.
func ParseServerFeed(raw []byte) (FeedResult, error) {
	var doc struct {
		PublicServers *[]json.RawMessage `json:"public_servers"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&doc); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return FeedResult{}, ErrFeedNoList
		}
		return FeedResult{}, ErrFeedNotJSON
	}
	if doc.PublicServers == nil {
		return FeedResult{}, ErrFeedNoList
	}
	res := FeedResult{Listed: len(*doc.PublicServers)}
	seen := map[string]bool{}
	for i, entry := range *doc.PublicServers {
		s, err := feedServer(entry)
		if err == nil && seen[strings.ToLower(s.Name)] {
			err = errors.New("it lists " + s.Name + " a second time")
		}
		if err != nil {
			res.Dropped = append(res.Dropped, fmt.Sprintf("entry %d: %v", i+1, err))
			continue
		}
		seen[strings.ToLower(s.Name)] = true
		res.Servers = append(res.Servers, s)
	}
	return res, nil
}

// CheckFeed says whether a parsed feed may replace the list on show. It
// refuses a feed with fewer than MinFeedServers usable entries or one where
// most entries had to be dropped: both look like a feed cut short or broken,
// and showing it would hide servers that are still there.
func CheckFeed(r FeedResult) error {
	switch n := len(r.Servers); {
	case r.Listed == 0:
		return &FeedProblem{Kind: FeedEmpty}
	case n < MinFeedServers:
		return &FeedProblem{Kind: FeedTooFew, Usable: n, Listed: r.Listed}
	case n*2 < r.Listed:
		return &FeedProblem{Kind: FeedMostlyBroken, Usable: n, Listed: r.Listed}
	}
	return nil
}

// feedEntry is one entry of the feed as it comes. Every field is raw so a
// value of the wrong type is seen and the entry dropped, instead of one bad
// entry failing the whole decode. Fields the directory does not show
// (languages, features, online_status, ...) are not read at all.
type feedEntry struct {
	Name            json.RawMessage `json:"name"`
	ClientDomain    json.RawMessage `json:"client_domain"`
	ServerDomain    json.RawMessage `json:"server_domain"`
	Website         json.RawMessage `json:"website"`
	StaffJur        json.RawMessage `json:"staff_jur"`
	Rules           json.RawMessage `json:"rules"`
	Privacy         json.RawMessage `json:"privacy"`
	UsingVanillaReg json.RawMessage `json:"using_vanilla_reg"`
	Description     json.RawMessage `json:"description"`
	RegMethod       json.RawMessage `json:"reg_method"`
	RegLink         json.RawMessage `json:"reg_link"`
	Software        json.RawMessage `json:"software"`
	Version         json.RawMessage `json:"version"`
	Captcha         json.RawMessage `json:"captcha"`
	Email           json.RawMessage `json:"email"`
}

// feedServer maps one entry. The feed has no "open" field: it is the list
// joinmatrix.org offers newcomers to join, so an entry takes new users
// unless its way in is a membership, a request to the admins or a
// donation — the methods the snapshot lists only for closed servers.
func feedServer(raw json.RawMessage) (Server, error) {
	var e feedEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		return Server{}, errors.New("it is not an object")
	}
	f := fieldReader{}
	s := Server{
		Name:          f.text("name", e.Name, maxFeedName),
		Domain:        f.host("client_domain", e.ClientDomain),
		Website:       f.link("website", e.Website),
		Jurisdiction:  f.text("staff_jur", e.StaffJur, maxFeedShort),
		TermsURL:      f.link("rules", e.Rules),
		PrivacyURL:    f.link("privacy", e.Privacy),
		Remarks:       f.text("description", e.Description, maxFeedRemarks),
		SignupURL:     f.link("reg_link", e.RegLink),
		Software:      f.text("software", e.Software, maxFeedShort),
		Version:       f.text("version", e.Version, maxFeedShort),
		Captcha:       f.flag("captcha", e.Captcha),
		EmailRequired: f.flag("email", e.Email),
	}
	serverDomain := f.host("server_domain", e.ServerDomain)
	method := f.text("reg_method", e.RegMethod, maxFeedShort)
	vanilla, saysVanilla := f.optionalFlag("using_vanilla_reg", e.UsingVanillaReg)
	if f.err != nil {
		return Server{}, f.err
	}
	if s.Name == "" {
		s.Name = serverDomain
	}
	if s.Domain == "" {
		s.Domain = serverDomain
	}
	if s.Name == "" || s.Domain == "" {
		return Server{}, errors.New("it has no server name or address")
	}
	if s.Jurisdiction == "" {
		s.Jurisdiction = JurisdictionUnlisted
	}
	s.Registration = feedRegistration(method)
	switch s.Registration {
	case RegMembership, RegContact, RegDonation:
		s.Open = false
	default:
		s.Open = true
	}
	// A server that does not use Matrix's own sign-up (using_vanilla_reg
	// false) makes accounts some way of its own, on its own page, whatever
	// app it names.
	if saysVanilla && !vanilla && s.SignupWay().Kind == SignupHere {
		s.Registration = RegForm
	}
	return s, nil
}

// feedRegistration maps the feed's reg_method, spelled as the snapshot's
// ("In-house Element", "SSO", ...), onto Registration. A method the guide
// does not know is "not listed" rather than a reason to drop the server.
func feedRegistration(method string) Registration {
	switch strings.ToLower(strings.TrimSpace(method)) {
	case "in-house element":
		return RegInHouseElement
	case "in-house cinny":
		return RegInHouseCinny
	case "in-house schildichat":
		return RegInHouseSchildiChat
	case "sso":
		return RegSSO
	case "form":
		return RegForm
	case "membership":
		return RegMembership
	case "contact":
		return RegContact
	case "donation":
		return RegDonation
	}
	return RegUnlisted
}

// fieldReader decodes fields one by one and keeps the first problem, so
// feedServer reads as a list of fields rather than a ladder of ifs.
type fieldReader struct{ err error }

func (f *fieldReader) fail(field, problem string) {
	if f.err == nil {
		f.err = fmt.Errorf("its %s %s", field, problem)
	}
}

// text is an optional string field: absent or null is "", anything but a
// string drops the entry, and so does text that could disguise itself
// (control characters, direction overrides) or is far too long. It is only
// ever shown as text, never as markup, so angle brackets are harmless and
// kept as written.
func (f *fieldReader) text(field string, raw json.RawMessage, limit int) string {
	if isAbsent(raw) {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		f.fail(field, "is not text")
		return ""
	}
	s = strings.TrimSpace(s)
	if problem := TextProblem(s, limit); problem != "" {
		f.fail(field, problem)
		return ""
	}
	return s
}

// link is an optional web address: it must be https, with a host, and
// nothing a browser would run (javascript:, data:) or fetch unencrypted.
func (f *fieldReader) link(field string, raw json.RawMessage) string {
	return f.checked(field, f.text(field, raw, maxFeedURL), LinkProblem)
}

// host is an optional server address: a domain name (with an optional
// port), not a URL.
func (f *fieldReader) host(field string, raw json.RawMessage) string {
	return f.checked(field, strings.ToLower(f.text(field, raw, maxFeedShort)), HostProblem)
}

// checked keeps a non-empty value only if check finds no problem with it.
func (f *fieldReader) checked(field, s string, check func(string) string) string {
	if s == "" {
		return ""
	}
	if problem := check(s); problem != "" {
		f.fail(field, problem)
		return ""
	}
	return s
}

// flag is a yes/no field; absent or null is no.
func (f *fieldReader) flag(field string, raw json.RawMessage) bool {
	b, _ := f.optionalFlag(field, raw)
	return b
}

func (f *fieldReader) optionalFlag(field string, raw json.RawMessage) (value, present bool) {
	if isAbsent(raw) {
		return false, false
	}
	if err := json.Unmarshal(raw, &value); err != nil {
		f.fail(field, "is not true or false")
		return false, false
	}
	return value, true
}

func isAbsent(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// TextProblem says what is wrong with a piece of feed text, or "" when it
// may be shown: valid UTF-8, no longer than limit characters, and free of
// control characters and of the invisible direction marks that can make a
// name read backwards (U+202A–U+202E, U+2066–U+2069).
func TextProblem(s string, limit int) string {
	if !utf8.ValidString(s) {
		return "is not valid text"
	}
	if utf8.RuneCountInString(s) > limit {
		return fmt.Sprintf("is longer than %d characters", limit)
	}
	for _, r := range s {
		if unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return "has hidden control characters"
		}
	}
	return ""
}

// LinkProblem says what is wrong with a web address from the feed, or ""
// when it is an https address with a host and no credentials in it.
func LinkProblem(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "is not a web address"
	case u.Scheme != "https":
		return "is not an https address"
	case u.Host == "" || u.User != nil:
		return "is not a plain web address"
	case HostProblem(u.Host) != "":
		return "has no proper host name"
	}
	return ""
}

// HostProblem says what is wrong with a server address (host[:port]).
func HostProblem(s string) string {
	host := s
	if h, port, err := net.SplitHostPort(s); err == nil {
		if port == "" || strings.Trim(port, "0123456789") != "" {
			return "has a broken port number"
		}
		host = h
	}
	if host == "" || len(host) > 253 || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return "is not a server address"
	}
	for _, r := range host {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return "is not a server address"
		}
	}
	return ""
}

// ServerProblem checks a Server as the feed's mapping leaves it: what the
// page keeps in storage is read back through this, so a saved list that was
// altered can never show a link the feed would have refused.
func ServerProblem(s Server) string {
	for _, t := range []struct {
		field, value string
		limit        int
	}{
		{"name", s.Name, maxFeedName}, {"country", s.Jurisdiction, maxFeedShort},
		{"remarks", s.Remarks, maxFeedRemarks}, {"software", s.Software, maxFeedShort},
		{"version", s.Version, maxFeedShort},
	} {
		if p := TextProblem(t.value, t.limit); p != "" {
			return "its " + t.field + " " + p
		}
	}
	if s.Name == "" {
		return "it has no name"
	}
	if p := HostProblem(s.Domain); p != "" {
		return "its address " + p
	}
	for _, link := range []string{s.Website, s.TermsURL, s.PrivacyURL, s.SignupURL} {
		if link == "" {
			continue
		}
		if p := TextProblem(link, maxFeedURL); p != "" {
			return "a link " + p
		}
		if p := LinkProblem(link); p != "" {
			return "a link " + p
		}
	}
	if !s.Registration.Known() {
		return "its way to sign up is unknown"
	}
	return ""
}
