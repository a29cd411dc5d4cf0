// Package recaptchadouble is a stand-in for Google's reCAPTCHA verifier
// (https://www.google.com/recaptcha/api/siteverify), which cannot be
// reached from the test machines. Synapse's recaptcha_siteverify_api points
// at it. It follows Google's documented request and response
// (https://developers.google.com/recaptcha/docs/verify): a form POST of
// secret, response and optionally remoteip, answered with JSON
// {"success", "challenge_ts", "hostname", "error-codes"}; a response token
// is good once ("timeout-or-duplicate" after that).
//
// Where it must deviate: Google's tokens come from its widget after a
// person solves the puzzle in the browser. Here Solve hands out a token
// that the test puts where the widget would (the g-recaptcha-response
// field of the server's page), since the widget cannot load without the
// internet. It listens on 127.0.0.1 only and runs on the test side only.
package recaptchadouble
