// End-to-end: `exec` against the local test server. Sessions get short idle timeouts (set with
// `timeout`, which exec's keep-alive interval follows) to show that exec keeps them alive.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli, spawnCli } from "../login/cli.ts";

Deno.test("exec: environment, exit status, signals, keep-alive, no session", async (t) => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "exec-" });
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const wss = `wss://127.0.0.1:${server.ports.wss}`;
  const aliceDir = `${dir}/alice`;
  assert.equal(
    (await cli(dir, ["login", "-q", "--insecure", "-w", "omero", `root@${wss}`])).code,
    0,
  );
  assert.equal((await cli(aliceDir, ["login", "-q", "-w", "ome", `alice@${tcp}`])).code, 0);

  await t.step("the session in CMD's environment; CMD's exit status (admin over wss)", async () => {
    const key = (await cli(dir, ["key"])).stdout.trim();
    const script = 'echo "$OMERO_SESSION_KEY $OMERO_HOST $OMERO_PORT $OMERO_SESSIONDIR"; exit 3';
    const result = await cli(dir, ["exec", "--insecure", "--", "sh", "-c", script]);
    assert.equal(result.code, 3, result.stderr);
    assert.equal(result.stdout, `${key} wss://127.0.0.1 ${server.ports.wss} ${dir}/sessions\n`);
  });

  await t.step(
    "the password and the wrapper's variables stay out of CMD's environment",
    async () => {
      const env = {
        OMERO_PASSWORD: "Zq9secret",
        OMERO_SESSIONS_PROGRAM_NAME: "omero",
        EXEC_TEST_KEPT: "kept",
      };
      const result = await cli(aliceDir, ["exec", "--", "env"], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stdout, /Zq9secret|OMERO_PASSWORD|OMERO_SESSIONS_PROGRAM_NAME/);
      assert.match(result.stdout, /^EXEC_TEST_KEPT=kept$/m);
      assert.match(result.stdout, /^OMERO_SESSION_KEY=\S+$/m);
    },
  );

  await t.step("killed by a signal: 128+N", async () => {
    const result = await cli(aliceDir, ["exec", "--", "sh", "-c", "kill -TERM $$"]);
    assert.equal(result.code, 143, result.stderr);
  });

  await t.step("keeps the session alive while CMD runs longer than the idle timeout", async () => {
    assert.equal((await cli(aliceDir, ["-q", "timeout", "3"])).code, 0);
    const result = await cli(aliceDir, ["exec", "--", "sleep", "5"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    const after = await cli(aliceDir, ["timeout"]);
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stderr, /^Using session for alice@/);
    assert.equal((await cli(aliceDir, ["-q", "timeout", "600"])).code, 0);
  });

  await t.step("SIGTERM to exec reaches CMD", async () => {
    const running = spawnCli(aliceDir, [
      "exec",
      "--",
      "sh",
      "-c",
      `trap 'kill $!; exit 42' TERM; echo ready; sleep 30 >/dev/null 2>&1 & wait`,
    ]);
    await running.until("ready");
    const seen = running.stdout();
    running.child.kill("SIGTERM");
    const result = await running.finished();
    assert.equal(seen, "ready\n", result.stderr);
    assert.equal(result.code, 42, result.stderr);
  });

  await t.step("-k KEY with -s: joins that session instead of the current one", async () => {
    const key = (await cli(aliceDir, ["key"])).stdout.trim();
    const result = await cli(`${dir}/other`, [
      "-s",
      tcp,
      "exec",
      "-k",
      key,
      "--",
      "sh",
      "-c",
      'echo "$OMERO_SESSION_KEY"',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${key}\n`);
    const bad = await cli(`${dir}/other`, ["-s", tcp, "exec", "-k", "no-such-key", "--", "true"]);
    assert.equal(bad.code, 3, bad.stderr);
  });

  await t.step("-k KEY stored elsewhere: joined on the current server and port", async () => {
    const key = (await cli(dir, ["key"])).stdout.trim();
    const script = 'echo "$OMERO_SESSION_KEY $OMERO_PORT"';
    const result = await cli(aliceDir, ["exec", "-k", key, "--", "sh", "-c", script]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${key} ${server.ports.tcp}\n`);
    const bad = await cli(aliceDir, ["exec", "-k", "no-such-key", "--", "true"]);
    assert.equal(bad.code, 3, bad.stderr);
  });

  await t.step("no current session: exit 4, CMD not run", async () => {
    const marker = `${dir}/ran`;
    const result = await cli(`${dir}/empty`, ["exec", "--", "touch", marker]);
    assert.equal(result.code, 4, result.stderr);
    assert.equal(result.stdout, "");
    await assert.rejects(Deno.stat(marker), Deno.errors.NotFound);
  });

  await t.step("an expired current session: exit 4, CMD not run", async () => {
    const expiringDir = `${dir}/expiring`;
    assert.equal((await cli(expiringDir, ["login", "-q", "-w", "ome", `bob@${tcp}`])).code, 0);
    assert.equal((await cli(expiringDir, ["-q", "timeout", "2"])).code, 0);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const result = await cli(expiringDir, ["exec", "--", "echo", "ran"]);
    assert.equal(result.code, 4, result.stderr);
    assert.equal(result.stdout, "");
  });

  await t.step("a command that does not exist: 127", async () => {
    const result = await cli(aliceDir, ["exec", "--", "no-such-command-xyz"]);
    assert.equal(result.code, 127, result.stderr);
  });
  await Deno.remove(dir, { recursive: true });
});
