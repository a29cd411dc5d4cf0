// The browser tests' friend with encryption (browsertest/): matrix-js-sdk
// with its Rust crypto signs in first and says it is ready (one JSON line),
// so its device exists before the live client writes; then it waits for an
// invitation, joins, decrypts the live client's message (it must be there
// exactly once) and answers in the same encrypted room.
//
// Input comes from the environment, never the command line:
//   HM_HOMESERVER, HM_USER, HM_PASSWORD  who to sign in as, where
//   HM_EXPECT   body of the message the browser sent
//   HM_SENDER   user ID that must have sent it
//   HM_REPLY    the answer to send
//   HM_ISOLATION  "signed" or "all" (default): the device isolation mode,
//               after cross-signing is set up as Element does
//   HM_EXPECT_AFTER  optional: a second message the browser sends after
//               its reload; it too must decrypt, exactly once (a reload
//               keeps the browser's crypto state)
// It prints {"ready":true} first and a result line last (user_id, room_id,
// seen_event_id, reply_event_id), or explains on stderr and exits 1.

import { env, startCryptoClient, setUpIdentity, waitFor, decrypted } from "./crypto_helpers.mjs";

async function main() {
  const { client, login } = await startCryptoClient("matrix-js-sdk encrypted friend");
  const crypto = client.getCrypto();
  const isolation = await setUpIdentity(client); // as Element does at a first sign-in
  await waitFor("this device's keys on the server", 60000, async () => {
    const devices = await crypto.getUserDeviceInfo([login.user_id], true);
    return devices.get(login.user_id)?.has(login.device_id) ? true : undefined;
  });
  console.log(JSON.stringify({ ready: true, isolation }));

  const roomId = await waitFor("an invitation", 90000, () => {
    const invited = client.getRooms().find((r) => r.getMyMembership() === "invite");
    return invited ? invited.roomId : undefined;
  });
  await client.joinRoom(roomId);
  const sender = env("HM_SENDER");
  const expect = env("HM_EXPECT");
  const seen = await waitFor("the browser's message, decrypted", 90000, () => {
    const got = decrypted(client, roomId, sender, expect);
    return got.length ? got : undefined;
  });
  if (decrypted(client, roomId, sender, expect).length !== 1) {
    throw new Error(`expected ${sender}'s message exactly once in ${roomId}`);
  }
  const reply = await client.sendMessage(roomId, { msgtype: "m.text", body: env("HM_REPLY") });
  const after = process.env.HM_EXPECT_AFTER;
  if (after) {
    await waitFor("the browser's message after its reload, decrypted", 120000, () => {
      const got = decrypted(client, roomId, sender, after);
      return got.length ? got : undefined;
    });
    for (const body of [expect, after]) {
      if (decrypted(client, roomId, sender, body).length !== 1) {
        throw new Error(`expected ${sender}'s message ${JSON.stringify(body)} exactly once in ${roomId}`);
      }
    }
  }
  client.stopClient();
  await client.logout(true).catch(() => {});
  console.log(
    JSON.stringify({ user_id: login.user_id, room_id: roomId, seen_event_id: seen[0].getId(), reply_event_id: reply.event_id }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`crypto_invited: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
