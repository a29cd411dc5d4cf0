package smtpsink

import (
	"context"
	"net/smtp"
	"strings"
	"testing"
	"time"
)

// A message sent by Go's own SMTP client the way Python's email package
// writes a homeserver's mail (multipart/alternative, base64 UTF-8 parts) is
// kept, found by its recipient and its link read back decoded.
func TestSinkReceivesAndDecodes(t *testing.T) {
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.Addr, "127.0.0.1:") {
		t.Fatalf("listening on %s, want loopback", s.Addr)
	}
	link := "http://127.0.0.1:8008/_matrix/client/unstable/registration/email/submit_token?token=abc&client_secret=s3cret&sid=xyz"
	// base64 of "Click:\n<link>\n", wrapped at 76 columns as Python does.
	b64 := "Q2xpY2s6Cmh0dHA6Ly8xMjcuMC4wLjE6ODAwOC9fbWF0cml4L2NsaWVudC91bnN0YWJsZS9yZWdp\nc3RyYXRpb24vZW1haWwvc3VibWl0X3Rva2VuP3Rva2VuPWFiYyZjbGllbnRfc2VjcmV0PXMzY3Jl\ndCZzaWQ9eHl6Cg==\n"
	body := "From: Hello Matrix <noreply@localhost>\r\nTo: ann@example.org\r\nSubject: =?utf-8?q?Confirm_your_email_=E2=9C=93?=\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"BB\"\r\n\r\n" +
		"--BB\r\nContent-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + strings.ReplaceAll(b64, "\n", "\r\n") +
		"--BB\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<a href=3D\"x\">x</a>\r\n--BB--\r\n"
	if err := smtp.SendMail(s.Addr, nil, "noreply@localhost", []string{"ann@example.org"}, []byte(body)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := s.Next(ctx, "Ann@Example.org")
	if err != nil {
		t.Fatal(err)
	}
	if m.ParseError != "" {
		t.Fatalf("parse error: %s", m.ParseError)
	}
	if m.Subject != "Confirm your email ✓" {
		t.Errorf("subject %q", m.Subject)
	}
	if got := m.Link("/submit_token?"); got != link {
		t.Errorf("link %q, want %q", got, link)
	}
	if m.HTML != `<a href="x">x</a>` {
		t.Errorf("html %q", m.HTML)
	}
	if s.Count("ann@example.org") != 1 {
		t.Errorf("count %d", s.Count("ann@example.org"))
	}
	// Each message comes back from Next once: the next call waits.
	short, cancel2 := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel2()
	if _, err := s.Next(short, "ann@example.org"); err == nil {
		t.Error("Next returned the same message twice")
	}
}
