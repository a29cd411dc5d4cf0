package basepath

import "testing"

func TestBasePath(t *testing.T) {
	defer Set("")
	for _, p := range []string{"sub/path", "/sub/path/", "/sub/path"} {
		Set(p)
		if got := Join("/guide/x"); got != "/sub/path/guide/x" {
			t.Errorf("Set(%q): Join = %q", p, got)
		}
	}
	if got := RouteOf("/sub/path/guide/x"); got != "/guide/x" {
		t.Errorf("RouteOf = %q", got)
	}
	if got := RouteOf("/sub/path"); got != "/" {
		t.Errorf("RouteOf(base) = %q", got)
	}
	in := `<a href="/servers">a</a> <a href="#x">b</a> <a href="//cdn.example/x">c</a> <a href="https://x.example/">d</a>`
	want := `<a href="/sub/path/servers">a</a> <a href="#x">b</a> <a href="//cdn.example/x">c</a> <a href="https://x.example/">d</a>`
	if got := PrefixLinks(in); got != want {
		t.Errorf("PrefixLinks:\n got %s\nwant %s", got, want)
	}
	Set("")
	if got := PrefixLinks(in); got != in {
		t.Errorf("PrefixLinks without a base changed the HTML: %s", got)
	}
}
