// Restores, with matrix-js-sdk and its Rust crypto, the key backup the Go
// core made (matrix/crypto_interop_restore_test.go): a new device of the Go
// user's account signs in, unlocks secret storage with the recovery key the
// Go core generated, loads the backup key from it, downloads the backup,
// and must then read the Go core's earlier encrypted messages. So the Go
// core's secret storage, backup key and backed-up room keys are in the
// formats the reference client reads.
//
// Input comes from the environment, never the command line:
//   HM_HOMESERVER  base URL
//   HM_USER        the Go user's account
//   HM_PASSWORD    its password
//   HM_ROOM        the encrypted room
//   HM_RECOVERY    the recovery key
//   HM_EXPECT      JSON list of message bodies that must decrypt
// It prints one JSON line, or explains on stderr and exits 1.

import { decodeRecoveryKey } from "matrix-js-sdk/lib/crypto-api/index.js";
import { env, startCryptoClient, waitFor, decrypted } from "./crypto_helpers.mjs";

async function main() {
  const roomId = env("HM_ROOM");
  const expect = JSON.parse(env("HM_EXPECT"));
  const secretKey = decodeRecoveryKey(env("HM_RECOVERY"));
  let client; // for the callback, which runs once the client is started
  const started = await startCryptoClient("matrix-js-sdk restoring the Go backup", {
    // The Go core made one secret storage key, the default: offer the
    // recovery key for it.
    getSecretStorageKey: async ({ keys }) => {
      const def = client && (await client.secretStorage.getDefaultKeyId());
      return def && keys[def] ? [def, secretKey] : null;
    },
  });
  client = started.client;
  const login = started.login;
  const crypto = client.getCrypto();

  await crypto.loadSessionBackupPrivateKeyFromSecretStorage();
  const check = await crypto.checkKeyBackupAndEnable();
  if (!check || !check.backupInfo) throw new Error("matrix-js-sdk found no key backup on the server");
  const restored = await crypto.restoreKeyBackup();

  const found = {};
  for (const body of expect) {
    found[body] = await waitFor(`"${body}" decrypted from the backup`, 60000, () => {
      const got = decrypted(client, roomId, null, body);
      return got.length ? got[0].getId() : undefined;
    });
  }
  client.stopClient();
  await client.logout(true).catch(() => {});
  console.log(JSON.stringify({ version: check.backupInfo.version, total: restored.total, imported: restored.imported, found }));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`crypto_restore: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
