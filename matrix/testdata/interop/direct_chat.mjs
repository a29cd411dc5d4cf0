// Checks a direct chat the guide's live client started, as other apps see
// it (browsertest/live_rooms_test.go). matrix-js-sdk signs in twice:
//   - as the reader (HM_USER, HM_PASSWORD), on a device of its own, and
//     reads the account's m.direct from sync, as Element builds its list of
//     direct chats from it;
//   - as the friend (HM_FRIEND, HM_FRIEND_PASSWORD), who waits for the
//     invitation to HM_ROOM, reads who invited them to a direct chat
//     (is_direct on the invitation, Room.getDMInviter), joins, and reads
//     the room's encryption state.
// Inputs come from the environment (HM_HOMESERVER too). It prints one JSON
// line and exits 0, or explains on stderr and exits 1.

import * as sdk from "matrix-js-sdk";
import { env, waitFor } from "./crypto_helpers.mjs";

async function signIn(baseUrl, user, password) {
  const anon = sdk.createClient({ baseUrl });
  const login = await anon.loginRequest({
    type: "m.login.password",
    identifier: { type: "m.id.user", user },
    password,
    initial_device_display_name: "matrix-js-sdk direct chat check",
  });
  const client = sdk.createClient({ baseUrl, accessToken: login.access_token, userId: login.user_id, deviceId: login.device_id });
  const prepared = new Promise((resolve) => {
    client.on(sdk.ClientEvent.Sync, (state) => {
      if (state === "PREPARED") resolve();
    });
  });
  await client.startClient({ initialSyncLimit: 1, lazyLoadMembers: true });
  await prepared;
  return client;
}

async function main() {
  const baseUrl = env("HM_HOMESERVER");
  const roomId = env("HM_ROOM");

  const friend = await signIn(baseUrl, env("HM_FRIEND"), env("HM_FRIEND_PASSWORD"));
  const friendId = friend.getUserId();

  const reader = await signIn(baseUrl, env("HM_USER"), env("HM_PASSWORD"));
  const direct = await waitFor("the reader's m.direct listing the friend", 30000, () => {
    const content = reader.getAccountData("m.direct")?.getContent() ?? {};
    return (content[friendId] ?? []).includes(roomId) ? content : undefined;
  });
  reader.stopClient();
  await reader.logout(true).catch(() => {});

  const dmInviter = await waitFor("the invitation to the direct chat", 30000, () => {
    const room = friend.getRoom(roomId);
    return room && room.getMyMembership() === "invite" ? room.getDMInviter() ?? "" : undefined;
  });
  await friend.joinRoom(roomId);
  const encryption = await friend.getStateEvent(roomId, "m.room.encryption", "");
  friend.stopClient();
  await friend.logout(true).catch(() => {});

  console.log(
    JSON.stringify({
      friend_id: friendId,
      direct_rooms: direct[friendId],
      other_direct_users: Object.keys(direct).filter((u) => u !== friendId),
      dm_inviter: dmInviter,
      encryption_algorithm: encryption?.algorithm ?? "",
    }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`direct_chat: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
