// The browser tests' friend who starts the conversation
// (browsertest/live_friend_chat_test.go): matrix-js-sdk with its Rust
// crypto, cross-signing set up at sign-in as Element does, in the device
// isolation mode HM_ISOLATION names. It starts an encrypted direct chat
// with the reader (createRoom is_direct, preset trusted_private_chat,
// m.room.encryption in the initial state, recorded in m.direct), says so
// (one JSON line, {"invited": room ID}), writes a first message, and waits
// for the reader's answer, which it must decrypt.
//
// Input comes from the environment, never the command line:
//   HM_HOMESERVER, HM_USER, HM_PASSWORD  who to sign in as, where
//   HM_DISPLAYNAME  the friend's display name
//   HM_INVITEE      the reader's user ID
//   HM_MESSAGE      the first message
//   HM_REPLY        the answer the reader will send
//   HM_ISOLATION    "all" (AllDevicesIsolationMode, the older default) or
//                   "signed" (OnlySignedDevicesIsolationMode: room keys only
//                   for devices their owner cross-signed, messages only from
//                   them, as spec v1.18 / MSC4153 asks)
// It prints the invited line first and a result line last (user_id,
// room_id, seen_event_id: the reader's answer, reply_event_id: the first
// message), or explains on stderr and exits 1.

import { env, startCryptoClient, waitFor, decrypted } from "./crypto_helpers.mjs";
import { AllDevicesIsolationMode, OnlySignedDevicesIsolationMode } from "matrix-js-sdk/lib/crypto-api/index.js";

async function main() {
  const isolation = env("HM_ISOLATION");
  if (isolation !== "all" && isolation !== "signed") throw new Error(`HM_ISOLATION is ${isolation}, want all or signed`);
  const { client, login } = await startCryptoClient("matrix-js-sdk friend");
  const crypto = client.getCrypto();
  await client.setDisplayName(env("HM_DISPLAYNAME"));

  // Cross-signing at first sign-in: the first upload needs no password
  // (MSC3967); should a server still ask, the password answers it.
  await crypto.bootstrapCrossSigning({
    authUploadDeviceSigningKeys: async (makeRequest) => {
      try {
        await makeRequest(null);
      } catch (err) {
        const session = err && err.data && err.data.session;
        if (!session) throw err;
        await makeRequest({
          type: "m.login.password",
          identifier: { type: "m.id.user", user: login.user_id },
          password: env("HM_PASSWORD"),
          session,
        });
      }
    },
  });
  // Ready once the SDK has read its own keys back from the server.
  await waitFor("cross-signing set up, this device signed", 30000, async () => {
    const own = await crypto.getDeviceVerificationStatus(login.user_id, login.device_id);
    return (await crypto.isCrossSigningReady()) && own?.signedByOwner ? true : undefined;
  });
  crypto.setDeviceIsolationMode(
    isolation === "signed" ? new OnlySignedDevicesIsolationMode() : new AllDevicesIsolationMode(false),
  );

  const invitee = env("HM_INVITEE");
  const { room_id: roomId } = await client.createRoom({
    is_direct: true,
    preset: "trusted_private_chat",
    invite: [invitee],
    initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
  });
  console.log(JSON.stringify({ invited: roomId }));
  await client.setAccountData("m.direct", { [invitee]: [roomId] });

  // Never in clear: the room must be known as encrypted before writing;
  // and the invitation must be in the room's state, or the room key would
  // go to nobody but the friend (it is shared with invited members too).
  await waitFor("the new room, encrypted, with the reader invited", 30000, async () =>
    client.getRoom(roomId)?.getMember(invitee)?.membership === "invite" && (await crypto.isEncryptionEnabledInRoom(roomId))
      ? true
      : undefined,
  );
  const first = await client.sendMessage(roomId, { msgtype: "m.text", body: env("HM_MESSAGE") });

  // Long enough to outlast the browser test's own wait for the first
  // message, after which the reader answers whether or not it opened.
  const reply = env("HM_REPLY");
  let seen;
  try {
    let refusedSince = 0;
    seen = await waitFor("the reader's answer, decrypted", 150000, () => {
      const got = decrypted(client, roomId, invitee, reply);
      if (got.length) return got;
      // A refusal by trust (not a missing key) will not change by itself:
      // give it a few seconds, then say so rather than wait on.
      const refused = (client.getRoom(roomId)?.getLiveTimeline().getEvents() ?? []).some(
        (e) => e.getSender() === invitee && e.decryptionFailureReason === "UNSIGNED_SENDER_DEVICE",
      );
      refusedSince = refused ? refusedSince || Date.now() : 0;
      if (refused && Date.now() - refusedSince > 10000) throw new Error("the reader's answer, decrypted: refused");
      return undefined;
    });
  } catch (err) {
    // Say what did arrive from the reader, and why it did not open.
    const theirs = (client.getRoom(roomId)?.getLiveTimeline().getEvents() ?? [])
      .filter((e) => e.getSender() === invitee && !e.isState())
      .map((e) => {
        if (e.isDecryptionFailure()) return `undecryptable (${e.decryptionFailureReason})`;
        return `${e.isEncrypted() ? "decrypted" : "in clear"} ${e.getType()}: ${JSON.stringify(e.getContent().body)}`;
      });
    throw new Error(`${err.message}; from ${invitee} the friend has: ${theirs.length ? theirs.join(", ") : "no messages"}`);
  }
  if (seen.length !== 1) throw new Error(`expected the reader's answer exactly once in ${roomId}`);
  client.stopClient();
  await client.logout(true).catch(() => {});
  console.log(
    JSON.stringify({ user_id: login.user_id, room_id: roomId, seen_event_id: seen[0].getId(), reply_event_id: first.event_id }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`crypto_direct_chat: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
