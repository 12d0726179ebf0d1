// End-to-end: `close` against the local test server.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli } from "../login/cli.ts";

Deno.test("close: ends a server session by key; unknown keys and refusals", async (t) => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "close-" });
  const ssl = `ssl://127.0.0.1:${server.ports.ssl}`;
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const [aliceDir, bobDir] = [`${dir}/alice`, `${dir}/bob`];
  assert.equal(
    (await cli(dir, ["login", "-q", "--insecure", "-w", "omero", `root@${ssl}`])).code,
    0,
  );
  assert.equal((await cli(aliceDir, ["login", "-q", "-w", "ome", `alice@${tcp}`])).code, 0);
  assert.equal((await cli(bobDir, ["login", "-q", "-w", "ome", `bob@${tcp}`])).code, 0);
  const aliceKey = (await cli(aliceDir, ["key"])).stdout.trim();

  await t.step("a plain user cannot close another user's session: exit 7", async () => {
    const result = await cli(bobDir, ["-q", "close", aliceKey]);
    assert.equal(result.code, 7, result.stderr);
    assert.match(result.stderr, /^SecurityViolation: /);
  });

  await t.step("admin over ssl closes it; the key no longer joins", async () => {
    const result = await cli(dir, ["-q", "close", "--insecure", aliceKey]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `Session ${aliceKey} closed.\n`);
    const rejoin = await cli(`${dir}/x`, ["login", "-k", aliceKey, tcp]);
    assert.equal(rejoin.code, 3, rejoin.stderr);
  });

  await t.step("unknown or missing key: a note on stderr, exit 0 (as omero-py)", async () => {
    for (const args of [["close", "--insecure", "no-such-key"], ["close", "--insecure"]]) {
      const result = await cli(dir, ["-q", ...args]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, "");
      assert.equal(result.stderr, "No session with the given ID found.\n");
    }
  });

  await t.step("a user closes their own current session", async () => {
    const bobKey = (await cli(bobDir, ["key"])).stdout.trim();
    const result = await cli(bobDir, ["-q", "close", bobKey]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `Session ${bobKey} closed.\n`);
  });
  await Deno.remove(dir, { recursive: true });
});
