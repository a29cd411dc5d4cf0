// What another person's app sees of a user's device (browsertest/): does
// HM_SENDER have cross-signing keys, and is their device HM_SENDER_DEVICE
// signed by its owner? matrix-js-sdk with its Rust crypto signs in as
// HM_USER, invites HM_SENDER to an encrypted room, as a friend starting a
// chat does (the SDK tracks the devices of people it shares encrypted rooms
// with; for others it does not work out the device's standing), fetches
// HM_SENDER's keys from the server and prints one line
// {"cross_signing":bool,"signed_by_owner":bool}, or explains on stderr and
// exits 1. It looks for up to 30 seconds (the SDK takes the server's
// answer in while its own key queries run), then says what it sees.
//
// Input comes from the environment, never the command line:
//   HM_HOMESERVER, HM_USER, HM_PASSWORD  who to sign in as, where
//   HM_SENDER, HM_SENDER_DEVICE           whose device to look at

import * as sdk from "matrix-js-sdk";
import { env, startCryptoClient, waitFor } from "./crypto_helpers.mjs";

async function main() {
  const { client } = await startCryptoClient("matrix-js-sdk onlooker");
  const crypto = client.getCrypto();
  const user = env("HM_SENDER");
  await client.createRoom({
    preset: sdk.Preset.PrivateChat,
    invite: [user],
    initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
  });
  const look = async () => {
    await crypto.getUserDeviceInfo([user], true);
    const crossSigning = await crypto.userHasCrossSigningKeys(user, true);
    const status = await crypto.getDeviceVerificationStatus(user, env("HM_SENDER_DEVICE"));
    return { cross_signing: crossSigning, signed_by_owner: Boolean(status && status.signedByOwner) };
  };
  const seen = await waitFor("the device signed by its owner", 30000, async () => {
    const s = await look();
    return s.cross_signing && s.signed_by_owner ? s : undefined;
  }).catch(look);
  client.stopClient();
  await client.logout(true).catch(() => {});
  console.log(JSON.stringify(seen));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`crypto_device: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
