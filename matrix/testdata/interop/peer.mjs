// A second, independent Matrix client for the browser tests (browsertest/):
// the reference JavaScript SDK checks what the guide's live client did in a
// real browser, from the outside. It shares this folder's pinned
// matrix-js-sdk with interop.mjs.
//
// Input comes from the environment, never the command line (passwords stay
// out of process listings):
//   HM_HOMESERVER  base URL, e.g. http://127.0.0.1:8008
//   HM_USER        user to sign in as (localpart or user ID)
//   HM_PASSWORD    its password
//   HM_ACCESS_TOKEN instead of HM_USER and HM_PASSWORD: a session got
//                  elsewhere (on a server that signs people in through an
//                  OAuth 2.0 authorization server, where there is no
//                  password login); it is not logged out afterwards
//   HM_MODE        "room": join HM_ROOM (an address or ID) and read it;
//                  "invite": wait for an invitation, accept it and read the room
//   HM_ROOM        for "room" mode
//   HM_EXPECT      body of the message the browser sent; several bodies,
//                  one per line, must each be there exactly once
//   HM_SENDER      user ID that must have sent it
//   HM_REPLY       optional: a reply to send once the message is found
// It prints one JSON line and exits 0, or explains on stderr and exits 1.
// The message must be in the room exactly once: a duplicate would mean a
// retry was not deduplicated.

import * as sdk from "matrix-js-sdk";
import { findMessages } from "./history.mjs";
import { logger } from "matrix-js-sdk/lib/logger.js";

logger.setLevel("warn");

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined || v === "") throw new Error(`missing environment variable ${name}`);
  return v;
};

// waitForInvite syncs until the server reports an invitation and returns
// its room ID.
async function waitForInvite(client, timeoutMs) {
  await client.startClient({ initialSyncLimit: 1, lazyLoadMembers: true });
  try {
    return await new Promise((resolve, reject) => {
      const check = () => {
        const invited = client.getRooms().find((r) => r.getMyMembership() === "invite");
        if (invited) resolve(invited.roomId);
      };
      client.on(sdk.ClientEvent.Sync, check);
      client.on(sdk.ClientEvent.Room, check);
      client.on(sdk.RoomEvent.MyMembership, check);
      check();
      setTimeout(() => reject(new Error(`no invitation within ${timeoutMs / 1000}s`)), timeoutMs);
    });
  } finally {
    client.stopClient();
  }
}

async function main() {
  const baseUrl = env("HM_HOMESERVER");
  const expect = env("HM_EXPECT");
  const sender = env("HM_SENDER");
  const mode = env("HM_MODE");

  const given = process.env.HM_ACCESS_TOKEN;
  let login;
  if (given) {
    const who = await sdk.createClient({ baseUrl, accessToken: given }).whoami();
    login = { access_token: given, user_id: who.user_id, device_id: who.device_id };
  } else {
    const anon = sdk.createClient({ baseUrl });
    login = await anon.loginRequest({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: env("HM_USER") },
      password: env("HM_PASSWORD"),
      initial_device_display_name: "matrix-js-sdk browser test peer",
    });
  }
  const client = sdk.createClient({
    baseUrl,
    accessToken: login.access_token,
    userId: login.user_id,
    deviceId: login.device_id,
  });

  let roomId;
  if (mode === "room") {
    roomId = (await client.joinRoom(env("HM_ROOM"))).roomId;
  } else if (mode === "invite") {
    roomId = await waitForInvite(client, 60000);
    await client.joinRoom(roomId);
  } else {
    throw new Error(`unknown HM_MODE ${mode}`);
  }

  // Read the room as the server stores it.
  let matches = [];
  for (const body of expect.split("\n")) {
    const found = await findMessages(
      client,
      roomId,
      (e) => e.type === "m.room.message" && e.sender === sender && e.content && e.content.body === body,
    );
    if (found.length !== 1) {
      throw new Error(`expected ${sender}'s message ${JSON.stringify(body)} exactly once in ${roomId}, found it ${found.length} times`);
    }
    matches = matches.concat(found);
  }

  let replyEventId = "";
  if (process.env.HM_REPLY) {
    replyEventId = (await client.sendMessage(roomId, { msgtype: "m.text", body: process.env.HM_REPLY })).event_id;
  }
  if (!given) await client.logout(true).catch(() => {}); // tidy up the device; not part of the check

  console.log(
    JSON.stringify({
      user_id: login.user_id,
      room_id: roomId,
      seen_event_id: matches[0].event_id,
      reply_event_id: replyEventId,
    }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`peer: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
