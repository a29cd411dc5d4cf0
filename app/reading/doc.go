// Package reading is the pages a reader reads: the chapters
// (ChapterPage, with their sources, table of contents, pager and the live
// widgets they embed), the landing page (HomePage), About, search
// (SearchPage, with highlight.go) and the friendly 404 (NotFoundPage); and
// how the chapters reach the running app (page_content*.go: the index, a
// chapter's body and the search text, read from the page or fetched as the
// JSON files the server writes with package main's page_data.go).
//
// "reading", not "chapters": the landing, About, search and 404 pages are
// here too, and what they share is being read.
package reading
