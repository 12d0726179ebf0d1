// End-to-end, the remaining login paths with their exact stderr lines and the store
// bytes afterwards: Previously logged in, Previous session expired (on a server whose clock
// runs 1/0.015 times faster: the 10 min idle timeout lasts 9 s), Skipped … property conflicts,
// a key with a conflicting port, the three "since session key set" notices, an unknown key.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli, hostDir, loginTempDir, markers, readStoreFile, serverUrl } from "./cli.ts";

const TIME_SCALE = 0.015;
const IDLE_MS = 600_000 * TIME_SCALE;

Deno.test("login paths and the store after each", async (t) => {
  await using server = await startTestServer({ timeScale: TIME_SCALE });
  const url = serverUrl(server.ports, "tcp");
  const port = server.ports.tcp;
  const host = "tcp://127.0.0.1";
  const shown = `${host}:${port}`;
  const dirs: string[] = [];
  const fresh = async () => {
    dirs.push(await loginTempDir());
    return dirs.at(-1)!;
  };
  const sessionFile = (dir: string, user: string, uuid: string) =>
    readStoreFile(dir, hostDir("tcp"), user, uuid);
  const exists = (dir: string, user: string, uuid: string) => {
    try {
      sessionFile(dir, user, uuid);
      return true;
    } catch {
      return false;
    }
  };
  const banner = (action: string, user: string, group: string) =>
    `${action} session for ${user}@${shown}. Idle timeout: 10 min. Current group: ${group}\n`;

  try {
    await t.step("Previously logged in to … after logout; markers without newline", async () => {
      const dir = await fresh();
      assert.equal((await cli(dir, ["login", "-w", "ome", `bob@${url}`])).code, 0);
      const first = markers(dir).sess!;
      assert.equal((await cli(dir, ["logout"])).code, 0);
      assert.equal(exists(dir, "bob", first), false);
      assert.deepEqual(markers(dir), { host, port: String(port), user: "bob", sess: undefined });
      const again = await cli(dir, ["login", "-w", "ome", `bob@${url}`]);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout, "");
      assert.equal(
        again.stderr,
        `Previously logged in to ${shown} as bob\n` + banner("Created", "bob", "public"),
      );
      const quiet = await cli(dir, ["logout"]).then(() =>
        cli(dir, ["login", "-q", "-w", "ome", `bob@${url}`])
      );
      assert.equal(quiet.stderr, "", "-q hides Previously logged in");
    });

    await t.step("Skipped session … due to property conflicts, then Created", async () => {
      const dir = await fresh();
      await cli(dir, ["login", "-w", "ome", "-g", "imaging", `alice@${url}`]);
      const imaging = markers(dir).sess!;
      await cli(dir, ["login", "-w", "ome", `bob@${url}`]);
      // Another -g conflicts (no -g at all reconnects: tests/login/reuse_rules_e2e_test.ts).
      const result = await cli(dir, ["login", "-w", "ome", "-g", "lab", `alice@${url}`]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(
        result.stderr,
        `Skipped session ${imaging} due to property conflicts: omero.group: imaging!=lab\n` +
          banner("Created", "alice", "lab"),
      );
      const created = markers(dir).sess!;
      assert.equal(
        sessionFile(dir, "alice", created),
        `omero.group=lab\nomero.host=${host}\nomero.user=alice\nomero.port=${port}\n` +
          `omero.sess=${created}\n`,
      );
      assert.ok(exists(dir, "alice", imaging), "a skipped session is kept");
    });

    await t.step("-k with a conflicting port or none: Bad session key, nothing asked", async () => {
      const dir = await fresh();
      await cli(dir, ["login", "-w", "ome", `alice@${url}`]);
      const key = markers(dir).sess!;
      for (const [where, args] of [[`${host}:4063`, [`${host}:4063`]], [host, [host]]]) {
        const result = await cli(dir, ["login", "-k", key, ...args]);
        assert.equal(result.code, 3, result.stderr);
        assert.equal(result.stderr, `Bad session key. Cannot join ${key} on ${where}.\n`);
      }
      assert.ok(exists(dir, "alice", key), "the stored session is kept");
    });

    await t.step("name, password and group with -k: three notices, group ignored", async () => {
      const dir = await fresh();
      await cli(dir, ["login", "-w", "ome", `alice@${url}`]);
      const key = markers(dir).sess!;
      const result = await cli(dir, ["login", "-k", key, "-w", "x", "-g", "imaging", `bob@${url}`]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(
        result.stderr,
        "Overriding name since session key set\nIgnoring group since session key set\n" +
          "Ignoring password since session key set\n" + banner("Joined", "alice", "lab"),
      );
      const quiet = await cli(dir, ["login", "-q", "-k", key, "-w", "x", `bob@${url}`]);
      assert.equal(quiet.stderr, "");
      assert.deepEqual(markers(dir), { host, port: String(port), user: "alice", sess: key });
    });

    await t.step("an unknown key: Bad session key, no file written", async () => {
      const dir = await fresh();
      const key = "11111111-2222-4333-8444-555566667777";
      const result = await cli(dir, ["login", "-k", key, url]);
      assert.equal(result.code, 3, result.stderr);
      assert.equal(result.stderr, `Bad session key. Cannot join ${key} on ${shown}.\n`);
      assert.deepEqual(markers(dir), {
        host: undefined,
        port: undefined,
        user: undefined,
        sess: undefined,
      });
    });

    await t.step("Previous session expired for … (also with -q), then Created", async () => {
      const dir = await fresh();
      await cli(dir, ["login", "-w", "omero", `root@${url}`]);
      const expired = markers(dir).sess!;
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 1500));
      const result = await cli(dir, ["login", "-q", "-w", "omero", `root@${url}`]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, `Previous session expired for root on ${shown}\n`);
      assert.equal(exists(dir, "root", expired), false, "the expired session is removed");
      const created = markers(dir).sess!;
      assert.notEqual(created, expired);
      assert.equal(
        sessionFile(dir, "root", created),
        `omero.host=${host}\nomero.user=root\nomero.port=${port}\nomero.sess=${created}\n`,
      );
    });
  } finally {
    for (const dir of dirs) await Deno.remove(dir, { recursive: true });
  }
});
