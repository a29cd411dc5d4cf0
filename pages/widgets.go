package pages

// Names of the live-client widgets a chapter can embed with a paragraph that
// reads `{{live-client NAME}}`. They are Part.Widget values; the app maps each
// to a component. Kept here, outside the renderer, so the app can use them too.
const (
	WidgetServerPicker = "server-picker"
	WidgetRegister     = "register"
	WidgetLogin        = "login"
	WidgetFirstMessage = "first-message"
	WidgetKeyBackup    = "key-backup"
)

// Widgets lists every widget name a chapter may use, in guide order.
func Widgets() []string {
	return []string{WidgetServerPicker, WidgetRegister, WidgetLogin, WidgetFirstMessage, WidgetKeyBackup}
}

// IsWidget reports whether name is a widget the app knows how to show.
func IsWidget(name string) bool {
	for _, w := range Widgets() {
		if w == name {
			return true
		}
	}
	return false
}
