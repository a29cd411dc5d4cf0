package site

import "testing"

func TestServeRefusesPublicAddresses(t *testing.T) {
	for _, tc := range []struct {
		addr   string
		public bool
		ok     bool
	}{
		{"127.0.0.1:8000", false, true},
		{"[::1]:8000", false, true},
		{"localhost:8000", false, true},
		{"127.0.0.2:0", false, true},
		{":8000", false, false},
		{"0.0.0.0:8000", false, false},
		{"192.0.2.10:8000", false, false},
		{"0.0.0.0:8000", true, true},
		{"nonsense", false, false},
	} {
		err := checkListenAddr(tc.addr, tc.public)
		if (err == nil) != tc.ok {
			t.Errorf("checkListenAddr(%q, public=%v) = %v", tc.addr, tc.public, err)
		}
	}
}
