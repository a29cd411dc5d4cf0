//go:build !wasm

package widgets

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The picker's server groups, given to go-app as HTML, escape what they
// quote, as go-app's own elements would.
func TestServerGroupEscapesItsText(t *testing.T) {
	group := app.HTMLString(serverGroup(`Open & "free"`, []string{"a.org", "b<c"}, "b<c"))
	want := `<optgroup label="Open &amp; &#34;free&#34;"><option value="a.org">a.org</option><option value="b&lt;c" selected>b&lt;c</option></optgroup>`
	if group != want {
		t.Errorf("serverGroup wrote\n%s\nwant\n%s", group, want)
	}
	if strings.Contains(app.HTMLString(serverGroup("L", []string{"a.org"}, "")), "selected") {
		t.Error("serverGroup selected a server nobody chose")
	}
}
