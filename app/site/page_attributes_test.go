package site

import "testing"

func TestFixAttributes(t *testing.T) {
	for in, want := range map[string]string{
		`<meta name="description" content="Matrix\u00a0: un réseau">`:      "<meta name=\"description\" content=\"Matrix\u00a0: un réseau\">",
		`<button title="Say \"hi\" &amp; go" class="x">Hi \u00a0</button>`: `<button title="Say &#34;hi&#34; &amp;amp; go" class="x">Hi \u00a0</button>`,
		`<a href="/de" aria-current hreflang="de">Deutsch</a>`:             `<a href="/de" aria-current="true" hreflang="de">Deutsch</a>`,
		`<span aria-hidden>x</span><input disabled aria-invalid>`:          `<span aria-hidden="true">x</span><input disabled aria-invalid="true">`,
		`<a href="/guide/x" aria-label="x">no escapes</a>`:                 `<a href="/guide/x" aria-label="x">no escapes</a>`,
		`<script>if(t==="light")x="\u00a0"</script>`:                       `<script>if(t==="light")x="\u00a0"</script>`,
	} {
		if got := string(fixAttributes([]byte(in))); got != want {
			t.Errorf("%s\n got %s\nwant %s", in, got, want)
		}
	}
}
