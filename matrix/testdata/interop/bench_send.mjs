// Times matrix-js-sdk sending text messages for `make bench`: each send from
// the call until the server has confirmed it (the event ID is back), one
// after another, as a person types. Warm-up sends are not counted.
//   HM_HOMESERVER, HM_USER_ID, HM_DEVICE_ID, HM_TOKEN (env, never argv)
//   HM_ROOM, HM_SENDS, HM_WARMUP
// Prints one JSON line: {"ms":[...]}

import * as sdk from "matrix-js-sdk";
import { logger } from "matrix-js-sdk/lib/logger.js";

logger.setLevel("warn");

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`missing environment variable ${name}`);
  return v;
};

const client = sdk.createClient({
  baseUrl: env("HM_HOMESERVER"),
  accessToken: env("HM_TOKEN"),
  userId: env("HM_USER_ID"),
  deviceId: env("HM_DEVICE_ID"),
});
const room = env("HM_ROOM");
const sends = Number(env("HM_SENDS"));
const warmup = Number(env("HM_WARMUP"));
const ms = [];
for (let i = 0; i < warmup + sends; i++) {
  const start = performance.now();
  const res = await client.sendMessage(room, { msgtype: "m.text", body: `js-sdk bench ${i}` });
  if (!res.event_id) throw new Error("no event id in the send response");
  if (i >= warmup) ms.push(performance.now() - start);
}
console.log(JSON.stringify({ ms }));
process.exit(0);
