package recaptchadouble

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net"
	"net/http"
	"sync"
	"time"
)

// Double is a running stand-in verifier.
type Double struct {
	// URL is the siteverify address to configure
	// (recaptcha_siteverify_api).
	URL string
	// Secret is the site's secret key (recaptcha_private_key); a request
	// with another gets "invalid-input-secret".
	Secret string

	srv *http.Server

	mu       sync.Mutex
	issued   map[string]bool // token -> still unused
	verified int
	refused  int
}

// Start runs a verifier on a free loopback port for the site secret.
func Start(secret string) (*Double, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	d := &Double{URL: "http://" + ln.Addr().String() + "/recaptcha/api/siteverify", Secret: secret, issued: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/recaptcha/api/siteverify", d.siteverify)
	d.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go d.srv.Serve(ln)
	return d, nil
}

// Stop closes the listener.
func (d *Double) Stop() error { return d.srv.Close() }

// Solve is a person solving the puzzle: it returns the token the widget
// would put in the page's g-recaptcha-response field.
func (d *Double) Solve() string {
	b := make([]byte, 16)
	rand.Read(b)
	tok := "solved-" + hex.EncodeToString(b)
	d.mu.Lock()
	d.issued[tok] = true
	d.mu.Unlock()
	return tok
}

// Counts says how many verifications succeeded and failed.
func (d *Double) Counts() (verified, refused int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.verified, d.refused
}

type answer struct {
	Success     bool     `json:"success"`
	ChallengeTS string   `json:"challenge_ts,omitempty"`
	Hostname    string   `json:"hostname,omitempty"`
	ErrorCodes  []string `json:"error-codes,omitempty"`
}

func (d *Double) siteverify(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.Method != http.MethodPost || r.ParseForm() != nil {
		json.NewEncoder(w).Encode(answer{ErrorCodes: []string{"bad-request"}})
		return
	}
	secret, response := r.PostForm.Get("secret"), r.PostForm.Get("response")
	var a answer
	d.mu.Lock()
	switch {
	case secret == "":
		a.ErrorCodes = []string{"missing-input-secret"}
	case secret != d.Secret:
		a.ErrorCodes = []string{"invalid-input-secret"}
	case response == "":
		a.ErrorCodes = []string{"missing-input-response"}
	default:
		unused, known := d.issued[response]
		switch {
		case !known:
			a.ErrorCodes = []string{"invalid-input-response"}
		case !unused:
			a.ErrorCodes = []string{"timeout-or-duplicate"}
		default:
			d.issued[response] = false
			a = answer{Success: true, ChallengeTS: time.Now().UTC().Format(time.RFC3339), Hostname: "127.0.0.1"}
		}
	}
	if a.Success {
		d.verified++
	} else {
		d.refused++
	}
	d.mu.Unlock()
	json.NewEncoder(w).Encode(a)
}
