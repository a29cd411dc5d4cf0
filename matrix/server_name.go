package matrix

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// target is a parsed reader input: where to look for .well-known and which
// base URL to try when there is none.
type target struct {
	name     string // server name, host[:port]
	scheme   string // "https", or "http" for loopback hosts only
	explicit string // a base URL typed with a path: use as is, skip .well-known
}

// hostOfURL is the host[:port] of a URL, "" when it does not parse.
func hostOfURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return u.Host
}

// What is wrong with a server name as typed (KindBadServerName); without
// a Reason, it is not a host name, and Said has it as typed (escaped as a
// Go string, without the quotes, so nothing invisible hides in it).
const (
	ReasonNoServer       Reason = "no_server"       // no server chosen before an action that needs one
	ReasonServerEmpty    Reason = "server_empty"    // nothing typed
	ReasonUserNoServer   Reason = "user_no_server"  // "@alice" with no ":server"
	ReasonUserNoName     Reason = "user_no_name"    // "@:server"
	ReasonNotWebScheme   Reason = "not_web_scheme"  // ftp:// and the like; Said has the scheme
	ReasonCredentialsURL Reason = "credentials_url" // user:password@host
	ReasonPlainHTTP      Reason = "plain_http"      // http:// to a public host; Server has its name
)

func badServerName(input string, err error) *Error {
	q := strconv.Quote(input)
	return &Error{Kind: KindBadServerName, Said: q[1 : len(q)-1], Err: err}
}

// parseServerInput understands the three ways a reader names a server. It
// refuses what cannot work before any request is sent: non-web schemes,
// plain http to a non-local host (passwords would travel unencrypted) and
// text that is not a host name.
func parseServerInput(input string) (target, error) {
	in := strings.TrimSpace(input)
	if in == "" {
		return target{}, &Error{Kind: KindBadServerName, Reason: ReasonServerEmpty}
	}
	if strings.HasPrefix(in, "@") {
		local, server, ok := strings.Cut(in[1:], ":")
		if !ok || server == "" {
			return target{}, &Error{Kind: KindBadServerName, Reason: ReasonUserNoServer}
		}
		if local == "" {
			return target{}, &Error{Kind: KindBadServerName, Reason: ReasonUserNoName}
		}
		in = server
		if strings.Contains(in, "/") {
			return target{}, badServerName(input, nil)
		}
	}

	scheme := ""
	rest := in
	if i := strings.Index(in, "://"); i >= 0 {
		scheme = strings.ToLower(in[:i])
		rest = in[i+3:]
		if scheme != "http" && scheme != "https" {
			return target{}, &Error{Kind: KindBadServerName, Reason: ReasonNotWebScheme, Said: scheme}
		}
	}

	hostPart, path, _ := strings.Cut(rest, "/")
	if i := strings.IndexAny(hostPart, "?#"); i >= 0 {
		hostPart = hostPart[:i]
	}
	if strings.Contains(hostPart, "@") {
		// user:password@host in a URL: never send credentials that way,
		// and never repeat them back in a message.
		return target{}, &Error{Kind: KindBadServerName, Reason: ReasonCredentialsURL}
	}
	host, port, err := splitHostPort(hostPart)
	if err != nil {
		return target{}, badServerName(input, err)
	}
	name := host
	if strings.Contains(host, ":") {
		name = "[" + host + "]"
	}
	if port != "" {
		name += ":" + port
	}
	loop := isLoopbackHost(host)
	switch {
	case scheme == "":
		scheme = "https"
		if loop {
			// Local development servers rarely have certificates; on
			// loopback nothing crosses the network unencrypted.
			scheme = "http"
		}
	case scheme == "http" && !loop:
		return target{}, &Error{Kind: KindBadServerName, Reason: ReasonPlainHTTP, Server: name}
	}

	t := target{name: name, scheme: scheme}
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if p := strings.Trim(path, "/"); p != "" {
		// A base URL with a path ("https://example.org/matrix"): the
		// .well-known lives at the root, so it cannot describe this one.
		t.explicit = scheme + "://" + name + "/" + p
		if _, err := url.Parse(t.explicit); err != nil {
			// A stray % in the path ("example.org/50%"): no request could
			// be built from it.
			return target{}, badServerName(input, err)
		}
	}
	return t, nil
}

// splitHostPort validates host[:port], IPv4, [IPv6][:port] and DNS names
// made of letters, digits and dashes.
func splitHostPort(s string) (host, port string, err error) {
	if s == "" {
		return "", "", errors.New("empty host")
	}
	host = s
	if strings.HasPrefix(s, "[") {
		end := strings.Index(s, "]")
		if end < 0 {
			return "", "", errors.New("unclosed [")
		}
		host = s[1:end]
		if after := s[end+1:]; after != "" {
			if !strings.HasPrefix(after, ":") {
				return "", "", errors.New("junk after ]")
			}
			port = after[1:]
		}
		if ip := net.ParseIP(host); ip == nil || ip.To4() != nil {
			return "", "", errors.New("not an IPv6 address")
		}
	} else {
		if i := strings.LastIndex(s, ":"); i >= 0 {
			host, port = s[:i], s[i+1:]
		}
		host = strings.ToLower(strings.TrimSuffix(host, "."))
		if net.ParseIP(host) == nil && !validDNSName(host) {
			return "", "", fmt.Errorf("invalid host %q", host)
		}
	}
	if port != "" {
		// Digits only: Atoi also takes "+80", which no URL parser does.
		n, perr := strconv.Atoi(port)
		if perr != nil || n < 1 || n > 65535 || strings.Trim(port, "0123456789") != "" {
			return "", "", fmt.Errorf("invalid port %q", port)
		}
	}
	return host, port, nil
}

func validDNSName(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// isLoopbackHost: 127.0.0.0/8, ::1, localhost and *.localhost (RFC 6761;
// browsers treat them as secure contexts too).
func isLoopbackHost(host string) bool {
	host = strings.ToLower(strings.Trim(host, "[]"))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
