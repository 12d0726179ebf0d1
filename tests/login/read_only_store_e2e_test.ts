// Markers and session files are written only when their content changes: a login that reuses
// the current session has nothing to write, so it succeeds where the store cannot be written.
// The CLI runs without Deno's write permission, which refuses every write (also as root, where
// file modes would not).
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli, loginTempDir, markers, serverUrl } from "./cli.ts";

const NO_WRITE = ["--allow-read", "--allow-env", "--allow-net", "--allow-sys", "--no-prompt"];

Deno.test("a reuse login on a store it cannot write succeeds and changes nothing", async () => {
  await using server = await startTestServer();
  const dir = await loginTempDir();
  try {
    const tcp = serverUrl(server.ports, "tcp");
    const first = await cli(dir, ["login", "-w", "ome", `alice@${tcp}`]);
    assert.equal(first.code, 0, first.stderr);
    const before = markers(dir);

    const reuse = await cli(dir, ["login", `alice@${tcp}`], { permissions: NO_WRITE });
    assert.equal(reuse.code, 0, reuse.stderr);
    assert.match(reuse.stderr, /^Using session for alice@/u);
    assert.deepEqual(markers(dir), before);

    // The same login where something does change (a fresh session) must fail, not pretend.
    const create = await cli(dir, ["login", "-C", "-w", "ome", `alice@${tcp}`], {
      permissions: NO_WRITE,
    });
    assert.notEqual(create.code, 0);
    assert.deepEqual(markers(dir), before);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
