package faultproxy

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"time"
)

// setCORS adds the headers a homeserver sends (the spec's recommended set),
// so a browser lets the page read the proxy's own answers: without them a
// 429 would look like a CORS failure to the widget. Retry-After is not a
// CORS-safelisted response header, so it is exposed explicitly.
func setCORS(h http.Header) {
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "X-Requested-With, Content-Type, Authorization")
	h.Set("Access-Control-Expose-Headers", "Retry-After")
}

// writeServerError answers like a gateway in front of a server that is
// down: an HTML page, as nginx would send, not Matrix JSON.
func writeServerError(w http.ResponseWriter, status int) {
	setCORS(w.Header())
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<html><body><h1>%d %s</h1><p>injected by faultproxy</p></body></html>\n", status, http.StatusText(status))
}

// writeRateLimit answers the way Synapse does: Retry-After in whole seconds
// (the spec's preferred form since v1.10) and the older retry_after_ms.
func writeRateLimit(w http.ResponseWriter, wait time.Duration) {
	setCORS(w.Header())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	w.WriteHeader(http.StatusTooManyRequests)
	fmt.Fprintf(w, `{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests (injected by faultproxy)","retry_after_ms":%d}`, wait.Milliseconds())
}

// resetConn closes the connection with an RST (SO_LINGER 0) instead of a
// polite FIN, before the request has been forwarded.
func resetConn(w http.ResponseWriter) {
	conn, _, err := hijack(w)
	if err != nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetLinger(0)
	}
	conn.Close()
}

// hangUp closes the connection without a word, after the server has
// answered: the client never learns what happened.
func hangUp(w http.ResponseWriter) {
	if conn, _, err := hijack(w); err == nil {
		conn.Close()
	}
}

// writeTruncated sends the recorded status and headers, announcing the
// whole body, but only half of it, then hangs up.
func writeTruncated(w http.ResponseWriter, rec *recordWriter) {
	conn, buf, err := hijack(w)
	if err != nil {
		return
	}
	defer conn.Close()
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	body := rec.body.Bytes()
	h := rec.header.Clone()
	h.Del("Transfer-Encoding")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Connection", "close")
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	h.Write(buf)
	buf.WriteString("\r\n")
	buf.Write(body[:len(body)/2])
	buf.Flush()
}

func hijack(w http.ResponseWriter) (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return nil, nil, fmt.Errorf("faultproxy: connection cannot be hijacked")
	}
	return hj.Hijack()
}

// discardWriter lets the server's answer be read in full and thrown away.
type discardWriter struct{ header http.Header }

func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}

// recordWriter keeps the server's answer for writeTruncated.
type recordWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recordWriter) Header() http.Header { return r.header }
func (r *recordWriter) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}
func (r *recordWriter) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
