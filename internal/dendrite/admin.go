package dendrite

import (
	"context"

	"hellomatrix/internal/hsharness"
)

// RegisterUser creates an account through the shared-secret registration API
// (/_synapse/admin/v1/register, which Dendrite implements). Tests use it to
// make users without going through the code under test.
func (s *Server) RegisterUser(ctx context.Context, localpart, password string, admin bool) (userID, accessToken, deviceID string, err error) {
	return hsharness.RegisterUser(ctx, "dendrite", s.URL, s.SharedSecret, localpart, password, admin)
}
