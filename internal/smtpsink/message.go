package smtpsink

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strings"
	"time"
)

// Message is one received mail: the envelope, the decoded subject and the
// text and HTML bodies (transfer encodings undone).
type Message struct {
	From     string   // envelope sender
	To       []string // envelope recipients
	Subject  string
	Text     string // the text/plain part, if any
	HTML     string // the text/html part, if any
	Raw      []byte
	Received time.Time
	// ParseError is set when the MIME structure could not be read; Raw
	// still holds the message.
	ParseError string
}

var linkPattern = regexp.MustCompile(`https?://[^\s"'<>]+`)

// Links are the web addresses in the text part (or, without one, the HTML
// part), in order.
func (m Message) Links() []string {
	body := m.Text
	if body == "" {
		body = m.HTML
	}
	links := linkPattern.FindAllString(body, -1)
	for i, l := range links {
		links[i] = strings.ReplaceAll(strings.TrimRight(l, ".,;)"), "&amp;", "&")
	}
	return links
}

// Link is the first link containing part (e.g. "/submit_token?"), or "".
func (m Message) Link(part string) string {
	for _, l := range m.Links() {
		if strings.Contains(l, part) {
			return l
		}
	}
	return ""
}

// parse reads the headers and the text and HTML parts, at any depth of
// multipart nesting.
func parse(raw []byte) (*Message, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	m := &Message{}
	dec := new(mime.WordDecoder)
	if subj, err := dec.DecodeHeader(msg.Header.Get("Subject")); err == nil {
		m.Subject = subj
	} else {
		m.Subject = msg.Header.Get("Subject")
	}
	err = m.readPart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body, 0)
	return m, err
}

func (m *Message) readPart(contentType, encoding string, body io.Reader, depth int) error {
	if depth > 5 {
		return fmt.Errorf("smtpsink: multipart nested too deep")
	}
	if contentType == "" {
		contentType = "text/plain"
	}
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return err
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := m.readPart(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p, depth+1); err != nil {
				return err
			}
		}
	}
	var r io.Reader = body
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &skipSpace{r: body})
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	switch mediaType {
	case "text/plain":
		if m.Text == "" {
			m.Text = string(b)
		}
	case "text/html":
		if m.HTML == "" {
			m.HTML = string(b)
		}
	}
	return nil
}

// skipSpace drops the line breaks base64 bodies are wrapped with.
type skipSpace struct{ r io.Reader }

func (s *skipSpace) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	j := 0
	for _, c := range p[:n] {
		if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
			p[j] = c
			j++
		}
	}
	return j, err
}
