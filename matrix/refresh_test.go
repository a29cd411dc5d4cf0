//go:build !js

package matrix

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"hellomatrix/internal/synapse"
)

// Sessions on Synapse: tokens that expire and are renewed, soft logouts,
// locked and closed accounts. Synapse only: Dendrite 0.15 hands out no
// refresh tokens, has no token lifetimes and no lock or deactivation admin
// API, so none of this can happen there (its sessions simply last; every
// other test uses them).

// lifetime is the scenario's refreshable_access_token_lifetime: short, so a
// test lives through several tokens in a few seconds.
const lifetime = 3 * time.Second

// shortLived is the scenario's Synapse, shared by the tests below.
func shortLived(t *testing.T) homeserver {
	return scenarioSynapse(t, "short-lived tokens", synapse.Options{RefreshTokenLifetime: lifetime})
}

// TestSessionRenewsItself: a newcomer signs up on a server whose access
// tokens last three seconds and keeps sending for several lifetimes. Every
// message goes out once, the client renews ahead of expiry (and again when a
// session without a renewal date meets the server's soft logout), and the
// store always holds the latest tokens, so a reload carries on.
func TestSessionRenewsItself(t *testing.T) {
	t.Parallel() // mostly waiting for tokens to lapse
	srv := shortLived(t)
	ctx := testCtx(t, 2*time.Minute)
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := Register(ctx, hs, RegisterRequest{Username: uniqueName("renew"), Password: authPassword})
	if err != nil || reg.Step != StepDone {
		t.Fatalf("Register = %+v, %v", reg, err)
	}
	sess := *reg.Session
	if sess.RefreshToken == "" || sess.ExpiresAt.IsZero() || !sess.RenewAt.Before(sess.ExpiresAt) {
		t.Fatalf("sign-up gave no renewable session: refresh token %t, expires %s, renew %s", sess.RefreshToken != "", sess.ExpiresAt, sess.RenewAt)
	}
	st := NewMemorySessionStore()
	if err := st.Save(sess); err != nil {
		t.Fatal(err)
	}
	c := testClient(t, sess)
	c.UseSessionStore(st)
	var renewals atomic.Int64
	c.OnSessionChange(func(Session) { renewals.Add(1) })
	room, err := c.CreatePrivateRoom(ctx, "renewals")
	if err != nil {
		t.Fatal(err)
	}

	// Sending across four lifetimes: waiting is the point here, so the
	// pauses are sleeps; nothing asserts on how long anything took.
	const total = 8
	prefix := uniqueName("renew") + " "
	var sent []string
	for i := range total {
		body := fmt.Sprintf("%s%d", prefix, i)
		if m, err := c.Send(ctx, room, body); err != nil || m.State != StateSent {
			t.Fatalf("Send %d = %+v, %v", i, m, err)
		}
		sent = append(sent, body)
		time.Sleep(lifetime / 2)
	}
	if renewals.Load() < 2 {
		t.Errorf("%d renewals across %d lifetimes, want at least 2", renewals.Load(), total/2)
	}
	saved, err := st.Load()
	if err != nil || saved == nil || saved.AccessToken != c.Session().AccessToken || saved.RefreshToken != c.Session().RefreshToken {
		t.Fatalf("store holds %v (%v), not the client's current tokens", saved, err)
	}
	if saved.AccessToken == sess.AccessToken {
		t.Error("the stored access token is still the first one")
	}
	if got := tallyOf(sent, bodiesInRoom(t, c, room, total)); got != (tally{Delivered: total}) {
		t.Errorf("room holds %+v; want all %d once", got, total)
	}

	// A reload later: Restore brings the stored session back and renews it.
	time.Sleep(lifetime)
	back, err := Restore(ctx, st)
	if err != nil || back == nil {
		t.Fatalf("Restore after expiry = %v, %v", back, err)
	}
	if s, _ := st.Load(); s == nil || s.AccessToken != back.Session().AccessToken || s.AccessToken == saved.AccessToken {
		t.Errorf("Restore did not renew and save: stored %v", s)
	}

	// The server's own signal: a session that does not know when it expires
	// (no RenewAt) only learns it from 401 M_UNKNOWN_TOKEN soft_logout, and
	// renews then.
	blind := back.Session()
	blind.RenewAt, blind.ExpiresAt = time.Time{}, time.Time{}
	bc := testClient(t, blind)
	ct := count(bc)
	var blindRenewals atomic.Int64
	bc.OnSessionChange(func(Session) { blindRenewals.Add(1) })
	time.Sleep(lifetime + time.Second)
	if who, err := bc.WhoAmI(ctx); err != nil || who.UserID != sess.UserID {
		t.Fatalf("WhoAmI after expiry = %+v, %v", who, err)
	}
	if blindRenewals.Load() != 1 || ct.status(401) != 1 {
		t.Errorf("renewals %d after %d refusals, want 1 after 1", blindRenewals.Load(), ct.status(401))
	}

	// Logging out with a lapsed token still ends the session on the
	// server: afterwards its refresh token renews nothing.
	time.Sleep(lifetime + time.Second)
	last := bc.Session()
	if err := bc.Logout(ctx); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	after := testClient(t, bc.Session())
	if err := after.renew(ctx, after.Session().AccessToken); KindOf(err) != KindSoftLogout {
		t.Errorf("renewing after Logout = %v, want the refresh token refused", err)
	}
	if bc.Session().AccessToken == last.AccessToken {
		t.Error("Logout did not renew the lapsed token before signing out")
	}
}

// TestSessionRenewalAcrossTabs: two tabs on one stored session. The first
// to need new tokens renews and saves them; the other takes them from the
// store instead of renewing with the refresh token the first one spent.
func TestSessionRenewalAcrossTabs(t *testing.T) {
	t.Parallel() // mostly waiting for tokens to lapse
	srv := shortLived(t)
	ctx := testCtx(t, time.Minute)
	_, uid := authUser(t, srv, "tabs")
	sess, err := Login(ctx, nil, LoginRequest{User: string(uid), Password: authPassword})
	if err != nil {
		t.Fatal(err)
	}
	st := NewMemorySessionStore()
	st.Save(*sess)
	tab1, tab2 := testClient(t, *sess), testClient(t, *sess)
	tab1.UseSessionStore(st)
	tab2.UseSessionStore(st)
	time.Sleep(time.Until(sess.RenewAt))
	if _, err := tab1.WhoAmI(ctx); err != nil {
		t.Fatalf("tab 1: %v", err)
	}
	if _, err := tab2.WhoAmI(ctx); err != nil {
		t.Fatalf("tab 2: %v", err)
	}
	if a, b := tab1.Session(), tab2.Session(); a.AccessToken == sess.AccessToken || a.AccessToken != b.AccessToken || a.RefreshToken != b.RefreshToken {
		t.Errorf("the tabs hold different tokens after one renewal (tab 2 renewed on its own)")
	}
}

// TestSoftLogoutKeepsOutbox: when the session cannot be renewed (the server
// gave no refresh token, or refuses it), the reader is asked to sign in
// again, and what they typed meanwhile is sent, once, after they do.
func TestSoftLogoutKeepsOutbox(t *testing.T) {
	t.Parallel() // mostly waiting for tokens to lapse
	srv := shortLived(t)
	ctx := testCtx(t, 2*time.Minute)
	name, uid := authUser(t, srv, "soft")
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		spoil func(*Session)
	}{
		{"no refresh token", func(s *Session) { s.RefreshToken = "" }},
		{"refresh token refused", func(s *Session) { s.RefreshToken = "not-a-refresh-token" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sess, err := Login(ctx, hs, LoginRequest{User: name, Password: authPassword})
			if err != nil {
				t.Fatal(err)
			}
			first := testClient(t, *sess)
			room, err := first.CreatePrivateRoom(ctx, "soft logout")
			if err != nil {
				t.Fatal(err)
			}
			spoilt := *sess
			tc.spoil(&spoilt)
			spoilt.RenewAt, spoilt.ExpiresAt = time.Time{}, time.Time{}
			kv := NewMemoryKV()
			c := testClient(t, spoilt)
			if err := c.UseOutboxStore(kv); err != nil {
				t.Fatal(err)
			}
			time.Sleep(lifetime + time.Second) // until the access token has lapsed

			m, err := c.Send(ctx, room, "typed while signed out")
			e := assertKind(t, err, KindSoftLogout)
			if !e.SoftLogout {
				t.Error("SoftLogout = false")
			}
			if m == nil || m.State != StatePending || m.ErrorKind != KindSoftLogout {
				t.Fatalf("message = %+v, want pending with the soft-logout reason", m)
			}
			_, err = c.WhoAmI(ctx)
			assertKind(t, err, KindSoftLogout)

			// Signing in again as the same device, on the same storage:
			// the message goes out once.
			again, err := Login(ctx, hs, LoginRequest{User: name, Password: authPassword, DeviceID: sess.DeviceID})
			if err != nil || again.DeviceID != sess.DeviceID || again.UserID != uid {
				t.Fatalf("Login again = %+v, %v", again, err)
			}
			back := testClient(t, *again)
			if err := back.UseOutboxStore(kv); err != nil {
				t.Fatal(err)
			}
			done, err := back.ResumeOutbox(ctx)
			if err != nil || len(done) != 1 || done[0].State != StateSent {
				t.Fatalf("ResumeOutbox = %+v, %v", done, err)
			}
			if n := bodiesInRoom(t, back, room, 1)["typed while signed out"]; n != 1 {
				t.Errorf("message is in the room %d times, want 1", n)
			}
		})
	}
}

// TestLockedAndClosedAccounts: an account the administrators lock, and one
// they close, each get their own Kind and sentence, on requests and at
// sign-in; the stored session is dropped and unsent messages are kept.
func TestLockedAndClosedAccounts(t *testing.T) {
	t.Parallel() // mostly waiting for tokens to lapse
	srv := sharedSynapse(t)
	ctx := testCtx(t, 2*time.Minute)
	hs, err := Discover(ctx, srv.ServerName)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("locked", func(t *testing.T) {
		name, uid := authUser(t, srv, "locked")
		sess, err := Login(ctx, hs, LoginRequest{User: name, Password: authPassword})
		if err != nil {
			t.Fatal(err)
		}
		c := testClient(t, *sess)
		room, err := c.CreatePrivateRoom(ctx, "locked")
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.syn.LockUser(ctx, string(uid), true); err != nil {
			t.Fatal(err)
		}
		_, err = c.WhoAmI(ctx)
		assertKind(t, err, KindAccountLocked)
		m, err := c.Send(ctx, room, "typed while locked")
		assertKind(t, err, KindAccountLocked)
		if m == nil || m.State != StatePending {
			t.Errorf("message = %+v, want it kept pending", m)
		}
		_, err = Login(ctx, hs, LoginRequest{User: name, Password: authPassword})
		assertKind(t, err, KindAccountLocked)
		st := NewMemorySessionStore()
		st.Save(*sess)
		_, err = Restore(ctx, st)
		assertKind(t, err, KindAccountLocked)
		if s, _ := st.Load(); s != nil {
			t.Error("Restore kept a locked account's session")
		}
	})

	t.Run("deactivated", func(t *testing.T) {
		name, uid := authUser(t, srv, "closed")
		sess, err := Login(ctx, hs, LoginRequest{User: name, Password: authPassword})
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.syn.DeactivateUser(ctx, string(uid)); err != nil {
			t.Fatal(err)
		}
		// Closing the account deleted its tokens: to the old session it
		// looks like being signed out.
		_, err = testClient(t, *sess).WhoAmI(ctx)
		assertKind(t, err, KindTokenExpired)
		// It also erased the password, and Synapse checks the password
		// before it checks for a closed account (rest/client/login.py), so
		// a password sign-in is refused like a wrong password (Dendrite
		// does the same). M_USER_DEACTIVATED only comes back to sign-ins
		// with a login token (single sign-on), see TestClassifyTable.
		_, err = Login(ctx, hs, LoginRequest{User: name, Password: authPassword})
		assertKind(t, err, KindWrongPassword)
	})
}
