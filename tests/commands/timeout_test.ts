// End-to-end: `timeout` query and set against the local test server (tcp and ws).
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli } from "../login/cli.ts";

Deno.test("timeout: query, set, another session, command errors", async (t) => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "timeout-" });
  const rootDir = `${dir}/root`;
  const ws = `ws://127.0.0.1:${server.ports.ws}`;
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  assert.equal((await cli(dir, ["login", "-q", "-w", "ome", `alice@${ws}`])).code, 0);
  assert.equal((await cli(rootDir, ["login", "-q", "-w", "omero", `root@${tcp}`])).code, 0);

  await t.step("query prints seconds as omero-py does (600.0), nothing else", async () => {
    const result = await cli(dir, ["-q", "timeout"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "600.0\n");
    assert.equal(result.stderr, "");
  });

  await t.step("set 300 as a plain user over ws, then query", async () => {
    const set = await cli(dir, ["timeout", "300"]);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout, "");
    assert.equal((await cli(dir, ["-q", "timeout"])).stdout, "300.0\n");
  });

  await t.step("a plain user may not disable the timeout: CmdError, exit 1", async () => {
    const result = await cli(dir, ["-q", "timeout", "0"]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stderr, "CmdError: non-admin-disabling\n");
  });

  await t.step("an admin sets another user's session with --session", async () => {
    const key = (await cli(dir, ["key"])).stdout.trim();
    const set = await cli(rootDir, ["-q", "timeout", "120", "--session", key]);
    assert.equal(set.code, 0, set.stderr);
    const query = await cli(rootDir, ["-q", "timeout", "--session", key]);
    assert.equal(query.stdout, "120.0\n");
  });

  await t.step("an unknown session: one line naming it, exit 4", async () => {
    const result = await cli(rootDir, ["-q", "timeout", "--session", "no-such-session"]);
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /^cannot get session: no-such-session \(.+\)\n$/);
  });

  await t.step("a non-integer is a usage error", async () => {
    const result = await cli(rootDir, ["-q", "timeout", "ten"]);
    assert.equal(result.code, 2, result.stderr);
  });
  await Deno.remove(dir, { recursive: true });
});
