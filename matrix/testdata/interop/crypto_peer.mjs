// An independent client with its own end-to-end encryption for
// matrix/crypto_interop_test.go: matrix-js-sdk with its Rust crypto
// (matrix-sdk-crypto-wasm, kept in memory: useIndexedDB false) signs in,
// joins the encrypted room the Go core created, says it is ready (one JSON
// line), then waits until it has decrypted the Go core's message, replies
// (the SDK encrypts it), and waits for the Go core's second message, sent
// after the Go client was reloaded from its stored keys.
//
// Input comes from the environment, never the command line:
//   HM_HOMESERVER  base URL
//   HM_USER        user to sign in as
//   HM_PASSWORD    its password
//   HM_ROOM        room ID to join (the user has been invited)
//   HM_SENDER      user ID of the Go core
//   HM_EXPECT      body of the Go core's first message
//   HM_REPLY       body of the reply to send
//   HM_EXPECT2     body of the Go core's message after its reload
//   HM_SENDER_DEVICE  the Go core's device ID: the result says whether
//                  this SDK sees it cross-signed by its owner
//   HM_ISOLATION   "signed" or "all" (default): the device isolation mode,
//                  after cross-signing is set up as Element does
// Each message must be decrypted exactly once in the room. It prints
// {"ready":...} first and a result line last; on failure it explains on
// stderr and exits 1.

import { env, startCryptoClient, setUpIdentity, waitFor, decrypted, whyUnread } from "./crypto_helpers.mjs";

async function main() {
  const roomId = env("HM_ROOM");
  const sender = env("HM_SENDER");
  const { client, login } = await startCryptoClient("matrix-js-sdk crypto peer");
  const crypto = client.getCrypto();
  const isolation = await setUpIdentity(client); // as Element does at a first sign-in
  await client.joinRoom(roomId);

  // Ready means the Go core can find this device: its keys are on the
  // server, so the room key the Go core shares next reaches it.
  await waitFor("this device's keys on the server", 60000, async () => {
    const devices = await crypto.getUserDeviceInfo([login.user_id], true);
    return devices.get(login.user_id)?.has(login.device_id) ? true : undefined;
  });
  // And this SDK knows the Go core's identity: a room key that arrives
  // before the SDK has fetched it counts as from an unsigned device in
  // OnlySignedDevicesIsolationMode, and is not looked at again. (A friend
  // who starts the chat, as people do, has fetched it on inviting.)
  const senderDevice = env("HM_SENDER_DEVICE");
  const signed = await waitFor("the Go core's device, cross-signed", 60000, async () => {
    await crypto.getUserDeviceInfo([sender], true);
    const status = await crypto.getDeviceVerificationStatus(sender, senderDevice);
    return status && status.signedByOwner ? true : undefined;
  }).catch(() => false);
  console.log(JSON.stringify({ ready: true, user_id: login.user_id, device_id: login.device_id, isolation }));

  const first = await waitFor("the Go core's message, decrypted", 90000, () => {
    const got = decrypted(client, roomId, sender, env("HM_EXPECT"));
    return got.length ? got : undefined;
  }).catch((err) => {
    throw new Error(`${err.message} (${whyUnread(client, roomId)})`);
  });
  const reply = await client.sendMessage(roomId, { msgtype: "m.text", body: env("HM_REPLY") });
  const second = await waitFor("the Go core's message after its reload, decrypted", 90000, () => {
    const got = decrypted(client, roomId, sender, env("HM_EXPECT2"));
    return got.length ? got : undefined;
  });
  // Both found: now count them once more, for duplicates.
  const firstCount = decrypted(client, roomId, sender, env("HM_EXPECT")).length;
  const secondCount = decrypted(client, roomId, sender, env("HM_EXPECT2")).length;

  client.stopClient();
  await client.logout(true).catch(() => {}); // tidy up the device; not part of the check

  console.log(
    JSON.stringify({
      first_event_id: first[0].getId(),
      first_count: firstCount,
      reply_event_id: reply.event_id,
      second_event_id: second[0].getId(),
      second_count: secondCount,
      sender_device_signed: signed,
    }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`crypto_peer: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
