package live

import (
	"slices"

	"hellomatrix/matrix"
)

// Field names a place a form can show an error. Each form lists the ones
// it has; an error whose field is missing goes to the form as a whole.
type Field string

const (
	FieldServer   Field = "server"
	FieldUsername Field = "username"
	FieldPassword Field = "password"
	FieldToken    Field = "token"
	FieldTerms    Field = "terms"
	FieldEmail    Field = "email"
	FieldRoom     Field = "room"
	FieldInvite   Field = "invite"
	FieldMessage  Field = "message"
	FieldForm     Field = "form"
)

// The places the log-in and sign-up forms can show an error: every error
// LogIn, Register and CheckUsername return belongs to one of them.
var (
	LoginFields    = []Field{FieldServer, FieldUsername, FieldPassword}
	RegisterFields = []Field{FieldServer, FieldUsername, FieldPassword, FieldToken, FieldTerms, FieldEmail}
)

// fieldOfKind says which field an error is about, so its sentence appears
// right next to what the reader has to change.
var fieldOfKind = map[matrix.Kind]Field{
	matrix.KindBadServerName:      FieldServer,
	matrix.KindUnreachable:        FieldServer,
	matrix.KindNotMatrix:          FieldServer,
	matrix.KindCORS:               FieldServer,
	matrix.KindBadWellKnown:       FieldServer,
	matrix.KindRegistrationClosed: FieldServer,
	matrix.KindOAuthOnly:          FieldServer,

	matrix.KindInvalidUsername:    FieldUsername,
	matrix.KindUsernameTaken:      FieldUsername,
	matrix.KindAccountDisabled:    FieldUsername,
	matrix.KindAccountLocked:      FieldUsername,
	matrix.KindAccountDeactivated: FieldUsername,

	matrix.KindWeakPassword:    FieldPassword,
	matrix.KindMissingPassword: FieldPassword,
	matrix.KindWrongPassword:   FieldPassword,

	matrix.KindBadRegistrationToken: FieldToken,
	matrix.KindTermsRequired:        FieldTerms,
	matrix.KindBadEmail:             FieldEmail,
	matrix.KindEmailInUse:           FieldEmail,
	matrix.KindEmailRefused:         FieldEmail,

	matrix.KindBadRoomAddress:  FieldRoom,
	matrix.KindRoomNotFound:    FieldRoom,
	matrix.KindRoomAliasTaken:  FieldRoom,
	matrix.KindBadUserID:       FieldInvite,
	matrix.KindEmptyMessage:    FieldMessage,
	matrix.KindMessageTooLarge: FieldMessage,
}

// FieldFor picks where to show err among the fields a form has.
func FieldFor(err error, fields ...Field) Field {
	if f, ok := fieldOfKind[matrix.KindOf(err)]; ok && slices.Contains(fields, f) {
		return f
	}
	return FieldForm
}

// Message is the sentence a reader is shown for err, in the language the
// model speaks (errorSentence), "" for nil.
func (m *Model) Message(err error) string { return errorSentence(m.speaking(), err) }

// FormErrors holds at most one sentence per field.
type FormErrors map[Field]string

// FormErrors files err, in the model's words, under the one of fields it
// concerns; a nil err gives none. A cancelled request says nothing: the
// reader did it on purpose.
func (m *Model) FormErrors(err error, fields ...Field) FormErrors {
	fe := FormErrors{}
	if err != nil && matrix.KindOf(err) != matrix.KindCanceled {
		fe[FieldFor(err, fields...)] = m.Message(err)
	}
	return fe
}

// Put files one sentence under field.
func (fe *FormErrors) Put(field Field, msg string) {
	if *fe == nil {
		*fe = FormErrors{}
	}
	(*fe)[field] = msg
}
