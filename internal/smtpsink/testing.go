package smtpsink

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"
)

// NextLink waits up to a minute for the next mail to address and returns
// the first link in it that contains part (Synapse's validation links hold
// "/submit_token?"). It fails t when no such mail or link comes.
func (s *Sink) NextLink(t testing.TB, address, part string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	m, err := s.Next(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	link := m.Link(part)
	if link == "" {
		t.Fatalf("no link with %q in the mail to %s:\n%s", part, address, m.Text)
	}
	return link
}

// Open does what a click in a mail app does: a plain GET, from anywhere,
// with none of the guide's state. It returns the status and the page.
func Open(t testing.TB, link string) (int, string) {
	t.Helper()
	res, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
