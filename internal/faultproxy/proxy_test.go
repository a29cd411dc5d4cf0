package faultproxy

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// upstream is a stand-in server on loopback that counts what reaches it
// and answers with CORS headers, as a homeserver does.
type upstream struct {
	*httptest.Server
	hits atomic.Int64
}

func newUpstream(t *testing.T) *upstream {
	u := &upstream{}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u.hits.Add(1)
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusOK)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"event_id":"$abcdefghijklmnopqrstuvwxyz0123456789"}`)
	}))
	t.Cleanup(u.Close)
	return u
}

func startProxy(t *testing.T, cfg Config) *Proxy {
	t.Helper()
	p, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// fresh gives every request its own connection, so one fault cannot leak
// into the next request through a reused connection.
var fresh = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}

func get(url string) (*http.Response, []byte, error) {
	res, err := fresh.Get(url)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res, body, err
}

func TestRefusesNonLoopback(t *testing.T) {
	for _, cfg := range []Config{
		{Target: "http://example.org"},
		{Target: "http://10.0.0.1:8008"},
		{Target: "ftp://127.0.0.1/"},
		{Target: "http://127.0.0.1:8008", Addr: "0.0.0.0:0"},
		{Target: "http://127.0.0.1:8008", Addr: ":0"},
		{Target: "http://127.0.0.1:8008", Rates: Rates{Drop: 0.6, Reset: 0.6}},
	} {
		if p, err := Start(cfg); err == nil {
			p.Close()
			t.Errorf("Start(%+v) succeeded, want a refusal", cfg)
		}
	}
}

// Each fault at rate 1, one at a time: what the client sees, and whether
// the server saw the request.
func TestEachFault(t *testing.T) {
	for _, tc := range []struct {
		fault     Fault
		rates     Rates
		forwarded bool
		check     func(t *testing.T, res *http.Response, body []byte, err error)
	}{
		{None, Rates{}, true, func(t *testing.T, res *http.Response, body []byte, err error) {
			if err != nil || res.StatusCode != 200 || !strings.Contains(string(body), "event_id") {
				t.Errorf("got %v %s %v", res, body, err)
			}
		}},
		{Latency, Rates{Latency: 1}, true, func(t *testing.T, res *http.Response, body []byte, err error) {
			if err != nil || res.StatusCode != 200 {
				t.Errorf("got %v %v", res, err)
			}
		}},
		{ServerError, Rates{ServerError: 1}, false, func(t *testing.T, res *http.Response, body []byte, err error) {
			if err != nil || res.StatusCode < 502 || res.StatusCode > 504 || res.Header.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("got %v %v", res, err)
			}
		}},
		{RateLimit, Rates{RateLimit: 1}, false, func(t *testing.T, res *http.Response, body []byte, err error) {
			if err != nil || res.StatusCode != 429 || res.Header.Get("Retry-After") != "2" ||
				!strings.Contains(string(body), `"errcode":"M_LIMIT_EXCEEDED"`) || !strings.Contains(string(body), `"retry_after_ms":1500`) ||
				res.Header.Get("Access-Control-Allow-Origin") != "*" || res.Header.Get("Access-Control-Expose-Headers") != "Retry-After" {
				t.Errorf("got %v %s %v", res, body, err)
			}
		}},
		{Reset, Rates{Reset: 1}, false, func(t *testing.T, res *http.Response, body []byte, err error) {
			if err == nil {
				t.Errorf("got an answer %v, want a connection error", res)
			}
		}},
		{Drop, Rates{Drop: 1}, true, func(t *testing.T, res *http.Response, body []byte, err error) {
			if err == nil {
				t.Errorf("got an answer %v, want a connection error", res)
			}
		}},
		{Truncate, Rates{Truncate: 1}, true, func(t *testing.T, res *http.Response, body []byte, err error) {
			if res == nil || res.StatusCode != 200 || !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("got %v, body %q, %v; want a 200 whose body breaks off", res, body, err)
			}
		}},
	} {
		t.Run(tc.fault.String(), func(t *testing.T) {
			up := newUpstream(t)
			p := startProxy(t, Config{Target: up.URL, Rates: tc.rates, RetryAfter: 1500 * time.Millisecond, MaxLatency: 20 * time.Millisecond})
			res, body, err := get(p.URL + "/_matrix/client/v3/rooms/!r/send/m.room.message/t1")
			tc.check(t, res, body, err)
			if got := up.hits.Load() == 1; got != tc.forwarded {
				t.Errorf("server saw %d requests, want forwarded=%v", up.hits.Load(), tc.forwarded)
			}
			c := p.Counts()
			if c.Requests != 1 || c.Matched != 1 || (tc.fault != None && c.Faults[tc.fault] != 1) || c.Injected() != map[bool]int64{true: 0, false: 1}[tc.fault == None] {
				t.Errorf("counts = %s", c)
			}
		})
	}
}

// Preflights and unmatched paths always pass, whatever the rates.
func TestMatchAndPreflight(t *testing.T) {
	up := newUpstream(t)
	p := startProxy(t, Config{Target: up.URL, Rates: Rates{Reset: 1}, Match: SendAndSync})

	req, _ := http.NewRequest(http.MethodOptions, p.URL+"/_matrix/client/v3/sync", nil)
	req.Header.Set("Origin", "http://127.0.0.1:8000")
	req.Header.Set("Access-Control-Request-Method", "GET")
	res, err := fresh.Do(req)
	if err != nil || res.StatusCode != 200 || res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("preflight = %v, %v", res, err)
	}
	res.Body.Close()
	res, _, err = get(p.URL + "/_matrix/client/v3/joined_rooms")
	if err != nil || res.StatusCode != 200 || res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("unmatched path = %v, %v", res, err)
	}
	if _, _, err := get(p.URL + "/_matrix/client/v3/sync?timeout=0"); err == nil {
		t.Error("a matched path went through at reset rate 1")
	}
	c := p.Counts()
	if c.Requests != 3 || c.Matched != 1 || c.Faults[Reset] != 1 {
		t.Errorf("counts = %s", c)
	}
}

// The same seed gives the same faults in the same order; rates are
// honoured roughly; SetRates takes effect at once.
func TestScheduleIsSeeded(t *testing.T) {
	rates := Rates{Latency: 0.1, ServerError: 0.1, RateLimit: 0.1, Reset: 0.05, Drop: 0.1, Truncate: 0.05}
	a, b := newSchedule(42, rates, time.Second), newSchedule(42, rates, time.Second)
	other := newSchedule(43, rates, time.Second)
	seen := map[Fault]int{}
	differs := false
	for i := range 10000 {
		da, db := a.next(), b.next()
		if da != db {
			t.Fatalf("decision %d: %+v vs %+v with the same seed", i, da, db)
		}
		if other.next() != da {
			differs = true
		}
		seen[da.fault]++
	}
	if !differs {
		t.Error("seeds 42 and 43 gave identical schedules")
	}
	for _, f := range faultsInOrder {
		want := rates.of(f) * 10000
		if n := float64(seen[f]); n < want*0.8 || n > want*1.2 {
			t.Errorf("%s: %v of 10000, want about %v", f, n, want)
		}
	}
	a.setRates(Rates{})
	for range 100 {
		if d := a.next(); d.fault != None {
			t.Fatalf("fault %s after rates were set to zero", d.fault)
		}
	}
}
