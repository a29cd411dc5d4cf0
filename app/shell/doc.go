// Package shell is the page shell every route shares (Page, built as
// go-app's documentation site builds its pages:
// shell.NewPage().At(route).TOC(...).Content(...)): the skip link, the
// header with its language switch, account slot, install button, theme
// switch and search box, the offers of the reader's language, the table of
// contents, the footer and the notice of a new version, and the one inline
// script in <head> (HeadScript) that settles the theme and the offer
// before the first paint.
//
// "shell", as in an app shell: what is around every page's own content.
// The pages (app/reading, app/directory) import it; it imports app/widgets
// only for the header's account status.
package shell
