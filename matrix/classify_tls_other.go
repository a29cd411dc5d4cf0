//go:build !js

package matrix

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
)

// tlsProblemOf reads Go's own TLS errors. In the browser there are none
// (fetch does TLS and hides its failures), and naming these types there
// would link crypto/tls into the WASM for nothing.
func tlsProblemOf(cause error) tlsProblem {
	var rhe tls.RecordHeaderError
	if errors.As(cause, &rhe) {
		return tlsNotOffered
	}
	var (
		uae x509.UnknownAuthorityError
		hne x509.HostnameError
		cie x509.CertificateInvalidError
		cve *tls.CertificateVerificationError
	)
	if errors.As(cause, &uae) || errors.As(cause, &hne) || errors.As(cause, &cie) || errors.As(cause, &cve) {
		return tlsBadCertificate
	}
	return tlsFine
}
