package main

import (
	"slices"

	"hellomatrix/matrix"
)

// Names of the places a form can show an error. Each widget lists the ones
// it has; an error whose field is missing goes to the form as a whole.
const (
	fieldServer   = "server"
	fieldUsername = "username"
	fieldPassword = "password"
	fieldToken    = "token"
	fieldTerms    = "terms"
	fieldRoom     = "room"
	fieldInvite   = "invite"
	fieldMessage  = "message"
	fieldForm     = "form"
)

// fieldOfKind says which field an error is about, so its sentence appears
// right next to what the reader has to change.
var fieldOfKind = map[matrix.Kind]string{
	matrix.KindBadServerName:      fieldServer,
	matrix.KindUnreachable:        fieldServer,
	matrix.KindNotMatrix:          fieldServer,
	matrix.KindCORS:               fieldServer,
	matrix.KindBadWellKnown:       fieldServer,
	matrix.KindRegistrationClosed: fieldServer,
	matrix.KindOAuthOnly:          fieldServer,

	matrix.KindInvalidUsername: fieldUsername,
	matrix.KindUsernameTaken:   fieldUsername,
	matrix.KindAccountDisabled: fieldUsername,

	matrix.KindWeakPassword:    fieldPassword,
	matrix.KindMissingPassword: fieldPassword,
	matrix.KindWrongPassword:   fieldPassword,

	matrix.KindBadRegistrationToken: fieldToken,
	matrix.KindTermsRequired:        fieldTerms,

	matrix.KindBadRoomAddress:  fieldRoom,
	matrix.KindRoomNotFound:    fieldRoom,
	matrix.KindRoomAliasTaken:  fieldRoom,
	matrix.KindBadUserID:       fieldInvite,
	matrix.KindEmptyMessage:    fieldMessage,
	matrix.KindMessageTooLarge: fieldMessage,
}

// fieldForError picks where to show err among the fields a form has.
func fieldForError(err error, fields ...string) string {
	if f, ok := fieldOfKind[matrix.KindOf(err)]; ok && slices.Contains(fields, f) {
		return f
	}
	return fieldForm
}

// formErrors holds at most one sentence per field.
type formErrors map[string]string

// set files err under the field it concerns; a nil err clears them all.
// A cancelled request says nothing: the reader did it on purpose.
func (fe *formErrors) set(err error, fields ...string) {
	*fe = formErrors{}
	if err == nil || matrix.KindOf(err) == matrix.KindCanceled {
		return
	}
	(*fe)[fieldForError(err, fields...)] = matrix.Message(err)
}

// put files one sentence under field.
func (fe *formErrors) put(field, msg string) {
	if *fe == nil {
		*fe = formErrors{}
	}
	(*fe)[field] = msg
}
