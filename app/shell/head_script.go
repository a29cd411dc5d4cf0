package shell

// HeadScript is the page's one inline script, in <head>: what must be
// settled before the first paint, so nothing changes on screen after it.
// The Content-Security-Policy allows it by its hash (app/site).
var HeadScript = `<script>` + themeHeadJS + offerHeadJS + `</script>`
