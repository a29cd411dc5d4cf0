package recaptchadouble

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"
)

// The documented answers: a solved token once, then a duplicate; unknown
// tokens, a wrong secret and missing fields refused with their codes.
func TestSiteverify(t *testing.T) {
	d, err := Start("site-secret")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Stop()
	tok := d.Solve()
	ask := func(form url.Values) answer {
		t.Helper()
		res, err := http.PostForm(d.URL, form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var a answer
		if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	for _, c := range []struct {
		form url.Values
		ok   bool
		code string
	}{
		{url.Values{"secret": {"site-secret"}, "response": {tok}, "remoteip": {"127.0.0.1"}}, true, ""},
		{url.Values{"secret": {"site-secret"}, "response": {tok}}, false, "timeout-or-duplicate"},
		{url.Values{"secret": {"site-secret"}, "response": {"made-up"}}, false, "invalid-input-response"},
		{url.Values{"secret": {"other"}, "response": {d.Solve()}}, false, "invalid-input-secret"},
		{url.Values{"response": {d.Solve()}}, false, "missing-input-secret"},
		{url.Values{"secret": {"site-secret"}}, false, "missing-input-response"},
	} {
		a := ask(c.form)
		if a.Success != c.ok || (c.code != "" && !slices.Contains(a.ErrorCodes, c.code)) || (c.ok && a.ChallengeTS == "") {
			t.Errorf("%v: got %+v", c.form, a)
		}
	}
	if v, r := d.Counts(); v != 1 || r != 5 {
		t.Errorf("counts %d verified, %d refused", v, r)
	}
}
