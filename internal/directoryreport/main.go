// Command directoryreport prints what the guide's live client can do on the
// directory's servers, from the directory's own data (pages/directory.json)
// and the rule the directory's table uses (pages.SignupFacts.Way):
//
//	open_servers_signup_in_page: N of M
//
// then how many open servers get each phrase. `make directory-report` runs
// it, and `make test` too.
package main

import (
	"cmp"
	"fmt"
	"slices"

	"hellomatrix/pages"
)

func main() {
	all := pages.Servers()
	in, open := pages.SignupInPage(all)
	fmt.Printf("open_servers_signup_in_page: %d of %d\n", in, open)

	count := map[pages.SignupWay]int{}
	for _, s := range all {
		if s.Open {
			count[s.SignupWay()]++
		}
	}
	ways := make([]pages.SignupWay, 0, len(count))
	for w := range count {
		ways = append(ways, w)
	}
	// The largest groups first; ties by phrase, so the output is stable.
	slices.SortFunc(ways, func(a, b pages.SignupWay) int {
		return cmp.Or(cmp.Compare(count[b], count[a]), cmp.Compare(a.Phrase, b.Phrase))
	})
	for _, w := range ways {
		where := "in the page"
		if !w.InPage {
			where = "not in the page"
		}
		fmt.Printf("  %2d  %s (%s)\n", count[w], w.Phrase, where)
	}
}
