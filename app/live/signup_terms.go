package live

// The terms stage of a sign-up (m.login.terms), in the reader's words: the
// policies themselves come from the server (Server.Terms, SignUp.Terms),
// each shown by its name and linked to its page.

// TermsNotTicked is shown at the box when the reader goes on without
// accepting the terms the form lists; nothing is sent to the server then.
const TermsNotTicked Key = "signup.terms_not_ticked"
