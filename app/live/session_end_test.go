package live

import (
	"testing"

	"hellomatrix/matrix"
)

// After a soft logout, signing in again as the same person (typed as a full
// ID or a bare name, in any case) reuses the device; anyone else gets a new
// one.
func TestResumeDeviceAfterSoftLogout(t *testing.T) {
	s := New()
	s.resumeUser, s.resumeDevice = "@alice:example.org", "DEVICE1"
	for typed, want := range map[string]string{
		"@alice:example.org": "DEVICE1",
		"Alice":              "DEVICE1",
		" alice ":            "DEVICE1",
		"@bob:example.org":   "",
		"alicia":             "",
	} {
		if got := s.resumeDeviceFor(typed); string(got) != want {
			t.Errorf("resumeDeviceFor(%q) = %q, want %q", typed, got, want)
		}
	}
	if New().resumeDeviceFor("alice") != "" {
		t.Error("a device offered with no soft logout behind it")
	}
	for kind, want := range map[matrix.Kind]bool{
		matrix.KindSoftLogout: true, matrix.KindAccountLocked: true,
		matrix.KindTokenExpired: false, matrix.KindAccountDeactivated: false,
	} {
		if got := keepsDevice(&matrix.Error{Kind: kind}); got != want {
			t.Errorf("keepsDevice(%s) = %t, want %t", kind, got, want)
		}
	}
}

// The device to sign in as again outlives the page: a new page load on the
// same storage finds it, and signing in (or out) forgets it.
func TestResumeDeviceKeptInStorage(t *testing.T) {
	st := memoryStorage("")
	first := New()
	first.storage = st
	first.setResumeLocked("@alice:example.org", "DEVICE1")
	later := New()
	later.storage = st
	later.loadResumeLocked()
	if got := later.resumeDeviceFor("alice"); got != "DEVICE1" {
		t.Errorf("after a reload resumeDeviceFor(alice) = %q, want DEVICE1", got)
	}
	later.setResumeLocked("", "")
	again := New()
	again.storage = st
	again.loadResumeLocked()
	if got := again.resumeDeviceFor("alice"); got != "" {
		t.Errorf("after signing in the stored device is still offered: %q", got)
	}
}
