// `status` against the local OMERO test server: alive (0), closed (4), none (4), unreachable
// (5), as text and as JSON; it never changes the store.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { freePort } from "../../testserver/ports.ts";
import { cli } from "../login/cli.ts";
import { ref } from "../testserver/refclient_helper.ts";

Deno.test("status: alive, closed, none and unreachable, with exit codes 0, 4, 4, 5", async (t) => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "status-e2e-" });
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const userDir = `${dir}/sessions/${encodeURIComponent("tcp://127.0.0.1")}/alice`;

  await t.step("no session", async () => {
    const none = await cli(dir, ["status"]);
    assert.deepEqual([none.code, none.stdout], [4, ""]);
    assert.match(none.stderr, /^no current session/);
    const json = await cli(dir, ["status", "--json"]);
    assert.equal(json.code, 4);
    assert.equal(JSON.parse(json.stdout).state, "none");
  });

  const login = await cli(dir, ["login", "-w", "ome", "-g", "imaging", `alice@${tcp}`]);
  assert.equal(login.code, 0, login.stderr);
  const key = Deno.readTextFileSync(`${userDir}/._LASTSESS_`);

  await t.step("alive", async () => {
    const alive = await cli(dir, ["status"]);
    assert.equal(alive.code, 0, alive.stderr);
    assert.equal(alive.stderr, "");
    assert.match(alive.stdout, new RegExp(`^Session of alice@${tcp} is alive\n`));
    assert.match(alive.stdout, /\nGroup: +imaging\n/);
    assert.match(alive.stdout, /\nIdle timeout: +10 min\.\n/);
    assert.match(alive.stdout, /\nTime left: +10 min\. /);
    const json = await cli(dir, ["status", "--json", "-k", key]);
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.deepEqual(Object.keys(report), [
      "state",
      "server",
      "user",
      "session",
      "group",
      "idleTimeout",
      "timeToLive",
      "timeLeft",
      "started",
      "message",
    ]);
    assert.deepEqual(
      [report.state, report.server, report.user, report.group, report.idleTimeout],
      ["alive", tcp, "alice", "imaging", 600],
    );
    assert.equal(report.timeLeft, 600);
    assert.equal(report.session, key);
  });

  await t.step("closed on the server: 4, and the stored file stays", async () => {
    await ref(server, "tcp", "logout", key);
    const closed = await cli(dir, ["status"]);
    assert.equal(closed.code, 4, closed.stderr);
    assert.equal(closed.stdout, "");
    assert.match(closed.stderr, /has expired or was closed/);
    const json = await cli(dir, ["status", "--json"]);
    assert.equal(json.code, 4);
    assert.deepEqual(
      [JSON.parse(json.stdout).state, JSON.parse(json.stdout).session],
      ["expired", key],
    );
    assert.equal(Deno.readTextFileSync(`${userDir}/._LASTSESS_`), key);
    Deno.statSync(`${userDir}/${key}`);
  });

  await t.step("unreachable: 5", async () => {
    const file = `${userDir}/${key}`;
    const deadPort = await freePort();
    Deno.writeTextFileSync(
      file,
      Deno.readTextFileSync(file).replace(/omero\.port=\d+/, `omero.port=${deadPort}`),
    );
    const down = await cli(dir, ["status", "--json"]);
    assert.equal(down.code, 5, down.stderr);
    assert.equal(JSON.parse(down.stdout).state, "unreachable");
    assert.match(down.stderr, /connection refused/);
  });
  await Deno.remove(dir, { recursive: true });
});
