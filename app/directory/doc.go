// Package directory is the directory of public homeservers (ServersPage
// at /servers): the dated snapshot and the live list behind it
// (directory_feed.go, directory_refresh.go, directory_source.go), the
// filter form and its query string (directory_filter_*.go), the sortable
// table with a Check button per server (directory_table.go, from
// app/widgets) and the words of its cells (directory_words.go).
//
// One package for one page and its words: "directory" is what the guide
// calls the page, and its files keep the directory_ prefix they had.
package directory
