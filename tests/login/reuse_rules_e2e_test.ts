// Reuse rules that omero-py applies inconsistently, made one rule:
// a stored `-g` group is reused by a login without `-g` in the `Reconnected to` path as in the
// `Using` path, and a port matches when it names the same port (the URL's own port, or the
// transport's default), in the `Using`, `Reconnected to` and `-k` paths alike. Also for `Using`:
// a current session whose file is gone is "expired", even when `-g` is given.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli, loginTempDir, markers, readStoreFile, serverUrl } from "./cli.ts";

Deno.test("login reuse: one group rule and one port rule in every path", async (t) => {
  await using server = await startTestServer();
  const tcp = serverUrl(server.ports, "tcp");
  const dirs: string[] = [];
  const fresh = async () => {
    dirs.push(await loginTempDir());
    return dirs.at(-1)!;
  };
  try {
    await t.step("a session stored with -g is reconnected by a login without -g", async () => {
      const dir = await fresh();
      assert.equal(
        (await cli(dir, ["login", "-w", "ome", "-g", "imaging", `alice@${tcp}`])).code,
        0,
      );
      const imaging = markers(dir).sess!;
      assert.equal((await cli(dir, ["login", "-w", "ome", `bob@${tcp}`])).code, 0);
      const result = await cli(dir, ["login", `alice@${tcp}`]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(
        result.stderr,
        `Reconnected to session for alice@${tcp}. Idle timeout: 10 min. Current group: imaging\n`,
      );
      assert.equal(markers(dir).sess, imaging);
    });

    await t.step("-g with the current session's file gone: Previous session expired", async () => {
      const dir = await fresh();
      assert.equal((await cli(dir, ["login", "-w", "ome", `alice@${tcp}`])).code, 0);
      const gone = markers(dir).sess!;
      await Deno.remove(`${dir}/sessions/${encodeURIComponent("tcp://127.0.0.1")}/alice/${gone}`);
      const result = await cli(dir, ["login", "-w", "ome", "-g", "lab", `alice@${tcp}`]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(
        result.stderr,
        `Previous session expired for alice on ${tcp}\n` +
          `Created session for alice@${tcp}. Idle timeout: 10 min. Current group: lab\n`,
      );
    });

    // The port stays inside a URL that has a path, so the file has no omero.port line.
    const ws = `ws://127.0.0.1:${server.ports.ws}/omero-ws`;
    const wsPort = String(server.ports.ws);
    const wsBanner = (action: string) =>
      `${action} session for alice@${ws}:${wsPort}. Idle timeout: 10 min. Current group: lab\n`;

    await t.step(
      "-p naming the URL's own port reconnects to a session stored without one",
      async () => {
        const dir = await fresh();
        assert.equal((await cli(dir, ["login", "-w", "ome", `alice@${ws}`])).code, 0);
        const alice = markers(dir).sess!;
        assert.equal(
          readStoreFile(dir, encodeURIComponent(ws), "alice", alice),
          `omero.host=${ws}\nomero.user=alice\nomero.sess=${alice}\n`,
        );
        const using = await cli(dir, ["login", `alice@${ws}`, "-p", wsPort]);
        assert.equal(using.stderr, wsBanner("Using"));
        assert.equal((await cli(dir, ["login", "-w", "ome", `bob@${tcp}`])).code, 0);
        const reconnected = await cli(dir, ["login", `alice@${ws}`, "-p", wsPort]);
        assert.equal(reconnected.code, 0, reconnected.stderr);
        assert.equal(reconnected.stderr, wsBanner("Reconnected to"));
        assert.equal(markers(dir).sess, alice);
      },
    );

    await t.step("-k with -p naming the URL's own port joins the stored session", async () => {
      const dir = await fresh();
      assert.equal((await cli(dir, ["login", "-w", "ome", `alice@${ws}`])).code, 0);
      const alice = markers(dir).sess!;
      const joined = await cli(dir, ["login", "-k", alice, ws, "-p", wsPort]);
      assert.equal(joined.code, 0, joined.stderr);
      assert.equal(joined.stderr, wsBanner("Joined"));
    });
  } finally {
    for (const dir of dirs) await Deno.remove(dir, { recursive: true });
  }
});
