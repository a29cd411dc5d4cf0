// Helpers the encryption peers (crypto_peer.mjs, crypto_restore.mjs) share.

import * as sdk from "matrix-js-sdk";
import { logger } from "matrix-js-sdk/lib/logger.js";
import { AllDevicesIsolationMode, OnlySignedDevicesIsolationMode } from "matrix-js-sdk/lib/crypto-api/index.js";

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

// setUpIdentity does what Element does at a new account's first sign-in:
// it makes the account's cross-signing keys and signs this device with
// them (the first upload needs no password, MSC3967, so no auth is given),
// then sets the device isolation mode HM_ISOLATION names: "signed"
// (OnlySignedDevicesIsolationMode, MSC4153: room keys only to devices
// their owner cross-signed, messages from others not shown) or "all"
// (AllDevicesIsolationMode, the old default; also when unset). It returns
// the mode's name.
export async function setUpIdentity(client) {
  const crypto = client.getCrypto();
  await crypto.bootstrapCrossSigning({ authUploadDeviceSigningKeys: (makeRequest) => makeRequest(null) });
  await waitFor("cross-signing ready", 30000, async () => ((await crypto.isCrossSigningReady()) ? true : undefined));
  const mode = process.env.HM_ISOLATION === "signed" ? "signed" : "all";
  crypto.setDeviceIsolationMode(
    mode === "signed" ? new OnlySignedDevicesIsolationMode() : new AllDevicesIsolationMode(false),
  );
  return mode;
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

// whyUnread lists, for the error of a message that never decrypted, each
// encrypted event of the room the SDK could not read, with the SDK's reason.
export function whyUnread(client, roomId) {
  const room = client.getRoom(roomId);
  if (!room) return "not in the room";
  const failed = room
    .getLiveTimeline()
    .getEvents()
    .filter((e) => e.isDecryptionFailure())
    .map((e) => `${e.getId()} from ${e.getSender()}: ${e.decryptionFailureReason}`);
  return failed.length ? failed.join("; ") : "no undecryptable events";
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
