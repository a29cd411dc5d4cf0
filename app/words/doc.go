// Package words holds every sentence and label a reader sees, one message
// catalog per language (messages/en.json, de.json, fr.json, es.json,
// ja.json), and the small CLDR plural rules that pick a sentence's form for
// a number. The views and the live client's view model (app/live) ask it
// for their words by key; nothing else in the guide writes a sentence in
// code, so a translation is one data file and nothing more.
//
// English is the reference: catalog_test.go fails when any file lacks a
// key the code uses, keeps one nothing uses, names a placeholder English
// lacks or has the wrong plural forms. It runs on both sides.
package words
