package directory

import (
	"errors"
	"strconv"

	"hellomatrix/app/widgets"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// The directory's data comes from package pages as kinds (a registration
// method, a way to sign up, why a feed was refused); these word them in the
// page's language.

// registrationWords are a sign-up method's short name and a sentence that
// explains it to a newcomer.
func registrationWords(w *words.Words, r pages.Registration) (label, about string) {
	switch r {
	case pages.RegInHouseElement:
		return w.Say("site.directory.reg_element"), w.Say("site.directory.reg_element_about")
	case pages.RegInHouseCinny:
		return w.Say("site.directory.reg_cinny"), w.Say("site.directory.reg_cinny_about")
	case pages.RegInHouseSchildiChat:
		return w.Say("site.directory.reg_schildichat"), w.Say("site.directory.reg_schildichat_about")
	case pages.RegSSO:
		return w.Say("site.directory.reg_sso"), w.Say("site.directory.reg_sso_about")
	case pages.RegForm:
		return w.Say("site.directory.reg_form"), w.Say("site.directory.reg_form_about")
	case pages.RegMembership:
		return w.Say("site.directory.reg_membership"), w.Say("site.directory.reg_membership_about")
	case pages.RegContact:
		return w.Say("site.directory.reg_contact"), w.Say("site.directory.reg_contact_about")
	case pages.RegDonation:
		return w.Say("site.directory.reg_donation"), w.Say("site.directory.reg_donation_about")
	}
	return w.Say("site.directory.reg_unlisted"), w.Say("site.directory.reg_unlisted_about")
}

// countryName is a jurisdiction as the list gives it, or the page's words
// for none.
func countryName(w *words.Words, jurisdiction string) string {
	if jurisdiction == pages.JurisdictionUnlisted {
		return w.Say("site.directory.country_unlisted")
	}
	return jurisdiction
}

// inPageWay is way with its phrase in the page's language, for the
// table's cell (ServerCheck shows Phrase).
func inPageWay(w *words.Words, way pages.SignupWay) pages.SignupWay {
	way.Phrase = widgets.SignupPhrase(w, way)
	return way
}

// feedProblemText finishes the sentence "the live list could not be read:
// …" for err, an error of fetchServersFeed's.
func feedProblemText(w *words.Words, err error) string {
	var failed *feedFailure
	if errors.As(err, &failed) {
		switch failed.kind {
		case feedBadSetting:
			return w.Say("site.directory.feed_bad_setting")
		case feedTooSlow:
			return w.SayN("site.directory.feed_too_slow", failed.n)
		case feedOffline:
			return w.Say("site.directory.feed_offline")
		case feedHTTPError:
			return w.Say("site.directory.feed_http_error", "status", strconv.Itoa(failed.n))
		case feedCutOff:
			return w.Say("site.directory.feed_cut_off")
		}
		return w.Say("site.directory.feed_no_answer")
	}
	var refused *pages.FeedProblem
	if !errors.As(err, &refused) {
		return w.Say("site.directory.feed_no_answer")
	}
	switch refused.Kind {
	case pages.FeedNotJSON:
		return w.Say("site.directory.feed_not_json")
	case pages.FeedNoList:
		return w.Say("site.directory.feed_no_list")
	case pages.FeedTooLarge:
		return w.Say("site.directory.feed_too_large")
	case pages.FeedEmpty:
		return w.Say("site.directory.feed_empty")
	case pages.FeedTooFew:
		return w.SayN("site.directory.feed_too_few", refused.Listed, "usable", strconv.Itoa(refused.Usable))
	}
	return w.SayN("site.directory.feed_mostly_broken", refused.Listed, "usable", strconv.Itoa(refused.Usable))
}
