// Counts messages in a room with the reference JavaScript SDK, for
// matrix/faults_test.go: an independent reader that pages through the whole
// room history and reports how many times each body starting with a prefix
// appears, so the Go test can tell lost messages from duplicated ones.
//
// Input comes from the environment (an access token must not show up in
// process listings):
//   HM_HOMESERVER  base URL, e.g. http://127.0.0.1:8008
//   HM_USER_ID     the reader's user ID (a member of the room)
//   HM_TOKEN       the reader's access token
//   HM_ROOM        room ID to read
//   HM_PREFIX      only bodies starting with this are counted
// It prints one JSON line: {"counts": {"<body>": <n>, ...}, "pages": <n>}.

import * as sdk from "matrix-js-sdk";
import { logger } from "matrix-js-sdk/lib/logger.js";

logger.setLevel("warn");

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`missing environment variable ${name}`);
  return v;
};

async function main() {
  const client = sdk.createClient({
    baseUrl: env("HM_HOMESERVER"),
    accessToken: env("HM_TOKEN"),
    userId: env("HM_USER_ID"),
  });
  const roomId = env("HM_ROOM");
  const prefix = env("HM_PREFIX");

  const counts = {};
  let from = null;
  let pages = 0;
  // Bounded: a room of a few hundred events needs a handful of pages.
  for (; pages < 100; pages++) {
    const page = await client.createMessagesRequest(roomId, from, 100, sdk.Direction.Backward);
    for (const e of page.chunk) {
      const body = e.type === "m.room.message" && e.content ? e.content.body : undefined;
      if (typeof body === "string" && body.startsWith(prefix)) {
        counts[body] = (counts[body] || 0) + 1;
      }
    }
    if (!page.end || page.chunk.length === 0) break;
    from = page.end;
  }
  console.log(JSON.stringify({ counts, pages: pages + 1 }));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`count: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
