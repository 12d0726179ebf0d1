// `list` against the local OMERO test server: live rows, purge of sessions the server ended,
// Unreachable rows kept, the current session unchanged; the checks join once per server and
// user and try a dead (refusing or blackholed) server once.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { freePort } from "../../testserver/ports.ts";
import { limiter } from "../../src/check/limiter.ts";
import { checkStoredSessions } from "../../src/check/stored-sessions-check.ts";
import { silentServer } from "../ice/transport/servers.ts";
import { joinFixture } from "./stored-sessions.ts";
import { cli, readStoreFile } from "../login/cli.ts";

const MARKERS = ["._LASTHOST_", "._LASTPORT_"];

function storeDir(userDir: string): string {
  return `${userDir}/sessions`;
}

function markerSnapshot(userDir: string): string[] {
  const read = (path: string) => {
    try {
      return Deno.readTextFileSync(path);
    } catch {
      return "(missing)";
    }
  };
  const host = read(`${storeDir(userDir)}/._LASTHOST_`);
  const hostDir = `${storeDir(userDir)}/${encodeURIComponent(host)}`;
  const user = read(`${hostDir}/._LASTUSER_`);
  return [
    ...MARKERS.map((m) => read(`${storeDir(userDir)}/${m}`)),
    user,
    read(`${hostDir}/${user}/._LASTSESS_`),
  ];
}

/** A session file for a server nobody listens on. */
function writeSession(userDir: string, host: string, user: string, uuid: string, port: number) {
  const dir = `${storeDir(userDir)}/${encodeURIComponent(host)}/${user}`;
  Deno.mkdirSync(dir, { recursive: true, mode: 0o700 });
  Deno.writeTextFileSync(
    `${dir}/${uuid}`,
    `omero.host=${host}\nomero.user=${user}\nomero.port=${port}\nomero.sess=${uuid}\n`,
  );
}

function lastSession(userDir: string, host: string, user: string): string {
  return readStoreFile(userDir, encodeURIComponent(host), user, "._LASTSESS_");
}

Deno.test("list: live rows, closed sessions purged, unreachable kept, current unchanged", async () => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "list-e2e-" });
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const ws = `ws://127.0.0.1:${server.ports.ws}`;
  // owner's session is closed on the server but its file is put back: the server says "gone".
  assert.equal((await cli(dir, ["login", "-w", "ome", `owner@${tcp}`])).code, 0);
  const ownerKey = lastSession(dir, "tcp://127.0.0.1", "owner");
  const ownerFile = readStoreFile(dir, encodeURIComponent("tcp://127.0.0.1"), "owner", ownerKey);
  assert.equal((await cli(dir, ["logout"])).code, 0);
  Deno.writeTextFileSync(
    `${storeDir(dir)}/${encodeURIComponent("tcp://127.0.0.1")}/owner/${ownerKey}`,
    ownerFile,
  );
  const deadPort = await freePort();
  const deadKey = "0b9d4a4e-0000-4000-8000-000000000001";
  writeSession(dir, "tcp://127.0.0.1", "carol", deadKey, deadPort);
  for (const target of [`alice@${tcp}`, `bob@${tcp}`, `root@${ws}`]) {
    const login = await cli(dir, [
      "login",
      "-w",
      target.startsWith("root") ? "omero" : "ome",
      target,
    ]);
    assert.equal(login.code, 0, login.stderr);
  }
  const before = markerSnapshot(dir);

  const checked = await cli(dir, ["list", "--no-purge", "--json"]);
  assert.equal(checked.code, 0, checked.stderr);
  const rows = JSON.parse(checked.stdout).sessions;
  const refused = (active: string) => /^Password check failed/.test(active) ? "refused" : active;
  assert.deepEqual(
    rows.map((
      r: Record<string, string>,
    ) => [r.server, r.user, r.group, refused(r.active), r.current]),
    [
      [tcp, "alice", "lab", "True", false],
      [tcp, "bob", "public", "True", false],
      [`tcp://127.0.0.1:${deadPort}`, "carol", null, "Unreachable", false],
      [tcp, "owner", null, "refused", false],
      [ws, "root", "system", "True", true],
    ].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  );
  assert.ok(
    rows.filter((r: { active: string }) => r.active === "True").every((r: { started: string }) =>
      !Number.isNaN(Date.parse(r.started))
    ),
  );
  assert.match(checked.stderr, new RegExp(`127\\.0\\.0\\.1:${deadPort}: connection refused`));

  const purged = await cli(dir, ["list"]);
  assert.equal(purged.code, 0, purged.stderr);
  const lines = purged.stdout.split("\n");
  assert.equal(lines.at(-2), "(4 rows)");
  assert.ok(!purged.stdout.includes(ownerKey), "the closed session is purged");
  assert.match(purged.stdout, new RegExp(`${deadKey} \\| Unreachable +\\| Unknown +\\n`));
  assert.match(
    purged.stdout,
    / root +\| system +\| \S+ \| Logged in +\| \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} /,
  );
  assert.throws(() => readStoreFile(dir, encodeURIComponent("tcp://127.0.0.1"), "owner", ownerKey));
  assert.ok(readStoreFile(dir, encodeURIComponent("tcp://127.0.0.1"), "carol", deadKey));
  assert.deepEqual(markerSnapshot(dir), before, "list never changes the current session");
  await Deno.remove(dir, { recursive: true });
});

/** Rows are ordered by host, then port, then user. */
function sortKey(row: unknown[]): string {
  const server = String(row[0]);
  const [, host, port] = /^(.*):(\d+)$/.exec(server)!;
  return `${host} ${port.padStart(5, "0")} ${row[1]}`;
}

Deno.test("list checks: one join per server and user, one attempt per dead server", async () => {
  await using server = await startTestServer();
  await using blackhole = silentServer();
  const { joined, counting, login, stored } = joinFixture(server, 500);
  const alice = [await login("alice"), await login("alice"), await login("alice")];
  const bob = await login("bob");
  const closed = await login("alice");
  await closed.closeServerSession();
  const deadPort = await freePort();
  const sessions = [
    stored("alice", alice[0].uuid),
    stored("alice", alice[1].uuid),
    stored("alice", closed.uuid),
    // Stored under alice but bob's: alice's answer does not list it, yet it is alive.
    stored("alice", bob.uuid),
    stored("alice", alice[2].uuid),
    stored("bob", bob.uuid),
    stored("alice", "0b9d4a4e-0000-4000-8000-000000000001", deadPort),
    stored("bob", "0b9d4a4e-0000-4000-8000-000000000002", deadPort),
    stored("carol", "0b9d4a4e-0000-4000-8000-000000000003", deadPort),
    stored("alice", "0b9d4a4e-0000-4000-8000-000000000004", blackhole.port),
    stored("bob", "0b9d4a4e-0000-4000-8000-000000000005", blackhole.port),
  ];
  let settled = 0;
  const checks = await checkStoredSessions(sessions, counting, {
    isCurrent: (s) => s.uuid === alice[1].uuid,
    onSettled: () => settled++,
  });
  for (const session of [...alice, bob]) await session.release();

  assert.equal(settled, sessions.length);
  assert.deepEqual(checks.map((check) => check.state), [
    "alive",
    "alive",
    "gone",
    "alive",
    "alive",
    "alive",
    "unreachable",
    "unreachable",
    "unreachable",
    "unreachable",
    "unreachable",
  ]);
  const live = checks.flatMap((check) => check.state === "alive" ? [check] : []);
  assert.deepEqual(live.map((check) => check.eventContext.userName), [
    "alice",
    "alice",
    "bob",
    "alice",
    "bob",
  ]);
  assert.deepEqual(
    live.map((check) => check.info.uuid),
    [alice[0].uuid, alice[1].uuid, bob.uuid, alice[2].uuid, bob.uuid],
  );
  assert.ok(live.every((check) => check.info.started! > 0 && check.eventContext.groupName));
  // alice: her current session, then the two keys her server did not list; bob: one; each
  // dead server: one attempt for all its sessions.
  const at = (port: number) => joined.filter((entry) => entry.startsWith(`${port} `)).sort();
  assert.deepEqual(
    at(server.ports.tcp),
    [alice[1].uuid, bob.uuid, bob.uuid, closed.uuid].map(
      (uuid) => `${server.ports.tcp} ${uuid}`,
    ).sort(),
  );
  assert.equal(joined[0], `${server.ports.tcp} ${alice[1].uuid}`, "the current session first");
  assert.equal(at(deadPort).length, 1);
  assert.equal(at(blackhole.port).length, 1);
  assert.equal(joined.length, 6);
});

Deno.test("limiter: at most `limit` pieces of work at once, all of them done", async () => {
  const limit = limiter(3);
  let inFlight = 0;
  let most = 0;
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    limit(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return i;
    })));
  assert.deepEqual(results, [...Array(10).keys()]);
  assert.equal(most, 3);
});
