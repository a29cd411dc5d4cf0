// Package smtpsink is a mail server for tests that delivers nowhere: it
// listens on loopback only, accepts every message over plain SMTP (no TLS,
// no authentication, as a homeserver's mailer talks to a relay on the same
// machine) and keeps what it received in memory, so a test can wait for the
// next mail to an address and follow the link inside, as a reader clicking
// it in their mail app would.
//
// The SMTP side is github.com/emersion/go-smtp (a kept library); this
// package only adds the memory, the waiting and the reading of MIME parts.
// It runs on the test side only.
package smtpsink
