package matrix

// tlsProblem is what went wrong with a secure connection, as far as the
// reader needs to know.
type tlsProblem int

const (
	tlsFine           tlsProblem = iota
	tlsNotOffered                // the server answered plain HTTP on an https address
	tlsBadCertificate            // unknown authority, wrong name, expired...
)
