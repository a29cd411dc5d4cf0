package site

// startOnIntent is added to go-app's app.js (fixAppJS): the page reads,
// scrolls, follows links (ordinary links to prerendered pages), jumps
// through the table of contents and switches the theme without Go, and
// app.wasm, compiled and instantiated early off the page's thread
// (instantiateOffThread), starts only when the reader first reaches for
// something that needs it, or at once when the guide has something of the
// reader's to show. What counts, and why (measured: BENCHMARKS.md, the
// report on issue 21):
//
//   - focus or a press inside a live box, the search boxes or the
//     directory's filters and table: the earliest sign of wanting one,
//     before the first key, so the app has the time from focus to
//     keystroke to start;
//   - anything of the live client's in localStorage under its prefix (a
//     session, a sign-in trip coming back, an outbox), except notes that
//     outlive a session (the server the reader picked, OAuth client
//     registrations): a signed-in page needs the sync at once;
//   - window.hmWantApp(), for anyone who needs the app now (the browser
//     tests' harness).
//
// Before the app runs, the live boxes' text fields are enabled so the
// reader can type (their forms cannot submit: that would put a password in
// the address), and when go-app mounts its copy of the page over the
// prerendered one, what was typed, the caret and the focus move across,
// with any key pressed in between. <html data-app-wanted> names the
// trigger; window.hmGoStarted is set when Go starts.
const startOnIntent = `
const hmAppWanted = (() => {
  const wants = "` + wantsAppSelector + `";
  let resolve;
  const wanted = new Promise((r) => { resolve = r; });
  const want = (why) => {
    if (document.documentElement.dataset.appWanted) return;
    document.documentElement.dataset.appWanted = why;
    performance.mark("hm-app-wanted");
    resolve();
  };
  window.hmWantApp = () => want("asked");
  try {
    const prefix = "` + liveStoragePrefix + `";
    // Notes that outlive a session and need no app at load.
    const notes = ["live/server", "live/oauth-clients", "live/recovery-reminded"];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith(prefix) && !notes.includes(k.slice(prefix.length))) {
        want("stored");
        break;
      }
    }
  } catch (e) {}
  const onIntent = (e) => {
    if (e.target instanceof Element && e.target.closest(wants)) want(e.type);
  };
  document.addEventListener("focusin", onIntent, true);
  document.addEventListener("pointerdown", onIntent, true);
  document.addEventListener("submit", (e) => {
    if (!window.hmGoStarted && e.target.closest(".live-client")) {
      e.preventDefault();
      want("submit");
    }
  }, true);

  const fields = 'input:not([type]), input[type="text"], input[type="password"], input[type="email"], input[type="url"], input[type="search"], textarea';
  const ready = () => {
    for (const f of document.querySelectorAll(".live-client :is(" + fields + ")[disabled]")) {
      f.disabled = false;
    }
    // The theme without Go: the same choice the head script applied.
    const theme = document.getElementById("theme-choice");
    if (theme) {
      try { theme.value = localStorage.getItem("` + themeStorageKey + `") || "system"; } catch (e) {}
      theme.addEventListener("change", () => {
        if (window.hmGoStarted) return; // the app's own handler has it
        const t = theme.value;
        try {
          if (t === "light" || t === "dark") {
            document.documentElement.setAttribute("data-theme", t);
            localStorage.setItem("` + themeStorageKey + `", t);
          } else {
            document.documentElement.removeAttribute("data-theme");
            localStorage.removeItem("` + themeStorageKey + `");
          }
        } catch (e) {}
      });
    }
  };
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", ready) : ready();

  // The field with focus; one removed from the page keeps the title, so
  // the mount below can give focus back to its copy.
  let focused = null;
  document.addEventListener("focusin", (e) => { focused = e.target; }, true);
  document.addEventListener("focusout", (e) => {
    const was = e.target;
    queueMicrotask(() => { if (focused === was && was.isConnected && document.activeElement !== was) focused = null; });
  }, true);

  // Carry what was typed into go-app's copy of the page.
  wanted.then(() => {
    const kept = [];
    let extra = null; // keys pressed while no field had focus
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        for (const old of r.removedNodes) {
          if (!(old instanceof Element)) continue;
          for (const f of old.querySelectorAll(fields + ", select")) {
            const hadFocus = f === focused;
            if (!f.id || (f.value === f.defaultValue && !hadFocus)) continue;
            kept.push({ id: f.id, value: f.value, focused: hadFocus,
              start: f.selectionStart ?? null, end: f.selectionEnd ?? null });
          }
        }
      }
      if (kept.length && !extra) {
        extra = [];
        document.addEventListener("keydown", buffer, true);
        requestAnimationFrame(restore);
      }
    });
    const started = performance.now();
    const buffer = (e) => {
      if (document.activeElement && document.activeElement !== document.body) return;
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        extra.push(e.key);
        e.preventDefault();
      }
    };
    const restore = () => {
      for (let i = kept.length - 1; i >= 0; i--) {
        const k = kept[i];
        const f = document.getElementById(k.id);
        if (!f || f.disabled || !f.isConnected) continue;
        let value = k.value, caret = k.end;
        if (k.focused && extra.length) {
          const at = k.start ?? value.length;
          value = value.slice(0, at) + extra.join("") + value.slice(k.end ?? at);
          caret = at + extra.length;
          extra = [];
        }
        if (f.value !== value) {
          f.value = value;
          f.dispatchEvent(new Event("input", { bubbles: true }));
        }
        if (k.focused) {
          f.focus({ preventScroll: true });
          if (caret !== null) try { f.setSelectionRange(caret, caret); } catch (e) {}
        }
        kept.splice(i, 1);
      }
      if (kept.length && performance.now() - started < 10000) {
        requestAnimationFrame(restore);
        return;
      }
      document.removeEventListener("keydown", buffer, true);
      observer.disconnect();
    };
    observer.observe(document.body, { childList: true });
  });
  return wanted;
})();
`

const (
	// wantsAppSelector is what needs the app: the live boxes, the search
	// boxes, the directory's filters and its table's sort buttons.
	wantsAppSelector = ".live-client, .search-box, .search-page-form, .directory-filters, .server-table thead"
	// liveStoragePrefix is the live client's prefix in localStorage
	// (matrix.BrowserKVPrefix).
	liveStoragePrefix = "hellomatrix."
	// themeStorageKey is where the theme switch keeps the reader's choice
	// (package shell's themeStorageKey).
	themeStorageKey = "hello-matrix-theme"
)
