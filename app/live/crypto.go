package live

import (
	"context"
	"time"

	"hellomatrix/matrix"
)

// startEncryption turns end-to-end encryption on for a client about to
// become the signed-in one, its keys kept in kv beside the session. It runs
// before the client is shown, so the first private room the reader makes
// is already encrypted. A new device uploads its keys here (a moment after
// signing in); a reload only reads them from storage. It returns the
// sentence to show when encryption could not start ("" when it did): the
// chat still works then, without encryption.
func (m *Model) startEncryption(client *matrix.Client, kv matrix.KV) string {
	if !matrix.EncryptionBuiltIn {
		return "" // a native build (tests, tools): the WASM always has it
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := client.UseEncryption(ctx, kv); err != nil {
		return m.Message(err)
	}
	return ""
}
