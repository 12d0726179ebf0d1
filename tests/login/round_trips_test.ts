// The round trips of a login against the real glacier2router, counted at the Connection: a call
// belongs to the round numbered by how many replies had come back when it was sent (distinct
// counts = sequential round trips). Create and join are each 3 after validation: createSession;
// addProxies(SF) with getAdminService/getSessionService/detachOnDestroy; addProxies(services)
// with getEventContext/getSession. A retry after ice_add_proxy would show up as a 4th.
import assert from "node:assert/strict";
import { resolveServer } from "../../src/connection-string.ts";
import { Connection } from "../../src/ice/connection.ts";
import { sessionOpener } from "../../src/omero/session.ts";
import { startTestServer } from "../../testserver/start.ts";
import { acceptAnyPeer } from "../fixtures/accepting-trust.ts";

Deno.test("a fresh login and a join take 3 round trips each after validation", async () => {
  await using server = await startTestServer();
  const open = sessionOpener({
    agent: "OMERO.sessions",
    connectTimeoutMs: 5000,
    callTimeoutMs: 10_000,
    trust: acceptAnyPeer,
  });
  const target = resolveServer(`tcp://127.0.0.1:${server.ports.tcp}`);
  const original = Connection.prototype.invoke;
  let replies = 0;
  let rounds: number[] = [];
  Connection.prototype.invoke = function (invocation) {
    rounds.push(replies);
    return original.call(this, invocation).finally(() => replies++);
  };
  try {
    const created = await open(target, { user: "alice", password: "ome" }, {});
    const createdRounds = [new Set(rounds).size, rounds.length];
    await created.release();
    replies = 0;
    rounds = [];
    const joined = await open(target, { user: created.uuid, password: created.uuid }, {});
    const joinedRounds = [new Set(rounds).size, rounds.length];
    await joined.release();
    // [round trips, calls]: 1 + 4 + 4 calls (addProxies per service in the last round).
    assert.deepEqual(createdRounds, [3, 9]);
    assert.deepEqual(joinedRounds, [3, 9]);
  } finally {
    Connection.prototype.invoke = original;
  }
});
