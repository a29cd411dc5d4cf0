package browsertest

import (
	"strings"
)

// hostilePayload is one event another client sends into the reader's room.
type hostilePayload struct {
	name string
	// eventType is the event's type; "" is m.room.message.
	eventType string
	content   map[string]any
	// shows is the text the chat must show for it, exactly. Empty: the
	// client rightly leaves the event out (it has no text body, or is not
	// a message), and the test only checks nothing came of it.
	shows string
}

// text is an m.text message whose plain body is shown as is.
func text(name, body string) hostilePayload {
	return hostilePayload{name: name, content: map[string]any{"msgtype": "m.text", "body": body}, shows: body}
}

// markup is a message whose HTML (formatted_body) is also its plain body,
// so a client that shows text shows the markup literally.
func markup(name, msgtype, html string) hostilePayload {
	return hostilePayload{name: name, content: map[string]any{
		"msgtype": msgtype, "body": html, "format": "org.matrix.custom.html", "formatted_body": html,
	}, shows: html}
}

// media is a message of msgtype with links the client must never follow:
// it shows the body (the file's name), nothing else.
func media(name, msgtype, body string, links map[string]any) hostilePayload {
	content := map[string]any{"msgtype": msgtype, "body": body}
	for k, v := range links {
		content[k] = v
	}
	return hostilePayload{name: name, content: content, shows: body}
}

// hidden is an event the chat has no text for.
func hidden(name, eventType string, content map[string]any) hostilePayload {
	return hostilePayload{name: name, eventType: eventType, content: content}
}

// hostilePayloads are events written to harm or confuse a client that
// renders them carelessly. Every script in them would set window.__pwned
// and fetch pwn; every remote address in them is on pwn too, so one request
// there means the client fetched something it was sent.
func hostilePayloads(pwn string) []hostilePayload {
	act := `window.__pwned=true;fetch('` + pwn + `/ran')`
	nested := map[string]any{"leaf": "bottom"}
	for range 200 {
		nested = map[string]any{"x": nested}
	}
	return []hostilePayload{
		// Markup, in every place a message can carry it.
		markup("script", "m.text", `<script>`+act+`</script>`),
		markup("img onerror", "m.text", `<img src=x onerror="`+act+`">`),
		markup("javascript: link", "m.text", `<a href="javascript:`+act+`">open me</a>`),
		markup("iframe", "m.text", `<iframe src="javascript:parent.__pwned=true" srcdoc="<script>parent.__pwned=true</script>"></iframe>`),
		markup("svg onload", "m.text", `<svg onload="`+act+`"><circle r="9"/></svg>`),
		markup("remote image in HTML", "m.text", `<img src="`+pwn+`/html.png"> <video src="`+pwn+`/v.mp4" autoplay>`),
		markup("style and form", "m.text", `<style>body{background:url(`+pwn+`/bg.png)}</style><form action="`+pwn+`"><input autofocus onfocus="`+act+`"></form>`),
		markup("notice with markup", "m.notice", `<b onmouseover="`+act+`">a bot's notice</b>`),
		markup("emote with markup", "m.emote", `<marquee onstart="`+act+`">waves</marquee>`),
		{name: "reply fallback with markup", content: map[string]any{
			"msgtype": "m.text", "body": "> <@someone:x> <script>" + act + "</script>\n\nreplying to nothing",
			"format": "org.matrix.custom.html", "formatted_body": `<mx-reply><blockquote><a href="javascript:` + act + `">In reply to</a></blockquote></mx-reply>replying`,
			"m.relates_to": map[string]any{"m.in_reply_to": map[string]any{"event_id": "$not-a-real-event"}},
		}, shows: "> <@someone:x> <script>" + act + "</script>\n\nreplying to nothing"},

		// Malformed messages.
		hidden("body is a number", "", map[string]any{"msgtype": "m.text", "body": 42}),
		hidden("body is an object", "", map[string]any{"msgtype": "m.text", "body": map[string]any{"html": "<b>x</b>"}}),
		hidden("body missing", "", map[string]any{"msgtype": "m.text", "formatted_body": "<b>no body</b>"}),
		{name: "no msgtype", content: map[string]any{"body": "a message without a msgtype"}, shows: "a message without a msgtype"},
		media("unknown msgtype", "org.example.hologram", "a hologram from the future", nil),
		media("msgtype with markup", `<img src=x onerror="`+act+`">`, "a message whose msgtype is markup", nil),
		{name: "formatted_body is a number", content: map[string]any{
			"msgtype": "m.text", "body": "formatted as a number", "format": "org.matrix.custom.html", "formatted_body": 123,
		}, shows: "formatted as a number"},
		{name: "edit with broken new content", content: map[string]any{
			"msgtype": "m.text", "body": "* an edit of nothing",
			"m.new_content": map[string]any{"msgtype": "m.text", "body": map[string]any{"x": 1}},
			"m.relates_to":  map[string]any{"rel_type": "m.replace", "event_id": "$not-a-real-event"},
		}, shows: "* an edit of nothing"},
		{name: "deeply nested content", content: map[string]any{
			"msgtype": "m.text", "body": "deep inside", "x": nested,
			"format": "org.matrix.custom.html", "formatted_body": strings.Repeat("<div>", 2000) + "deep" + strings.Repeat("</div>", 2000),
		}, shows: "deep inside"},
		hidden("sticker", "m.sticker", map[string]any{"body": "a sticker", "url": pwn + "/sticker.png", "info": map[string]any{"thumbnail_url": pwn + "/t.png"}}),
		hidden("custom event type", "org.example.evil", map[string]any{"body": `<script>` + act + `</script>`, "msgtype": "m.text"}),

		// Media and places with links that must never be followed.
		media("image with a javascript: URL", "m.image", "cat.png", map[string]any{"url": "javascript:" + act}),
		media("image with remote URLs", "m.image", "dog.png", map[string]any{"url": pwn + "/dog.png",
			"info": map[string]any{"thumbnail_url": pwn + "/dog-thumb.png", "mimetype": "image/png"}}),
		media("file with a javascript: URL", "m.file", "report.pdf", map[string]any{"url": "javascript:" + act}),
		media("file with a remote URL", "m.file", "invoice.exe", map[string]any{"url": pwn + "/invoice.exe"}),
		media("video with a remote URL", "m.video", "clip.mp4", map[string]any{"url": pwn + "/clip.mp4"}),
		media("audio with a remote URL", "m.audio", "song.ogg", map[string]any{"url": pwn + "/song.ogg"}),
		media("location with a javascript: geo URI", "m.location", "meet me here", map[string]any{"geo_uri": "javascript:" + act}),
		media("location with a remote map", "m.location", "the harbour", map[string]any{"geo_uri": "geo:51.5,0.1",
			"external_url": pwn + "/map", "info": map[string]any{"thumbnail_url": pwn + "/map.png"}}),

		// Text that tries to break out of its box or hide what it says.
		text("huge body", strings.Repeat("Matrix is big. ", 4000)), // 60 KB: near the 64 KiB limit on a whole event
		text("bidi override", "\u202Etxt.exe is this harmless? \u202Dok"),
		text("bidi isolates and marks", "\u2067right to left\u2069 then \u200fmarked\u200e"),
		text("zero-width", "pay\u200bpal\u200d.com\ufeff and ma\u200ctrix"),
		text("control characters", "bell\a back\b escape\x1b[31mred\x1b[0m form\f feed \u0085next \u2028line"),
		text("combining marks", "Z"+strings.Repeat("\u0336\u0353\u0489", 300)),
		text("long word", "word:"+strings.Repeat("W", 3000)),
		text("many newlines", strings.Repeat("\n", 300)+"after many newlines"),
	}
}
