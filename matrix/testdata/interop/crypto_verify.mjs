// Verification with emoji between a device of the guide (the Go core, or
// the page) and matrix-js-sdk with its Rust crypto as the reader's other
// app (matrix/verify_test.go, browsertest/live_verify_test.go).
//
// HM_MODE says which side asks:
//   "ask"     the new app asks: it signs in to HM_USER's account as a new
//             device and asks the account's other devices to verify it.
//   "answer"  the guide asks: it signs in, makes the account's identity
//             and a key backup as Element does, sends HM_SAY to a new
//             encrypted room (printed), then waits for a request from
//             another device of the account and accepts it.
//   "foreign" someone else's account: it signs in as HM_USER and asks
//             HM_TARGET's device HM_TARGET_DEVICE to verify.
// When the emoji show, it prints them and then does HM_AT_EMOJI:
//   "confirm"  says they match (the default)
//   "mismatch" says they differ
//   "cancel"   cancels
//   "timeout"  tells the other device it gave up waiting (m.timeout)
//   "wait"     does nothing (the other side ends it)
// With HM_START set it starts the emoji itself once the request is ready,
// as Element does when its reader picks emoji (the guide is told to wait
// for it), instead of waiting for the guide's start.
// Afterwards, in "ask" mode after a match, it reports whether its device
// is cross-signed by the account, whether the backup's key came through
// secret sharing, and whether HM_EXPECT in HM_ROOM decrypted (from the
// backup; when it did not, "why" says what the SDK saw); otherwise how it
// ended (the cancel code).
//
// Input comes from the environment, never the command line:
//   HM_HOMESERVER, HM_USER, HM_PASSWORD  who to sign in as, where
//   HM_DEVICE_NAME  the new device's name
// Lines printed (JSON): {"device_id"}, in "answer" mode {"room_id","event_id"}
// and {"knows_devices"} once it knows the account's next device,
// {"emoji":[[symbol,name],...]} when shown, and a last result line.

import * as sdk from "matrix-js-sdk";
import * as RustSdkCryptoJs from "@matrix-org/matrix-sdk-crypto-wasm";
import { CryptoEvent, VerificationPhase, VerificationRequestEvent, VerifierEvent } from "matrix-js-sdk/lib/crypto-api/index.js";
import { env, startCryptoClient, setUpIdentity, waitFor, decrypted, whyUnread } from "./crypto_helpers.mjs";

const say = (o) => console.log(JSON.stringify(o));

async function main() {
  const mode = env("HM_MODE");
  const atEmoji = process.env.HM_AT_EMOJI || "confirm";
  const { client, login } = await startCryptoClient(process.env.HM_DEVICE_NAME || "matrix-js-sdk");
  const crypto = client.getCrypto();
  const me = login.user_id;
  say({ device_id: login.device_id });

  let request;
  if (mode === "ask") {
    request = await crypto.requestOwnUserVerification();
  } else if (mode === "foreign") {
    const target = env("HM_TARGET");
    // Someone this account shares no room with: tracked by hand, so the
    // Rust crypto fetches (and keeps) their devices.
    await crypto.olmMachine.updateTrackedUsers([new RustSdkCryptoJs.UserId(target)]);
    await waitFor("the other account's device known", 60000, async () => {
      await client.getCrypto().getUserDeviceInfo([target], false);
      return (await crypto.olmMachine.getDevice(new RustSdkCryptoJs.UserId(target), new RustSdkCryptoJs.DeviceId(env("HM_TARGET_DEVICE"))))
        ? true
        : undefined;
    });
    request = await crypto.requestDeviceVerification(target, env("HM_TARGET_DEVICE"));
  } else {
    await setUpIdentity(client);
    await crypto.resetKeyBackup();
    await crypto.checkKeyBackupAndEnable();
    const { room_id: roomId } = await client.createRoom({
      preset: sdk.Preset.PrivateChat,
      initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    await waitFor("the new room known to be encrypted", 30000, async () =>
      (await crypto.isEncryptionEnabledInRoom(roomId)) ? true : undefined,
    );
    const sent = await client.sendMessage(roomId, { msgtype: "m.text", body: env("HM_SAY") });
    // The room key in the backup before anyone asks for it.
    await waitFor("the room key backed up", 60000, async () => {
      const counts = await crypto.olmMachine.roomKeyCounts();
      if (counts.backedUp > 0) return true;
      if (Date.now() % 10000 < 200) console.error(`backup ${await crypto.getActiveSessionBackupVersion()}: ${counts.total} keys, ${counts.backedUp} backed up`);
      return undefined;
    });
    say({ room_id: roomId, event_id: sent.event_id });
    const asked = new Promise((resolve) => client.on(CryptoEvent.VerificationRequestReceived, resolve));
    // A request from a device it does not know yet is ignored, so it says
    // when it knows the account's next device (the guide signing in).
    const known = await waitFor("the account's next device", 120000, async () => {
      const devices = (await crypto.getUserDeviceInfo([me])).get(me);
      return devices && devices.size >= 2 ? devices.size : undefined;
    });
    say({ knows_devices: known });
    request = await asked;
    await request.accept();
  }

  if (process.env.HM_START) {
    const ready = await waitFor("the request ready", 120000, () => {
      if (request.phase === VerificationPhase.Cancelled) return false;
      return request.phase === VerificationPhase.Ready || undefined;
    });
    if (ready) await request.startVerification("m.sas.v1");
  }
  // Otherwise the guide starts the emoji once the request is accepted.
  const verifier = await waitFor("the emoji verification starting", 120000, () => {
    if (request.phase === VerificationPhase.Cancelled) return null;
    return request.verifier || undefined;
  });
  if (!verifier) {
    say({ done: false, phase: "cancelled before the emoji", cancel_code: request.cancellationCode || "" });
    client.stopClient();
    return;
  }
  const ended = new Promise((resolve) => {
    request.on(VerificationRequestEvent.Change, () => {
      if (request.phase === VerificationPhase.Cancelled || request.phase === VerificationPhase.Done) resolve(request.phase);
    });
  });
  const otherDevice = request.otherDeviceId;
  verifier.on(VerifierEvent.ShowSas, async (sas) => {
    say({ emoji: sas.sas.emoji });
    switch (atEmoji) {
      case "confirm":
        await sas.confirm();
        break;
      case "mismatch":
        sas.mismatch();
        break;
      case "cancel":
        await request.cancel();
        break;
      case "timeout":
        // What an app whose clock ran out sends (the SDK's own cancel
        // says m.user).
        await client.sendToDevice("m.key.verification.cancel", new Map([[request.otherUserId, new Map([[request.otherDeviceId, {
          transaction_id: request.transactionId, code: "m.timeout", reason: "Timed out",
        }]])]]));
        await new Promise((r) => setTimeout(r, 2000));
        await request.cancel(); // ends it here too
        break;
    }
  });
  verifier.verify().catch(() => {}); // its outcome is read from the request
  const phase = await Promise.race([ended, new Promise((r) => setTimeout(() => r("still running"), 150000))]);
  if (phase !== VerificationPhase.Done) {
    // The SDK sends its own cancel without waiting: give it time to leave.
    await new Promise((r) => setTimeout(r, 3000));
    say({ done: false, phase: String(phase), cancel_code: request.cancellationCode || "" });
    client.stopClient();
    return;
  }

  const result = { done: true };
  if (mode === "ask") {
    // Ask the account's other devices for what a verified device may have
    // (the Rust crypto asks for the cross-signing keys and the backup's).
    await crypto.olmMachine.requestMissingSecretsIfNeeded();
    const status = await waitFor("this device cross-signed", 60000, async () => {
      await crypto.getUserDeviceInfo([me], true);
      const s = await crypto.getDeviceVerificationStatus(me, login.device_id);
      return s && s.crossSigningVerified ? s : undefined;
    }).catch(() => null);
    result.cross_signed = !!status;
    const key = await waitFor("the backup's key through secret sharing", 60000, async () =>
      (await crypto.getSessionBackupPrivateKey()) || undefined,
    ).catch(() => null);
    result.backup_key = !!key;
    if (key && process.env.HM_ROOM) {
      await crypto.checkKeyBackupAndEnable();
      const restored = await crypto.restoreKeyBackup();
      const got = await waitFor("the earlier message decrypted", 60000, async () => {
        // Events that failed before the keys came are retried by the SDK
        // when it notices; asked here too, so as not to depend on when.
        for (const e of client.getRoom(env("HM_ROOM"))?.getLiveTimeline().getEvents() || []) {
          if (e.isDecryptionFailure() && !e.isBeingDecrypted()) await e.attemptDecryption(crypto, { isRetry: true });
        }
        const d = decrypted(client, env("HM_ROOM"), me, env("HM_EXPECT"));
        return d.length ? d[0].getId() : undefined;
      }).catch(() => "");
      result.decrypted = got;
      if (!got) {
        const info = await crypto.getKeyBackupInfo();
        const inBackup = await client.http.authedRequest("GET", "/room_keys/keys", { version: info.version });
        const wanted = (client.getRoom(env("HM_ROOM"))?.getLiveTimeline().getEvents() || []).filter((e) => e.isDecryptionFailure()).map((e) => e.getWireContent().session_id);
        result.why = `${JSON.stringify(restored)}; ${whyUnread(client, env("HM_ROOM"))}; backup ${info.version} holds ${JSON.stringify(Object.fromEntries(Object.entries(inBackup.rooms).map(([r, v]) => [r, Object.keys(v.sessions)])))}; wanted ${wanted}`;
      }
    }
  } else if (mode === "answer") {
    result.cross_signed = await waitFor("the other device cross-signed", 30000, async () => {
      await crypto.getUserDeviceInfo([me], true);
      const s = await crypto.getDeviceVerificationStatus(me, otherDevice);
      return s && s.crossSigningVerified ? true : undefined;
    }).catch(() => false);
    // The verified device now asks for the account's keys and the
    // backup's: stay to answer, until the test is over.
    say(result);
    await new Promise((r) => setTimeout(r, 180000));
    return;
  }
  client.stopClient();
  say(result);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`crypto_verify: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
