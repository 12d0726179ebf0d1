// End-to-end: `open` against the local test server: admins only, stdout only the new key.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli } from "../login/cli.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n$/;

Deno.test("open: admin creates sessions for users; others are refused", async (t) => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "open-" });
  const aliceDir = `${dir}/alice`;
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const wss = `wss://127.0.0.1:${server.ports.wss}`;
  assert.equal(
    (await cli(dir, ["login", "-q", "--insecure", "-w", "omero", `root@${wss}`])).code,
    0,
  );
  assert.equal((await cli(aliceDir, ["login", "-q", "-w", "ome", `alice@${tcp}`])).code, 0);

  await t.step("admin over wss: the new key alone on stdout, and it can be joined", async () => {
    const result = await cli(dir, [
      "-q",
      "open",
      "--insecure",
      "--user-name",
      "alice",
      "--group-name",
      "imaging",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, UUID);
    assert.match(
      result.stderr,
      /^Session created for user alice in group imaging \(timeToIdle: \d+ sec, timeToLive: \d+ sec\)\n$/,
    );
    const joined = await cli(`${dir}/joiner`, ["login", "-k", result.stdout.trim(), tcp]);
    assert.equal(joined.code, 0, joined.stderr);
    assert.match(joined.stderr, /^Joined session for alice@.* Current group: imaging\n$/);
  });

  await t.step("--user-id, and an unknown group is reported and skipped", async () => {
    const result = await cli(dir, [
      "-q",
      "open",
      "--insecure",
      "--user-id",
      "4",
      "--group-name",
      "nosuchgroup",
      "--timeout",
      "60",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, UUID);
    assert.match(result.stderr, /^Unknown group: nosuchgroup\nSession created for user bob \(/);
    assert.match(result.stderr, /timeToLive: 60 sec\)\n$/);
  });

  await t.step("an unknown user: exit 1, nothing on stdout", async () => {
    const result = await cli(dir, ["-q", "open", "--insecure", "--user-name", "nobody"]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr, "Unknown user: nobody\nNo user found\n");
  });

  await t.step("a plain user: SecurityViolation: Admins only!, exit 7", async () => {
    const result = await cli(aliceDir, ["-q", "open", "--user-name", "bob"]);
    assert.equal(result.code, 7, result.stderr);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr, "SecurityViolation: Admins only!\n");
  });

  await t.step("usage errors: no user, both user options, --timeout without a value", async () => {
    for (
      const args of [
        ["open"],
        ["open", "--user-id", "1", "--user-name", "bob"],
        ["open", "--user-name", "bob", "--timeout"],
      ]
    ) {
      const result = await cli(aliceDir, args);
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    }
  });
  await Deno.remove(dir, { recursive: true });
});
