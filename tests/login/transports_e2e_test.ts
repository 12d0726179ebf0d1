// End-to-end, table-driven over tcp, ssl, ws and wss against one test server: the main login
// paths with the exact banner on stderr, empty stdout and the store bytes after each path.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import {
  cli,
  hostDir,
  loginTempDir,
  markers,
  readStoreFile,
  serverUrl,
  type Transport,
  TRANSPORTS,
} from "./cli.ts";

Deno.test("login over every transport: Created, Using, Reconnected, Joined, -g, --sudo, -t, -C, -q, logout", async (t) => {
  await using server = await startTestServer();
  for (const transport of TRANSPORTS) {
    await t.step(transport, async () => {
      const dir = await loginTempDir();
      try {
        await mainPaths(dir, transport, server.ports, server.fingerprint256);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  }
});

async function mainPaths(
  dir: string,
  transport: Transport,
  ports: Record<Transport, number>,
  fingerprint256: string,
) {
  const url = serverUrl(ports, transport);
  const port = ports[transport];
  const host = `${transport}://127.0.0.1`;
  const shown = `${host}:${port}`;
  // ssl and wss: the certificate is pinned beforehand, which keeps the first-use notice out of the
  // exact stderr comparisons (trust is tested in tests/trust/).
  if (transport === "ssl" || transport === "wss") {
    await Deno.writeTextFile(`${dir}/known_hosts`, `127.0.0.1:${port} ${fingerprint256}\n`);
  }
  const login = (...args: string[]) => cli(dir, ["login", ...args]);
  const ok = (result: { code: number; stdout: string; stderr: string }, stderr: string) => {
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr, stderr);
  };
  const banner = (action: string, user: string, group: string, idle = "10 min.") =>
    `${action} session for ${user}@${shown}. Idle timeout: ${idle} Current group: ${group}\n`;
  const current = (user: string) => readStoreFile(dir, hostDir(transport), user, "._LASTSESS_");

  ok(await login("-w", "omero", `root@${url}`), banner("Created", "root", "system"));
  const root = current("root");
  assert.equal(
    readStoreFile(dir, hostDir(transport), "root", root),
    `omero.host=${host}\nomero.user=root\nomero.port=${port}\nomero.sess=${root}\n`,
  );
  assert.deepEqual(markers(dir), { host, port: String(port), user: "root", sess: root });

  ok(await login(`root@${url}`), banner("Using", "root", "system"));
  ok(await login("-q", `root@${url}`), "");
  assert.equal(current("root"), root);

  ok(
    await login("-w", "ome", "-g", "imaging", "-t", "300", `alice@${url}`),
    banner("Created", "alice", "imaging", "5 min."),
  );
  const alice = current("alice");
  assert.equal(
    readStoreFile(dir, hostDir(transport), "alice", alice),
    `omero.group=imaging\nomero.host=${host}\nomero.user=alice\nomero.port=${port}\n` +
      `omero.timeout=300\nomero.sess=${alice}\n`,
  );

  // Another user becomes current; alice's stored session is then found again by server+user.
  ok(await login("-w", "omero", "-C", `root@${url}`), banner("Created", "root", "system"));
  assert.notEqual(current("root"), root);
  ok(
    await login("-g", "imaging", `alice@${url}`),
    banner("Reconnected to", "alice", "imaging", "5 min."),
  );
  assert.deepEqual(markers(dir), { host, port: String(port), user: "alice", sess: alice });

  ok(await login("-k", root, url), banner("Joined", "root", "system"));
  assert.equal(markers(dir).sess, root);

  const refused = await login("-C", "-w", "ome", "-g", "public", `alice@${url}`);
  assert.equal(refused.code, 7, refused.stderr);
  assert.match(refused.stderr, /^SecurityViolation: .*\n$/);

  ok(
    await login("-C", "-w", "omero", "--sudo", "root", `bob@${url}`),
    banner("Created", "bob", "public"),
  );
  const bob = current("bob");
  assert.equal(
    readStoreFile(dir, hostDir(transport), "bob", bob),
    `omero.host=${host}\nomero.user=bob\nomero.port=${port}\nomero.sess=${bob}\nomero.sudo=root\n`,
  );
  ok(await login("-C", "-q", "-w", "ome", "--sudo", "owner", `alice@${url}`), "");
  for (const [admin, user] of [["owner", "bob"], ["alice", "bob"]]) {
    const denied = await login("-C", "-w", "ome", "--sudo", admin, `${user}@${url}`);
    assert.equal(denied.code, 7, `${admin} → ${user}: ${denied.stderr}`);
    assert.equal(denied.stderr.split("\n").length, 2, denied.stderr);
  }

  const bad = await login("-k", "00000000-0000-4000-8000-000000000000", url);
  assert.equal(bad.code, 3, bad.stderr);
  assert.equal(
    bad.stderr,
    `Bad session key. Cannot join 00000000-0000-4000-8000-000000000000 on ${shown}.\n`,
  );

  const sessionFile = `${dir}/sessions/${hostDir(transport)}/alice/${current("alice")}`;
  const logout = await cli(dir, ["logout"]);
  ok(logout, "");
  assert.throws(() => Deno.statSync(sessionFile));
  assert.equal(markers(dir).sess, undefined);
  assert.equal(markers(dir).user, "alice");
}
