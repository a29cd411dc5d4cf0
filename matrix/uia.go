package matrix

import "encoding/json"

// Login and registration stage types the guide knows, including the
// unstable name of registration tokens some servers still use. The ones a
// reader finishes on the server's own page are exported: the wording of a
// StepBrowser depends on them (Registration.Stage).
const (
	stageDummy         = "m.login.dummy"
	stageTerms         = "m.login.terms"
	stageToken         = "m.login.registration_token"
	stageTokenUnstable = "org.matrix.msc3231.login.registration_token"
	StageRecaptcha     = "m.login.recaptcha"
	stageEmail         = "m.login.email.identity"
	StageMSISDN        = "m.login.msisdn"
	StageSSO           = "m.login.sso"
)

// uiaFlow and uiaResponse are the spec's 401 user-interactive auth body.
// mautrix's own register helper only parses it when there is no errcode,
// but a failed stage comes back as 401 with both flows and an errcode.
type uiaFlow struct {
	Stages []string `json:"stages"`
}

type uiaResponse struct {
	Flows     []uiaFlow                  `json:"flows"`
	Params    map[string]json.RawMessage `json:"params"`
	Session   string                     `json:"session"`
	Completed []string                   `json:"completed"`
	ErrCode   string                     `json:"errcode"`
	Error     string                     `json:"error"`
}

// inlineStages are the stages the guide completes itself, and their cost to
// the reader (used to prefer the least demanding flow).
var inlineStages = map[string]int{
	stageDummy:         0,
	stageTerms:         1,
	stageToken:         2,
	stageTokenUnstable: 2,
	stageEmail:         3, // register_email.go: a link to open
}

// chooseFlow picks the flow Register will follow. Flows whose stages are
// all inline win; among them the one asking least of the reader. With
// allowBrowser, flows with fallback-only stages are considered too (a
// captcha is preferred to an email or phone check, which need more). Flows
// inconsistent with stages already completed are skipped.
func chooseFlow(flows []uiaFlow, allowBrowser bool, completed ...string) ([]string, bool) {
	best, bestCost := []string(nil), -1
	for _, f := range flows {
		if len(f.Stages) == 0 || !containsAll(f.Stages, completed) {
			continue
		}
		cost := 0
		for _, s := range f.Stages {
			if c, ok := inlineStages[s]; ok {
				cost += c
				continue
			}
			if !allowBrowser {
				cost = -1
				break
			}
			switch s {
			case StageRecaptcha:
				cost += 10
			case StageSSO:
				cost += 20
			default: // email, phone numbers and unknown stages
				cost += 50
			}
		}
		if cost >= 0 && (bestCost < 0 || cost < bestCost) {
			best, bestCost = f.Stages, cost
		}
	}
	return best, bestCost >= 0
}

func containsAll(set, items []string) bool {
	for _, it := range items {
		found := false
		for _, s := range set {
			if s == it {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// nextStage is the first stage of flow not completed yet ("" when none).
func nextStage(flow, completed []string) string {
	for _, s := range flow {
		if !containsAll(completed, []string{s}) {
			return s
		}
	}
	return ""
}
