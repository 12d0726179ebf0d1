// `clear` against the local OMERO test server: the server sessions are really closed (a later
// join is refused), files and `._LASTSESS_` markers go, an unreachable server is reported; one
// join per server and user closes the group's sessions.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { startTestServer } from "../../testserver/start.ts";
import { freePort } from "../../testserver/ports.ts";
import { closeStoredSessions } from "../../src/check/close-stored-sessions.ts";
import { joinSession } from "../../src/omero/session.ts";
import { joinFixture } from "./stored-sessions.ts";
import { cli } from "../login/cli.ts";

Deno.test("clear closes every stored session on its server, then removes the files", async () => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "clear-e2e-" });
  const sessions = `${dir}/sessions`;
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const ws = `ws://127.0.0.1:${server.ports.ws}`;
  const keys: [string, string][] = [];
  for (const [user, url] of [["alice", tcp], ["bob", ws]]) {
    const login = await cli(dir, ["login", "-w", "ome", `${user}@${url}`]);
    assert.equal(login.code, 0, login.stderr);
    const host = encodeURIComponent(url.replace(/:\d+$/, ""));
    keys.push([Deno.readTextFileSync(`${sessions}/${host}/${user}/._LASTSESS_`), url]);
  }
  const deadPort = await freePort();
  const deadDir = `${sessions}/${encodeURIComponent("tcp://127.0.0.1")}/carol`;
  const deadKey = "0b9d4a4e-0000-4000-8000-000000000002";
  Deno.mkdirSync(deadDir, { recursive: true });
  Deno.writeTextFileSync(
    `${deadDir}/${deadKey}`,
    `omero.host=tcp://127.0.0.1\nomero.user=carol\nomero.port=${deadPort}\nomero.sess=${deadKey}\n`,
  );

  const cleared = await cli(dir, ["sessions", "clear"]);
  // The unreachable server's session stays alive: removed locally, and the exit code says so.
  assert.equal(cleared.code, 5, cleared.stderr);
  assert.equal(cleared.stdout, "3 sessions cleared\n");
  const [warning, summary, ...rest] = cleared.stderr.trim().split("\n");
  assert.match(warning, new RegExp(`could not close carol's session ${deadKey}`));
  assert.match(summary, /^1 session could not be closed on the server: .*connection refused/);
  assert.deepEqual(rest, [], cleared.stderr);
  assert.ok(!existsSync(`${deadDir}/${deadKey}`));
  for (const [key, url] of keys) {
    const rejoin = await cli(dir, ["login", "-k", key, url]);
    assert.equal(rejoin.code, 3, `${url}: ${rejoin.stderr}`);
    assert.match(rejoin.stderr, /^Bad session key\. Cannot join /);
  }
  const key = await cli(dir, ["key"]);
  assert.equal(key.code, 4, "no marker points at a removed session");

  const again = await cli(dir, ["clear", "--all"]);
  assert.deepEqual([again.code, again.stdout], [0, "0 sessions cleared\n"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("clear joins once per server and user; a key of another user gets its own join", async () => {
  await using server = await startTestServer();
  const { open, tcp, joined, counting, login, stored } = joinFixture(server, 5000);
  const alice = [await login("alice"), await login("alice"), await login("alice")];
  const bob = await login("bob");
  const deadPort = await freePort();
  const sessions = [
    ...alice.map((session) => stored("alice", session.uuid)),
    stored("alice", bob.uuid), // alice may not close it: it is bob's
    stored("alice", "0b9d4a4e-0000-4000-8000-000000000006", deadPort),
    stored("bob", "0b9d4a4e-0000-4000-8000-000000000007", deadPort),
  ];
  for (const session of [...alice, bob]) await session.release();
  const failures = await closeStoredSessions(sessions, counting);
  assert.deepEqual(failures.map((failure) => failure === undefined), [
    true,
    true,
    true,
    true,
    false,
    false,
  ]);
  assert.deepEqual(
    joined.sort(),
    [
      `${deadPort} 0b9d4a4e-0000-4000-8000-000000000006`,
      `${server.ports.tcp} ${alice[0].uuid}`,
      `${server.ports.tcp} ${bob.uuid}`,
    ].sort(),
  );
  for (const { uuid } of sessions.slice(0, 4)) {
    await assert.rejects(joinSession(open, tcp, uuid), `${uuid} is closed on the server`);
  }
});
