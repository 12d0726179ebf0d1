// End-to-end: `keepalive` against a test server whose sessions idle out after 3 s.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli, MAIN, spawnCli } from "../login/cli.ts";
import { DENO, runInPty } from "../prompt/pty.ts";

/** 600 s × 0.005 = 3 s of idle time. */
const TIME_SCALE = 0.005;

Deno.test("keepalive: keeps the session past its idle timeout; stops on --for or SIGTERM; fails loudly", async (t) => {
  await using server = await startTestServer({ timeScale: TIME_SCALE });
  const dir = await Deno.makeTempDir({ prefix: "keepalive-" });
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const [aliceDir, bobDir] = [`${dir}/alice`, `${dir}/bob`];
  const login = (userDir: string, user: string, password: string) =>
    cli(userDir, ["login", "-q", "-w", password, `${user}@${tcp}`]);

  await t.step("--for 5s: alive after 5 s while an idle session expired", async () => {
    assert.equal((await login(aliceDir, "alice", "ome")).code, 0);
    assert.equal((await login(bobDir, "bob", "ome")).code, 0);
    const result = await cli(aliceDir, ["-q", "keepalive", "-f", "1", "--for", "5s"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr, "Running keep alive every 1 second\n");
    const alive = await cli(aliceDir, ["timeout"]);
    assert.equal(alive.code, 0, alive.stderr);
    assert.match(alive.stderr, /^Using session for alice@/);
    const idle = await cli(bobDir, ["timeout"]);
    assert.notEqual(idle.code, 0);
    assert.match(idle.stderr, /Previous session expired for bob/);
  });

  await t.step("without a terminal, SIGTERM is the normal stop: exit 0", async () => {
    const running = spawnCli(aliceDir, ["-q", "keepalive", "-f", "1"]);
    await running.until("Running keep alive every 1 second\n", "stderr");
    running.child.kill("SIGTERM");
    const result = await running.finished();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout + result.stderr, "Running keep alive every 1 second\n");
  });

  await t.step("on a terminal, Enter stops it (exit 0); so does Ctrl-C", async () => {
    for (const key of ["\r", "\x03"]) {
      const result = await runInPty([DENO, "run", "-A", MAIN, "-q", "keepalive", "-f", "1"], [
        { expect: "Press enter to cancel." },
        { send: key },
      ], { env: { OMERO_USERDIR: aliceDir, NO_COLOR: "1" } });
      assert.equal(result.error, null, result.output);
      assert.equal(result.code, 0, result.output);
      assert.equal(
        result.output.split("Press enter to cancel.")[0],
        "Running keep alive every 1 second\r\n",
      );
      assert.ok(result.echo && result.canonical, "terminal modes untouched");
    }
  });

  await t.step("a failed keep-alive: Keep alive failed: …, non-zero exit", async () => {
    const running = spawnCli(aliceDir, ["-q", "keepalive", "-f", "1"]);
    await running.until("Running keep alive", "stderr");
    const key = (await cli(aliceDir, ["key"])).stdout.trim();
    const rootDir = `${dir}/root`;
    assert.equal((await login(rootDir, "root", "omero")).code, 0);
    assert.equal((await cli(rootDir, ["-q", "close", key])).code, 0);
    const result = await running.finished();
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /^Running keep alive every 1 second\nKeep alive failed: .+\n$/);
  });

  await t.step("-f must be a positive number of seconds", async () => {
    const result = await cli(aliceDir, ["keepalive", "-f", "0"]);
    assert.equal(result.code, 2, result.stderr);
  });
  await Deno.remove(dir, { recursive: true });
});
