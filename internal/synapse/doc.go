// Package synapse runs a real Synapse homeserver on loopback for tests: one
// instance per scenario (open sign-up, registration tokens, terms, email,
// captcha, single sign-on, short-lived tokens, real or raised rate limits).
// It runs on the test and build side only, never in the browser.
//
// Synapse is Python. Ensure installs the pinned release and its pinned
// dependencies (requirements.txt) from PyPI into a virtualenv in the
// project's cache folder, once, and migrates an empty SQLite database once,
// which every instance then copies instead of migrating its own. Like
// internal/dendrite, the harness never binds beyond loopback, stops its
// servers by process group and stops instances that a killed test binary
// left behind.
package synapse
