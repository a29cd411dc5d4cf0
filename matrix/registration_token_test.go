//go:build !js

package matrix

import (
	"context"
	"testing"
	"time"

	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
)

// CheckRegistrationToken against a real Synapse that wants a code: a fresh
// one-use code passes, a made-up one and the same code after a sign-up used
// it are refused, and a server that cannot answer says nothing.
func TestCheckRegistrationTokenOnSynapse(t *testing.T) {
	s := synapsetest.Start(t, synapse.Options{RegistrationRequiresToken: true})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := Discover(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	code, err := s.CreateRegistrationToken(ctx, synapse.RegistrationToken{UsesAllowed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckRegistrationToken(ctx, srv, code); err != nil {
		t.Errorf("a fresh code: %v, want nil", err)
	}
	if err := CheckRegistrationToken(ctx, srv, "not-a-real-code"); KindOf(err) != KindBadRegistrationToken {
		t.Errorf("a made-up code: %v, want %s", err, KindBadRegistrationToken)
	}
	reg, err := Register(ctx, srv, RegisterRequest{Username: synapsetest.UniqueName("coded"), Password: "a long practice password", RegistrationToken: code})
	if err != nil || reg.Step != StepDone {
		t.Fatalf("signing up with the code: %v (step %v)", err, reg)
	}
	if err := CheckRegistrationToken(ctx, srv, code); KindOf(err) != KindBadRegistrationToken {
		t.Errorf("the code after it was used up: %v, want %s", err, KindBadRegistrationToken)
	}
	gone := &Server{Name: "127.0.0.1:1", BaseURL: "http://127.0.0.1:1"}
	if err := CheckRegistrationToken(ctx, gone, code); err != nil {
		t.Errorf("a server that does not answer: %v, want nil (Register will tell)", err)
	}
}
