// `logout` and `clear` when things go wrong: a usage or configuration error changes nothing
// (exit 2); a server that cannot be reached or whose certificate is refused still loses the local
// file, with a warning that the session stays alive, and the failure's exit code (5, 6); several
// `clear`s at once each report only what they removed.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../../testserver/ports.ts";
import { startTestServer } from "../../testserver/start.ts";
import { cli, loginTempDir, spawnCli } from "../login/cli.ts";

const STAYS_ALIVE = /stays alive (on the server )?until its idle timeout/;

/** A stored session of `user` on tcp://127.0.0.1:PORT, made current; returns its path. */
function storeSession(dir: string, user: string, uuid: string, port: number, current = true) {
  const host = "tcp://127.0.0.1";
  const userDir = join(dir, "sessions", encodeURIComponent(host), user);
  Deno.mkdirSync(userDir, { recursive: true, mode: 0o700 });
  const path = join(userDir, uuid);
  Deno.writeTextFileSync(
    path,
    `omero.host=${host}\nomero.user=${user}\nomero.port=${port}\nomero.sess=${uuid}\n`,
  );
  if (current) {
    Deno.writeTextFileSync(join(userDir, "._LASTSESS_"), uuid);
    Deno.writeTextFileSync(join(userDir, "..", "._LASTUSER_"), user);
    Deno.writeTextFileSync(join(dir, "sessions", "._LASTHOST_"), host);
    Deno.writeTextFileSync(join(dir, "sessions", "._LASTPORT_"), String(port));
  }
  return path;
}

const uuid = (n: number) => `0b9d4a4e-0000-4000-8000-${String(n).padStart(12, "0")}`;

Deno.test("logout and clear: a bad setting is exit 2 and changes nothing", async () => {
  const dir = await loginTempDir();
  try {
    const path = storeSession(dir, "alice", uuid(1), await freePort());
    for (const command of ["logout", "clear"]) {
      const result = await cli(dir, [command], { env: { OMERO_CONNECT_TIMEOUT: "abc" } });
      assert.equal(result.code, 2, `${command}: ${result.stderr}`);
      assert.match(result.stderr, /OMERO_CONNECT_TIMEOUT/);
      assert.ok(existsSync(path), `${command} must keep the file`);
      assert.equal((await cli(dir, ["key"])).stdout, `${uuid(1)}\n`, "still current");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("logout and clear: an unreachable server removes the file, warns, exit 5", async () => {
  const dir = await loginTempDir();
  try {
    const port = await freePort();
    for (const command of ["logout", "clear"]) {
      const path = storeSession(dir, "alice", uuid(2), port);
      const result = await cli(dir, [command]);
      assert.equal(result.code, 5, `${command}: ${result.stderr}`);
      assert.match(result.stderr, /connection refused/);
      assert.match(result.stderr, STAYS_ALIVE);
      assert.ok(!existsSync(path), `${command} must remove the file`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("logout and clear: a refused certificate removes the file, warns, exit 6", async () => {
  const dir = await loginTempDir();
  try {
    let ports;
    {
      await using first = await startTestServer();
      ports = first.ports;
      for (const user of ["alice", "bob"]) {
        const login = await cli(dir, [
          "login",
          "-q",
          "-w",
          "ome",
          `${user}@ssl://127.0.0.1:${ports.ssl}`,
        ]);
        assert.equal(login.code, 0, login.stderr);
      }
    }
    // Another server on the same port: its certificate is not the one pinned for it.
    await using _second = await startTestServer({ ports });
    const bobFile = (await cli(dir, ["file"])).stdout.trim();
    const logout = await cli(dir, ["logout"]);
    assert.equal(logout.code, 6, logout.stderr);
    assert.match(logout.stderr, STAYS_ALIVE);
    assert.ok(!existsSync(bobFile));
    const clear = await cli(dir, ["clear"]);
    assert.equal(clear.code, 6, clear.stderr);
    assert.match(clear.stderr, STAYS_ALIVE);
    assert.equal(clear.stdout, "1 session cleared\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("logout: a closed session, or one the server says is gone, is exit 0 and silent", async () => {
  await using server = await startTestServer();
  const dir = await loginTempDir();
  try {
    const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
    assert.equal((await cli(dir, ["login", "-q", "-w", "ome", `alice@${tcp}`])).code, 0);
    const closed = await cli(dir, ["logout"]);
    assert.deepEqual([closed.code, closed.stderr], [0, ""]);
    const path = storeSession(dir, "alice", uuid(3), server.ports.tcp);
    const gone = await cli(dir, ["logout"]);
    assert.deepEqual([gone.code, gone.stderr], [0, ""]);
    assert.ok(!existsSync(path));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("clear run by four processes at once: each session is counted by one of them", async () => {
  // A peer that accepts and never answers: every close takes the connect timeout, so the four
  // runs all read the store before any of them removes a file.
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of silent) held.push(conn);
  })();
  const dir = await loginTempDir();
  try {
    const count = 10;
    const port = silent.addr.port;
    for (let i = 0; i < count; i++) storeSession(dir, `user${i % 3}`, uuid(100 + i), port, false);
    const args = ["clear", "--connect-timeout", "2"];
    const runs = Array.from({ length: 4 }, () => spawnCli(dir, args));
    const results = await Promise.all(runs.map((run) => run.finished()));
    let cleared = 0;
    let warned = 0;
    for (const result of results) {
      const match = /^(\d+) sessions? cleared\n$/.exec(result.stdout);
      assert.ok(match, result.stdout);
      cleared += Number(match[1]);
      warned += result.stderr.split("\n").filter((line) => line.startsWith("warning:")).length;
      assert.equal(result.code, Number(match[1]) > 0 ? 5 : 0, result.stderr);
    }
    assert.equal(cleared, count, results.map((r) => r.stdout).join(""));
    assert.equal(warned, count, "each session reported once");
  } finally {
    silent.close();
    await accepting.catch(() => {});
    for (const conn of held) conn.close();
    await Deno.remove(dir, { recursive: true });
  }
});
