// A friend who starts an encrypted chat, for matrix/crypto_identity_test.go:
// matrix-js-sdk with its Rust crypto signs in, sets up cross-signing as
// Element does and takes the device isolation mode HM_ISOLATION names
// ("signed": OnlySignedDevicesIsolationMode, MSC4153), creates an
// encrypted room inviting HM_INVITE and says so (one JSON line with the
// room ID); once HM_INVITE has joined and their devices are known, it
// sends HM_SAY, prints the event ID, and waits until HM_INVITE's
// message HM_EXPECT arrives: it reports whether it could read it and the
// SDK's reason if not (a message from an unverified device is not shown
// in OnlySignedDevicesIsolationMode).
//
// Input comes from the environment, never the command line:
//   HM_HOMESERVER, HM_USER, HM_PASSWORD  who to sign in as, where
//   HM_INVITE     user ID to invite
//   HM_SAY        body of the message to send
//   HM_EXPECT     body of the message HM_INVITE sends back
//   HM_ISOLATION  "signed" or "all" (default)
// It prints {"room_id":...}, then {"event_id":...}, then a result line
// (read, reason), or explains on stderr and exits 1.

import * as sdk from "matrix-js-sdk";
import { env, startCryptoClient, setUpIdentity, waitFor } from "./crypto_helpers.mjs";

async function main() {
  const { client } = await startCryptoClient("matrix-js-sdk friend");
  const isolation = await setUpIdentity(client);
  const invite = env("HM_INVITE");
  const { room_id: roomId } = await client.createRoom({
    preset: sdk.Preset.PrivateChat,
    invite: [invite],
    initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
  });
  console.log(JSON.stringify({ room_id: roomId, isolation }));

  await waitFor("the invited user joining", 90000, () =>
    client.getRoom(roomId)?.getMember(invite)?.membership === "join" ? true : undefined,
  );
  await client.getCrypto().getUserDeviceInfo([invite], true);
  const sent = await client.sendMessage(roomId, { msgtype: "m.text", body: env("HM_SAY") });
  console.log(JSON.stringify({ event_id: sent.event_id }));

  const back = await waitFor("the invited user's answer", 90000, () => {
    const room = client.getRoom(roomId);
    const e = room
      ?.getLiveTimeline()
      .getEvents()
      .find((e) => e.getSender() === invite && e.isEncrypted() && !e.isBeingDecrypted());
    // Not the key merely on its way: read, or refused for good.
    if (!e || e.decryptionFailureReason === "MEGOLM_UNKNOWN_INBOUND_SESSION_ID") return undefined;
    return e;
  });
  client.stopClient();
  console.log(
    JSON.stringify({
      read: !back.isDecryptionFailure() && back.getContent().body === env("HM_EXPECT"),
      reason: back.decryptionFailureReason || "",
    }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`crypto_friend: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
