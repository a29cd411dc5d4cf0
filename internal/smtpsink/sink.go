package smtpsink

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// Sink is a running SMTP server on 127.0.0.1.
type Sink struct {
	Addr string // host:port, e.g. 127.0.0.1:2525
	Host string // always 127.0.0.1
	Port int

	srv *smtp.Server
	l   net.Listener

	mu       sync.Mutex
	messages []*Message
	taken    map[*Message]bool // already returned by Next
	arrived  chan struct{}     // closed and replaced whenever a message arrives
}

// maxMessageBytes bounds one message; a homeserver's mails are a few KiB.
const maxMessageBytes = 1 << 20

// Start listens on a free port of 127.0.0.1 and serves until Close.
func Start() (*Sink, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("smtpsink: %w", err)
	}
	s := &Sink{l: l, Addr: l.Addr().String(), Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port,
		taken: map[*Message]bool{}, arrived: make(chan struct{})}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{sink: s}, nil
	}))
	srv.Domain = "localhost"
	srv.MaxMessageBytes = maxMessageBytes
	srv.MaxRecipients = 50
	srv.ReadTimeout = time.Minute
	srv.WriteTimeout = time.Minute
	s.srv = srv
	go srv.Serve(l)
	return s, nil
}

// Close stops listening and drops the connections.
func (s *Sink) Close() error {
	return s.srv.Close()
}

// Messages is every message received so far, oldest first.
func (s *Sink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.messages))
	for i, m := range s.messages {
		out[i] = *m
	}
	return out
}

// Count is how many messages to address (any case) arrived so far.
func (s *Sink) Count(address string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, m := range s.messages {
		if m.sentTo(address) {
			n++
		}
	}
	return n
}

// Next waits for the oldest message to address that Next has not returned
// yet, until ctx ends. Each message is returned once, so a test that asks
// for a second mail gets the second one.
func (s *Sink) Next(ctx context.Context, address string) (Message, error) {
	for {
		s.mu.Lock()
		for _, m := range s.messages {
			if !s.taken[m] && m.sentTo(address) {
				s.taken[m] = true
				s.mu.Unlock()
				return *m, nil
			}
		}
		arrived := s.arrived
		s.mu.Unlock()
		select {
		case <-arrived:
		case <-ctx.Done():
			return Message{}, fmt.Errorf("smtpsink: no mail to %s: %w", address, ctx.Err())
		}
	}
}

func (s *Sink) add(m *Message) {
	s.mu.Lock()
	s.messages = append(s.messages, m)
	close(s.arrived)
	s.arrived = make(chan struct{})
	s.mu.Unlock()
}

// session is one SMTP transaction's envelope as the client gives it.
type session struct {
	sink *Sink
	from string
	to   []string
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(ss.to) == 0 {
		return errors.New("no recipients")
	}
	m, err := parse(raw)
	if err != nil {
		// Keep it anyway: a test looking at the raw text learns more than
		// from a refused delivery.
		m = &Message{ParseError: err.Error()}
	}
	m.From, m.To, m.Raw, m.Received = ss.from, append([]string(nil), ss.to...), raw, time.Now()
	ss.sink.add(m)
	return nil
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }

func (m *Message) sentTo(address string) bool {
	for _, t := range m.To {
		if strings.EqualFold(strings.Trim(t, "<>"), address) {
			return true
		}
	}
	return false
}
