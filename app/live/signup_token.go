package live

import (
	"context"
	"time"

	"hellomatrix/matrix"
)

// The invitation-code (registration token) stage of a sign-up. The core
// drives the stage (matrix.StepToken, matrix.KindBadRegistrationToken).
// Synapse answers a mistyped code and one that was already used up (or
// expired) alike: 401 M_UNAUTHORIZED "Invalid registration token" for the
// m.login.registration_token stage, and {"valid": false} from
// /_matrix/client/v1/register/m.login.registration_token/validity. So the
// wording of a refused code (error.bad_registration_token) names every
// likely cause and the way out.

// TokenNeeded is shown at the code field when the server waits for a code
// and the field was left empty.
const TokenNeeded Key = "signup.token_needed"

// CheckToken asks srv early, when the reader leaves the code field,
// whether it would take code, so a mistyped or used-up code is known before
// the form is sent. nil means it looks good or the server could not say;
// Register has the last word. It blocks until the server answers.
func CheckToken(srv *Server, code string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return matrix.CheckRegistrationToken(ctx, srv.core(), code)
}
