// Helpers the encryption peers (crypto_peer.mjs, crypto_restore.mjs) share.

import * as sdk from "matrix-js-sdk";
import { logger } from "matrix-js-sdk/lib/logger.js";

logger.setLevel("error"); // the SDK and its crypto log a lot at info level

// env reads a required input; inputs come from the environment, never the
// command line, so passwords stay out of process listings.
export const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`missing environment variable ${name}`);
  return v;
};

// startCryptoClient signs in as HM_USER with HM_PASSWORD on HM_HOMESERVER
// as a new device, starts the Rust crypto in memory and syncs until the
// client is PREPARED.
export async function startCryptoClient(deviceName, cryptoCallbacks) {
  const baseUrl = env("HM_HOMESERVER");
  const anon = sdk.createClient({ baseUrl });
  const login = await anon.loginRequest({
    type: "m.login.password",
    identifier: { type: "m.id.user", user: env("HM_USER") },
    password: env("HM_PASSWORD"),
    initial_device_display_name: deviceName,
  });
  const client = sdk.createClient({
    baseUrl,
    accessToken: login.access_token,
    userId: login.user_id,
    deviceId: login.device_id,
    cryptoCallbacks,
  });
  await client.initRustCrypto({ useIndexedDB: false });
  const prepared = new Promise((resolve) => {
    client.on(sdk.ClientEvent.Sync, (state) => {
      if (state === "PREPARED") resolve();
    });
  });
  await client.startClient({ initialSyncLimit: 20 });
  await prepared;
  return { client, login };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// waitFor polls check until it returns a value, or fails after limitMs with
// what, so a missing message ends the run instead of hanging it.
export async function waitFor(what, limitMs, check) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${limitMs / 1000}s`);
    await sleep(200);
  }
}

// decrypted returns the room's events that were encrypted and have been
// decrypted into a message with this body, from sender (any sender when
// sender is null).
export function decrypted(client, roomId, sender, body) {
  const room = client.getRoom(roomId);
  if (!room) return [];
  return room
    .getLiveTimeline()
    .getEvents()
    .filter(
      (e) =>
        e.isEncrypted() &&
        !e.isDecryptionFailure() &&
        e.getType() === "m.room.message" &&
        (sender === null || e.getSender() === sender) &&
        e.getContent().body === body,
    );
}
