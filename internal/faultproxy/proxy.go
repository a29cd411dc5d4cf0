package faultproxy

import (
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"
)

// Config describes one proxy.
type Config struct {
	Target string // base URL of the real server; must be loopback
	Addr   string // where to listen; "" means 127.0.0.1 on a free port
	Seed   int64  // the same seed and rates give the same faults in the same order
	Rates  Rates
	Match  Match // which requests may get faults; nil means all of them

	MaxLatency time.Duration // Latency waits up to this; 0 means 500 ms
	RetryAfter time.Duration // what a 429 asks the client to wait; 0 means 1 s
}

// Proxy is a running fault-injecting proxy.
type Proxy struct {
	URL string // http://127.0.0.1:PORT

	cfg      Config
	target   *url.URL
	forward  *httputil.ReverseProxy
	schedule *schedule
	counts   counter
	server   *http.Server
	listener net.Listener
}

// Start validates cfg and starts serving. Call Close when done.
func Start(cfg Config) (*Proxy, error) {
	target, err := checkTarget(cfg.Target)
	if err != nil {
		return nil, err
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if err := checkListenAddr(cfg.Addr); err != nil {
		return nil, err
	}
	if err := cfg.Rates.validate(); err != nil {
		return nil, err
	}
	if cfg.Match == nil {
		cfg.Match = Everything
	}
	if cfg.MaxLatency <= 0 {
		cfg.MaxLatency = 500 * time.Millisecond
	}
	if cfg.RetryAfter <= 0 {
		cfg.RetryAfter = time.Second
	}
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	p := &Proxy{
		URL:      "http://" + l.Addr().String(),
		cfg:      cfg,
		target:   target,
		forward:  newForwarder(target),
		schedule: newSchedule(cfg.Seed, cfg.Rates, cfg.MaxLatency),
		listener: l,
	}
	p.server = &http.Server{
		Handler:           p,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0), // hijacked and reset connections are the point, not news
	}
	go p.server.Serve(l)
	return p, nil
}

// newForwarder passes requests to target unchanged (CORS headers included,
// both ways) and answers 502 quietly when target is down.
func newForwarder(target *url.URL) *httputil.ReverseProxy {
	return &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
			pr.SetXForwarded()
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			if r.Context().Err() != nil {
				return // the client left; nobody reads the answer
			}
			setCORS(w.Header())
			w.WriteHeader(http.StatusBadGateway)
		},
	}
}

// ServeHTTP decides the request's fate and carries it out.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	matched := r.Method != http.MethodOptions && p.cfg.Match(r)
	d := decision{fault: None}
	if matched {
		d = p.schedule.next()
	}
	p.counts.request(matched, d.fault)

	switch d.fault {
	case None:
		p.forward.ServeHTTP(w, r)
	case Latency:
		t := time.NewTimer(d.delay)
		defer t.Stop()
		select {
		case <-t.C:
			p.forward.ServeHTTP(w, r)
		case <-r.Context().Done():
		}
	case ServerError:
		writeServerError(w, d.status)
	case RateLimit:
		writeRateLimit(w, p.cfg.RetryAfter)
	case Reset:
		resetConn(w)
	case Drop:
		p.forward.ServeHTTP(&discardWriter{header: http.Header{}}, r)
		hangUp(w)
	case Truncate:
		rec := &recordWriter{header: http.Header{}}
		p.forward.ServeHTTP(rec, r)
		writeTruncated(w, rec)
	}
}

// Counts reports what the proxy has done so far.
func (p *Proxy) Counts() Counts { return p.counts.snapshot() }

// SetRates changes the rates from the next request on, e.g. to zero to let
// a test's last retries through.
func (p *Proxy) SetRates(r Rates) error {
	if err := r.validate(); err != nil {
		return err
	}
	p.schedule.setRates(r)
	return nil
}

// Close stops listening and ends open connections.
func (p *Proxy) Close() error {
	err := p.server.Close()
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}
