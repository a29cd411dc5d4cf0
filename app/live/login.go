package live

import (
	"context"
	"time"

	"hellomatrix/matrix"
)

// LogInForm is what the reader typed into the log-in form: a full user ID,
// or a username plus its server, and the password.
type LogInForm struct {
	User     string
	Server   string // as the server field shows it
	Password string
}

// LogIn signs in with an existing account and, when the server agrees,
// keeps the session in the browser, so the reader stays signed in across
// chapters and reloads until they log out. v is the view the form was
// filled in against: the server it already checked is used again when the
// form names it, so it is not discovered twice. It blocks until the server
// answers; the error goes to one of LoginFields.
func (m *Model) LogIn(v View, form LogInForm) error {
	req := matrix.LoginRequest{User: form.User, Password: form.Password, InitialDeviceName: deviceName, DeviceID: m.resumeDeviceFor(form.User)}
	var srv *matrix.Server
	switch server := form.Server; {
	case IsFullUserID(form.User):
		// The core finds the server from the user ID.
	case v.Server != nil && (server == v.Server.Name || server == v.ServerInput):
		srv = v.Server.found // already checked by the picker: no second discovery
	default:
		req.Server = server
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sess, err := matrix.Login(ctx, srv, req)
	if err != nil {
		return err
	}
	return m.signIn(*sess)
}
