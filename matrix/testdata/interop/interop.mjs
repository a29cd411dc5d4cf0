// An independent Matrix client for matrix/interop_test.go: the reference
// JavaScript SDK (matrix-js-sdk, pinned in package.json) signs in as a user
// the Go test created, joins the room the Go core created, checks that the
// message the Go core sent is there exactly once, and replies. The Go side
// then has to receive that reply through its own Sync loop.
//
// Input comes from the environment (never from the command line, so the
// password does not show up in process listings):
//   HM_HOMESERVER  base URL, e.g. http://127.0.0.1:8008
//   HM_USER        user ID or localpart to sign in as
//   HM_PASSWORD    its password
//   HM_ROOM        room ID to join (the user has been invited)
//   HM_EXPECT      body of the message the Go core sent
//   HM_REPLY       body of the reply to send
// It prints one JSON line with what it saw and did, and exits non-zero with
// a reason on stderr when anything is off.

import * as sdk from "matrix-js-sdk";
import { findMessages } from "./history.mjs";
import { logger } from "matrix-js-sdk/lib/logger.js";

logger.setLevel("warn"); // the SDK logs every request at info level

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`missing environment variable ${name}`);
  return v;
};

async function main() {
  const baseUrl = env("HM_HOMESERVER");
  const roomId = env("HM_ROOM");
  const expect = env("HM_EXPECT");

  const anon = sdk.createClient({ baseUrl });
  const login = await anon.loginRequest({
    type: "m.login.password",
    identifier: { type: "m.id.user", user: env("HM_USER") },
    password: env("HM_PASSWORD"),
    initial_device_display_name: "matrix-js-sdk interop test",
  });
  const client = sdk.createClient({
    baseUrl,
    accessToken: login.access_token,
    userId: login.user_id,
    deviceId: login.device_id,
  });

  await client.joinRoom(roomId);

  // Read the room's history from the server, as a reloading client would.
  const matches = await findMessages(
    client,
    roomId,
    (e) => e.type === "m.room.message" && e.content && e.content.body === expect,
  );
  if (matches.length !== 1) {
    throw new Error(`expected the Go message exactly once, found it ${matches.length} times`);
  }

  const reply = await client.sendMessage(roomId, { msgtype: "m.text", body: env("HM_REPLY") });
  await client.logout(true).catch(() => {}); // tidy up the device; not part of the check

  console.log(
    JSON.stringify({
      user_id: login.user_id,
      seen_event_id: matches[0].event_id,
      seen_sender: matches[0].sender,
      reply_event_id: reply.event_id,
    }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`interop: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
