// A login that fails after the server created its session ends that session before it exits:
// `who` as root afterwards shows none of the user's sessions.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startTestServer } from "../../testserver/start.ts";
import { FaultyRelay } from "../robustness/faulty-relay.ts";
import { cli, hostDir, loginTempDir, spawnCli } from "./cli.ts";

async function sessionsOf(rootDir: string, user: string): Promise<number> {
  const who = await cli(rootDir, ["-q", "who", "--json"]);
  assert.equal(who.code, 0, who.stderr);
  const { sessions } = JSON.parse(who.stdout) as { sessions: { user: string }[] };
  return sessions.filter((session) => session.user === user).length;
}

/**
 * Asserts that `user` has no session left. Glacier2 ends a destroyed session on the server
 * asynchronously (after its destroySession answered, or after the connection closed), so under
 * load `who` may still list it for a moment: asked again, a bounded number of times.
 */
async function assertNoSessions(rootDir: string, user: string): Promise<void> {
  let left = await sessionsOf(rootDir, user);
  for (let tries = 0; left > 0 && tries < 30; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = await sessionsOf(rootDir, user);
  }
  assert.equal(left, 0, `${user} still has ${left} session(s) on the server`);
}

Deno.test("a failed login leaves no session on the server", async (t) => {
  await using server = await startTestServer();
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const rootDir = await loginTempDir();
  try {
    assert.equal((await cli(rootDir, ["login", "-q", "-w", "omero", `root@${tcp}`])).code, 0);

    await t.step("a group the user is not a member of (-g public for alice): exit 7", async () => {
      const dir = await loginTempDir();
      try {
        const result = await cli(dir, ["login", "-w", "ome", "-g", "public", `alice@${tcp}`]);
        assert.equal(result.code, 7, result.stderr);
        assert.match(result.stderr, /SecurityViolation: .*not a member of group/);
        await assertNoSessions(rootDir, "alice");
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });

    await t.step("a store that cannot be written: exit 1, nothing stored", async () => {
      const dir = await loginTempDir();
      try {
        // A file where bob's directory of the store should be: not writable, even for root.
        const hostPath = join(dir, "sessions", hostDir("tcp"));
        Deno.mkdirSync(hostPath, { recursive: true });
        Deno.writeTextFileSync(join(hostPath, "bob"), "");
        const result = await cli(dir, ["login", "-w", "ome", `bob@${tcp}`]);
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stderr, /cannot write .*bob/);
        await assertNoSessions(rootDir, "bob");
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });

    await t.step(
      "--sudo: a store that cannot be written ends the session made for the user",
      async () => {
        const dir = await loginTempDir();
        try {
          const hostPath = join(dir, "sessions", hostDir("tcp"));
          Deno.mkdirSync(hostPath, { recursive: true });
          Deno.writeTextFileSync(join(hostPath, "owner"), "");
          const result = await cli(dir, ["login", "--sudo", "root", "-w", "omero", `owner@${tcp}`]);
          assert.equal(result.code, 1, result.stderr);
          await assertNoSessions(rootDir, "owner");
        } finally {
          await Deno.remove(dir, { recursive: true });
        }
      },
    );

    // A relay that stops passing replies on after the first (createSession) or the ninth (the
    // whole join: the -t update is what waits) holds the login between create and store.
    for (const replies of [1, 9]) {
      await t.step(
        `Ctrl-C after ${replies} replies, before the session is stored: exit 130`,
        async () => {
          await using relay = new FaultyRelay(server.ports.tcp, {
            repliesBeforeFault: replies,
            fault: "silence",
          });
          const dir = await loginTempDir();
          try {
            const running = spawnCli(dir, [
              "login",
              "--connect-timeout",
              "1",
              "-t",
              "1234",
              "-w",
              "ome",
              `alice@tcp://127.0.0.1:${relay.port}`,
            ]);
            for (let tries = 0; (await sessionsOf(rootDir, "alice")) === 0; tries++) {
              assert.ok(tries < 100, "the server never created the session");
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
            running.child.kill("SIGINT");
            const result = await running.finished();
            assert.equal(result.code, 130, result.stderr);
            assert.match(result.stderr, /^Cancelled$/m);
            await assertNoSessions(rootDir, "alice");
            assert.ok(
              !existsSync(join(dir, "sessions", hostDir("tcp"), "alice")),
              "nothing stored",
            );
          } finally {
            await Deno.remove(dir, { recursive: true });
          }
        },
      );
    }
  } finally {
    await Deno.remove(rootDir, { recursive: true });
  }
});
