// Reading a room's history right after joining it, shared by the scripts.
//
// Dendrite answers /messages from its sync database, which learns of a join a
// moment after the join request returns. Until it has, history visibility
// hides the room's past from the new member and the page comes back without
// the messages. So a read that finds nothing is repeated for a few seconds;
// a read that finds something is final (a duplicate is never waited away).
import * as sdk from "matrix-js-sdk";

export async function findMessages(client, roomId, match, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await client.createMessagesRequest(roomId, null, 100, sdk.Direction.Backward);
    const found = page.chunk.filter(match);
    if (found.length > 0 || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
