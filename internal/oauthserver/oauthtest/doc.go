// Package oauthtest gives tests a real Synapse 1.163.2 that delegates
// sign-in to internal/oauthserver (the stand-in for the Matrix
// Authentication Service), and a browserless OAuth 2.0 client that walks the
// real flow over HTTP: dynamic client registration as a native loopback
// client, the authorization request, the sign-in or sign-up form, the
// redirect's code, and the PKCE exchange. Core tests and the matrix-js-sdk
// peer sign in through it; the live client's own flow is tested in a real
// browser instead. It runs on the test side only.
package oauthtest
