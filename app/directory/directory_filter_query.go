package directory

import (
	"net/url"
	"strings"

	"hellomatrix/pages"
)

// The directory keeps its filters and sort order in the address
// (/servers?reg=sso&open=yes&guide=yes&sort=name:desc). Without JavaScript the filter
// form submits them and the server prerenders the matching table; with the
// app running, the address is kept in step so reloading keeps the view.

const (
	sortAscending  = "asc"
	sortDescending = "desc"
)

// filterFromQuery reads a filter from an address's query. The "sort" button
// that submitted the form wins over "order", the hidden field that keeps
// the current sort when another button submits.
func filterFromQuery(q url.Values) pages.ServerFilter {
	f := pages.ServerFilter{
		Query:        q.Get("q"),
		Open:         triFromQuery(q.Get("open")),
		Captcha:      triFromQuery(q.Get("captcha")),
		Email:        triFromQuery(q.Get("email")),
		InGuide:      triFromQuery(q.Get("guide")),
		Jurisdiction: q.Get("country"),
		Software:     q.Get("software"),
	}
	if r := pages.Registration(q.Get("reg")); r.Known() {
		f.Registration = r
	}
	order := q.Get("sort")
	if order == "" {
		order = q.Get("order")
	}
	f.SortBy, f.Desc = parseSortOrder(order)
	return f
}

func triFromQuery(v string) pages.Tri {
	switch t := pages.Tri(v); t {
	case pages.TriYes, pages.TriNo:
		return t
	}
	return pages.TriAny
}

// filterQuery is the inverse of filterFromQuery, leaving out defaults.
func filterQuery(f pages.ServerFilter) url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("q", f.Query)
	set("reg", string(f.Registration))
	set("open", string(f.Open))
	set("captcha", string(f.Captcha))
	set("email", string(f.Email))
	set("guide", string(f.InGuide))
	set("country", f.Jurisdiction)
	set("software", f.Software)
	if f.SortBy != pages.SortByName || f.Desc {
		q.Set("sort", sortOrder(f.SortBy, f.Desc))
	}
	return q
}

// sortOrder encodes a column and direction as "name:asc".
func sortOrder(by string, desc bool) string {
	if desc {
		return by + ":" + sortDescending
	}
	return by + ":" + sortAscending
}

func parseSortOrder(v string) (by string, desc bool) {
	by, dir, _ := strings.Cut(v, ":")
	switch by {
	case pages.SortByName, pages.SortByRegistration, pages.SortByJurisdiction, pages.SortBySoftware:
	default:
		by = pages.SortByName
	}
	return by, dir == sortDescending
}
