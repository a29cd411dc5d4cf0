package matrix

import (
	"encoding/json"
	"sort"
	"strings"
)

// Policy is one document of the m.login.terms stage (e.g. a privacy policy)
// with its name and link in each language the server offers.
type Policy struct {
	ID        string                // server's key, e.g. "privacy_policy"
	Version   string                // e.g. "1.0"
	Languages map[string]PolicyLink // by language code: "en", "fr"...
}

// PolicyLink is a policy's title and address in one language.
type PolicyLink struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// In returns the policy in the first of langs it exists in, else English,
// else any language (the one sorting first, so the answer is stable).
func (p Policy) In(langs ...string) PolicyLink {
	for _, l := range append(langs, "en") {
		if pl, ok := p.Languages[l]; ok {
			return pl
		}
		if base, _, ok := strings.Cut(l, "-"); ok {
			if pl, ok := p.Languages[base]; ok {
				return pl
			}
		}
	}
	keys := make([]string, 0, len(p.Languages))
	for k := range p.Languages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		return p.Languages[keys[0]]
	}
	return PolicyLink{Name: p.ID}
}

// parsePolicies reads m.login.terms params:
// {"policies": {"privacy_policy": {"version": "1.0", "en": {"name", "url"}}}}
func parsePolicies(raw json.RawMessage) []Policy {
	var p struct {
		Policies map[string]map[string]json.RawMessage `json:"policies"`
	}
	if len(raw) == 0 || json.Unmarshal(raw, &p) != nil {
		return nil
	}
	ids := make([]string, 0, len(p.Policies))
	for k := range p.Policies {
		ids = append(ids, k)
	}
	sort.Strings(ids)
	var out []Policy
	for _, pid := range ids {
		pol := Policy{ID: pid, Languages: map[string]PolicyLink{}}
		for k, v := range p.Policies[pid] {
			if k == "version" {
				_ = json.Unmarshal(v, &pol.Version)
				continue
			}
			var pl PolicyLink
			if json.Unmarshal(v, &pl) == nil && pl.URL != "" {
				pol.Languages[k] = pl
			}
		}
		out = append(out, pol)
	}
	return out
}
